//! OpenAPI 3.1 → the 3.0 form the rest of the pipeline reads.
//!
//! 3.1 is read by normalising its document, before anything else looks at
//! it, into what 3.0 says the same way: one schema dialect for lowering,
//! which never learns the version. What 3.0 has words for is rewritten
//! silently (`type: [T, "null"]`, `const`, `examples` arrays, `$ref` with
//! siblings, boolean schemas, `contentEncoding: base64`,
//! `unevaluatedProperties`, optional `paths` and `responses`). What Rust
//! types cannot say yet (`if`/`then`/`else`, `$dynamicRef`, `prefixItems` of
//! mixed types, `dependentRequired`) is dropped with a located warning.

use serde_json::{json, Map, Value};

use super::{EXTERNAL_KEY, METHODS};
use crate::diagnostics::Diagnostic;

/// Where a tuple's item schemas (3.1 `prefixItems`) are kept for lowering.
pub const TUPLE_KEY: &str = "x-oas-gen-tuple";

/// The 3.0 version the normalised document declares.
const READ_AS: &str = "3.0.3";

/// JSON Schema keywords with no Rust meaning yet: dropped, with a warning.
const UNSUPPORTED: &[&str] = &[
    "if",
    "then",
    "else",
    "$dynamicRef",
    "$dynamicAnchor",
    "dependentSchemas",
    "contains",
    "minContains",
    "maxContains",
];

/// References by `$id` (`$ref: https://example.com/schemas/pet`) become
/// local pointers to the schema that declares that `$id`; a reference to a
/// URL no schema here declares cannot be followed (the generator never uses
/// the network), so it becomes any JSON value, with a warning. Runs before
/// external files are bundled, which would refuse such URLs.
pub fn resolve_ids(raw: &mut Value) -> Vec<Diagnostic> {
    let mut ids = Vec::new();
    collect_ids(raw, &mut ids);
    let mut warnings = Vec::new();
    rewrite_id_refs(raw, &ids, &mut warnings);
    warnings
}

/// Calls `visit` on every object outside example and default data, with
/// its JSON pointer.
fn visit_objects(
    value: &mut Value,
    at: &mut String,
    visit: &mut dyn FnMut(&mut Map<String, Value>, &str),
) {
    match value {
        Value::Object(map) => {
            visit(map, at);
            for (key, child) in map.iter_mut() {
                let data = matches!(
                    key.as_str(),
                    "example" | "examples" | "default" | "enum" | "const"
                );
                if data {
                    continue;
                }
                let len = at.len();
                at.push('/');
                at.push_str(&super::escape_pointer(key));
                visit_objects(child, at, visit);
                at.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                let len = at.len();
                at.push_str(&format!("/{i}"));
                visit_objects(item, at, visit);
                at.truncate(len);
            }
        }
        _ => {}
    }
}

fn collect_ids(value: &mut Value, ids: &mut Vec<(String, String)>) {
    visit_objects(value, &mut String::new(), &mut |map, at| {
        if let Some(id) = map.get("$id").and_then(Value::as_str) {
            ids.push((id.trim_end_matches('#').to_owned(), at.to_owned()));
        }
    });
}

fn rewrite_id_refs(value: &mut Value, ids: &[(String, String)], warnings: &mut Vec<Diagnostic>) {
    visit_objects(value, &mut String::new(), &mut |map, at| {
        let Some(Value::String(reference)) = map.get("$ref") else {
            return;
        };
        let (base, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        if let Some((_, pointer)) = ids.iter().find(|(id, _)| id == base) {
            let local = format!("#{pointer}{fragment}");
            map.insert("$ref".to_owned(), Value::String(local));
        } else if base.contains("://") {
            let message = format!(
                "`$ref: {reference}` names a URL that no `$id` here declares; it cannot be \
                 followed (the generator never uses the network), so any JSON value is accepted"
            );
            warnings.push(Diagnostic::warning(format!("{at}/$ref"), message).degraded());
            map.remove("$ref");
        }
    });
}

/// Rewrites a 3.1 document in place as 3.0; returns the warnings for what
/// was dropped.
pub fn normalize(raw: &mut Value) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let Value::Object(root) = raw else {
        return warnings;
    };
    root.insert("openapi".to_owned(), Value::String(READ_AS.to_owned()));
    root.entry("paths").or_insert_with(|| json!({}));
    if let Some(dialect) = root.get("jsonSchemaDialect").and_then(Value::as_str) {
        if !dialect.starts_with("https://spec.openapis.org/oas/3.1/dialect") {
            let message = format!(
                "`jsonSchemaDialect: {dialect}` is not the OpenAPI dialect; its schemas are read as OpenAPI schemas"
            );
            warnings.push(Diagnostic::warning("/jsonSchemaDialect", message));
        }
    }
    mutual_tls(root, &mut warnings);
    walk(raw, &mut String::new(), Place::Document, &mut warnings);
    warnings
}

