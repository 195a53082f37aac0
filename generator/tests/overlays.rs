//! OpenAPI Overlays (`tests/fixtures/overlays/`): a vendor's spec mended
//! without editing it (a description updated, an operation removed, an
//! extension added, a wrong type fixed), pinned by a snapshot; an action
//! that selects nothing warns with its place in the overlay file.

use oas_gen::{generate, Settings, Source};

/// The repository root (the tests read its fixtures and specs).
fn repo() -> &'static std::path::Path {
    std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn fixture(file: &str) -> String {
    let path = repo().join("tests/fixtures/overlays").join(file);
    std::fs::read_to_string(path).unwrap()
}

fn overlaid() -> Source {
    Source::new(fixture("api.yaml"))
        .with_overlay("fixes.overlay.yaml", fixture("fixes.overlay.yaml"))
}

#[test]
fn an_overlay_mends_the_spec_before_anything_reads_it() {
    let settings = Settings::new("kennel", "api.yaml");
    let generated =
        generate(&overlaid(), &settings).unwrap_or_else(|d| panic!("{}", d.render("api.yaml")));
    let operations = &generated.files["src/operations.rs"];
    let types = &generated.files["src/types.rs"];
    assert!(operations.contains("One dog, by its id."));
    assert!(!operations.contains("reindex"), "removed by the overlay");
    assert!(types.contains("pub age: i32"), "the fixed type");
    let snapshot = format!(
        "// warnings:\n{}\n// src/types.rs\n{types}\n// src/operations.rs\n{operations}",
        generated.warnings.render("api.yaml")
    );
    insta::assert_snapshot!("overlaid_kennel", snapshot);
    // Without the overlay, the spec is as the vendor wrote it.
    let plain = generate(&Source::new(fixture("api.yaml")), &settings).unwrap();
    assert!(plain.files["src/operations.rs"].contains("reindex"));
    assert!(plain.files["src/types.rs"].contains("pub age: String"));
}

#[test]
fn an_action_that_selects_nothing_warns_in_the_overlay_file() {
    let settings = Settings::new("kennel", "api.yaml");
    let generated = generate(&overlaid(), &settings).unwrap();
    let rendered = generated.warnings.render("api.yaml");
    assert!(
        rendered.contains("fixes.overlay.yaml:22:5"),
        "the warning points into the overlay: {rendered}"
    );
    assert!(
        rendered.contains("`$.paths['/cats']` selects nothing"),
        "{rendered}"
    );
}

#[test]
fn a_broken_overlay_refuses_the_spec_with_its_place() {
    let source = Source::new(fixture("api.yaml"))
        .with_overlay("broken.yaml", "overlay: 1.0.0\ninfo: {title: B, version: '1'}\nactions:\n  - target: $[\n    remove: true\n");
    let refused = generate(&source, &Settings::new("kennel", "api.yaml")).unwrap_err();
    let rendered = refused.render("api.yaml");
    assert!(rendered.contains("broken.yaml:4:5"), "{rendered}");
    assert!(rendered.contains("is not a JSONPath"), "{rendered}");
}
