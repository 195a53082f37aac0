//! `$ref`s where OpenAPI allows none, inlined as their authors meant them.
//!
//! Multi-file specs often split by file along lines OpenAPI does not draw:
//! an operation that is a `$ref` to its own file (`get: {$ref: list.yml}`), a
//! `content` map, a media type or a schema's `properties` kept in another file. OpenAPI 3.0 allows a
//! Reference Object in neither place, but the meaning is plain, so the node
//! is replaced by a copy of what it points at. One warning per kind of place
//! names the first place and counts the rest: a spec that does this does it
//! hundreds of times.

use std::collections::BTreeMap;

use serde_json::Value;

use super::yaml::MAX_DEPTH;
use super::{EXTERNAL_KEY, METHODS};
use crate::diagnostics::Diagnostic;

/// How many hops a chain of misplaced references may take.
const MAX_HOPS: usize = 32;
/// How many JSON nodes inlining may copy in all: copies can hold references
/// that are inlined in turn, so a hostile document could double at each pass.
const MAX_COPIED_NODES: usize = 4_000_000;

/// Inlines misplaced references in place; one warning per kind of place.
/// `media_type_refs`: the version allows a media type to be a reference
/// (3.2, with `components/mediaTypes`): those are inlined without a word,
/// for the rest of the pipeline reads media types in place.
pub fn inline(root: &mut Value, media_type_refs: bool) -> Vec<Diagnostic> {
    inline_within(root, MAX_COPIED_NODES, media_type_refs)
}

/// [`inline`], copying at most `budget` nodes in all.
fn inline_within(root: &mut Value, budget: usize, media_type_refs: bool) -> Vec<Diagnostic> {
    let mut seen: BTreeMap<Kind, (String, usize)> = BTreeMap::new();
    let mut copied = 0;
    let mut too_deep = false;
    let mut warnings = Vec::new();
    // A copied node may hold misplaced references of its own: read again
    // until nothing changes (a few passes at most, bounded against cycles).
    for _ in 0..MAX_HOPS {
        let mut found = Vec::new();
        for item in path_items(root) {
            if let Some(Value::Object(map)) = root.pointer(&item) {
                for method in METHODS
                    .iter()
                    .filter(|m| map.get(**m).is_some_and(is_bare_ref))
                {
                    found.push((format!("{item}/{method}"), Kind::Operation));
                }
            }
        }
        collect_content(root, &mut String::new(), false, &mut found);
        // `components: {schemas: {$ref: schemas/_index.yaml}}`.
        if let Some(Value::Object(components)) = root.get("components") {
            for (kind, _) in components.iter().filter(|(_, m)| is_bare_ref(m)) {
                let kind = super::escape_pointer(kind);
                found.push((format!("/components/{kind}"), Kind::Components));
            }
        }
        let mut changed = false;
        for (at, kind) in found {
            let Some((target_at, target)) = target_of(root, &at) else {
                continue;
            };
            if kind == Kind::Text && !target.is_string() {
                continue;
            }
            // A node that contains its own reference would nest a copy in a
            // copy at every pass: a cycle, left for the resolver to report.
            if at.starts_with(&format!("{target_at}/")) {
                continue;
            }
            // So would references that point at each other; the document
            // stays within the depth the parser admits.
            if segments(&at) + depth(&target) > MAX_DEPTH {
                if !too_deep {
                    too_deep = true;
                    let message = format!(
                        "inlining this misplaced `$ref` would nest the document deeper than \
                         {MAX_DEPTH} levels (references that contain each other); left as it is"
                    );
                    warnings.push(Diagnostic::warning(at, message));
                }
                continue;
            }
            copied += node_count(&target);
            if copied > budget {
                let message = format!(
                    "inlining misplaced `$ref`s would copy more than {} nodes; \
                     the rest are left as they are",
                    in_words(budget)
                );
                warnings.push(Diagnostic::warning(at, message));
                changed = false;
                break;
            }
            if let Some(slot) = root.pointer_mut(&at) {
                *slot = target;
                changed = true;
                if !(media_type_refs && kind == Kind::MediaType) {
                    seen.entry(kind).or_insert_with(|| (at, 0)).1 += 1;
                }
            }
        }
        if !changed {
            break;
        }
    }
    let mends = seen.into_iter().map(|(kind, (first, count))| {
        let mut warning = Diagnostic::warning(
            first,
            format!(
                "{} is a `$ref`, which OpenAPI 3.0 does not allow here; \
                     read as the {} it points at",
                kind.what(),
                kind.noun()
            ),
        );
        if count > 1 {
            warning = warning.note(format!("{} more places like this one", count - 1));
        }
        warning
    });
    mends.chain(warnings).collect()
}

