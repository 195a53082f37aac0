//! Examples of request and response bodies, collected for the generated
//! round-trip tests.

use std::collections::BTreeSet;

use openapiv3::{MediaType, ReferenceOr};

use crate::ir::{Example, TypeRef};
use crate::naming::{snake, Scope};
use crate::resolve::Resolver;
use crate::source::escape_pointer;

/// Collects each example once, by where it lives.
#[derive(Default)]
pub struct ExampleSink {
    seen: BTreeSet<String>,
    names: Scope,
    /// The examples, in the order found.
    pub examples: Vec<Example>,
    /// Examples that could not be read.
    pub diagnostics: Vec<crate::diagnostics::Diagnostic>,
}

impl ExampleSink {
    /// Collects the examples of one media type whose body decodes as `ty`.
    pub fn collect(
        &mut self,
        resolver: Resolver<'_>,
        media: &MediaType,
        at: &str,
        ty: &TypeRef,
        hint: &str,
    ) {
        // Bodies without a typed schema have nothing to check, but their
        // example references are still resolved (and reported if dangling).
        let typed = !matches!(ty, TypeRef::Bytes | TypeRef::String | TypeRef::Any);
        if let (Some(value), true) = (&media.example, typed) {
            self.push(&format!("{at}/example"), ty, value.clone(), hint);
        }
        for (name, example) in &media.examples {
            let example_at = format!("{at}/examples/{}", escape_pointer(name));
            let (pointer, node) = match example {
                ReferenceOr::Item(item) => (example_at, item.value.clone()),
                ReferenceOr::Reference { reference } => {
                    match resolver.follow(reference, &example_at) {
                        Ok(target) => {
                            let value = resolver
                                .value(&target)
                                .and_then(|v| v.get("value"))
                                .cloned();
                            (target, value)
                        }
                        Err(diagnostic) => {
                            self.diagnostics.push(diagnostic);
                            continue;
                        }
                    }
                }
            };
            if let (Some(value), true) = (node, typed) {
                self.push(
                    &format!("{pointer}/value"),
                    ty,
                    value,
                    &format!("{hint} {name}"),
                );
            }
        }
    }

    fn push(&mut self, pointer: &str, ty: &TypeRef, value: serde_json::Value, hint: &str) {
        if !self.seen.insert(pointer.to_owned()) {
            return;
        }
        let name = self.names.claim(snake(hint, "example"));
        self.examples.push(Example {
            name,
            source: pointer.to_owned(),
            ty: ty.clone(),
            value,
        });
    }
}
