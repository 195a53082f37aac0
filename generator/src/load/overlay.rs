//! OpenAPI Overlay 1.0 (and 1.1) documents, applied in order to the spec's
//! tree before anything reads it: each action's `target` is a JSONPath
//! (RFC 9535, through `serde_json_path`); `remove: true` removes what it
//! selects, else `update` is merged into each selected node (objects
//! recursively, the update winning; an array target gets the update's
//! items appended). An action that selects nothing is a warning located in
//! the overlay file; an overlay that is not one is an error there.

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::source::{position_in, Overlay};

/// Applies `overlay` to `spec`; its problems are located in the overlay.
pub fn apply(spec: &mut Value, overlay: &Overlay) -> Diagnostics {
    let mut found = Diagnostics::default();
    match super::parse_text(&overlay.text) {
        Ok((document, lenient)) => {
            found.items.extend(lenient);
            apply_document(spec, &document, &mut found);
        }
        Err(errors) => found.items.extend(errors.items),
    }
    for item in &mut found.items {
        item.position = item
            .position
            .or_else(|| position_in(&overlay.text, &item.pointer));
        item.snippet = item
            .position
            .and_then(|p| overlay.text.lines().nth(p.line.checked_sub(1)?))
            .map(|line| line.trim_end().to_owned());
        item.file = Some(overlay.name.clone());
    }
    found
}

fn apply_document(spec: &mut Value, document: &Value, found: &mut Diagnostics) {
    let version = document.get("overlay").and_then(Value::as_str);
    if !version.is_some_and(|v| v.starts_with("1.0.") || v.starts_with("1.1.")) {
        let message = "not an Overlay 1.0 or 1.1 document: `overlay: 1.0.0` is missing";
        found.push(Diagnostic::error("/overlay", message));
        return;
    }
    let Some(actions) = document.get("actions").and_then(Value::as_array) else {
        found.push(Diagnostic::error(
            "/actions",
            "an overlay needs a list of `actions`",
        ));
        return;
    };
    for (index, action) in actions.iter().enumerate() {
        act(spec, action, &format!("/actions/{index}"), found);
    }
}

fn act(spec: &mut Value, action: &Value, at: &str, found: &mut Diagnostics) {
    let Some(target) = action.get("target").and_then(Value::as_str) else {
        found.push(Diagnostic::error(
            at,
            "an action needs a `target` (a JSONPath)",
        ));
        return;
    };
    let targets = match select(spec, target) {
        Ok(targets) => targets,
        Err(message) => {
            found.push(Diagnostic::error(format!("{at}/target"), message));
            return;
        }
    };
    if targets.is_empty() {
        let message =
            format!("the target `{target}` selects nothing in the spec; the action does nothing");
        found.push(Diagnostic::warning(format!("{at}/target"), message));
        return;
    }
    if action.get("remove").and_then(Value::as_bool) == Some(true) {
        // Last first, so that removing an array item leaves the pointers
        // to earlier ones as they were.
        for pointer in targets.iter().rev() {
            remove(spec, pointer);
        }
        return;
    }
    let Some(update) = action.get("update") else {
        found.push(Diagnostic::warning(
            at,
            "the action has neither `update` nor `remove: true`",
        ));
        return;
    };
    for pointer in &targets {
        if let Some(node) = spec.pointer_mut(pointer) {
            update_node(node, update);
        }
    }
}

/// The JSON pointers of the nodes `target` selects, in document order.
#[cfg(feature = "overlays")]
fn select(spec: &Value, target: &str) -> Result<Vec<String>, String> {
    let path = serde_json_path::JsonPath::parse(target)
        .map_err(|e| format!("`{target}` is not a JSONPath (RFC 9535): {e}"))?;
    Ok(path
        .query_located(spec)
        .locations()
        .map(|location| location.to_json_pointer())
        .collect())
}

#[cfg(not(feature = "overlays"))]
fn select(_: &Value, _: &str) -> Result<Vec<String>, String> {
    Err("this oas-gen was built without overlays (its `overlays` feature)".to_owned())
}

fn remove(spec: &mut Value, pointer: &str) {
    let Some((parent, last)) = pointer.rsplit_once('/') else {
        return; // The root itself: nothing to remove it from.
    };
    let key = last.replace("~1", "/").replace("~0", "~");
    match spec.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.shift_remove(&key);
        }
        Some(Value::Array(items)) => {
            if let Ok(index) = key.parse::<usize>() {
                if index < items.len() {
                    items.remove(index);
                }
            }
        }
        _ => {}
    }
}

fn update_node(node: &mut Value, update: &Value) {
    match (node, update) {
        (Value::Array(items), Value::Array(more)) => items.extend(more.iter().cloned()),
        (Value::Array(items), one) => items.push(one.clone()),
        (node @ Value::Object(_), Value::Object(_)) => merge(node, update),
        (node, value) => *node = value.clone(),
    }
}

