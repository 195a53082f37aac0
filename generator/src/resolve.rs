//! Resolve: `$ref` → the node it points at, by JSON pointer.
//!
//! References are followed in the raw document, so any local pointer works:
//! components of every kind, and deep ones such as
//! `#/components/schemas/X/properties/y` or `.../oneOf/0`. Chains of
//! references are followed with cycle detection.

use std::borrow::Cow;
use std::collections::BTreeSet;

use openapiv3::ReferenceOr;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::diagnostics::Diagnostic;
use crate::load;
use crate::source::{self, PointerProblem};

/// Follows references in one document.
#[derive(Debug, Clone, Copy)]
pub struct Resolver<'a> {
    root: &'a Value,
}

impl<'a> Resolver<'a> {
    /// A resolver over the raw document.
    pub fn new(root: &'a Value) -> Self {
        Self { root }
    }

    /// The node at a JSON pointer.
    pub fn value(&self, pointer: &str) -> Option<&'a Value> {
        self.root.pointer(pointer)
    }

    /// Follows `reference` (written at `at`), and any chain of references
    /// behind it, to the pointer of the node it finally names.
    pub fn follow(&self, reference: &str, at: &str) -> Result<String, Diagnostic> {
        let mut seen = BTreeSet::new();
        let mut pointer = local_pointer(reference, at)?;
        loop {
            if !seen.insert(pointer.clone()) {
                return Err(Diagnostic::error(
                    at,
                    format!("`$ref: {reference}` is part of a reference cycle"),
                ));
            }
            let Some(node) = self.value(&pointer) else {
                return Err(Diagnostic::dangling_reference(at, reference, &pointer));
            };
            match node.get("$ref").and_then(Value::as_str) {
                Some(next) => pointer = local_pointer(next, &pointer)?,
                None => return Ok(pointer),
            }
        }
    }

    /// The item, or the node its reference names, read as `T`; with the
    /// pointer where it actually lives.
    pub fn resolve<'b, T: DeserializeOwned + Clone>(
        &self,
        item: &'b ReferenceOr<T>,
        at: &str,
        kind: &str,
    ) -> Result<(Cow<'b, T>, String), Diagnostic> {
        match item {
            ReferenceOr::Item(item) => Ok((Cow::Borrowed(item), at.to_owned())),
            ReferenceOr::Reference { reference } => {
                let pointer = self.follow(reference, at)?;
                let node = self.value(&pointer).unwrap_or(&Value::Null);
                let value = load::deserialize::<T>(node, &pointer).map_err(|e| {
                    Diagnostic::error(
                        format!("{at}/$ref"),
                        format!("`$ref: {reference}` does not point at a {kind}"),
                    )
                    .note(format!("at {}: {}", e.pointer, e.message))
                })?;
                Ok((Cow::Owned(value), pointer))
            }
        }
    }
}

/// `#/a/b` → `/a/b`, percent-decoded; anything else is refused.
pub fn local_pointer(reference: &str, at: &str) -> Result<String, Diagnostic> {
    source::local_pointer(reference).map_err(|problem| {
        let message = match problem {
            PointerProblem::External => format!(
                "`$ref: {reference}` points outside this file; external references are not supported"
            ),
            PointerProblem::PercentEncoding => {
                format!("`$ref: {reference}` has invalid percent-encoding")
            }
            PointerProblem::NotAPointer => format!("`$ref: {reference}` is not a JSON pointer"),
        };
        Diagnostic::error(format!("{at}/$ref"), message)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn follows_deep_pointers_and_escapes() {
        let doc = json!({"components": {"schemas": {"A/B": {"properties": {"x~y": {"type": "string"}}}}}});
        let resolver = Resolver::new(&doc);
        let pointer = resolver
            .follow("#/components/schemas/A~1B/properties/x~0y", "/here")
            .unwrap();
        assert_eq!(resolver.value(&pointer), Some(&json!({"type": "string"})));
        let pointer = resolver
            .follow("#/components/schemas/A~1B/properties/x%7E0y", "/here")
            .unwrap();
        assert_eq!(resolver.value(&pointer), Some(&json!({"type": "string"})));
    }

    #[test]
    fn reports_dangling_references_and_cycles() {
        let doc = json!({"a": {"$ref": "#/b"}, "b": {"$ref": "#/a"}});
        let resolver = Resolver::new(&doc);
        let error = resolver.follow("#/missing", "/x").unwrap_err();
        assert!(error.message.contains("points at nothing"));
        assert_eq!(error.pointer, "/x/$ref");
        let error = resolver.follow("#/a", "/x").unwrap_err();
        assert!(error.message.contains("cycle"));
    }

    #[test]
    fn refuses_external_references() {
        let error = local_pointer("other.yaml#/a", "/x").unwrap_err();
        assert!(error.message.contains("outside this file"));
    }
}
