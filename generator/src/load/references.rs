//! Dangling references, found in the raw document: used when the document
//! cannot be read as OpenAPI, so lowering (which reports them with their
//! context otherwise) will not run.

use serde_json::Value;

use crate::diagnostics::Diagnostic;
use crate::source::{escape_pointer, local_pointer};

/// Keys whose values are data, where a `$ref` key means nothing.
const DATA: &[&str] = &["example", "examples", "default", "enum", "const", "value"];

/// An error for every local `$ref` that points at nothing.
pub fn dangling(root: &Value) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    walk(root, root, &mut String::new(), &mut found);
    found
}

fn walk(root: &Value, node: &Value, at: &mut String, found: &mut Vec<Diagnostic>) {
    match node {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get("$ref") {
                if let Ok(pointer) = local_pointer(reference) {
                    if root.pointer(&pointer).is_none() {
                        found.push(Diagnostic::dangling_reference(at, reference, &pointer));
                    }
                }
            }
            for (key, value) in map {
                if DATA.contains(&key.as_str()) || key.starts_with("x-") {
                    continue;
                }
                let len = at.len();
                at.push('/');
                at.push_str(&escape_pointer(key));
                walk(root, value, at, found);
                at.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = at.len();
                at.push_str(&format!("/{i}"));
                walk(root, item, at, found);
                at.truncate(len);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_dangling_reference_is_found_and_data_is_skipped() {
        let doc = json!({
            "a": {"$ref": "#/missing"},
            "b": [{"$ref": "#/a"}, {"$ref": "#/gone/deep"}],
            "example": {"$ref": "#/not/a/reference"},
            "x-tool": {"$ref": "#/nope"}
        });
        let found: Vec<String> = dangling(&doc).into_iter().map(|d| d.pointer).collect();
        assert_eq!(found, ["/a/$ref", "/b/1/$ref"]);
    }
}
