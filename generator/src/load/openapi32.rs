//! OpenAPI 3.2 → the 3.1 form `openapi31` reads.
//!
//! 3.2 keeps 3.1's schemas and adds to the document around them. What 3.1
//! has words for is rewritten in place:
//! - `itemSchema` of a stream: one event's `data` (its `contentSchema`) for
//!   `text/event-stream`, one item for JSON lines and JSON text sequences,
//!   read as the media type's `schema` (how 3.0 and 3.1 specs write it);
//! - a `querystring` parameter holding a form: one object query parameter,
//!   exploded, which puts the same `name=value` pairs on the wire;
//! - `style: cookie`: `form`, 3.0's only cookie style;
//! - an example's `dataValue`: its `value`;
//! - a discriminator's `defaultMapping`: [`DEFAULT_MAPPING_KEY`], which
//!   lowering reads (in an earlier version's document the key is unknown,
//!   and ignored as the warning for it says).
//!
//! The QUERY method and `additionalOperations` have no place in 3.1's path
//! item: [`gather_operations`] lists them under [`EXTRA_OPERATIONS_KEY`]
//! once everything else is normalised, and lowering reads them from there.
//! References to the document's own `$self` URI are local ones. Read and
//! not used: tags' `parent` and `kind`, responses'
//! `summary`, servers' `name`, device authorization.

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::misplaced_refs::{names_map, path_items};
use crate::diagnostics::Diagnostic;
use crate::source::escape_pointer;

/// Where a path item's operations of other methods are listed for
/// lowering (see [`ExtraOperation`]).
pub const EXTRA_OPERATIONS_KEY: &str = "x-oas-gen-operations";

/// Where a discriminator's `defaultMapping` is kept for lowering.
pub const DEFAULT_MAPPING_KEY: &str = "x-oas-gen-default-mapping";

/// An operation of a method 3.1's path item has no field for.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExtraOperation {
    /// The method as sent (`QUERY`, `COPY`).
    pub method: String,
    /// Where it stands in the path item, as escaped pointer segments
    /// (`query`, `additionalOperations/COPY`).
    pub key: String,
    /// The operation object.
    pub operation: Value,
}

/// How many `$ref` hops are followed to find an event's schema.
const MAX_HOPS: usize = 32;

/// Rewrites a 3.2 document in place as 3.1; returns the warnings for what
/// was read differently from what it says.
pub fn normalize(raw: &mut Value) -> Vec<Diagnostic> {
    let mut found = Found::default();
    find(raw, raw, &mut String::new(), false, &mut found);
    for (at, change) in found.changes {
        if let Some(slot) = raw.pointer_mut(&at) {
            change.apply(slot);
        }
    }
    found.warnings
}

/// What the walk found to rewrite, by pointer, and what it says about it.
#[derive(Default)]
struct Found {
    changes: Vec<(String, Change)>,
    warnings: Vec<Diagnostic>,
}

enum Change {
    /// A media type's `schema`, from its `itemSchema`.
    Schema(Value),
    /// A `querystring` parameter as one query parameter of this schema.
    Query(Value),
    /// `style: cookie` as `form`.
    CookieStyle,
    /// An example's `value`, from its `dataValue`.
    ExampleValue,
    /// A discriminator's `defaultMapping`, under [`DEFAULT_MAPPING_KEY`].
    DefaultMapping,
}

impl Change {
    fn apply(self, slot: &mut Value) {
        let Value::Object(map) = slot else {
            return;
        };
        match self {
            Change::Schema(schema) => {
                map.insert("schema".to_owned(), schema);
                map.shift_remove("itemSchema");
            }
            Change::Query(schema) => {
                map.insert("in".to_owned(), json!("query"));
                map.insert("style".to_owned(), json!("form"));
                map.insert("explode".to_owned(), json!(true));
                map.insert("schema".to_owned(), schema);
                map.shift_remove("content");
            }
            Change::CookieStyle => {
                map.insert("style".to_owned(), json!("form"));
            }
            Change::ExampleValue => {
                if let Some(value) = map.shift_remove("dataValue") {
                    map.entry("value").or_insert(value);
                }
            }
            Change::DefaultMapping => {
                if let Some(target) = map.shift_remove("defaultMapping") {
                    map.insert(DEFAULT_MAPPING_KEY.to_owned(), target);
                }
            }
        }
    }
}