/// `type: mutualTLS` security schemes, which 3.0 does not know: the client
/// cannot send them anyway (the TLS layer does), so they are removed.
fn mutual_tls(root: &mut Map<String, Value>, warnings: &mut Vec<Diagnostic>) {
    let Some(Value::Object(schemes)) = root
        .get_mut("components")
        .and_then(|c| c.get_mut("securitySchemes"))
    else {
        return;
    };
    let names: Vec<String> = schemes
        .iter()
        .filter(|(_, s)| s.get("type").and_then(Value::as_str) == Some("mutualTLS"))
        .map(|(n, _)| n.clone())
        .collect();
    for name in names {
        schemes.shift_remove(&name);
        let at = format!(
            "/components/securitySchemes/{}",
            super::escape_pointer(&name)
        );
        let message = "a `mutualTLS` scheme is set up on the TLS layer, not by the client: \
                       give `ClientBuilder::http_client` a `reqwest::Client` with your identity";
        warnings.push(Diagnostic::warning(at, message));
    }
}

/// What a node is, as far as the walk knows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Part of the OpenAPI document (not a schema).
    Document,
    /// A map of named document objects (`responses`, `paths`, `content`).
    DocumentNames,
    /// A map of named schemas (`properties`, `components/schemas`, `$defs`).
    SchemaNames,
    /// A schema.
    Schema,
    /// A schema where `true`/`false` keep their 3.0 meaning
    /// (`additionalProperties: false`).
    SchemaOrBool,
    /// An operation (`responses` is required in 3.0).
    Operation,
    /// A map of operations by method (3.2's `additionalOperations`).
    OperationNames,
    /// The bundled files: each is a schema or a piece of document.
    External,
}

fn walk(value: &mut Value, at: &mut String, place: Place, warnings: &mut Vec<Diagnostic>) {
    if place == Place::External {
        // A bundled file that is a schema, or a map of schemas, is read as
        // such; any other file as part of the document.
        if let Value::Object(files) = value {
            for (key, file) in files.iter_mut() {
                let len = at.len();
                at.push('/');
                at.push_str(&super::escape_pointer(key));
                walk(file, at, external_place(file), warnings);
                at.truncate(len);
            }
        }
        return;
    }
    if place == Place::Schema || (place == Place::SchemaOrBool && !value.is_boolean()) {
        schema(value, at, warnings);
    }
    match value {
        Value::Object(map) => {
            if place == Place::Operation {
                map.entry("responses").or_insert_with(|| json!({}));
            }
            let keys: Vec<String> = map.keys().cloned().collect();
            for key in keys {
                let Some(child_place) = child(place, &key) else {
                    continue;
                };
                if let Some(child) = map.get_mut(&key) {
                    let len = at.len();
                    at.push('/');
                    at.push_str(&super::escape_pointer(&key));
                    walk(child, at, child_place, warnings);
                    at.truncate(len);
                }
            }
        }
        Value::Array(items) => {
            // A list of parameters holds document objects; `allOf` schemas.
            let item_place = match place {
                Place::DocumentNames => Place::Document,
                other => other,
            };
            for (i, item) in items.iter_mut().enumerate() {
                let len = at.len();
                at.push_str(&format!("/{i}"));
                walk(item, at, item_place, warnings);
                at.truncate(len);
            }
        }
        _ => {}
    }
}

