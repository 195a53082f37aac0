//! Format: token streams → source text.
//!
//! Pretty, with the `format` feature: the tokens are parsed as a Rust file
//! (which proves they are Rust) and pretty-printed. Plain (build scripts,
//! whose output nobody reads, and always without the feature): they are
//! written as they are, which is faster and spares the build compiling
//! `syn`'s full parser.

use proc_macro2::TokenStream;

use crate::diagnostics::Diagnostic;

/// Renders one file, after `header` (comment lines); pretty-printed when
/// asked and the `format` feature is on.
pub fn render(header: &str, tokens: TokenStream, pretty: bool) -> Result<String, Diagnostic> {
    Ok(assemble(header, &[text(tokens, pretty)?]))
}

/// The text of a run of items (or a file's inner attributes), unspaced.
pub fn text(tokens: TokenStream, pretty: bool) -> Result<String, Diagnostic> {
    if pretty {
        return pretty_print(tokens);
    }
    let mut out = String::new();
    plain(tokens, &mut out);
    Ok(out)
}

/// One file from the texts of its parts, in order, after `header`: the
/// same text as the parts rendered together, since items are printed
/// independently of their neighbours.
pub fn assemble(header: &str, parts: &[String]) -> String {
    format!("{header}{}", space_items(&parts.concat()))
}

/// A blank line after each item or block that closes, as people write it
/// (the printer puts items right after one another).
fn space_items(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        out.push_str(line);
        out.push('\n');
        let Some(next) = lines.peek() else { break };
        let indent = line.len() - line.trim_start().len();
        let next_indent = next.len() - next.trim_start().len();
        // An item that ends in `;` at the top (`record!(..);`, `type X = Y;`)
        // closes too; runs of `use` and `mod` lines stay together.
        let closes = matches!(line.trim_start(), "}" | "};")
            || (indent == 0 && line.ends_with(';') && !groups(line));
        // Match arms follow one another without a blank line.
        let arm_follows = !next.trim_start().starts_with("//") && next.contains("=>");
        let item_follows = next_indent == indent
            && !next.trim().is_empty()
            && !next.trim_start().starts_with(['}', ')', ']'])
            && !arm_follows;
        let after_inner_docs = line.starts_with("//!") && !next.starts_with("//!");
        if (closes && item_follows) || after_inner_docs {
            out.push('\n');
        }
    }
    out
}

/// A top-level line that people write in runs, without blank lines.
fn groups(line: &str) -> bool {
    let item = line.strip_prefix("pub ").unwrap_or(line);
    ["//", "use ", "mod ", "extern "]
        .iter()
        .any(|start| item.starts_with(start))
}

#[cfg(feature = "format")]
fn pretty_print(tokens: TokenStream) -> Result<String, Diagnostic> {
    match syn::parse2::<syn::File>(tokens) {
        Ok(file) => Ok(prettyplease::unparse(&file)),
        Err(e) => Err(Diagnostic::error(
            "",
            format!("internal error: the generated code is not valid Rust ({e}); please report this spec"),
        )),
    }
}

#[cfg(not(feature = "format"))]
fn pretty_print(tokens: TokenStream) -> Result<String, Diagnostic> {
    let mut out = String::new();
    plain(tokens, &mut out);
    Ok(out)
}

/// Prints tokens with a line break after every statement and block: not
/// pretty, but lints that read the layout (a `}` then `if` on one line looks
/// like a missing `else`) see what a person would write.
fn plain(tokens: TokenStream, out: &mut String) {
    use proc_macro2::{Delimiter, Spacing, TokenTree};
    for token in tokens {
        match token {
            TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => {
                out.push_str("{\n");
                plain(group.stream(), out);
                out.push_str("}\n");
            }
            TokenTree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Bracket => ("[", "]"),
                    _ => ("", ""),
                };
                out.push_str(open);
                plain(group.stream(), out);
                out.push_str(close);
                out.push(' ');
            }
            TokenTree::Punct(punct) => {
                out.push(punct.as_char());
                if punct.as_char() == ';' {
                    out.push('\n');
                } else if punct.spacing() == Spacing::Alone {
                    out.push(' ');
                }
            }
            other => {
                out.push_str(&other.to_string());
                out.push(' ');
            }
        }
    }
}
