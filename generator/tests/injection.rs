//! Names and descriptions from a spec never change the generated program:
//! `tests/fixtures/names.yaml` is full of hostile text (a property and a
//! parameter named `x"); std::process::abort(); ("`, descriptions with `*/`,
//! `#[`, NUL, code blocks). The generated code must hold no `abort` or
//! `process` token outside string literals and doc attributes, and every
//! doc code block must be marked `text` so it never runs as a doctest.

use std::str::FromStr;

use proc_macro2::{TokenStream, TokenTree};

fn idents(tokens: TokenStream, out: &mut Vec<String>) {
    for token in tokens {
        match token {
            TokenTree::Ident(ident) => out.push(ident.to_string()),
            TokenTree::Group(group) => idents(group.stream(), out),
            TokenTree::Punct(_) | TokenTree::Literal(_) => {}
        }
    }
}

#[test]
fn hostile_names_and_docs_stay_data() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/names.yaml");
    let text = std::fs::read_to_string(path).unwrap();
    let generated = oas_gen::generate(
        &oas_gen::Source::new(text),
        &oas_gen::Settings::new("names", "names.yaml"),
    )
    .unwrap();
    for file in ["src/lib.rs", "src/types.rs", "src/operations.rs"] {
        let code = &generated.files[file];
        let tokens =
            TokenStream::from_str(code).unwrap_or_else(|e| panic!("{file} does not tokenize: {e}"));
        let mut found = Vec::new();
        idents(tokens, &mut found);
        for forbidden in ["abort", "process", "panic"] {
            assert!(
                !found.iter().any(|i| i == forbidden),
                "{file}: `{forbidden}` became code"
            );
        }
        assert!(!code.contains('\0'), "{file}: a NUL reached the output");
        let fences = code
            .lines()
            .filter(|l| l.trim_start().starts_with("//") && l.contains("```"))
            .count();
        let text_fences = code
            .lines()
            .filter(|l| l.contains("```text") || l.contains("```no_run"))
            .count();
        assert_eq!(
            fences,
            text_fences * 2,
            "{file}: every doc code block is `text` (or our no_run example)"
        );
    }
    // The wire names are kept exactly, as string literals.
    assert!(generated.files["src/types.rs"].contains(r#" "x\"); std::process::abort(); (\"""#));
}