/// The number of JSON values in `value`, itself included.
fn node_count(value: &Value) -> usize {
    match value {
        Value::Object(map) => 1 + map.values().map(node_count).sum::<usize>(),
        Value::Array(items) => 1 + items.iter().map(node_count).sum::<usize>(),
        _ => 1,
    }
}

/// Where a Reference Object is not allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Operation,
    Content,
    MediaType,
    Properties,
    Text,
    Components,
}

impl Kind {
    fn what(self) -> &'static str {
        match self {
            Kind::Operation => "an operation",
            Kind::Content => "a `content` map",
            Kind::MediaType => "a media type object",
            Kind::Properties => "a `properties` map",
            Kind::Text => "a `description`",
            Kind::Components => "a map of components",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Kind::Operation => "operation",
            Kind::Content => "content map",
            Kind::MediaType => "media type object",
            Kind::Properties => "properties",
            Kind::Text => "text",
            Kind::Components => "map",
        }
    }
}

/// A node that is nothing but a `$ref`.
fn is_bare_ref(value: &Value) -> bool {
    value
        .as_object()
        .is_some_and(|m| m.len() == 1 && m.get("$ref").is_some_and(Value::is_string))
}

/// Pointers of the path items: the entries of `paths`, `webhooks` and
/// `components/pathItems`, and whatever a path item's `$ref` leads to.
pub(super) fn path_items(root: &Value) -> Vec<String> {
    let mut items = Vec::new();
    for container in ["/paths", "/webhooks", "/components/pathItems"] {
        let Some(Value::Object(map)) = root.pointer(container) else {
            continue;
        };
        for (name, item) in map {
            items.push(format!("{container}/{}", super::escape_pointer(name)));
            let mut node = item;
            for _ in 0..MAX_HOPS {
                let Some(reference) = node.get("$ref").and_then(Value::as_str) else {
                    break;
                };
                let Ok(pointer) = crate::source::local_pointer(reference) else {
                    break;
                };
                let Some(next) = root.pointer(&pointer) else {
                    break;
                };
                items.push(pointer);
                node = next;
            }
        }
    }
    items.sort();
    items.dedup();
    items
}

/// Keys whose maps are keyed by names, not by OpenAPI's own field names: a
/// property called `content` is a schema, not a content map.
pub(super) fn names_map(key: &str) -> bool {
    matches!(
        key,
        "properties"
            | "patternProperties"
            | "schemas"
            | "responses"
            | "parameters"
            | "headers"
            | "requestBodies"
            | "securitySchemes"
            | "links"
            | "callbacks"
            | "pathItems"
            | "mediaTypes"
            | "paths"
            | "webhooks"
            | "encoding"
            | "mapping"
            | "$defs"
            | "definitions"
            | EXTERNAL_KEY
    )
}

/// Walks the document (and every bundled file) for `content` maps and media
/// types that are references. `names`: `value` is a map keyed by names.
fn collect_content(value: &Value, at: &mut String, names: bool, found: &mut Vec<(String, Kind)>) {
    let map = match value {
        Value::Object(map) => map,
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                descend(item, at, &i.to_string(), false, found);
            }
            return;
        }
        _ => return,
    };
    if !names {
        match map.get("content") {
            Some(content) if is_bare_ref(content) => {
                found.push((format!("{at}/content"), Kind::Content));
            }
            Some(Value::Object(media)) => {
                for (name, _) in media.iter().filter(|(_, m)| is_bare_ref(m)) {
                    let name = super::escape_pointer(name);
                    found.push((format!("{at}/content/{name}"), Kind::MediaType));
                }
            }
            _ => {}
        }
        // A property's value is a schema, never a string: a `$ref` string
        // here names a map of properties kept elsewhere.
        if map.get("properties").is_some_and(is_bare_ref) {
            found.push((format!("{at}/properties"), Kind::Properties));
        }
        // Documentation kept in another file (`description: {$ref: intro.md.yml#/x}`).
        for key in ["description", "summary"] {
            if map.get(key).is_some_and(is_bare_ref) {
                found.push((format!("{at}/{key}"), Kind::Text));
            }
        }
    }
    for (key, child) in map {
        // Data (examples, defaults, extensions) is never rewritten; bundled
        // files are documents of their own.
        let data = matches!(
            key.as_str(),
            "example" | "examples" | "value" | "default" | "enum"
        );
        if !names && (data || (key.starts_with("x-") && key != EXTERNAL_KEY)) {
            continue;
        }
        let child_names = !names && names_map(key);
        descend(child, at, &super::escape_pointer(key), child_names, found);
    }
}

