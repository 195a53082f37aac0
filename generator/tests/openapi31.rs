//! Same API, same Rust: a 3.0 document rewritten as OpenAPI 3.1 (null as
//! `type` lists and as `anyOf` null branches, `examples` arrays, numeric
//! exclusive bounds, `const` for one-value enums) generates byte-identical
//! code.

use std::path::Path;

use oas_gen::{generate, GeneratedCrate, Settings, Source};
use serde_json::{json, Map, Value};

/// The repository root (the tests read its fixtures and specs).
fn repo() -> &'static std::path::Path {
    std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// Rewrites a 3.0 document as 3.1 says the same things.
fn rewrite_as_31(document: &mut Value) {
    document["openapi"] = json!("3.1.0");
    let mut alternate = false;
    rewrite(document, false, &mut alternate);
}

/// `schema`: whether `value` is a schema. `alternate` switches between the
/// two ways 3.1 writes null, so both are exercised.
fn rewrite(value: &mut Value, schema: bool, alternate: &mut bool) {
    match value {
        Value::Object(map) => {
            if schema {
                rewrite_schema(map, alternate);
            }
            for (key, child) in map.iter_mut() {
                let child_is_schema = match key.as_str() {
                    "schema" | "items" | "additionalProperties" | "not" => true,
                    "allOf" | "anyOf" | "oneOf" => true,
                    "example" | "examples" | "default" | "enum" => continue,
                    _ => false,
                };
                if key == "properties" || (key == "schemas" && !schema) {
                    if let Value::Object(named) = child {
                        for schema in named.values_mut() {
                            rewrite(schema, true, alternate);
                        }
                    }
                    continue;
                }
                rewrite(child, child_is_schema, alternate);
            }
        }
        Value::Array(items) => {
            for item in items {
                rewrite(item, schema, alternate);
            }
        }
        _ => {}
    }
}

fn rewrite_schema(map: &mut Map<String, Value>, alternate: &mut bool) {
    // A one-value enum is a `const` (as pydantic writes union tags).
    if let Some(Value::Array(values)) = map.get("enum") {
        if let [only] = values.as_slice() {
            let only = only.clone();
            map.remove("enum");
            map.remove("type");
            map.insert("const".to_owned(), only);
        }
    }
    if let Some(example) = map.remove("example") {
        map.insert("examples".to_owned(), json!([example]));
    }
    for (flag, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if map.get(flag) == Some(&json!(true)) {
            if let Some(number) = map.remove(bound) {
                map.insert(flag.to_owned(), number);
            }
        }
    }
    if map.get("nullable") != Some(&json!(true)) {
        return;
    }
    map.remove("nullable");
    *alternate = !*alternate;
    match map.get("type").cloned() {
        Some(Value::String(ty)) if *alternate => {
            map.insert("type".to_owned(), json!([ty, "null"]));
        }
        _ => {
            // The schema without its docs, as one branch; null as the other.
            let keep = [
                "description",
                "title",
                "default",
                "examples",
                "deprecated",
                "readOnly",
            ];
            let mut branch = Map::new();
            for key in map.keys().cloned().collect::<Vec<_>>() {
                if !keep.contains(&key.as_str()) {
                    branch.insert(key.clone(), map.remove(&key).unwrap_or_default());
                }
            }
            map.insert("anyOf".to_owned(), json!([branch, {"type": "null"}]));
        }
    }
}

fn generated(document: &Value, name: &str) -> GeneratedCrate {
    let settings = Settings::new("same-api", name);
    generate(&Source::new(document.to_string()), &settings)
        .unwrap_or_else(|d| panic!("{}", d.render(name)))
}

fn assert_same_rust(path: &Path) {
    let text = std::fs::read_to_string(path).unwrap();
    let original = oas_gen::load::read_value(&text).unwrap();
    let mut rewritten = original.clone();
    rewrite_as_31(&mut rewritten);
    assert_ne!(original, rewritten, "the rewrite changed nothing");
    let name = path.file_name().unwrap().to_string_lossy();
    let from_30 = generated(&original, &name);
    let from_31 = generated(&rewritten, &name);
    assert_eq!(
        from_30.files.keys().collect::<Vec<_>>(),
        from_31.files.keys().collect::<Vec<_>>()
    );
    for (file, text) in &from_30.files {
        let other = &from_31.files[file];
        if text != other {
            let first = text
                .lines()
                .zip(other.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            let around = |t: &str| {
                t.lines()
                    .skip(first.saturating_sub(3))
                    .take(8)
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            panic!(
                "{name}: {file} differs between 3.0 and its 3.1 rewrite at line {}:\n--- 3.0\n{}\n--- 3.1\n{}",
                first + 1,
                around(text),
                around(other)
            );
        }
    }
}

#[test]
fn a_fastapi_style_spec_as_openapi_31_gives_the_same_rust() {
    // Optional fields as `anyOf` null, `HTTPValidationError`, and a union
    // tagged by `const` properties with no `discriminator`.
    assert_same_rust(&repo().join("tests/fixtures/fastapi.yaml"));
}

#[test]
fn the_seed_spec_as_openapi_31_gives_the_same_rust() {
    assert_same_rust(&repo().join("spec/agents.oas.yaml"));
}

/// The full public SLNG spec, from `../shared` beside the clone.
#[test]
#[ignore = "needs ../shared/specs; CI runs it with --ignored"]
fn the_full_slng_spec_as_openapi_31_gives_the_same_rust() {
    let path = repo().join("../shared/specs/slng-agents.oas.yaml");
    assert_same_rust(&path);
}

/// `oas-gen diff` between a 3.0 document and its 3.1 rewrite finds nothing.
#[test]
fn a_30_document_and_its_31_rewrite_differ_in_nothing() {
    use oas_gen::changes::{compare, Side};
    for file in ["tests/fixtures/fastapi.yaml", "spec/agents.oas.yaml"] {
        let path = repo().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let mut rewritten = oas_gen::load::read_value(&text).unwrap();
        rewrite_as_31(&mut rewritten);
        let (old, new) = (
            Source::new(text),
            Source::new(serde_json::to_string_pretty(&rewritten).unwrap()),
        );
        let (old_api, new_api) = (
            oas_gen::analyze(&old).unwrap().api,
            oas_gen::analyze(&new).unwrap().api,
        );
        let side = |name, api, source| Side { name, api, source };
        let report = compare(side("3.0", &old_api, &old), side("3.1", &new_api, &new));
        let found: Vec<&str> = report.changes.iter().map(|c| c.message.as_str()).collect();
        assert!(found.is_empty(), "{file}: {found:#?}");
    }
}
