//! Real-world quirks that `openapiv3` would refuse, mended as the authors
//! meant them, each with a warning that points at the place:
//! - `type: [string, "null"]` (3.1 style) → `type: string`, `nullable: true`;
//! - `required: true` on a property schema → dropped (it belongs in the
//!   parent's `required` list, and `required` on a schema must be a list);
//! - numeric `exclusiveMinimum: 5` (3.1 style) → `minimum: 5` plus
//!   `exclusiveMinimum: true` (and the same for maximum);
//! - `enum` that is not a list → dropped;
//! - `type: file` (Swagger 2 style) → `type: string, format: binary`, and a
//!   `type` OpenAPI does not know → dropped (any value);
//! - a response without `description` → an empty one;
//! - a parameter without `schema` or `content` → `schema: {type: string}`.

use serde_json::{Map, Value};

use crate::diagnostics::Diagnostic;

/// Mends quirks in place; returns one warning per mend.
pub fn mend(value: &mut Value) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    walk(value, &mut String::new(), &mut warnings);
    warnings
}

/// Keys whose values are data (examples, defaults, extensions), not schemas.
/// Also parts of the document that hold no schemas and whose `type` means
/// something else (security schemes' `type: http`).
fn is_data(key: &str) -> bool {
    matches!(
        key,
        // `value` is an Example Object's data (only it has that field),
        // also in bundled files that hold nothing but examples.
        "example"
            | "examples"
            | "value"
            | "default"
            | "enum"
            | "securitySchemes"
            | "security"
            | "servers"
            | "info"
            | "tags"
            | "externalDocs"
            | "links"
    ) || (key.starts_with("x-") && key != super::EXTERNAL_KEY)
}

fn walk(value: &mut Value, at: &mut String, warnings: &mut Vec<Diagnostic>) {
    walk_in(value, at, warnings, false, "");
}

/// `names` is true for maps whose keys are names (`properties`), where even a
/// property called `example` is a schema.
/// `parent` is the key this value stands under (`components` names its
/// responses; an operation's `responses` are keyed by status).
fn walk_in(
    value: &mut Value,
    at: &mut String,
    warnings: &mut Vec<Diagnostic>,
    names: bool,
    parent: &str,
) {
    match value {
        Value::Object(map) => {
            if !names && looks_like_schema(map) {
                mend_schema(map, at, warnings);
            }
            if !names && parent != "components" {
                mend_containers(map, at, warnings);
            }
            for (key, child) in map.iter_mut() {
                if !names && is_data(key) {
                    continue;
                }
                let len = at.len();
                at.push('/');
                at.push_str(&super::escape_pointer(key));
                walk_in(child, at, warnings, !names && key == "properties", key);
                at.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                let len = at.len();
                at.push_str(&format!("/{i}"));
                walk_in(item, at, warnings, false, "");
                at.truncate(len);
            }
        }
        _ => {}
    }
}

/// An `enum` whose values cannot be of the declared `type` (`type: integer`
/// with `enum: ["1", "2"]`), which the document model refuses.
fn enum_mismatches_type(map: &Map<String, Value>) -> bool {
    let Some(Value::Array(values)) = map.get("enum") else {
        return false;
    };
    let fits: fn(&Value) -> bool = match map.get("type").and_then(Value::as_str) {
        Some("integer") => |v| v.is_null() || v.is_i64() || v.is_u64(),
        Some("number") => |v| v.is_null() || v.is_number(),
        Some("boolean") => |v| v.is_null() || v.is_boolean(),
        Some("string") => |v| v.is_null() || v.is_string(),
        _ => return false,
    };
    !values.iter().all(fits)
}

/// Enum values written in another type than the schema's (`type: string`
/// with `enum: [1, 2]`, as unquoted YAML gives): each value is read as the
/// schema's type when it can be (`1` → `"1"`, `"2"` → `2`); otherwise the
/// enum is dropped.
fn mend_enum_values(map: &mut Map<String, Value>, at: &str, warnings: &mut Vec<Diagnostic>) {
    let ty = map
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let Some(Value::Array(values)) = map.get("enum") else {
        return;
    };
    let converted: Option<Vec<Value>> = values.iter().map(|v| convert(v, &ty)).collect();
    match converted {
        Some(values) => {
            map.insert("enum".to_owned(), Value::Array(values));
            let message = format!("`enum` values are not all of `type: {ty}`; read as {ty}s");
            warnings.push(Diagnostic::warning(at, message));
        }
        None => {
            map.remove("enum");
            let message = format!(
                "`enum` values cannot be read as `type: {ty}`; the enum is ignored (any {ty} is accepted)"
            );
            warnings.push(Diagnostic::warning(at, message).degraded());
        }
    }
}

