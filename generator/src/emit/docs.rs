//! Doc text from the spec → `#[doc]` attributes that rustdoc renders
//! cleanly and that can never run as doctests or break out of the comment.
//!
//! The text travels as a string literal (quote escapes it), so no character
//! can end the attribute. What remains is Markdown hygiene: code blocks are
//! marked `text`, indentation that would start a Rust code block is removed,
//! brackets are escaped (no broken intra-doc links), bare URLs are wrapped and
//! stray `<` are escaped (no invalid HTML).

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Docs;

/// `#[doc]` attributes for documentation from the spec, with `fallback` when empty.
pub fn doc_attrs(docs: &Docs, fallback: &str) -> TokenStream {
    let mut lines = Vec::new();
    if let Some(title) = docs.title.as_deref().filter(|t| !t.trim().is_empty()) {
        lines.push(title.trim().to_owned());
    }
    if let Some(description) = docs.description.as_deref().filter(|d| !d.trim().is_empty()) {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(description.trim_end().to_owned());
    }
    if lines.is_empty() {
        lines.push(fallback.to_owned());
    }
    let mut text = sanitize(&lines.join("\n"));
    if let Some(default) = &docs.default {
        text.push_str(&format!(
            "\n\nDefault: `{}`",
            inline_code(&default.to_string())
        ));
    }
    if let Some(example) = &docs.example {
        text.push_str(&format!(
            "\n\nExample: `{}`",
            inline_code(&example.to_string())
        ));
    }
    text_attrs(&text)
}

/// `#[doc]` attributes for text already in Markdown we wrote.
pub fn text_attrs(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #( #[doc = #lines] )* }
}

/// Inner `#![doc]` attributes, for module docs.
pub fn inner_attrs(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #( #![doc = #lines] )* }
}

/// One attribute per line, with the space a `///` comment would have.
fn doc_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            }
        })
        .collect()
}

/// Makes Markdown from the spec safe for rustdoc.
pub fn sanitize(text: &str) -> String {
    // Control characters (NUL, escape sequences) have no place in docs.
    // Tabs become four spaces, as rustdoc asks.
    let text: String = text
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect::<String>()
        .replace('\t', "    ");
    let mut out = Vec::new();
    let mut fenced = false;
    // Width of the marker of the list item the text is in (`- ` is 2), so a
    // line that continues the item is indented under it as rustdoc wants.
    let mut item_indent = 0;
    for line in text.lines() {
        let trimmed = line.trim_start();
        let fence = trimmed.starts_with("```") || trimmed.starts_with("~~~");
        if trimmed.is_empty() || fence {
            item_indent = 0;
        } else if let Some(width) = list_marker_width(trimmed) {
            item_indent = width;
        } else if item_indent > 0 && !fenced {
            out.push(format!("{:item_indent$}{}", "", sanitize_line(trimmed)));
            continue;
        }
        if fence {
            out.push(if fenced {
                "```".to_owned()
            } else {
                "```text".to_owned()
            });
            fenced = !fenced;
        } else if fenced {
            out.push(line.to_owned());
        } else {
            out.push(sanitize_line(trimmed));
        }
    }
    if fenced {
        out.push("```".to_owned());
    }
    out.join("\n")
}

/// The width of a list marker at the start of a line (`- `, `* `, `12. `).
fn list_marker_width(line: &str) -> Option<usize> {
    if ["- ", "* ", "+ "].iter().any(|m| line.starts_with(m)) {
        return Some(2);
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = &line[digits..];
    (digits > 0 && digits < 10 && (rest.starts_with(". ") || rest.starts_with(") ")))
        .then_some(digits + 2)
}

fn sanitize_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while !rest.is_empty() {
        if let Some(url_len) = url_length(rest) {
            out.push('<');
            out.push_str(&rest[..url_len]);
            out.push('>');
            rest = &rest[url_len..];
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        match c {
            '[' | ']' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn url_length(text: &str) -> Option<usize> {
    if !(text.starts_with("https://") || text.starts_with("http://")) {
        return None;
    }
    let end = text
        .find(|c: char| {
            c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | ')' | '(' | '[' | ']')
        })
        .unwrap_or(text.len());
    let url = text[..end].trim_end_matches(['.', ',', ';', ':']);
    Some(url.len())
}

fn inline_code(text: &str) -> String {
    let short: String = text.chars().take(200).collect();
    let short = if short.len() < text.len() {
        format!("{short}…")
    } else {
        short
    };
    short.replace('`', "'").replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_blocks_never_run() {
        let text = sanitize("Example:\n```\nfn main() { panic!() }\n```\n    indented();");
        assert_eq!(
            text,
            "Example:\n```text\nfn main() { panic!() }\n```\nindented();"
        );
    }

    #[test]
    fn links_and_html_are_escaped() {
        assert_eq!(
            sanitize("See https://x.io/a. [b] <c>"),
            "See <https://x.io/a>. \\[b\\] &lt;c&gt;"
        );
    }

    #[test]
    fn lines_continuing_a_list_item_are_indented_under_it() {
        assert_eq!(
            sanitize("Kinds:\n- one\nstill one\n10. two\n  more\n\nafter"),
            "Kinds:\n- one\n  still one\n10. two\n    more\n\nafter"
        );
    }

    #[test]
    fn unclosed_fences_are_closed() {
        assert_eq!(sanitize("```rust\nx"), "```text\nx\n```");
    }
}