/// What the value under `key` is, inside a node of kind `place`; `None` for
/// data (examples, defaults, extensions), which is never rewritten.
fn child(place: Place, key: &str) -> Option<Place> {
    // Inside, a schema that could have been `false` is a schema like any.
    let place = match place {
        Place::SchemaOrBool => Place::Schema,
        other => other,
    };
    let named = matches!(
        place,
        Place::DocumentNames | Place::SchemaNames | Place::OperationNames
    );
    if !named
        && (matches!(
            key,
            "example" | "examples" | "default" | "enum" | "const" | "value"
        ) || (key.starts_with("x-") && key != EXTERNAL_KEY))
    {
        return None;
    }
    Some(match place {
        Place::SchemaNames => Place::Schema,
        Place::OperationNames => Place::Operation,
        Place::External | Place::SchemaOrBool => Place::Document,
        Place::DocumentNames => Place::Document,
        Place::Schema => match key {
            "properties" | "$defs" | "definitions" => Place::SchemaNames,
            "additionalProperties" | "unevaluatedProperties" => Place::SchemaOrBool,
            "items" | "not" | "allOf" | "anyOf" | "oneOf" | "prefixItems" | "propertyNames" => {
                Place::Schema
            }
            _ => return None,
        },
        Place::Document | Place::Operation => match key {
            "schema" => Place::Schema,
            "schemas" | "$defs" => Place::SchemaNames,
            // `query`: 3.2's QUERY method.
            k if (METHODS.contains(&k) || k == "query") && place == Place::Document => {
                Place::Operation
            }
            "additionalOperations" => Place::OperationNames,
            "responses" | "parameters" | "headers" | "requestBodies" | "securitySchemes"
            | "links" | "callbacks" | "paths" | "webhooks" | "pathItems" | "content"
            | "encoding" => Place::DocumentNames,
            EXTERNAL_KEY => Place::External,
            _ => Place::Document,
        },
    })
}

/// What a bundled file is: a schema, a map of schemas, or document.
fn external_place(file: &Value) -> Place {
    let looks_like_schema = |v: &Value| {
        v.as_object().is_some_and(|m| {
            [
                "type",
                "properties",
                "allOf",
                "oneOf",
                "anyOf",
                "items",
                "enum",
                "const",
                "$ref",
            ]
            .iter()
            .any(|k| m.contains_key(*k))
                && !["in", "content", "schema", "responses", "get", "post"]
                    .iter()
                    .any(|k| m.contains_key(*k))
        })
    };
    match file {
        _ if looks_like_schema(file) => Place::Schema,
        Value::Object(map) if !map.is_empty() && map.values().all(looks_like_schema) => {
            Place::SchemaNames
        }
        _ => Place::Document,
    }
}