/// One enum value as `ty`, if it has a faithful reading.
fn convert(value: &Value, ty: &str) -> Option<Value> {
    match (ty, value) {
        (_, Value::Null) => Some(Value::Null),
        ("string", Value::Number(n)) => Some(Value::String(n.to_string())),
        ("string", Value::Bool(b)) => Some(Value::String(b.to_string())),
        ("string", Value::String(_)) => Some(value.clone()),
        ("integer", Value::String(text)) => text.trim().parse::<i64>().ok().map(Value::from),
        ("integer", Value::Number(n)) if n.is_i64() || n.is_u64() => Some(value.clone()),
        ("number", Value::String(text)) => {
            let n = text.trim().parse::<f64>().ok()?;
            serde_json::Number::from_f64(n).map(Value::Number)
        }
        ("number", Value::Number(_)) => Some(value.clone()),
        ("boolean", Value::String(text)) => text.trim().parse::<bool>().ok().map(Value::Bool),
        ("boolean", Value::Bool(_)) => Some(value.clone()),
        _ => None,
    }
}

/// Numeric `exclusiveMinimum: 5` (as 3.1 writes it) → `minimum: 5` and
/// `exclusiveMinimum: true` (as 3.0 does), and the same for maximum; returns
/// the (keyword, bound) pairs rewritten.
pub(super) fn numeric_exclusive_bounds(
    map: &mut Map<String, Value>,
) -> Vec<(&'static str, &'static str)> {
    let mut rewritten = Vec::new();
    for (exclusive, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(number @ Value::Number(_)) = map.get(exclusive).cloned() {
            map.insert(bound.to_owned(), number);
            map.insert(exclusive.to_owned(), Value::Bool(true));
            rewritten.push((exclusive, bound));
        }
    }
    rewritten
}

/// Status keys as OpenAPI spells them (`200`, `4XX`, `default`): `4xx` is
/// upper-cased; keys that are no status at all (`200-OK`) are dropped.
fn mend_status_keys(responses: &mut Map<String, Value>, at: &str, warnings: &mut Vec<Diagnostic>) {
    // Rebuilt in the same order: response order is visible in the output.
    let old = std::mem::take(responses);
    for (key, response) in old {
        let upper = key.trim().to_ascii_uppercase();
        let bytes = upper.as_bytes();
        let valid = upper == "DEFAULT"
            || (bytes.len() == 3
                && (b'1'..=b'5').contains(&bytes[0])
                && (bytes[1..].iter().all(u8::is_ascii_digit) || &bytes[1..] == b"XX"));
        let place = format!("{at}/responses/{}", super::escape_pointer(&key));
        if !valid {
            warnings.push(Diagnostic::warning(
                place,
                format!("`{key}` is not an HTTP status; this response is ignored"),
            ));
            continue;
        }
        let fixed = if upper == "DEFAULT" {
            "default".to_owned()
        } else {
            upper
        };
        if fixed != key {
            warnings.push(Diagnostic::warning(
                place,
                format!("status `{key}` read as `{fixed}`"),
            ));
        }
        responses.insert(fixed, response);
    }
}

/// Responses without a description, parameters without a schema.
fn mend_containers(map: &mut Map<String, Value>, at: &str, warnings: &mut Vec<Diagnostic>) {
    if let Some(Value::Object(responses)) = map.get_mut("responses") {
        mend_status_keys(responses, at, warnings);
        for (code, response) in responses.iter_mut() {
            let Value::Object(response) = response else {
                continue;
            };
            if !response.contains_key("description") && !response.contains_key("$ref") {
                response.insert("description".to_owned(), Value::String(String::new()));
                let place = format!("{at}/responses/{}", super::escape_pointer(code));
                warnings.push(Diagnostic::warning(
                    place,
                    "response without `description`; using an empty one",
                ));
            }
        }
    }
    if let Some(Value::Array(parameters)) = map.get_mut("parameters") {
        for (i, parameter) in parameters.iter_mut().enumerate() {
            let Value::Object(parameter) = parameter else {
                continue;
            };
            let described = ["schema", "content", "$ref"]
                .iter()
                .any(|k| parameter.contains_key(*k));
            if !described && parameter.contains_key("in") {
                parameter.insert("schema".to_owned(), serde_json::json!({"type": "string"}));
                let message = "parameter without `schema` or `content`; treating it as a string";
                warnings.push(Diagnostic::warning(format!("{at}/parameters/{i}"), message));
            }
        }
    }
}

/// A schema object: it says what it is (`type`, `properties`...) and is not
/// a parameter or header (`in`, `schema`, `content`).
fn looks_like_schema(map: &Map<String, Value>) -> bool {
    let schema_key = [
        "type",
        "properties",
        "items",
        "allOf",
        "oneOf",
        "anyOf",
        "enum",
        "format",
    ]
    .iter()
    .any(|k| map.contains_key(*k));
    let other_object = ["in", "schema", "content", "$ref"]
        .iter()
        .any(|k| map.contains_key(*k));
    // A security scheme kept in a file of its own says `type: http` too.
    let security_scheme = matches!(
        map.get("type").and_then(Value::as_str),
        Some("http" | "apiKey" | "oauth2" | "openIdConnect" | "mutualTLS")
    );
    schema_key && !other_object && !security_scheme
}

