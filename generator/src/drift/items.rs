//! Drift in Rust terms: which items (types, impls, functions) a drifted
//! file gained, lost or changed, so a reviewer reads "struct `AgentCallCreate`
//! changed" before the line diff.

use std::collections::BTreeMap;

use quote::ToTokens;

use super::Drift;

/// One line per item that differs, such as `+ struct Agent` or `~ fn dispatch_call`.
pub fn item_changes(drift: &Drift) -> Vec<String> {
    let (Some(old), Some(new)) = (
        parse(drift.actual.as_deref()),
        parse(drift.expected.as_deref()),
    ) else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    for (name, tokens) in &new {
        match old.get(name) {
            None => lines.push(format!("+ {name}")),
            Some(before) if before != tokens => lines.push(format!("~ {name}")),
            Some(_) => {}
        }
    }
    lines.extend(
        old.keys()
            .filter(|name| !new.contains_key(*name))
            .map(|name| format!("- {name}")),
    );
    lines
}

/// Items of a Rust file by a readable name, with their tokens (so layout
/// and comments do not count as changes).
fn parse(text: Option<&str>) -> Option<BTreeMap<String, String>> {
    let file = syn::parse_file(text?).ok()?;
    let mut items = BTreeMap::new();
    for item in file.items {
        let name = item_name(&item);
        let tokens = item.to_token_stream().to_string();
        let mut key = name.clone();
        let mut n = 2;
        while items.contains_key(&key) {
            key = format!("{name} #{n}");
            n += 1;
        }
        items.insert(key, tokens);
    }
    Some(items)
}

fn item_name(item: &syn::Item) -> String {
    match item {
        syn::Item::Struct(s) => format!("struct {}", s.ident),
        syn::Item::Enum(e) => format!("enum {}", e.ident),
        syn::Item::Type(t) => format!("type {}", t.ident),
        syn::Item::Fn(f) => format!("fn {}", f.sig.ident),
        syn::Item::Const(c) => format!("const {}", c.ident),
        syn::Item::Mod(m) => format!("mod {}", m.ident),
        syn::Item::Use(u) => format!("use {}", u.tree.to_token_stream()),
        syn::Item::Impl(i) => {
            let ty = i.self_ty.to_token_stream().to_string();
            match &i.trait_ {
                Some((path, _)) => {
                    let last = path
                        .segments
                        .last()
                        .map(|s| s.ident.to_string())
                        .unwrap_or_default();
                    format!("impl {last} for {ty}")
                }
                None => format!("impl {ty}"),
            }
        }
        other => format!(
            "item {}",
            other
                .to_token_stream()
                .to_string()
                .chars()
                .take(40)
                .collect::<String>()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_items_that_changed() {
        let drift = Drift {
            path: "src/types.rs".to_owned(),
            actual: Some(
                "pub struct A { pub x: u8 }\n// note\npub struct Gone;\nimpl A { fn f() {} }"
                    .to_owned(),
            ),
            expected: Some(
                "pub struct A {\n    pub x: u16,\n}\npub struct New;\nimpl A { fn f() {} }"
                    .to_owned(),
            ),
        };
        assert_eq!(
            item_changes(&drift),
            ["~ struct A", "+ struct New", "- struct Gone"]
        );
    }

    /// Items of the same name are told apart by their order.
    #[test]
    fn repeated_items_are_numbered_in_order() {
        let file = |third: &str| {
            Some(format!(
                "impl A {{}}\nimpl A {{}}\nimpl A {{ {third} }}\nrecord!(A);"
            ))
        };
        let drift = Drift {
            path: "src/types.rs".to_owned(),
            actual: file(""),
            expected: file("fn f() {}"),
        };
        assert_eq!(item_changes(&drift), ["~ impl A #3"]);
        let unreadable = Drift {
            expected: Some("fn (".to_owned()),
            ..drift
        };
        assert_eq!(item_changes(&unreadable), Vec::<String>::new());
    }
}
