//! Schema keywords whose values have the wrong JSON type (`nullable: "yes"`,
//! `minLength: -1`), found before the document is read as `openapiv3`'s
//! model.
//!
//! That model reads a schema through untagged enums and flattened fields:
//! when a schema fails, each enclosing schema is tried again in another
//! reading, which fails in the same place, so a fault `n` schemas deep costs
//! `2^n` readings (18 levels took 9 s, 25 would take 20 minutes). Found here
//! in one pass, the faults are reported at their exact places and the
//! document is not read at all. The rules are what the model accepts in its
//! loosest reading (a schema of any type), so nothing it would read is
//! refused here; `null` is left to it.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::misplaced_refs::names_map;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::source::escape_pointer;

/// At most this many schemas deep; the parser's depth bounds it already.
const MAX_DEPTH: usize = 256;

/// The JSON kind a keyword's value must have.
#[derive(Clone, Copy)]
enum Kind {
    Boolean,
    Number,
    /// A count: a non-negative integer.
    Count,
    Text,
    TextList,
    /// A map of names to strings (a discriminator's `mapping`).
    TextMap,
    List,
    Object,
    /// `additionalProperties`: a boolean or a schema.
    BooleanOrObject,
}

impl Kind {
    fn of(keyword: &str) -> Option<Kind> {
        Some(match keyword {
            "nullable" | "readOnly" | "writeOnly" | "deprecated" | "exclusiveMinimum"
            | "exclusiveMaximum" | "uniqueItems" => Kind::Boolean,
            "multipleOf" | "minimum" | "maximum" => Kind::Number,
            "minLength" | "maxLength" | "minItems" | "maxItems" | "minProperties"
            | "maxProperties" => Kind::Count,
            "type" | "pattern" | "format" | "title" | "description" => Kind::Text,
            "required" => Kind::TextList,
            "enum" | "allOf" | "oneOf" | "anyOf" => Kind::List,
            "properties" | "items" | "not" | "discriminator" | "externalDocs" => Kind::Object,
            "additionalProperties" => Kind::BooleanOrObject,
            _ => return None,
        })
    }

    fn of_discriminator(field: &str) -> Option<Kind> {
        match field {
            "propertyName" => Some(Kind::Text),
            "mapping" => Some(Kind::TextMap),
            _ => None,
        }
    }

    fn of_external_docs(field: &str) -> Option<Kind> {
        matches!(field, "url" | "description").then_some(Kind::Text)
    }

    fn of_xml(field: &str) -> Option<Kind> {
        match field {
            "name" | "namespace" | "prefix" => Some(Kind::Text),
            "attribute" | "wrapped" => Some(Kind::Boolean),
            _ => None,
        }
    }

    fn accepts(self, value: &Value) -> bool {
        match (self, value) {
            (_, Value::Null) => true,
            (Kind::Boolean, v) => v.is_boolean(),
            (Kind::Number, v) => v.is_number(),
            (Kind::Count, v) => v.is_u64(),
            (Kind::Text, v) => v.is_string(),
            (Kind::TextList, Value::Array(items)) => items.iter().all(Value::is_string),
            (Kind::TextMap, Value::Object(map)) => map.values().all(Value::is_string),
            (Kind::List, v) => v.is_array(),
            (Kind::Object, v) => v.is_object(),
            (Kind::BooleanOrObject, v) => v.is_boolean() || v.is_object(),
            _ => false,
        }
    }

    fn expected(self) -> &'static str {
        match self {
            Kind::Boolean => "`true` or `false`",
            Kind::Number => "a number",
            Kind::Count => "a whole number, 0 or more",
            Kind::Text => "a string",
            Kind::TextList => "a list of strings",
            Kind::TextMap => "a map of names to strings",
            Kind::List => "a list",
            Kind::Object => "an object",
            Kind::BooleanOrObject => "`true`, `false` or a schema",
        }
    }
}

/// Located errors for schema keywords whose values the document model
/// cannot read; empty when there are none.
pub fn faults(raw: &Value) -> Diagnostics {
    let mut walk = Walk {
        root: raw,
        visited: BTreeSet::new(),
        found: Diagnostics::default(),
    };
    walk.document(raw, &mut String::new(), false);
    walk.found
}

/// Keys whose values are data, never read as OpenAPI objects; bundled
/// files too, which may be anything (a map of parameters by name, one of
/// them called `schema`): their schemas are checked where a schema refers
/// to them.
fn is_data(key: &str) -> bool {
    matches!(
        key,
        "example" | "examples" | "default" | "enum" | "const" | "value"
    ) || key.starts_with("x-")
}

struct Walk<'v> {
    root: &'v Value,
    /// Bundled schemas already checked (by pointer): each is read where it
    /// is referred to from a schema, once.
    visited: BTreeSet<String>,
    found: Diagnostics,
}