/// Walks the document's objects (not example data, not extensions) for
/// media types, parameters and examples to rewrite. `names`: `value` is a
/// map keyed by names, not by OpenAPI's fields.
fn find(root: &Value, value: &Value, at: &mut String, names: bool, found: &mut Found) {
    match value {
        Value::Object(map) => {
            if !names {
                visit(root, map, at, found);
            }
            for (key, child) in map {
                if !names && is_data(key) {
                    continue;
                }
                let len = at.len();
                at.push('/');
                at.push_str(&escape_pointer(key));
                find(root, child, at, !names && names_map(key), found);
                at.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = at.len();
                at.push_str(&format!("/{i}"));
                find(root, item, at, false, found);
                at.truncate(len);
            }
        }
        _ => {}
    }
}

/// Keys whose values are data (examples, defaults, extensions), which
/// hold no OpenAPI objects to rewrite. The files references bundle are
/// read.
fn is_data(key: &str) -> bool {
    matches!(
        key,
        "example" | "examples" | "default" | "enum" | "const" | "dataValue"
    ) || (key.starts_with("x-") && key != super::EXTERNAL_KEY)
}

/// One object of the document: what of it 3.1 says otherwise.
fn visit(root: &Value, map: &Map<String, Value>, at: &str, found: &mut Found) {
    if let Some(Value::Object(content)) = map.get("content") {
        for (media, object) in content {
            let Some(item) = object.get("itemSchema") else {
                continue;
            };
            if object.get("schema").is_some() {
                continue;
            }
            let media_at = format!("{at}/content/{}", escape_pointer(media));
            let schema = if essence(media) == "text/event-stream" {
                event_data(root, item, &format!("{media_at}/itemSchema"), found)
            } else {
                item.clone()
            };
            found.changes.push((media_at, Change::Schema(schema)));
        }
    }
    if let Some(Value::Object(examples)) = map.get("examples") {
        for (name, example) in examples {
            if example.get("dataValue").is_some() {
                let example_at = format!("{at}/examples/{}", escape_pointer(name));
                found.changes.push((example_at, Change::ExampleValue));
            }
        }
    }
    if map.contains_key("propertyName") && map.contains_key("defaultMapping") {
        found.changes.push((at.to_owned(), Change::DefaultMapping));
    }
    match map.get("in").and_then(Value::as_str) {
        Some("querystring") => found
            .changes
            .push(querystring(map, at, &mut found.warnings)),
        Some("cookie") if map.get("style").and_then(Value::as_str) == Some("cookie") => {
            found.changes.push((at.to_owned(), Change::CookieStyle));
        }
        _ => {}
    }
}