/// Rewrites one schema as 3.0 says it; its subschemas are walked after.
fn schema(value: &mut Value, at: &str, warnings: &mut Vec<Diagnostic>) {
    // Boolean schemas: `true` accepts anything, `false` nothing.
    if let Value::Bool(accepts) = value {
        *value = if *accepts {
            json!({})
        } else {
            json!({"not": {}})
        };
        return;
    }
    let Value::Object(map) = value else {
        return;
    };
    ref_siblings(map);
    type_list(map);
    if let Some(constant) = map.remove("const") {
        map.entry("enum")
            .or_insert_with(|| Value::Array(vec![constant]));
    }
    if let Some(Value::Array(examples)) = map.get("examples") {
        let first = examples.first().cloned();
        map.remove("examples");
        if let Some(first) = first {
            map.entry("example").or_insert(first);
        }
    }
    if map.get("contentEncoding").and_then(Value::as_str) == Some("base64") {
        map.insert("format".to_owned(), json!("byte"));
    } else if let Some(media) = map.get("contentMediaType").and_then(Value::as_str) {
        // 3.1 says a file's bytes as a string of a media type (3.0 said
        // `format: binary`); a textual type is text.
        let media = media.to_ascii_lowercase();
        let textual = media.starts_with("text/") || media.contains("json") || media.contains("xml");
        if !textual && !map.contains_key("format") {
            map.insert("format".to_owned(), json!("binary"));
        }
    }
    map.remove("contentEncoding");
    map.remove("contentMediaType");
    // Numeric exclusive bounds (3.0 says them as a bound and a flag).
    super::quirks::numeric_exclusive_bounds(map);
    // Property names by pattern: the values' schema is what a map of them
    // holds (the names are strings either way).
    if let Some(Value::Object(patterns)) = map.remove("patternProperties") {
        let mut schemas = patterns.into_iter().map(|(_, schema)| schema);
        let first = schemas.next();
        match first {
            Some(first) if schemas.all(|s| s == first) => {
                map.entry("additionalProperties").or_insert(first);
            }
            Some(_) => {
                let message = "`patternProperties` with different schemas per pattern is read as a map of any JSON values";
                warnings.push(
                    Diagnostic::warning(format!("{at}/patternProperties"), message).degraded(),
                );
                map.entry("additionalProperties")
                    .or_insert(Value::Bool(true));
            }
            None => {}
        }
    }
    if let Some(unevaluated) = map.remove("unevaluatedProperties") {
        map.entry("additionalProperties").or_insert(unevaluated);
    }
    // Keys are strings in JSON: `{type: string}` says nothing more; any
    // other constraint on them (a pattern, an enum) is not checked.
    if let Some(names) = map.remove("propertyNames") {
        let plain = names.as_object().is_some_and(|n| {
            n.iter()
                .all(|(k, v)| (k == "type" && v == "string") || k == "description")
        });
        if !plain && names != Value::Bool(true) {
            let message = "`propertyNames` constraints on map keys are not checked";
            warnings.push(Diagnostic::warning(format!("{at}/propertyNames"), message).degraded());
        }
    }
    map.remove("$schema");
    map.remove("$id");
    map.remove("$anchor");
    map.remove("$comment");
    prefix_items(map, at, warnings);
    for keyword in UNSUPPORTED.iter().chain(&["dependentRequired"]) {
        if map.remove(*keyword).is_some() {
            let message = format!("`{keyword}` has no Rust meaning yet; it is ignored");
            warnings.push(Diagnostic::warning(format!("{at}/{keyword}"), message).degraded());
        }
    }
}

/// `$ref` with other keywords beside it (allowed from 3.1 on): the reference
/// becomes an `allOf` part, so the siblings document or constrain it.
fn ref_siblings(map: &mut Map<String, Value>) {
    if !map.contains_key("$ref") || map.len() == 1 {
        return;
    }
    let Some(reference) = map.remove("$ref") else {
        return;
    };
    let mut parts = vec![json!({"$ref": reference})];
    if let Some(Value::Array(existing)) = map.remove("allOf") {
        parts.extend(existing);
    }
    map.insert("allOf".to_owned(), Value::Array(parts));
}

/// `type: [T, "null"]` → `type: T, nullable: true`; several non-null types
/// → `anyOf` of each.
fn type_list(map: &mut Map<String, Value>) {
    let Some(Value::Array(types)) = map.get("type").cloned() else {
        return;
    };
    map.remove("type");
    let nullable = types.iter().any(|t| t == "null");
    let others: Vec<Value> = types.into_iter().filter(|t| t != "null").collect();
    match others.as_slice() {
        [] => {
            map.insert("enum".to_owned(), json!([null]));
        }
        [one] => {
            map.insert("type".to_owned(), one.clone());
        }
        several => {
            let branches = several.iter().map(|t| json!({"type": t})).collect();
            map.insert("anyOf".to_owned(), Value::Array(branches));
        }
    }
    if nullable {
        map.insert("nullable".to_owned(), Value::Bool(true));
    }
}