impl Walk<'_> {
    /// A part of the document around schemas. `names`: a map keyed by
    /// names (a parameter may be called `schema`), not by OpenAPI's fields.
    fn document(&mut self, value: &Value, at: &mut String, names: bool) {
        match value {
            Value::Object(map) => {
                for (key, child) in map.iter().filter(|(k, _)| names || !is_data(k)) {
                    let components_schemas = !names && key == "schemas" && at == "/components";
                    within(at, key, |at| match key.as_str() {
                        "schema" if !names => self.schema(child, at, 0),
                        _ if components_schemas => {
                            for (name, schema) in child.as_object().into_iter().flatten() {
                                within(at, name, |at| self.schema(schema, at, 0));
                            }
                        }
                        _ => self.document(child, at, !names && names_map(key)),
                    });
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    within(at, &i.to_string(), |at| self.document(item, at, false));
                }
            }
            _ => {}
        }
    }

    /// One schema: its keywords' values, then the schemas inside it.
    fn schema(&mut self, value: &Value, at: &mut String, depth: usize) {
        let Value::Object(map) = value else {
            if !value.is_null() {
                let message = format!(
                    "does not match the OpenAPI 3.0 schema: a schema must be an object, not {}",
                    described(value)
                );
                self.found.push(Diagnostic::error(at.clone(), message));
            }
            return;
        };
        if depth > MAX_DEPTH {
            return;
        }
        // A reference is read as one, whatever stands beside it; what it
        // points at is checked where it stands, or here for bundled files,
        // which the document model reads only through references.
        if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
            return self.bundled(reference, depth);
        }
        self.values(map, at, Kind::of);
        for (keyword, fields) in [
            (
                "discriminator",
                Kind::of_discriminator as fn(&str) -> Option<Kind>,
            ),
            ("externalDocs", Kind::of_external_docs),
            ("xml", Kind::of_xml),
        ] {
            if let Some(Value::Object(object)) = map.get(keyword) {
                within(at, keyword, |at| self.values(object, at, fields));
            }
        }
        self.inside(map, at, depth);
    }

    /// An error for each value of `map` whose kind `kind_of` its key does
    /// not accept.
    fn values(&mut self, map: &Map<String, Value>, at: &str, kind_of: fn(&str) -> Option<Kind>) {
        for (keyword, value) in map {
            if let Some(kind) = kind_of(keyword).filter(|kind| !kind.accepts(value)) {
                let message = format!(
                    "does not match the OpenAPI 3.0 schema: `{keyword}` must be {}, not {}",
                    kind.expected(),
                    described(value)
                );
                let pointer = format!("{at}/{}", escape_pointer(keyword));
                self.found.push(Diagnostic::error(pointer, message));
            }
        }
    }

    fn bundled(&mut self, reference: &str, depth: usize) {
        if let Some((mut pointer, target)) =
            super::external::bundled_once(self.root, reference, &mut self.visited)
        {
            self.schema(target, &mut pointer, depth + 1);
        }
    }

    fn inside(&mut self, map: &Map<String, Value>, at: &mut String, depth: usize) {
        for (keyword, child) in map {
            within(at, keyword, |at| match (keyword.as_str(), child) {
                ("properties", Value::Object(properties)) => {
                    for (name, property) in properties {
                        within(at, name, |at| self.schema(property, at, depth + 1));
                    }
                }
                ("items" | "not", _) | ("additionalProperties", Value::Object(_)) => {
                    self.schema(child, at, depth + 1)
                }
                ("allOf" | "oneOf" | "anyOf", Value::Array(branches)) => {
                    for (i, branch) in branches.iter().enumerate() {
                        within(at, &i.to_string(), |at| self.schema(branch, at, depth + 1));
                    }
                }
                _ => {}
            });
        }
    }
}

/// Runs `f` with `at` one segment deeper.
fn within(at: &mut String, segment: &str, f: impl FnOnce(&mut String)) {
    let len = at.len();
    at.push('/');
    at.push_str(&escape_pointer(segment));
    f(at);
    at.truncate(len);
}