/// A media type's name without parameters, lower case.
fn essence(media: &str) -> String {
    media
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// The schema of one event's `data`, from the schema of the whole event
/// (`{event, data, id, retry}`): `data`'s `contentSchema` when it has one
/// (data is text that holds JSON), else `data`'s own schema. A union of
/// events is a union of their data.
fn event_data(root: &Value, event: &Value, at: &str, found: &mut Found) -> Value {
    let (event, event_at) = follow(root, event, at);
    for key in ["oneOf", "anyOf"] {
        if let Some(branches) = event.get(key).and_then(Value::as_array) {
            let data: Vec<Value> = branches
                .iter()
                .enumerate()
                .map(|(i, branch)| {
                    event_data(root, branch, &format!("{event_at}/{key}/{i}"), found)
                })
                .collect();
            let mut union = Map::new();
            union.insert(key.to_owned(), Value::Array(data));
            return Value::Object(union);
        }
    }
    let Some(data) = event.get("properties").and_then(|p| p.get("data")) else {
        let message = "this event schema has no `data` property: each event's data is read as \
                       text";
        found.warnings.push(Diagnostic::warning(event_at, message));
        return json!({"type": "string"});
    };
    if let Some(schema) = data.get("contentSchema") {
        return schema.clone();
    }
    let json_text = data
        .get("contentMediaType")
        .and_then(Value::as_str)
        .is_some_and(|m| {
            let m = essence(m);
            m == "application/json" || m.ends_with("+json")
        });
    if json_text {
        return json!({});
    }
    data.clone()
}

/// The schema a chain of local `$ref`s leads to, with its pointer.
fn follow<'v>(root: &'v Value, mut schema: &'v Value, at: &str) -> (&'v Value, String) {
    let mut at = at.to_owned();
    for _ in 0..MAX_HOPS {
        let Some(reference) = schema.get("$ref").and_then(Value::as_str) else {
            break;
        };
        let Ok(pointer) = crate::source::local_pointer(reference) else {
            break;
        };
        let Some(next) = root.pointer(&pointer) else {
            break;
        };
        (schema, at) = (next, pointer);
    }
    (schema, at)
}

/// A `querystring` parameter: the whole query string from one schema. A
/// form is the same as that schema's properties sent as query parameters;
/// any other content is sent as one parameter, which the warning says.
fn querystring(
    map: &Map<String, Value>,
    at: &str,
    warnings: &mut Vec<Diagnostic>,
) -> (String, Change) {
    let media = map
        .get("content")
        .and_then(Value::as_object)
        .and_then(|c| c.iter().next());
    let schema = media
        .and_then(|(_, m)| m.get("schema"))
        .cloned()
        .unwrap_or_else(|| json!({"type": "object"}));
    let form = media.is_some_and(|(name, _)| essence(name) == "application/x-www-form-urlencoded");
    if !form {
        let name = media.map_or("no content", |(name, _)| name.as_str());
        let message = format!(
            "a `querystring` parameter of `{name}` (not a form) is sent as one query \
             parameter named `{}`, not as the whole query string",
            map.get("name").and_then(Value::as_str).unwrap_or_default()
        );
        warnings.push(Diagnostic::warning(format!("{at}/content"), message));
    }
    (at.to_owned(), Change::Query(schema))
}

/// References to the document's own `$self` URI (`$ref:
/// https://example.com/api.yaml#/components/schemas/Pet` in the document
/// whose `$self` is `https://example.com/api.yaml`) become local ones;
/// runs before external files are bundled, which would refuse a URL.
pub fn resolve_self(raw: &mut Value) {
    let Some(own) = raw.get("$self").and_then(Value::as_str).map(str::to_owned) else {
        return;
    };
    rewrite_refs(raw, &|reference: &str| {
        let (base, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        (base == own).then(|| format!("#{fragment}"))
    });
}

/// Rewrites every `$ref` string outside data where `local` gives a new one.
fn rewrite_refs(value: &mut Value, local: &dyn Fn(&str) -> Option<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get_mut("$ref") {
                if let Some(new) = local(reference) {
                    *reference = new;
                }
            }
            for (key, child) in map.iter_mut() {
                if !is_data(key) {
                    rewrite_refs(child, local);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| rewrite_refs(item, local)),
        _ => {}
    }
}

/// Lists each path item's QUERY operation and `additionalOperations` under
/// [`EXTRA_OPERATIONS_KEY`], where lowering reads them; they stay where
/// they are too, for diagnostics that point there. A method that is not
/// an HTTP token (RFC 9110) cannot be sent: a warning, and no operation.
pub fn gather_operations(raw: &mut Value) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for item_at in path_items(raw) {
        let Some(Value::Object(item)) = raw.pointer(&item_at) else {
            continue;
        };
        let mut extra = Vec::new();
        if let Some(operation) = item.get("query").filter(|o| o.is_object()) {
            extra.push(ExtraOperation {
                method: "QUERY".to_owned(),
                key: "query".to_owned(),
                operation: operation.clone(),
            });
        }
        if let Some(Value::Object(others)) = item.get("additionalOperations") {
            for (method, operation) in others {
                let key = format!("additionalOperations/{}", escape_pointer(method));
                if !is_token(method) {
                    let message = format!(
                        "`{method}` is not an HTTP method name (letters, digits and \
                         !#$%&'*+-.^_`|~ only): the operation is not generated"
                    );
                    warnings.push(Diagnostic::warning(format!("{item_at}/{key}"), message));
                    continue;
                }
                extra.push(ExtraOperation {
                    method: method.clone(),
                    key,
                    operation: operation.clone(),
                });
            }
        }
        if extra.is_empty() {
            continue;
        }
        let listed = serde_json::to_value(extra).unwrap_or_default();
        if let Some(Value::Object(item)) = raw.pointer_mut(&item_at) {
            item.insert(EXTRA_OPERATIONS_KEY.to_owned(), listed);
        }
    }
    warnings
}