fn descend(
    value: &Value,
    at: &mut String,
    segment: &str,
    names: bool,
    found: &mut Vec<(String, Kind)>,
) {
    let len = at.len();
    at.push('/');
    at.push_str(segment);
    collect_content(value, at, names, found);
    at.truncate(len);
}

/// Where the reference at `at` finally points, and a copy of what is there.
fn target_of(root: &Value, at: &str) -> Option<(String, Value)> {
    let mut pointer = at.to_owned();
    let mut node = root.pointer(at)?;
    for _ in 0..MAX_HOPS {
        if !is_bare_ref(node) {
            return Some((pointer, node.clone()));
        }
        let reference = node.get("$ref").and_then(Value::as_str)?;
        pointer = crate::source::local_pointer(reference).ok()?;
        node = root.pointer(&pointer)?;
    }
    None
}

/// How many levels deep a JSON pointer reaches.
fn segments(pointer: &str) -> usize {
    pointer.matches('/').count()
}

/// How many levels of objects and arrays `value` nests, itself included.
fn depth(value: &Value) -> usize {
    match value {
        Value::Object(map) => 1 + map.values().map(depth).max().unwrap_or(0),
        Value::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

/// A count as a reader takes it in: `4 million`, `1000`.
fn in_words(count: usize) -> String {
    match count {
        n if n >= 1_000_000 && n % 1_000_000 == 0 => format!("{} million", n / 1_000_000),
        n => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_value_is_counted_inside_lists_too() {
        assert_eq!(node_count(&json!({"a": [1, {"b": 2}]})), 5);
        assert_eq!(node_count(&json!([[], 1])), 3);
    }

    #[test]
    fn inlines_operations_content_maps_and_media_types() {
        let mut spec = json!({
            "tags": [{"name": "a", "description": {"$ref": "#/x-oas-gen-external/4-text/intro"}}],
            "paths": {"/a": {"get": {"$ref": "#/x-oas-gen-external/0-op"}}},
            "x-oas-gen-external": {
                "0-op": {"responses": {"200": {"description": "ok",
                    "content": {"$ref": "#/x-oas-gen-external/1-content"}}}},
                "3-props": {"id": {"type": "integer"}},
                "4-text": {"intro": "Welcome."},
                "1-content": {"application/json": {"$ref": "#/x-oas-gen-external/2-media"}},
                "2-media": {"schema": {"type": "object",
                    "properties": {"$ref": "#/x-oas-gen-external/3-props"}}},
            },
        });
        let warnings = inline(&mut spec, false);
        assert_eq!(
            spec["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"],
            json!({"schema": {"type": "object", "properties": {"id": {"type": "integer"}}}})
        );
        assert_eq!(spec["tags"][0]["description"], json!("Welcome."));
        let places: Vec<&str> = warnings.iter().map(|w| w.pointer.as_str()).collect();
        assert_eq!(
            places,
            [
                "/paths/~1a/get",
                "/x-oas-gen-external/0-op/responses/200/content",
                "/x-oas-gen-external/0-op/responses/200/content/application~1json",
                "/x-oas-gen-external/2-media/schema/properties",
                "/tags/0/description",
            ]
        );
    }

    #[test]
    fn leaves_schema_references_and_data_alone() {
        // Every reference here could be followed: properties named as
        // OpenAPI's fields are schemas, and data is never rewritten.
        let b = json!({"$ref": "#/components/schemas/B"});
        let mut spec = json!({
            "components": {"schemas": {
                "A": {"properties": {"get": b, "content": b}},
                "B": {"type": "string"},
                "C": {"type": "object", "example": {"content": b}, "default": {"content": b}},
            }},
            "paths": {"/a": {"get": {"responses": {"200": {"description": "ok", "content": {
                "application/json": {"examples": {"e": {"value": {"content": b}}}}
            }}}, "x-sample": {"content": b}}}},
        });
        let before = spec.clone();
        assert!(inline(&mut spec, false).is_empty());
        assert_eq!(spec, before);
    }

    #[test]
    fn a_reference_cycle_is_left_for_the_resolver_to_report() {
        let mut spec = json!({"paths": {"/a": {"get": {"$ref": "#/paths/~1a/get"}}}});
        assert!(inline(&mut spec, false).is_empty());
    }
}

#[cfg(test)]
mod bounds {
    use super::*;
    use serde_json::json;

    #[test]
    fn copies_that_double_at_each_pass_are_bounded() {
        // Each properties map holds two schemas whose properties are the next
        // map: inlining doubles the copies at every level.
        let mut files = serde_json::Map::new();
        // With a budget of 1000 nodes (the real one, 4 million, is the same
        // code with a slower test).
        for level in 0..40 {
            let next = json!({"$ref": format!("#/x-oas-gen-external/{}", level + 1)});
            files.insert(
                level.to_string(),
                json!({"a": {"type": "object", "properties": next.clone()},
                       "b": {"type": "object", "properties": next}}),
            );
        }
        files.insert("40".to_owned(), json!({"leaf": {"type": "string"}}));
        let mut spec = json!({
            "components": {"schemas": {"Root": {"type": "object",
                "properties": {"$ref": "#/x-oas-gen-external/0"}}}},
            "x-oas-gen-external": files,
        });
        let warnings = inline_within(&mut spec, 1000, false);
        assert!(
            warnings
                .iter()
                .any(|w| w.message.contains("would copy more than 1000 nodes")),
            "{warnings:?}"
        );
        assert!(node_count(&spec) < 3 * 1000);
    }

    /// A spec whose `A` has its properties in `T`, whose one property nests
    /// `levels` of `allOf` (an object and a list each) around `leaf`.
    fn properties_elsewhere(levels: usize, leaf: Value) -> Value {
        let nested = (0..levels).fold(leaf, |inner, _| json!({"allOf": [inner]}));
        json!({"components": {"schemas": {
            "A": {"properties": {"$ref": "#/components/schemas/T/properties"}},
            "T": {"properties": {"p": nested}},
        }}})
    }

    #[test]
    fn inlining_nests_as_deep_as_the_parser_reads_and_not_one_level_more() {
        // At `/components/schemas/A/properties` (4 levels), a copy 124
        // levels deep reaches 128, the parser's limit; 125 would not fit.
        let (shallow, deep) = (
            json!({"type": "string"}),
            json!({"items": {"type": "string"}}),
        );
        let mut fits = properties_elsewhere(61, shallow);
        assert!(inline(&mut fits, false)
            .iter()
            .all(|w| !w.message.contains("deeper")));
        assert!(fits["components"]["schemas"]["A"]["properties"]["p"].is_object());
        let mut too_deep = properties_elsewhere(61, deep);
        let warnings = inline(&mut too_deep, false);
        assert!(
            warnings[0].message.contains("deeper than 128 levels"),
            "{warnings:?}"
        );
        assert_eq!(warnings[0].pointer, "/components/schemas/A/properties");
        assert!(too_deep["components"]["schemas"]["A"]["properties"]["$ref"].is_string());
    }

    #[test]
    fn the_budget_allows_exactly_as_many_nodes_as_it_says() {
        let spec = json!({"components": {"schemas": {
            "A": {"properties": {"$ref": "#/components/schemas/T/properties"}},
            "T": {"properties": {"p": {"type": "string"}}},
        }}});
        // The map, the property and its `type`.
        let mut enough = spec.clone();
        inline_within(&mut enough, 3, false);
        assert_eq!(
            enough["components"]["schemas"]["A"]["properties"]["p"]["type"],
            "string"
        );
        let mut short = spec;
        let warnings = inline_within(&mut short, 2, false);
        assert!(
            warnings
                .iter()
                .any(|w| w.message.contains("more than 2 nodes")),
            "{warnings:?}"
        );
        assert!(short["components"]["schemas"]["A"]["properties"]["$ref"].is_string());
    }

    #[test]
    fn the_budget_is_told_in_words() {
        assert_eq!(in_words(MAX_COPIED_NODES), "4 million");
        assert_eq!(in_words(1000), "1000");
        assert_eq!(in_words(1_500_000), "1500000");
    }
}

#[cfg(test)]
mod cycles {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_content_map_that_points_at_its_own_response_is_left_alone() {
        // What a fuzzed spec did: each pass nested a copy of the response in
        // the copy before, until cloning it overflowed the stack.
        let mut spec = json!({"components": {"responses": {"Error": {
            "description": "Error.",
            "content": {"$ref": "#/components/responses/Error"}
        }}}});
        let before = spec.clone();
        assert!(inline(&mut spec, false).is_empty());
        assert_eq!(spec, before);
    }

    #[test]
    fn properties_that_contain_each_other_stop_at_the_parsers_depth() {
        // Each inlined copy holds the other's reference, one level deeper.
        let mut spec = json!({"components": {"schemas": {
            "A": {"type": "object", "properties": {"x": {"type": "object",
                "properties": {"$ref": "#/components/schemas/B/properties"}}}},
            "B": {"type": "object", "properties": {"y": {"type": "object",
                "properties": {"$ref": "#/components/schemas/A/properties"}}}}
        }}});
        let warnings = inline(&mut spec, false);
        assert!(depth(&spec) <= MAX_DEPTH, "{}", depth(&spec));
        assert!(
            warnings
                .iter()
                .any(|w| w.message.contains("deeper than 128")),
            "{warnings:?}"
        );
    }
}
