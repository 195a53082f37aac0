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

use crate::ir::{Constraints, Docs};

/// `#[doc]` attributes for documentation from the spec, with `fallback` when empty.
pub fn doc_attrs(docs: &Docs, fallback: &str) -> TokenStream {
    text_attrs(&doc_text(docs, fallback))
}

/// Documentation from the spec as Markdown: title, description (or
/// `fallback` when neither is given, which may be empty), default, example.
pub fn doc_text(docs: &Docs, fallback: &str) -> String {
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
    if lines.is_empty() && !fallback.is_empty() {
        lines.push(fallback.to_owned());
    }
    let mut parts = vec![sanitize(&lines.join("\n"))];
    if let Some(default) = &docs.default {
        parts.push(format!("Default: `{}`", inline_code(&default.to_string())));
    }
    if let Some(example) = &docs.example {
        parts.push(format!("Example: `{}`", inline_code(&example.to_string())));
    }
    parts.retain(|p| !p.is_empty());
    parts.join("\n\n")
}

/// The first line of a type's documentation, to describe a field of that
/// type that the spec leaves undescribed.
pub fn summary(docs: &Docs) -> Option<String> {
    [&docs.title, &docs.description]
        .into_iter()
        .flatten()
        .flat_map(|text| text.lines())
        .map(str::trim)
        .find(|line| !line.is_empty())
        .map(str::to_owned)
}

/// `text`, then a paragraph of what the client checks (when it checks
/// anything).
pub fn with_constraints(mut text: String, c: &Constraints, counted: &str) -> String {
    if let Some(rules) = constraints_text(c, counted) {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&rules);
    }
    text
}

/// What the client checks before sending (and the pattern, which it
/// does not), in words: "1 to 64 characters.",
/// "At most 10 items.", "Greater than 0.". `counted` names what
/// `minItems`/`maxItems` count.
fn constraints_text(c: &Constraints, counted: &str) -> Option<String> {
    let mut sentences = Vec::new();
    if let Some(s) = range(c.min_length, c.max_length, "characters") {
        sentences.push(s);
    }
    if let Some(s) = range(c.min_count, c.max_count, counted) {
        sentences.push(s);
    }
    if let Some(s) = bounds(c.minimum, c.maximum) {
        sentences.push(s);
    }
    if !c.allowed.is_empty() {
        let values: Vec<String> = c.allowed.iter().map(|v| format!("`{v}`")).collect();
        sentences.push(format!("One of {}.", values.join(", ")));
    }
    if let Some(pattern) = &c.pattern {
        sentences.push(format!("Matches `{}`.", inline_code(pattern)));
    }
    if let Some(inner) = c
        .inner
        .as_deref()
        .and_then(|i| constraints_text(i, "items"))
    {
        sentences.push(format!("Each one: {}", lower_first(&inner)));
    }
    (!sentences.is_empty()).then(|| sentences.join(" "))
}

fn range(min: Option<u64>, max: Option<u64>, unit: &str) -> Option<String> {
    Some(match (min.filter(|&m| m > 0), max) {
        (Some(min), Some(max)) if min == max => format!("Exactly {}.", count(min, unit)),
        (Some(min), Some(max)) => format!("{min} to {max} {unit}."),
        (Some(min), None) => format!("At least {}.", count(min, unit)),
        (None, Some(max)) => format!("At most {}.", count(max, unit)),
        (None, None) => return None,
    })
}

/// `1 item`, `2 items`.
fn count(n: u64, unit: &str) -> String {
    if n != 1 {
        return format!("{n} {unit}");
    }
    match unit.strip_suffix("ies") {
        Some(stem) => format!("1 {stem}y"),
        None => format!("1 {}", unit.trim_end_matches('s')),
    }
}

fn bounds(minimum: Option<(f64, bool)>, maximum: Option<(f64, bool)>) -> Option<String> {
    let low = minimum.map(|(v, exclusive)| {
        let word = if exclusive {
            "greater than"
        } else {
            "at least"
        };
        format!("{word} {v}")
    });
    let high = maximum.map(|(v, exclusive)| {
        let word = if exclusive { "less than" } else { "at most" };
        format!("{word} {v}")
    });
    let text = match (low, high) {
        (Some(low), Some(high)) => format!("{low} and {high}"),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => return None,
    };
    Some(format!("{}.", upper_first(&text)))
}

fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
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
        } else if !fenced {
            // Under the list item it continues, if any (`item_indent` 0).
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
    fn constraints_read_as_sentences() {
        let c = Constraints {
            min_length: Some(1),
            max_length: Some(64),
            minimum: Some((0.0, true)),
            maximum: Some((100.5, false)),
            ..Constraints::default()
        };
        assert_eq!(
            constraints_text(&c, "items").as_deref(),
            Some("1 to 64 characters. Greater than 0 and at most 100.5.")
        );
        let list = Constraints {
            min_count: Some(2),
            max_count: Some(2),
            inner: Some(Box::new(Constraints {
                max_length: Some(3),
                ..Constraints::default()
            })),
            ..Constraints::default()
        };
        assert_eq!(
            constraints_text(&list, "items").as_deref(),
            Some("Exactly 2 items. Each one: at most 3 characters.")
        );
        let one = Constraints {
            min_length: Some(1),
            max_length: Some(1),
            min_count: Some(1),
            max_count: Some(1),
            ..Constraints::default()
        };
        assert_eq!(
            constraints_text(&one, "properties").as_deref(),
            Some("Exactly 1 character. Exactly 1 property.")
        );
        let pattern = Constraints {
            pattern: Some("^a`b$".into()),
            ..Constraints::default()
        };
        assert_eq!(
            constraints_text(&pattern, "items").as_deref(),
            Some("Matches `^a'b$`.")
        );
        assert!(pattern.is_empty(), "a pattern alone is nothing to check");
        let floor = Constraints {
            min_length: Some(0),
            min_count: Some(1),
            minimum: Some((-3.0, false)),
            ..Constraints::default()
        };
        assert_eq!(
            constraints_text(&floor, "properties").as_deref(),
            Some("At least 1 property. At least -3.")
        );
        assert_eq!(constraints_text(&Constraints::default(), "items"), None);
    }

    #[test]
    fn a_summary_is_the_first_line_that_says_something() {
        let docs = Docs {
            description: Some("\n  Tool execution policy.\nMore.".into()),
            ..Docs::default()
        };
        assert_eq!(summary(&docs).as_deref(), Some("Tool execution policy."));
        assert_eq!(summary(&Docs::default()), None);
    }

    #[test]
    fn undocumented_with_no_fallback_is_empty_and_extras_are_not_padded() {
        assert_eq!(doc_text(&Docs::default(), ""), "");
        let docs = Docs {
            default: Some(serde_json::json!(3)),
            ..Docs::default()
        };
        assert_eq!(doc_text(&docs, ""), "Default: `3`");
    }

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
    fn lines_in_a_fence_stay_as_written_even_after_a_list_marker() {
        assert_eq!(sanitize("```\n- a\n    b\n```"), "```text\n- a\n    b\n```");
    }

    #[test]
    fn only_one_to_nine_digits_before_a_dot_or_parenthesis_mark_a_list_item() {
        for text in ["In\n2024 we grew\nfast", ". x\ny", "1234567890. x\ny"] {
            assert_eq!(sanitize(text), text);
        }
        assert_eq!(sanitize("123456789) x\ny"), "123456789) x\n           y");
    }

    #[test]
    fn bounds_read_as_the_spec_writes_them() {
        let c = Constraints {
            minimum: Some((1e20, false)),
            maximum: Some((1e21, true)),
            ..Constraints::default()
        };
        assert_eq!(
            constraints_text(&c, "items").as_deref(),
            Some("At least 100000000000000000000 and less than 1000000000000000000000.")
        );
    }

    #[test]
    fn inline_code_is_cut_at_200_characters_with_an_ellipsis() {
        let long = "é".repeat(250);
        assert_eq!(inline_code(&long), format!("{}…", "é".repeat(200)));
        let exact = "a`b".repeat(66);
        assert_eq!(inline_code(&exact), "a'b".repeat(66));
    }

    #[test]
    fn unclosed_fences_are_closed() {
        assert_eq!(sanitize("```rust\nx"), "```text\nx\n```");
    }
}