fn mend_schema(map: &mut Map<String, Value>, at: &str, warnings: &mut Vec<Diagnostic>) {
    if let Some(Value::Array(types)) = map.get("type") {
        let nullable = types.iter().any(|t| t == "null");
        let first = types.iter().find(|t| *t != "null").cloned();
        match first {
            Some(first) => map.insert("type".to_owned(), first),
            None => map.remove("type"),
        };
        if nullable {
            map.insert("nullable".to_owned(), Value::Bool(true));
        }
        warnings.push(Diagnostic::warning(
            format!("{at}/type"),
            "`type` is a list (OpenAPI 3.1 style); using its first non-null type",
        ));
    }
    match map.get("type").and_then(Value::as_str) {
        Some("file") => {
            map.insert("type".to_owned(), Value::String("string".to_owned()));
            map.insert("format".to_owned(), Value::String("binary".to_owned()));
            warnings.push(Diagnostic::warning(
                format!("{at}/type"),
                "`type: file` (Swagger 2 style) read as a binary string",
            ));
        }
        Some("string" | "number" | "integer" | "boolean" | "array" | "object") | None => {}
        // `{type: "null"}` (a 3.1 spelling, common as an `anyOf` branch): the
        // one value `null`, in words OpenAPI 3.0 has.
        Some("null") => {
            map.remove("type");
            map.insert("enum".to_owned(), Value::Array(vec![Value::Null]));
            map.insert("nullable".to_owned(), Value::Bool(true));
        }
        Some(other) => {
            let message = format!("unknown `type: {other}`; any value is accepted");
            map.remove("type");
            warnings.push(Diagnostic::warning(format!("{at}/type"), message).degraded());
        }
    }
    if map.get("required").is_some_and(Value::is_boolean) {
        map.remove("required");
        let message = "`required: true/false` on a schema is ignored; list required properties in the parent's `required`";
        warnings.push(Diagnostic::warning(format!("{at}/required"), message));
    }
    for (exclusive, bound) in numeric_exclusive_bounds(map) {
        let message = format!(
            "numeric `{exclusive}` (OpenAPI 3.1 style) read as `{bound}` with `{exclusive}: true`"
        );
        warnings.push(Diagnostic::warning(format!("{at}/{exclusive}"), message));
    }
    if map.get("required").is_some_and(Value::is_string) {
        let one = map.remove("required").unwrap_or_default();
        map.insert("required".to_owned(), Value::Array(vec![one]));
        warnings.push(Diagnostic::warning(
            format!("{at}/required"),
            "`required` is a string; read as a list of one",
        ));
    }
    if let Some(Value::Array(items)) = map.get("items") {
        let first = items
            .first()
            .cloned()
            .unwrap_or_else(|| serde_json::json!({}));
        map.insert("items".to_owned(), first);
        warnings.push(
            Diagnostic::warning(
                format!("{at}/items"),
                "`items` is a list (tuple); using its first schema",
            )
            .degraded(),
        );
    }
    if enum_mismatches_type(map) {
        mend_enum_values(map, &format!("{at}/enum"), warnings);
    }
    if map
        .get("discriminator")
        .is_some_and(|d| d.get("propertyName").and_then(Value::as_str).is_none())
    {
        map.remove("discriminator");
        warnings.push(Diagnostic::warning(
            format!("{at}/discriminator"),
            "`discriminator` without `propertyName`; ignored",
        ));
    }
    if map.get("enum").is_some_and(|e| !e.is_array()) {
        map.remove("enum");
        warnings.push(Diagnostic::warning(
            format!("{at}/enum"),
            "`enum` is not a list; ignored",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn mends_what_authors_meant() {
        let mut spec = json!({
            "components": {"schemas": {"A": {"type": "object", "properties": {
                "x": {"type": ["string", "null"], "required": true},
                // Properties named like data are schemas.
                "example": {"type": ["null", "integer"]},
                "single": {"type": ["integer"]},
                "n": {"type": "integer", "exclusiveMinimum": 5},
            }}}},
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            // Bundled files are mended too; other extensions are data.
            "x-oas-gen-external": {"0-b": {"allOf": [{"type": ["string", "null"]}]}},
            "x-sample": {"type": ["string", "null"]},
            "paths": {"/a": {"get": {"parameters": [{"name": "p", "in": "query", "required": true, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "ok", "content": {"application/json": {
                    "example": {"type": ["a"], "required": true}}}}}}}}
        });
        let warnings = mend(&mut spec);
        assert_eq!(warnings.len(), 6);
        assert_eq!(
            spec["components"]["schemas"]["A"]["properties"]["single"],
            json!({"type": "integer"}),
            "no null, not nullable"
        );
        assert_eq!(
            spec["components"]["schemas"]["A"]["properties"]["example"],
            json!({"type": "integer", "nullable": true}),
            "the first type that is not null"
        );
        let nullable = json!({"type": "string", "nullable": true});
        assert_eq!(
            spec["x-oas-gen-external"]["0-b"]["allOf"][0], nullable,
            "in lists too"
        );
        assert_eq!(spec["x-sample"], json!({"type": ["string", "null"]}));
        let x = &spec["components"]["schemas"]["A"]["properties"]["x"];
        assert_eq!(x, &json!({"type": "string", "nullable": true}));
        let n = &spec["components"]["schemas"]["A"]["properties"]["n"];
        assert_eq!(
            n,
            &json!({"type": "integer", "minimum": 5, "exclusiveMinimum": true})
        );
        assert_eq!(
            spec["paths"]["/a"]["get"]["parameters"][0]["required"],
            json!(true),
            "parameters keep theirs"
        );
        let example = &spec["paths"]["/a"]["get"]["responses"]["200"]["content"]
            ["application/json"]["example"];
        assert_eq!(
            example,
            &json!({"type": ["a"], "required": true}),
            "examples are data"
        );
    }

    #[test]
    fn only_schema_shaped_objects_are_taken_for_schemas() {
        let schema = |v: serde_json::Value| looks_like_schema(v.as_object().unwrap());
        assert!(schema(json!({"type": "string"})));
        assert!(schema(json!({"properties": {}})));
        // A parameter has a schema key (`schema`) but is not one.
        assert!(!schema(
            json!({"in": "query", "schema": {"type": "string"}})
        ));
        assert!(!schema(json!({"type": "object", "$ref": "#/x"})));
        // A security scheme in a file of its own says `type: http`.
        assert!(!schema(json!({"type": "http", "scheme": "bearer"})));
        assert!(!schema(json!({"description": "no schema keyword"})));
    }

    #[test]
    fn enum_values_of_another_type_are_found_for_every_type() {
        let mismatch = |v: serde_json::Value| enum_mismatches_type(v.as_object().unwrap());
        assert!(mismatch(json!({"type": "number", "enum": ["1.5"]})));
        assert!(!mismatch(json!({"type": "number", "enum": [1.5, null]})));
        assert!(mismatch(json!({"type": "integer", "enum": [1.5]})));
        assert!(!mismatch(
            json!({"type": "integer", "enum": [null, -1, 18446744073709551615u64]})
        ));
        assert!(mismatch(json!({"type": "boolean", "enum": ["true"]})));
        assert!(mismatch(json!({"type": "string", "enum": [1]})));
        assert!(
            !mismatch(json!({"enum": [1, "a"]})),
            "no type: anything goes"
        );
    }

    #[test]
    fn enum_values_are_read_as_the_schemas_type_when_they_faithfully_can_be() {
        let cases = [
            ("integer", json!(null), Some(json!(null))),
            ("string", json!(1), Some(json!("1"))),
            ("string", json!(true), Some(json!("true"))),
            ("string", json!("a"), Some(json!("a"))),
            ("integer", json!(" 2 "), Some(json!(2))),
            ("integer", json!("two"), None),
            ("integer", json!(-3), Some(json!(-3))),
            (
                "integer",
                json!(18446744073709551615u64),
                Some(json!(18446744073709551615u64)),
            ),
            ("integer", json!(1.5), None),
            ("number", json!("1.5"), Some(json!(1.5))),
            ("number", json!("many"), None),
            ("number", json!(2), Some(json!(2))),
            ("boolean", json!("true"), Some(json!(true))),
            ("boolean", json!(false), Some(json!(false))),
            ("boolean", json!(1), None),
            ("object", json!({}), None),
        ];
        for (ty, value, read) in cases {
            assert_eq!(convert(&value, ty), read, "{value} as {ty}");
        }
    }

    #[test]
    fn status_keys_are_spelled_as_openapi_does_and_others_dropped() {
        let mut responses = json!({
            "200": {}, "4xx": {}, "default": {}, "2000": {}, "600": {}, "2X1": {}, "20": {}
        })
        .as_object()
        .unwrap()
        .clone();
        let mut warnings = Vec::new();
        mend_status_keys(&mut responses, "/op", &mut warnings);
        let keys: Vec<&str> = responses.keys().map(String::as_str).collect();
        assert_eq!(keys, ["200", "4XX", "default"]);
        assert_eq!(warnings.len(), 5, "4 dropped and 1 respelled: {warnings:?}");
    }
}