/// `prefixItems`: items of one schema are an array of it; items of several
/// are a tuple (kept under [`TUPLE_KEY`] for lowering, as 3.0 has no word
/// for it).
fn prefix_items(map: &mut Map<String, Value>, at: &str, warnings: &mut Vec<Diagnostic>) {
    let Some(Value::Array(mut items)) = map.remove("prefixItems") else {
        return;
    };
    for (i, item) in items.iter_mut().enumerate() {
        walk(
            item,
            &mut format!("{at}/prefixItems/{i}"),
            Place::Schema,
            warnings,
        );
    }
    let rest = map.remove("items");
    let closed = rest.as_ref().is_none_or(|r| r == &Value::Bool(false));
    let same = items.windows(2).all(|w| w[0] == w[1]) && (closed || items.first() == rest.as_ref());
    let item = match (same, items.first()) {
        (true, Some(first)) => first.clone(),
        (false, Some(_)) if closed => {
            map.insert(TUPLE_KEY.to_owned(), Value::Array(items.clone()));
            json!({})
        }
        _ => {
            let message = "`prefixItems` followed by more items of another schema is read as a list of any JSON values";
            warnings.push(Diagnostic::warning(format!("{at}/prefixItems"), message).degraded());
            json!({})
        }
    };
    map.insert("type".to_owned(), json!("array"));
    map.insert("items".to_owned(), item);
    if !items.is_empty() {
        map.entry("minItems").or_insert_with(|| json!(items.len()));
        if rest == Some(Value::Bool(false)) {
            map.entry("maxItems").or_insert_with(|| json!(items.len()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalized(schema: Value) -> (Value, Vec<Diagnostic>) {
        let mut doc = json!({"openapi": "3.1.0", "components": {"schemas": {"S": schema}}});
        let warnings = normalize(&mut doc);
        assert_eq!(doc["openapi"], json!(READ_AS));
        assert_eq!(doc["paths"], json!({}), "paths are optional in 3.1");
        (doc["components"]["schemas"]["S"].clone(), warnings)
    }

    #[test]
    fn null_const_and_examples_in_3_0_words() {
        let (s, warnings) = normalized(json!({"type": "object", "properties": {
            "a": {"type": ["string", "null"], "examples": ["x", "y"]},
            "b": {"type": ["string", "integer", "null"]},
            "c": {"const": "cat"},
            "d": {"type": "integer", "exclusiveMinimum": 0},
        }}));
        assert!(warnings.is_empty(), "{warnings:?}");
        let p = &s["properties"];
        assert_eq!(
            p["a"],
            json!({"type": "string", "nullable": true, "example": "x"})
        );
        assert_eq!(
            p["b"],
            json!({"anyOf": [{"type": "string"}, {"type": "integer"}], "nullable": true})
        );
        assert_eq!(p["c"], json!({"enum": ["cat"]}));
        assert_eq!(
            p["d"],
            json!({"type": "integer", "minimum": 0, "exclusiveMinimum": true})
        );
    }

    #[test]
    fn data_is_never_rewritten_but_properties_named_like_it_are() {
        let nullable = json!({"type": ["string", "null"]});
        let (s, _) = normalized(json!({"type": "object",
            "default": {"type": ["string", "null"]},
            "x-shape": {"type": ["string", "null"]},
            "properties": {"example": nullable, "x-name": nullable, "default": nullable},
        }));
        assert_eq!(s["default"], nullable, "data");
        assert_eq!(s["x-shape"], nullable, "an extension");
        let rewritten = json!({"type": "string", "nullable": true});
        for name in ["example", "x-name", "default"] {
            assert_eq!(s["properties"][name], rewritten, "a property called {name}");
        }
        // In the document around schemas too: an example or an extension
        // that holds a `schema` is data. Bundled files sit under an
        // extension, and are read all the same.
        let data = json!({"schema": nullable});
        let mut doc = json!({"openapi": "3.1.0", EXTERNAL_KEY: {"0-a": nullable},
            "paths": {"/a": {"x-sample": data, "get": {"responses": {"200": {
                "description": "ok",
                "content": {"application/json": {"example": data, "examples": {"e": {"value": data}}}},
            }}}}},
        });
        let before = doc.clone();
        normalize(&mut doc);
        assert_eq!(doc[EXTERNAL_KEY]["0-a"], rewritten);
        assert_eq!(doc["paths"], before["paths"]);
    }

    #[test]
    fn booleans_refs_with_siblings_and_maps() {
        let (s, _) = normalized(json!({"type": "object", "additionalProperties": false,
        "properties": {
            "any": true,
            "none": false,
            "pet": {"$ref": "#/components/schemas/Pet", "description": "The pet."},
            "rooms": {"type": "object", "patternProperties": {"^!": {"type": ["integer", "null"]}}},
            "blob": {"type": "string", "contentEncoding": "base64", "contentMediaType": "image/png"},
        }}));
        assert_eq!(
            s["additionalProperties"],
            json!(false),
            "3.0 keeps its booleans"
        );
        let p = &s["properties"];
        assert_eq!(p["any"], json!({}));
        assert_eq!(p["none"], json!({"not": {}}));
        assert_eq!(
            p["pet"],
            json!({"allOf": [{"$ref": "#/components/schemas/Pet"}], "description": "The pet."})
        );
        assert_eq!(
            p["rooms"]["additionalProperties"],
            json!({"type": "integer", "nullable": true})
        );
        assert_eq!(p["blob"], json!({"type": "string", "format": "byte"}));
    }

    #[test]
    fn tuples_are_kept_for_lowering() {
        let (s, warnings) = normalized(json!({"type": "array",
            "prefixItems": [{"type": "string"}, {"type": ["integer", "null"]}], "items": false}));
        assert!(warnings.is_empty());
        assert_eq!(
            s[TUPLE_KEY],
            json!([{"type": "string"}, {"type": "integer", "nullable": true}])
        );
        assert_eq!(s["minItems"], json!(2));
        assert_eq!(s["maxItems"], json!(2));
    }

    #[test]
    fn items_after_the_prefix_make_a_list_when_they_agree_and_any_value_when_not() {
        let string = json!({"type": "string"});
        let (same, warnings) =
            normalized(json!({"prefixItems": [string, string], "items": string}));
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(same["items"], string);
        assert_eq!(same["minItems"], json!(2));
        assert!(same.get("maxItems").is_none(), "more may follow");
        let (other, warnings) = normalized(json!({
            "prefixItems": [string, {"type": "integer"}], "items": {"type": "boolean"}
        }));
        assert_eq!(other["items"], json!({}));
        assert!(
            other.get(TUPLE_KEY).is_none(),
            "not a tuple: more items follow"
        );
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].degraded && warnings[0].pointer.ends_with("/prefixItems"));
    }

    #[test]
    fn pattern_properties_of_one_schema_are_a_map_of_it_and_of_several_any_value() {
        let string = json!({"type": "string"});
        let (one, warnings) =
            normalized(json!({"patternProperties": {"^a": string, "^b": string}}));
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(one["additionalProperties"], string);
        let (several, warnings) =
            normalized(json!({"patternProperties": {"^a": string, "^b": {"type": "integer"}}}));
        assert_eq!(several["additionalProperties"], json!(true));
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].degraded && warnings[0].pointer.ends_with("/patternProperties"));
    }

    #[test]
    fn only_names_said_to_be_strings_say_nothing_more() {
        let said = |names: Value| normalized(json!({"propertyNames": names})).1.len();
        assert_eq!(
            said(json!({"type": "string", "description": "any name"})),
            0
        );
        assert_eq!(said(json!(true)), 0);
        assert_eq!(said(json!({"type": "string", "pattern": "^[a-z]+$"})), 1);
        assert_eq!(said(json!({"pattern": "string"})), 1);
        assert_eq!(said(json!({"type": "integer"})), 1);
    }

    #[test]
    fn a_media_type_of_text_is_text_and_any_other_is_bytes() {
        let format = |media: &str, more: Value| {
            let mut schema = json!({"type": "string", "contentMediaType": media});
            schema
                .as_object_mut()
                .unwrap()
                .extend(more.as_object().unwrap().clone());
            normalized(schema).0.get("format").cloned()
        };
        assert_eq!(format("image/png", json!({})), Some(json!("binary")));
        assert_eq!(
            format("Image/PNG", json!({"format": "uri"})),
            Some(json!("uri"))
        );
        for text in [
            "text/plain",
            "application/json",
            "application/merge-patch+json",
            "application/xml",
        ] {
            assert_eq!(format(text, json!({})), None, "{text}");
        }
    }

    #[test]
    fn responses_by_name_are_read_the_default_one_too() {
        let mut doc = json!({"openapi": "3.1.0", "paths": {"/a": {"get": {"responses": {
            "default": {"description": "d", "content": {"application/json": {
                "schema": {"type": ["string", "null"]}
            }}}
        }}}}});
        normalize(&mut doc);
        let schema = &doc["paths"]["/a"]["get"]["responses"]["default"]["content"]
            ["application/json"]["schema"];
        assert_eq!(*schema, json!({"type": "string", "nullable": true}));
    }

    #[test]
    fn what_has_no_rust_meaning_is_dropped_with_a_degraded_warning() {
        let (s, warnings) = normalized(json!({"type": "object",
            "if": {"required": ["a"]}, "then": {"required": ["b"]},
            "dependentRequired": {"a": ["b"]}}));
        assert_eq!(s, json!({"type": "object"}));
        let places: Vec<&str> = warnings.iter().map(|w| w.pointer.as_str()).collect();
        assert_eq!(
            places,
            [
                "/components/schemas/S/if",
                "/components/schemas/S/then",
                "/components/schemas/S/dependentRequired"
            ]
        );
        assert!(warnings.iter().all(|w| w.degraded));
    }

    #[test]
    fn references_by_id_become_local_and_unknown_urls_any_value() {
        let mut doc = json!({"openapi": "3.1.0", "components": {"schemas": {
            "Owner": {"$id": "https://x.example/owner", "type": "object"},
            "A": {"properties": {
                "o": {"$ref": "https://x.example/owner"},
                "u": {"$ref": "https://y.example/u.json", "description": "Elsewhere."},
            }},
        }}});
        let warnings = resolve_ids(&mut doc);
        let p = &doc["components"]["schemas"]["A"]["properties"];
        assert_eq!(p["o"], json!({"$ref": "#/components/schemas/Owner"}));
        assert_eq!(p["u"], json!({"description": "Elsewhere."}));
        assert_eq!(warnings.len(), 1);
        assert_eq!(
            warnings[0].pointer,
            "/components/schemas/A/properties/u/$ref"
        );
    }

    #[test]
    fn operations_get_responses_and_mutual_tls_is_removed() {
        let mut doc = json!({"openapi": "3.1.1",
            "paths": {"/a": {"post": {"operationId": "a"},
                // 3.2's, which reach this reading as 3.1.
                "query": {"operationId": "q"},
                "additionalOperations": {"example": {"operationId": "c"}}}},
            "components": {"securitySchemes": {"tls": {"type": "mutualTLS"}}}});
        let warnings = normalize(&mut doc);
        let item = &doc["paths"]["/a"];
        assert_eq!(item["post"]["responses"], json!({}));
        assert_eq!(item["query"]["responses"], json!({}));
        assert_eq!(
            item["additionalOperations"]["example"]["responses"],
            json!({}),
            "a method, not data"
        );
        assert_eq!(doc["components"]["securitySchemes"], json!({}));
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn ids_inside_lists_are_found_and_references_to_them_rewritten() {
        let mut doc = json!({
            "openapi": "3.1.0",
            "components": {"schemas": {
                "A": {"oneOf": [{"$id": "https://example.com/b", "type": "string"}]},
                "C": {"$ref": "https://example.com/b"}
            }}
        });
        let warnings = resolve_ids(&mut doc);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            doc["components"]["schemas"]["C"]["$ref"],
            json!("#/components/schemas/A/oneOf/0")
        );
    }

    #[test]
    fn a_bundled_file_is_a_schema_a_map_of_schemas_or_a_document() {
        assert!(matches!(
            external_place(&json!({"type": "string"})),
            Place::Schema
        ));
        assert!(matches!(
            external_place(&json!({"A": {"type": "string"}, "B": {"$ref": "x"}})),
            Place::SchemaNames
        ));
        assert!(
            matches!(external_place(&json!({})), Place::Document),
            "empty"
        );
        assert!(matches!(
            external_place(&json!({"get": {"responses": {}}})),
            Place::Document
        ));
        assert!(matches!(
            external_place(&json!({"name": "q", "in": "query", "schema": {"type": "string"}})),
            Place::Document
        ));
    }

    #[test]
    fn property_names_that_only_say_string_are_dropped_quietly() {
        let mut doc = json!({"openapi": "3.1.0", "paths": {}, "components": {"schemas": {
            "Plain": {"type": "object", "propertyNames": {"type": "string", "description": "keys"}},
            "Checked": {"type": "object", "propertyNames": {"pattern": "^a"}}
        }}});
        let warnings = normalize(&mut doc);
        let pointers: Vec<&str> = warnings.iter().map(|w| w.pointer.as_str()).collect();
        assert_eq!(pointers, ["/components/schemas/Checked/propertyNames"]);
        assert!(doc["components"]["schemas"]["Plain"]
            .get("propertyNames")
            .is_none());
    }
}