/// A value as an error message names it.
fn described(value: &Value) -> String {
    match value {
        Value::String(s) => format!("the string {s:?}"),
        Value::Number(n) => format!("the number {n}"),
        Value::Bool(b) => format!("`{b}`"),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
        Value::Null => "null".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::load::EXTERNAL_KEY;

    fn pointers(raw: &Value) -> Vec<String> {
        faults(raw).items.into_iter().map(|d| d.pointer).collect()
    }

    #[test]
    fn a_fault_deep_inside_is_found_at_once_where_it_stands() {
        let fault = json!({"type": "string", "nullable": "yes"});
        let deep = (0..40).fold(
            fault,
            |inner, _| json!({"type": "object", "properties": {"p": inner}}),
        );
        let raw = json!({"components": {"schemas": {"A": deep}}});
        let at = format!(
            "/components/schemas/A{}/nullable",
            "/properties/p".repeat(40)
        );
        let found = faults(&raw);
        assert_eq!(found.items.len(), 1);
        assert_eq!(found.items[0].pointer, at);
        assert!(found.items[0]
            .message
            .contains("`nullable` must be `true` or `false`, not the string \"yes\""));
    }

    #[test]
    fn every_kind_of_value_is_checked_where_schemas_stand() {
        let raw = json!({
            "paths": {"/a": {"get": {
                "parameters": [{"name": "q", "in": "query", "schema": {"minLength": -1}}],
                "responses": {"200": {"description": "ok", "content": {"application/json": {
                    "schema": {
                        "items": {"maximum": "9"},
                        "allOf": [{"required": ["a", 1]}],
                        "not": {"type": ["string"], "xml": {"wrapped": "yes", "name": "n"}},
                        "discriminator": {"propertyName": 1, "mapping": {"a": "#/A", "b": 2}},
                        "externalDocs": {"url": "https://example.com", "description": false},
                        "additionalProperties": {"uniqueItems": 1},
                        "oneOf": "no",
                        "anyOf": [{"properties": []}, {"properties": {"n": 5}}, true],
                        "example": {"nullable": "data"},
                        "x-note": {"schema": {"nullable": "extension"}},
                    },
                    "examples": {"e": {"value": {"schema": {"nullable": "data"}}}},
                }}}},
            }}},
            "components": {"schemas": {
                "Fine": {"type": "object", "nullable": null, "minimum": 1.5, "maxLength": 3,
                         "additionalProperties": false, "enum": [1, "a"], "description": "d"},
                "Ref": {"$ref": "#/components/schemas/Fine", "nullable": "ignored beside $ref"},
                "Count": {"maxItems": 2.0},
                "Extra": {"additionalProperties": "yes"},
                "Bundled": {"items": {"$ref": format!("#/{EXTERNAL_KEY}/0-a")}},
                "Again": {"$ref": format!("#/{EXTERNAL_KEY}/0-a")},
                "Once": {"$ref": format!("#/{EXTERNAL_KEY}/3-d")},
            },
            // A parameter named `schema` is no schema.
            "parameters": {"schema": {"name": "schema", "in": "query", "required": true,
                "schema": {"type": "string"}}}},
            "x-copy": {"components": {"schemas": {"Nested": {"nullable": "an extension"}}}},
            // Bundled files: a schema checked where a schema refers to it;
            // parameters by name, and text, left alone.
            EXTERNAL_KEY: {
                "0-a": {"type": "object", "title": 5},
                "3-d": {"xml": {"name": 5}},
                "1-b": {"schema": {"name": "schema", "in": "query", "required": true}},
                "2-c": {"items": "Items, in a file of their own."},
            },
        });
        let content = "/paths/~1a/get/responses/200/content/application~1json/schema";
        assert_eq!(
            pointers(&raw),
            [
                "/paths/~1a/get/parameters/0/schema/minLength".to_owned(),
                format!("{content}/oneOf"),
                format!("{content}/discriminator/propertyName"),
                format!("{content}/discriminator/mapping"),
                format!("{content}/externalDocs/description"),
                format!("{content}/items/maximum"),
                format!("{content}/allOf/0/required"),
                format!("{content}/not/type"),
                format!("{content}/not/xml/wrapped"),
                format!("{content}/additionalProperties/uniqueItems"),
                format!("{content}/anyOf/0/properties"),
                format!("{content}/anyOf/1/properties/n"),
                format!("{content}/anyOf/2"),
                "/components/schemas/Count/maxItems".to_owned(),
                "/components/schemas/Extra/additionalProperties".to_owned(),
                format!("/{EXTERNAL_KEY}/0-a/title"),
                format!("/{EXTERNAL_KEY}/3-d/xml/name"),
            ]
        );
    }

    #[test]
    fn references_through_bundled_files_are_followed_256_deep() {
        // Schema `S` refers to file 0, which refers to file 1, and so on;
        // the last has the fault. The walk is a recursion: it stops there.
        let chain = |files: usize, last: Value| {
            let mut bundled = serde_json::Map::new();
            for i in 0..files {
                bundled.insert(
                    i.to_string(),
                    json!({"$ref": format!("#/{EXTERNAL_KEY}/{}", i + 1)}),
                );
            }
            bundled.insert(files.to_string(), last);
            let raw = json!({
                "components": {"schemas": {"S": {"$ref": format!("#/{EXTERNAL_KEY}/0")}}},
                EXTERNAL_KEY: bundled,
            });
            faults(&raw).items.len()
        };
        let fault = json!({"nullable": "yes"});
        assert_eq!(chain(MAX_DEPTH - 1, fault.clone()), 1);
        assert_eq!(chain(MAX_DEPTH, fault.clone()), 0);
        // Each schema inside another is one level deeper too.
        let inside = json!({"properties": {"p": {"items": {"allOf": [fault]}}}});
        assert_eq!(chain(MAX_DEPTH - 4, inside.clone()), 1);
        assert_eq!(chain(MAX_DEPTH - 3, inside), 0);
    }
}