/// An HTTP method name: one token of RFC 9110's `tchar`s.
fn is_token(method: &str) -> bool {
    !method.is_empty()
        && method
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn media(doc: &Value) -> &Value {
        &doc["paths"]["/a"]["get"]["responses"]["200"]["content"]
    }

    fn responding(content: Value) -> Value {
        json!({"paths": {"/a": {"get": {"responses": {"200": {"description": "ok", "content": content}}}}}})
    }

    #[test]
    fn a_union_of_events_is_a_union_of_their_data() {
        let event = |name: &str, data: Value| {
            json!({"type": "object", "properties": {
                "event": {"const": name},
                "data": {"type": "string", "contentMediaType": "application/json", "contentSchema": data}
            }})
        };
        let mut doc = responding(json!({"text/event-stream": {"itemSchema": {"oneOf": [
            event("a", json!({"$ref": "#/components/schemas/A"})),
            {"$ref": "#/components/schemas/BEvent"},
        ]}}}));
        doc["components"] = json!({"schemas": {"BEvent": event("b", json!({"type": "integer"}))}});
        let warnings = normalize(&mut doc);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            media(&doc)["text/event-stream"],
            json!({"schema": {"oneOf": [{"$ref": "#/components/schemas/A"}, {"type": "integer"}]}})
        );
    }

    #[test]
    fn event_data_is_text_unless_it_says_json_and_text_without_a_data_property() {
        let mut doc = responding(json!({
            "text/event-stream": {"itemSchema": {"properties": {"data": {"type": "string"}}}},
            "text/event-stream; charset=utf-8": {"itemSchema": {"properties": {
                "data": {"type": "string", "contentMediaType": "application/merge-patch+json"}
            }}},
            "text/event-stream; a=1": {"itemSchema": {"properties": {
                "data": {"type": "string", "contentMediaType": "application/json"}
            }}},
            "text/event-stream; a=2": {"itemSchema": {"properties": {
                "data": {"type": "string", "contentMediaType": "text/csv"}
            }}},
            "TEXT/EVENT-STREAM": {"itemSchema": {"$ref": "#/components/schemas/Bare"}},
        }));
        doc["components"] = json!({"schemas": {"Bare": {"type": "object"}}});
        let warnings = normalize(&mut doc);
        let content = media(&doc);
        assert_eq!(
            content["text/event-stream"]["schema"],
            json!({"type": "string"})
        );
        assert_eq!(
            content["text/event-stream; charset=utf-8"]["schema"],
            json!({})
        );
        assert_eq!(content["text/event-stream; a=1"]["schema"], json!({}));
        assert_eq!(
            content["text/event-stream; a=2"]["schema"],
            json!({"type": "string", "contentMediaType": "text/csv"}),
            "text that is not JSON"
        );
        assert_eq!(
            content["TEXT/EVENT-STREAM"]["schema"],
            json!({"type": "string"})
        );
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].pointer, "/components/schemas/Bare");
        assert!(warnings[0].message.contains("no `data` property"));
    }

    #[test]
    fn a_schema_beside_the_item_schema_wins_and_data_is_left_alone() {
        let mut doc = responding(json!({"application/jsonl": {
            "schema": {"type": "string"},
            "itemSchema": {"type": "integer"},
            "examples": {"one": {"dataValue": {"itemSchema": 1}}},
            "example": {"content": {"application/jsonl": {"itemSchema": {"type": "integer"}}},
                        "in": "querystring"},
        }}));
        let before = media(&doc).clone();
        normalize(&mut doc);
        assert_eq!(
            media(&doc)["application/jsonl"]["schema"],
            before["application/jsonl"]["schema"]
        );
        assert_eq!(
            media(&doc)["application/jsonl"]["examples"]["one"],
            json!({"value": {"itemSchema": 1}})
        );
        assert_eq!(
            media(&doc)["application/jsonl"]["example"],
            before["application/jsonl"]["example"]
        );
        // Not a media type: a property called `content` of a schema.
        let mut schema = json!({"components": {"schemas": {"S": {"properties": {
            "content": {"type": "object", "properties": {"x": {"itemSchema": {}}}},
            "other": {"properties": {"content": {"x": {"itemSchema": {"type": "integer"}}}}},
        }}}}});
        let before = schema.clone();
        normalize(&mut schema);
        assert_eq!(schema, before);
    }

    #[test]
    fn item_schemas_are_read_wherever_media_types_stand() {
        let lines = json!({"application/jsonl": {"itemSchema": {"type": "integer"}}});
        let mut doc = json!({"paths": {"/a": {"post": {
            "requestBody": {"content": lines},
            "callbacks": {"done": {"{$request.body#/url}": {"post": {
                "requestBody": {"content": lines},
            }}}},
        }}}});
        normalize(&mut doc);
        let read = json!({"application/jsonl": {"schema": {"type": "integer"}}});
        let post = &doc["paths"]["/a"]["post"];
        assert_eq!(post["requestBody"]["content"], read);
        let callback = &post["callbacks"]["done"]["{$request.body#/url}"]["post"];
        assert_eq!(callback["requestBody"]["content"], read);
    }

    #[test]
    fn bundled_files_are_read_and_other_extensions_are_not() {
        let lines = json!({"application/jsonl": {"itemSchema": {"type": "integer"}}});
        let mut doc = json!({
            "x-oas-gen-external": [{"Lines": {"content": lines}}],
            "x-vendor": {"content": lines},
        });
        normalize(&mut doc);
        let read = json!({"application/jsonl": {"schema": {"type": "integer"}}});
        assert_eq!(doc["x-oas-gen-external"][0]["Lines"]["content"], read);
        assert_eq!(doc["x-vendor"]["content"], lines);
    }

    #[test]
    fn a_default_mapping_is_kept_for_lowering_and_a_property_of_that_name_left_alone() {
        let mut doc = json!({"components": {"schemas": {"Pet": {
            "properties": {"defaultMapping": {"type": "string"}, "propertyName": {}},
            "discriminator": {"propertyName": "kind", "defaultMapping": "Cat"},
        }}}});
        normalize(&mut doc);
        let pet = &doc["components"]["schemas"]["Pet"];
        assert_eq!(
            pet["discriminator"],
            json!({"propertyName": "kind", DEFAULT_MAPPING_KEY: "Cat"})
        );
        assert_eq!(
            pet["properties"]["defaultMapping"],
            json!({"type": "string"})
        );
    }

    #[test]
    fn a_default_mapping_outside_a_discriminator_is_not_taken_for_one() {
        // Written beside `discriminator` instead of inside: left as it is,
        // for the unknown-key walk to name.
        let schema = json!({"defaultMapping": "Cat", "discriminator": {"propertyName": "kind"}});
        let mut doc = json!({"components": {"schemas": {"Pet": schema.clone()}}});
        normalize(&mut doc);
        assert_eq!(doc["components"]["schemas"]["Pet"], schema);
    }

    #[test]
    fn a_querystring_that_is_not_a_form_is_one_parameter_with_a_warning() {
        let mut doc = json!({"components": {"parameters": {
            "Form": {"name": "f", "in": "querystring", "required": true, "content": {
                "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/F"}}
            }},
            "Json": {"name": "j", "in": "querystring", "content": {
                "application/json": {"schema": {"type": "object"}}
            }},
        }}});
        let warnings = normalize(&mut doc);
        let parameters = &doc["components"]["parameters"];
        assert_eq!(
            parameters["Form"],
            json!({"name": "f", "in": "query", "required": true, "style": "form", "explode": true,
                   "schema": {"$ref": "#/components/schemas/F"}})
        );
        assert_eq!(parameters["Json"]["in"], "query");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].pointer, "/components/parameters/Json/content");
        assert!(warnings[0]
            .message
            .contains("sent as one query parameter named `j`"));
    }

    #[test]
    fn references_to_the_documents_own_uri_are_local() {
        let own = "https://example.com/api.yaml";
        let mut doc = json!({
            "$self": own,
            "components": {"schemas": {
                "A": {"$ref": format!("{own}#/components/schemas/B")},
                "B": {"items": {"$ref": "https://example.com/other.yaml#/B"}},
                "C": {"$ref": own, "example": {"$ref": format!("{own}#/x")}},
                "D": {"allOf": [{"$ref": format!("{own}#/components/schemas/C")}]},
            }},
        });
        resolve_self(&mut doc);
        let schemas = &doc["components"]["schemas"];
        assert_eq!(schemas["A"]["$ref"], "#/components/schemas/B");
        assert_eq!(
            schemas["B"]["items"]["$ref"],
            "https://example.com/other.yaml#/B"
        );
        assert_eq!(schemas["C"]["$ref"], "#");
        assert_eq!(
            schemas["D"]["allOf"][0]["$ref"], "#/components/schemas/C",
            "in lists"
        );
        assert_eq!(schemas["C"]["example"]["$ref"], format!("{own}#/x"), "data");
    }

    #[test]
    fn only_the_cookie_style_of_cookies_changes() {
        let mut doc = json!({"paths": {"/a": {"parameters": [
            {"name": "c", "in": "cookie", "style": "cookie"},
            {"name": "h", "in": "header", "style": "cookie"},
            {"name": "d", "in": "cookie"},
        ]}}});
        normalize(&mut doc);
        let parameters = &doc["paths"]["/a"]["parameters"];
        assert_eq!(parameters[0]["style"], "form");
        assert_eq!(parameters[1]["style"], "cookie");
        assert!(parameters[2].get("style").is_none(), "no style, none given");
    }

    #[test]
    fn other_methods_are_listed_and_names_that_are_no_token_refused() {
        let op = json!({"operationId": "x", "responses": {}});
        let mut doc = json!({
            "paths": {
                "/a": {"query": op, "additionalOperations": {"COPY": op, "BAD NAME": op, "p/q": op}},
                "/b": {"$ref": "#/components/pathItems/B"},
                "/c": {"get": op},
            },
            "components": {"pathItems": {"B": {"query": op}}},
        });
        let warnings = gather_operations(&mut doc);
        let listed: Vec<ExtraOperation> =
            serde_json::from_value(doc["paths"]["/a"][EXTRA_OPERATIONS_KEY].clone()).unwrap();
        let keys: Vec<(&str, &str)> = listed
            .iter()
            .map(|e| (e.method.as_str(), e.key.as_str()))
            .collect();
        assert_eq!(
            keys,
            [("QUERY", "query"), ("COPY", "additionalOperations/COPY")]
        );
        assert_eq!(listed[0].operation, op);
        assert!(doc["components"]["pathItems"]["B"][EXTRA_OPERATIONS_KEY].is_array());
        assert!(doc["paths"]["/c"].get(EXTRA_OPERATIONS_KEY).is_none());
        let pointers: Vec<&str> = warnings.iter().map(|w| w.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/paths/~1a/additionalOperations/BAD NAME",
                "/paths/~1a/additionalOperations/p~1q"
            ]
        );
    }
}
