//! Pinpointing where a document does not match OpenAPI 3.0.
//!
//! `openapiv3` reads many parts through untagged enums (`$ref` or an item),
//! so a mistake deep inside is reported at the nearest untagged enum above it
//! (`#/paths`). When that happens, the parts below that point are read one by
//! one, deepest first, and the first that fails gives the precise place.

use openapiv3::{
    Operation, Parameter, PathItem, ReferenceOr, RequestBody, Response, Schema, SecurityScheme,
};
use serde_json::Value;

use super::deserialize;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::source::escape_pointer;

type Check = fn(&Value, &str) -> Result<(), Diagnostic>;

fn check<T: serde::de::DeserializeOwned>(value: &Value, at: &str) -> Result<(), Diagnostic> {
    deserialize::<T>(value, at).map(|_| ())
}

/// Precise diagnostics for `error`: every part of the document that fails on
/// its own, deepest first, without repeating a failure for the parts around it.
/// `known`: faults found already, whose parts are not read again.
pub fn refine(raw: &Value, known: Diagnostics, error: Diagnostic) -> Diagnostics {
    let mut parts = Vec::new();
    collect(raw, &mut parts);
    parts.sort_by_key(|(at, _, _)| std::cmp::Reverse(at.matches('/').count()));
    let inside = |at: &str, outer: &str| at == outer || at.starts_with(&format!("{outer}/"));
    let mut found = known;
    // The whole document failed, so every part that fails on its own is a problem to report.
    for (at, value, check) in parts {
        let covered = found.items.iter().any(|d| inside(&d.pointer, &at));
        if covered {
            continue;
        }
        if let Err(precise) = check(value, &at) {
            found.push(precise);
        }
    }
    if found.items.is_empty() {
        found.push(error);
    }
    found
}

/// Every part of the document that can be read on its own, with its reader.
fn collect<'a>(raw: &'a Value, out: &mut Vec<(String, &'a Value, Check)>) {
    for (path, item) in entries(raw.get("paths")) {
        let at = format!("/paths/{}", escape_pointer(path));
        out.push((at.clone(), item, check::<ReferenceOr<PathItem>>));
        for method in super::METHODS {
            if let Some(operation) = item.get(method) {
                operations(operation, format!("{at}/{method}"), out);
            }
        }
        parameters(item.get("parameters"), &at, out);
    }
    let components = raw.get("components");
    let kinds: [(&str, Check); 5] = [
        ("schemas", check::<ReferenceOr<Schema>>),
        ("responses", check::<ReferenceOr<Response>>),
        ("parameters", check::<ReferenceOr<Parameter>>),
        ("requestBodies", check::<ReferenceOr<RequestBody>>),
        ("securitySchemes", check::<ReferenceOr<SecurityScheme>>),
    ];
    for (kind, reader) in kinds {
        for (name, value) in entries(components.and_then(|c| c.get(kind))) {
            let at = format!("/components/{kind}/{}", escape_pointer(name));
            if kind == "schemas" {
                subschemas(value, &at, 0, out);
            }
            out.push((at, value, reader));
        }
    }
}

/// The schemas inside a schema (properties, items, branches), down to where
/// a mistake can be pinned.
fn subschemas<'a>(
    schema: &'a Value,
    at: &str,
    depth: usize,
    out: &mut Vec<(String, &'a Value, Check)>,
) {
    if depth > 32 {
        return;
    }
    let mut children: Vec<(String, &'a Value)> = Vec::new();
    for (name, child) in entries(schema.get("properties")) {
        children.push((format!("{at}/properties/{}", escape_pointer(name)), child));
    }
    for key in ["items", "additionalProperties", "not"] {
        if let Some(child) = schema.get(key).filter(|c| c.is_object()) {
            children.push((format!("{at}/{key}"), child));
        }
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        for (i, child) in schema
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            children.push((format!("{at}/{key}/{i}"), child));
        }
    }
    for (place, child) in children {
        subschemas(child, &place, depth + 1, out);
        out.push((place, child, check::<ReferenceOr<Schema>>));
    }
}

fn operations<'a>(operation: &'a Value, at: String, out: &mut Vec<(String, &'a Value, Check)>) {
    for (status, response) in entries(operation.get("responses")) {
        out.push((
            format!("{at}/responses/{}", escape_pointer(status)),
            response,
            check::<ReferenceOr<Response>>,
        ));
    }
    if let Some(body) = operation.get("requestBody") {
        out.push((
            format!("{at}/requestBody"),
            body,
            check::<ReferenceOr<RequestBody>>,
        ));
    }
    parameters(operation.get("parameters"), &at, out);
    out.push((at, operation, check::<Operation>));
}

fn parameters<'a>(list: Option<&'a Value>, at: &str, out: &mut Vec<(String, &'a Value, Check)>) {
    for (i, parameter) in list
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        out.push((
            format!("{at}/parameters/{i}"),
            parameter,
            check::<ReferenceOr<Parameter>>,
        ));
    }
}

fn entries(value: Option<&Value>) -> impl Iterator<Item = (&String, &Value)> {
    value.and_then(Value::as_object).into_iter().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_failing_part_is_reported_at_its_place() {
        let raw = serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {"/a": {"get": {"responses": {"200": {"description": 5}}}}},
            "components": {"schemas": {"A": {"type": "object", "properties": {"b": {"type": "string", "nullable": "yes"}}}}}
        });
        let error = deserialize::<openapiv3::OpenAPI>(&raw, "").unwrap_err();
        let found = refine(&raw, Diagnostics::default(), error);
        let pointers: Vec<&str> = found.items.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/paths/~1a/get/responses/200",
                "/components/schemas/A/properties/b"
            ]
        );
    }

    #[test]
    fn a_bad_parameter_is_reported_as_itself() {
        let bad = serde_json::json!({"name": "q", "in": "query", "style": "sideways"});
        let raw = serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {"/a": {"parameters": [bad], "get": {"parameters": [bad], "responses": {}}}},
        });
        let error = deserialize::<openapiv3::OpenAPI>(&raw, "").unwrap_err();
        let found = refine(&raw, Diagnostics::default(), error);
        let pointers: Vec<&str> = found.items.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            ["/paths/~1a/get/parameters/0", "/paths/~1a/parameters/0"]
        );
    }

    #[test]
    fn schemas_are_read_one_by_one_down_to_33_levels() {
        // Below, a fault is told at the deepest schema read on its own: the
        // work stays bounded however deep a document nests.
        let fault = serde_json::json!({"type": "string", "nullable": "yes"});
        let schema = (0..40).fold(
            fault,
            |inner, _| serde_json::json!({"type": "object", "properties": {"p": inner}}),
        );
        let raw = serde_json::json!({"components": {"schemas": {"A": schema}}});
        let error = Diagnostic::error("", "the whole document");
        let found = refine(&raw, Diagnostics::default(), error);
        let pointers: Vec<&str> = found.items.iter().map(|d| d.pointer.as_str()).collect();
        let at = format!("/components/schemas/A{}", "/properties/p".repeat(33));
        assert_eq!(pointers, [at.as_str()]);
    }
}