/// Objects merged key by key, recursively; anything else replaced.
fn merge(node: &mut Value, update: &Value) {
    match (node, update) {
        (Value::Object(into), Value::Object(from)) => {
            for (key, value) in from {
                match into.get_mut(key) {
                    Some(existing) => merge(existing, value),
                    None => {
                        into.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (node, value) => *node = value.clone(),
    }
}

#[cfg(all(test, feature = "overlays"))]
mod tests {
    use super::*;
    use serde_json::json;

    fn spec() -> Value {
        json!({
            "openapi": "3.0.3",
            "info": {"title": "Pets", "version": "1"},
            "tags": [{"name": "pets"}],
            "paths": {
                "/pets": {
                    "get": {"operationId": "listPets", "tags": ["pets"], "responses": {}},
                    "post": {"operationId": "addPet", "responses": {}}
                },
                "/internal/health": {"get": {"operationId": "health", "responses": {}}}
            },
            "components": {"schemas": {"Pet": {"type": "object", "properties": {"age": {"type": "string"}}}}}
        })
    }

    fn overlaid(overlay: &str) -> (Value, Diagnostics) {
        let mut spec = spec();
        let found = apply(
            &mut spec,
            &Overlay {
                name: "fix.overlay.yaml".into(),
                text: overlay.into(),
            },
        );
        (spec, found)
    }

    #[test]
    fn update_remove_and_extensions() {
        let (spec, found) = overlaid(
            r#"overlay: 1.0.0
info: {title: Fixes, version: "1"}
actions:
  - target: $.info
    update: {description: Reworded.}
  - target: $.paths['/internal/health']
    remove: true
  - target: $.paths.*[?@.operationId == 'listPets']
    update: {x-oas-gen-paginate: false}
  - target: $.components.schemas.Pet.properties.age
    update: {type: integer}
  - target: $.tags
    update: [{name: admin}]
"#,
        );
        assert!(found.items.is_empty(), "{found:?}");
        assert_eq!(spec["info"]["description"], "Reworded.");
        assert_eq!(spec["info"]["title"], "Pets", "merged, not replaced");
        assert!(spec["paths"].get("/internal/health").is_none());
        assert_eq!(spec["paths"]["/pets"]["get"]["x-oas-gen-paginate"], false);
        assert!(spec["paths"]["/pets"]["post"]
            .get("x-oas-gen-paginate")
            .is_none());
        assert_eq!(
            spec["components"]["schemas"]["Pet"]["properties"]["age"]["type"],
            "integer"
        );
        assert_eq!(spec["tags"], json!([{"name": "pets"}, {"name": "admin"}]));
    }

    #[test]
    fn array_items_are_removed_whichever_are_selected() {
        // Three tags; the first and the last go, in one action.
        let (spec, found) = overlaid(
            r#"overlay: 1.0.0
info: {title: Fixes, version: "1"}
actions:
  - target: $.tags
    update: [{name: admin}, {name: beta}]
  - target: $.tags[0,2]
    remove: true
"#,
        );
        assert!(found.items.is_empty(), "{found:?}");
        assert_eq!(spec["tags"], json!([{"name": "admin"}]));
    }

    #[test]
    fn a_target_that_selects_nothing_warns_where_it_is_written() {
        let (spec, found) = overlaid(
            "overlay: 1.0.0\ninfo: {title: F, version: '1'}\nactions:\n  - target: $.info\n    update: {x-a: 1}\n  - target: $.paths['/gone']\n    remove: true\n",
        );
        assert_eq!(spec["info"]["x-a"], 1);
        assert_eq!(found.items.len(), 1);
        let warning = &found.items[0];
        assert!(warning
            .message
            .contains("`$.paths['/gone']` selects nothing"));
        assert_eq!(warning.file.as_deref(), Some("fix.overlay.yaml"));
        assert_eq!(warning.position.map(|p| p.line), Some(6));
        assert_eq!(warning.pointer, "/actions/1/target");
    }

    #[test]
    fn what_is_not_an_overlay_is_an_error_in_it() {
        let (_, found) = overlaid("openapi: 3.0.3\n");
        assert!(found.has_errors());
        assert!(found.items[0].message.contains("not an Overlay"));
        let (_, found) = overlaid("overlay: 1.0.0\ninfo: {title: F, version: '1'}\nactions:\n  - target: $..[\n    remove: true\n");
        assert!(
            found.items[0].message.contains("is not a JSONPath"),
            "{found:?}"
        );
        assert_eq!(found.items[0].position.map(|p| p.line), Some(4));
    }

    #[test]
    fn the_specification_s_examples() {
        // Overlay 1.0.0, "Examples": a structured overlay (the update's
        // shape follows the spec's) and a targeted one (a wildcard over
        // every operation).
        let (spec, found) = overlaid(
            r#"overlay: 1.0.0
info: {title: Structured, version: 1.0.0}
actions:
  - target: "$"
    update:
      info: {x-overlay-applied: structured-overlay}
      paths:
        "/pets":
          get: {summary: "Get pets"}
"#,
        );
        assert!(found.items.is_empty(), "{found:?}");
        assert_eq!(spec["info"]["x-overlay-applied"], "structured-overlay");
        assert_eq!(spec["paths"]["/pets"]["get"]["summary"], "Get pets");
        assert_eq!(spec["paths"]["/pets"]["get"]["operationId"], "listPets");
        let (spec, found) = overlaid(
            r#"overlay: 1.0.0
info: {title: Targeted, version: 1.0.0}
actions:
  - target: $.paths.*.get
    update: {x-safe: true}
  - target: $.paths.*.get.parameters[?@.name == 'filter' && @.in == 'query']
    update: {schema: {$ref: "/components/schemas/filterSchema"}}
"#,
        );
        assert_eq!(
            found.items.len(),
            1,
            "the filter selects nothing: {found:?}"
        );
        assert_eq!(spec["paths"]["/pets"]["get"]["x-safe"], true);
        assert_eq!(spec["paths"]["/internal/health"]["get"]["x-safe"], true);
        assert!(spec["paths"]["/pets"]["post"].get("x-safe").is_none());
    }
}
