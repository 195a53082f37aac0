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

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    /// Plain printing breaks the line after each statement and brace, and
    /// keeps every token: the text reads back as the same tokens.
    #[test]
    fn plain_text_breaks_lines_and_keeps_every_token() {
        let tokens = quote! {
            fn pick(a: [u8; 2], b: (u8, u8)) -> u8 {
                if a[0] == b.0 { return 1; }
                a[1] + b.1
            }
        };
        let text = text(tokens.clone(), false).unwrap();
        assert_eq!(
            text,
            "fn pick (a : [u8 ;\n2 ] , b : (u8 , u8 ) ) -> u8 {\n\
             if a [0 ] == b . 0 {\nreturn 1 ;\n}\na [1 ] + b . 1 }\n"
        );
        let read_back: TokenStream = text.parse().unwrap();
        assert_eq!(read_back.to_string(), tokens.to_string());
    }

    #[cfg(feature = "format")]
    #[test]
    fn pretty_text_is_printed_as_people_write_it_and_bad_tokens_are_refused() {
        let text = text(quote! { struct A { x: u8 } }, true).unwrap();
        assert_eq!(text, "struct A {\n    x: u8,\n}\n");
        let error = text_of_error(quote! { struct {} });
        assert!(error.contains("not valid Rust"), "{error}");
    }

    #[cfg(feature = "format")]
    fn text_of_error(tokens: TokenStream) -> String {
        text(tokens, true).unwrap_err().message
    }

    /// A blank line after each item that closes, except where people
    /// write runs: `use` and `mod` lines, match arms, closing braces.
    #[test]
    fn items_are_spaced_as_people_space_them() {
        let printed = "\
//! Inner docs.
//! More.
use a::b;
pub use c::d;
pub struct A;
pub struct B {
    x: u8,
}
impl B {
    fn f(&self) -> u8 {
        match self.x {
            0 => {
                g();
            }
            // the rest => two
            _ => 2,
        }
    }
    fn g(&self) {}
}
record!(A);
type X = Y;
const C: B = B {
};
mod m;
// a comment
";
        let expected = "\
//! Inner docs.
//! More.

use a::b;
pub use c::d;
pub struct A;

pub struct B {
    x: u8,
}

impl B {
    fn f(&self) -> u8 {
        match self.x {
            0 => {
                g();
            }

            // the rest => two
            _ => 2,
        }
    }

    fn g(&self) {}
}

record!(A);

type X = Y;

const C: B = B {
};

mod m;
// a comment
";
        assert_eq!(
            assemble("// header\n", &[printed.to_owned()]),
            format!("// header\n{expected}")
        );
        // Parts assembled read as the whole rendered at once.
        let (first, rest) = printed.split_at(printed.find("impl B").unwrap());
        assert_eq!(assemble("", &[first.to_owned(), rest.to_owned()]), expected);
    }
}
