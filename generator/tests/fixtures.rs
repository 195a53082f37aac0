//! Our own fixtures (`tests/fixtures/`): every valid one generates, and its
//! code is pinned by a snapshot and compiled by `cargo test` (the
//! `fixture-clients` crate includes them all; CI's conformance also runs
//! clippy, rustdoc and their examples); every invalid one
//! (`tests/fixtures/invalid/`) is refused with diagnostics that name the
//! file, line, column and JSON pointer, pinned by a snapshot too.

use std::path::{Path, PathBuf};

use oas_gen::{generate, Settings, Source};

/// The repository root (the tests read its fixtures and specs).
fn repo() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn fixtures(folder: &str) -> Vec<PathBuf> {
    let dir = repo().join(folder);
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("yaml" | "json")
            )
        })
        .collect();
    found.sort();
    found
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .unwrap()
        .to_string_lossy()
        .replace('-', "_")
}

/// The spec, reading external references beside it, as the CLI does.
fn load(path: &Path) -> Source {
    let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
    Source::new(text).with_base_dir(path.parent().unwrap())
}

/// The fixture's settings, with the wire tests (`--wire-tests`) on, so that
/// their code is pinned too.
fn settings(path: &Path) -> Settings {
    let mut settings = Settings::new(
        format!("fixture-{}", stem(path).replace('_', "-")),
        path.file_name().unwrap().to_string_lossy(),
    );
    settings.wire_tests = true;
    settings
}

/// Generates `tests/fixtures/{file}` and compares it with its snapshot.
fn valid_fixture(file: &str) {
    let path = repo().join("tests/fixtures").join(file);
    generated_snapshot(&path, &settings(&path), &format!("fixture_{}", stem(&path)));
}

/// `tests/fixtures/custom/api.yaml` with the settings file beside it, as
/// the CLI and build scripts read it: renames, replaced and selected types,
/// extra derives.
#[test]
fn the_custom_fixture_with_its_settings_file() {
    let path = repo().join("tests/fixtures/custom/api.yaml");
    let mut settings = settings(&path);
    let (_, file) = oas_gen::settings_file::SettingsFile::find(&path, None)
        .unwrap()
        .expect("tests/fixtures/custom/oas-gen.toml");
    file.apply(&mut settings);
    generated_snapshot(&path, &settings, "fixture_custom");
}

/// Generates the spec at `path` and compares it with the snapshot `snapshot`.
fn generated_snapshot(path: &Path, settings: &Settings, snapshot: &str) {
    let name = path
        .strip_prefix(repo())
        .unwrap_or(path)
        .display()
        .to_string();
    let generated =
        generate(&load(path), settings).unwrap_or_else(|d| panic!("{}", d.render(&name)));
    // Every emitted file, types and operations first, but the runtime's copy
    // (pinned by the contract tests) and the fixed rustfmt.toml.
    let first = ["src/types.rs", "src/operations.rs"];
    let rest = generated.files.keys().map(String::as_str).filter(|file| {
        !first.contains(file) && !file.starts_with("src/runtime/") && *file != "rustfmt.toml"
    });
    let mut text = format!("// warnings:\n{}", generated.warnings.render(&name));
    for file in first.into_iter().chain(rest) {
        text.push_str(&format!("\n// {file}\n{}", generated.files[file]));
    }
    insta::assert_snapshot!(snapshot.to_owned(), text);
}

/// Checks that `tests/fixtures/invalid/{file}` is refused, with the
/// diagnostics of its snapshot.
fn invalid_fixture(file: &str) {
    let path = repo().join("tests/fixtures/invalid").join(file);
    let name = format!("tests/fixtures/invalid/{file}");
    let Err(diagnostics) = generate(&load(&path), &settings(&path)) else {
        panic!("{name} must be refused");
    };
    assert!(diagnostics.has_errors(), "{name}");
    insta::assert_snapshot!(
        format!("invalid_{}", stem(&path)),
        diagnostics.render(&name)
    );
}

/// One test per fixture, so that every mismatch shows at once.
macro_rules! fixture_tests {
    ($check:ident, $list:ident: $($test:ident => $file:literal),* $(,)?) => {
        const $list: &[&str] = &[$($file),*];
        $(
            #[test]
            fn $test() {
                $check($file);
            }
        )*
    };
}

mod valid {
    use super::valid_fixture;
    fixture_tests!(valid_fixture, VALID:
        auth => "auth.yaml",
        duplicate_operation_ids => "duplicate-operation-ids.yaml",
        enums => "enums.yaml",
        fastapi => "fastapi.yaml",
        fidelity => "fidelity.yaml",
        formats => "formats.yaml",
        names => "names.yaml",
        objects => "objects.yaml",
        openapi31 => "openapi31.yaml",
        openapi32 => "openapi32.yaml",
        operations => "operations.yaml",
        pagination => "pagination.yaml",
        path_params => "path-params.yaml",
        quirks => "quirks.yaml",
        real_world => "real-world.yaml",
        records => "records.yaml",
        recursion => "recursion.yaml",
        refs => "refs.yaml",
        repeated_shapes => "repeated-shapes.yaml",
        self_reference => "self-reference.yaml",
        streams => "streams.yaml",
        styles => "styles.yaml",
        unions => "unions.yaml",
        wire => "wire.yaml",
    );

    #[test]
    fn every_fixture_file_has_its_test() {
        super::every_file_listed("tests/fixtures", VALID);
    }
}

mod invalid {
    use super::invalid_fixture;
    fixture_tests!(invalid_fixture, INVALID:
        alias_bomb => "alias-bomb.yaml",
        bad_schema_shape => "bad-schema-shape.yaml",
        binary => "binary.yaml",
        dangling_refs => "dangling-refs.yaml",
        duplicate_keys => "duplicate-keys.yaml",
        empty => "empty.yaml",
        external_refs => "external-refs.yaml",
        invalid_json => "invalid-json.json",
        invalid_yaml => "invalid-yaml.yaml",
        list => "list.yaml",
        not_openapi_shape => "not-openapi-shape.yaml",
        reference_cycles => "reference-cycles.yaml",
        scalar => "scalar.yaml",
        several_problems => "several-problems.yaml",
        swagger2 => "swagger2.json",
        unknown_version => "unknown-version.yaml",
        wrong_kind_ref => "wrong-kind-ref.yaml",
    );

    #[test]
    fn every_fixture_file_has_its_test() {
        super::every_file_listed("tests/fixtures/invalid", INVALID);
    }
}

/// A fixture added to the folder without a test would be silently skipped.
fn every_file_listed(folder: &str, listed: &[&str]) {
    let on_disk: Vec<String> = fixtures(folder)
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let mut listed: Vec<String> = listed.iter().map(|f| (*f).to_owned()).collect();
    listed.sort();
    assert_eq!(
        on_disk, listed,
        "add the new fixture to the list in tests/fixtures.rs"
    );
}

#[test]
fn nesting_100_000_levels_deep_is_refused_without_a_crash() {
    let text = format!(
        "openapi: 3.0.3\nx: {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let diagnostics =
        generate(&Source::new(text), &Settings::new("deep", "deep.yaml")).unwrap_err();
    let rendered = diagnostics.render("deep.yaml");
    assert!(rendered.contains("deep.yaml:2:"), "{rendered}");
    let json = format!(
        "{{\"openapi\": \"3.0.3\", \"x\": {}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let diagnostics =
        generate(&Source::new(json), &Settings::new("deep", "deep.json")).unwrap_err();
    assert!(
        diagnostics.render("deep.json").contains("recursion limit"),
        "{}",
        diagnostics.render("deep.json")
    );
}

#[test]
fn relative_external_references_are_bundled_reading_each_file_once() {
    let path = repo().join("tests/fixtures/external/api.yaml");
    let analysis =
        oas_gen::analyze(&load(&path)).unwrap_or_else(|d| panic!("{}", d.render("api.yaml")));
    let read: Vec<String> = analysis
        .files_read
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        read,
        ["common.yaml", "kind.yaml", "pet.yaml"],
        "each file once"
    );
    let names: Vec<&str> = analysis.api.types.iter().map(|t| t.name.as_str()).collect();
    assert!(
        names.contains(&"Pet") && names.contains(&"Person") && names.contains(&"Kind"),
        "{names:?}"
    );
    let generated = generate(&load(&path), &settings(&path)).unwrap();
    insta::assert_snapshot!("external_types", generated.files["src/types.rs"]);
}

#[test]
fn references_in_extensions_are_never_followed_but_properties_named_x_are() {
    // What a docs tool keeps in `x-topics` is not the generator's to read
    // (`intro.md` does not exist); a property named `x-pet` is a schema.
    let spec = r#"
openapi: 3.0.3
info: {title: T, version: '1'}
x-topics: [{content: {$ref: intro.md}}]
paths:
  /a:
    get:
      operationId: a
      x-guide: {$ref: guide.md}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  x-pet: {$ref: 'schemas/pet.yaml'}
"#;
    let base = repo().join("tests/fixtures/external");
    let source = Source::new(spec.to_owned()).with_base_dir(&base);
    let generated = generate(&source, &Settings::new("x", "api.yaml"))
        .unwrap_or_else(|d| panic!("{}", d.render("api.yaml")));
    let types = &generated.files["src/types.rs"];
    assert!(types.contains("pub struct Pet {"), "{types}");
    assert!(types.contains("pub x_pet: Option<Pet>"), "{types}");
}

#[test]
fn external_references_that_leave_the_directory_are_refused() {
    let path = repo().join("tests/fixtures/invalid/external/escape.yaml");
    let diagnostics = generate(&load(&path), &settings(&path)).unwrap_err();
    insta::assert_snapshot!(
        "invalid_external_escape",
        diagnostics.render("tests/fixtures/invalid/external/escape.yaml")
    );
}

/// A spec in a fresh folder of its own that refers to `big.yaml`, a schema
/// padded with a comment to `size` bytes; what generating it says.
fn with_big_external_file(size: usize) -> Result<String, String> {
    let dir = std::env::temp_dir().join(format!(
        "oas-gen-big-external-{}-{size}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let root = "openapi: 3.0.3\ninfo: {title: Big, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: a\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json: {schema: {$ref: 'big.yaml'}}\n";
    std::fs::write(dir.join("api.yaml"), root).unwrap();
    let schema = "type: object\nproperties: {id: {type: string}}\n#";
    let mut big = schema.to_owned();
    big.push_str(&"x".repeat(size - schema.len() - 1));
    big.push('\n');
    std::fs::write(dir.join("big.yaml"), &big).unwrap();
    let path = dir.join("api.yaml");
    let result = generate(&load(&path), &settings(&path));
    std::fs::remove_dir_all(&dir).unwrap();
    result
        .map(|g| g.files["src/types.rs"].clone())
        .map_err(|d| d.render("api.yaml"))
}

#[test]
fn referenced_files_are_read_up_to_64_mb_in_all() {
    let types = with_big_external_file(3 << 20).expect("3 MB are read");
    assert!(types.contains("pub id: Option<String>"), "{types}");
    let refused = with_big_external_file(65 << 20).unwrap_err();
    assert!(refused.contains("larger than 64 MB"), "{refused}");
}

#[test]
fn a_fault_forty_schemas_deep_is_told_where_it_stands() {
    // Read through the document model, each enclosing schema would be
    // tried again in another reading: 2^40 readings, which never end.
    let fault = serde_json::json!({"type": "string", "nullable": "yes"});
    let deep = (0..40).fold(
        fault,
        |inner, _| serde_json::json!({"type": "object", "properties": {"p": inner}}),
    );
    let spec = serde_json::json!({
        "openapi": "3.0.3",
        "info": {"title": "Deep", "version": "1"},
        "paths": {"/a": {"get": {"parameters": [{"name": "q", "in": "query", "style": "sideways", "schema": {}}],
            "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": deep}}}}}}},
    });
    let refused = generate(
        &Source::new(spec.to_string()),
        &Settings::new("deep", "deep.json"),
    )
    .unwrap_err();
    let pointers: Vec<&str> = refused.items.iter().map(|d| d.pointer.as_str()).collect();
    let schema = "/paths/~1a/get/responses/200/content/application~1json/schema";
    let nullable = format!("{schema}{}/nullable", "/properties/p".repeat(40));
    assert_eq!(pointers, ["/paths/~1a/get/parameters/0", nullable.as_str()]);
}

#[test]
fn a_50_mb_spec_is_read_without_trouble() {
    // Most of the size in an extension the generator ignores: reading,
    // checking and generating stay bounded.
    let blob: Vec<String> = (0..550_000).map(|i| format!("{i:0>90}")).collect();
    let spec = serde_json::json!({
        "openapi": "3.0.3",
        "info": {"title": "Big", "version": "1.0.0"},
        "x-blob": blob,
        "paths": {"/a": {"get": {"operationId": "a", "responses": {"204": {"description": "ok"}}}}},
    });
    let text = spec.to_string();
    assert!(text.len() > 50_000_000, "{} bytes", text.len());
    let generated = generate(&Source::new(text), &Settings::new("big", "big.json")).unwrap();
    assert!(generated.files["src/operations.rs"].contains("pub async fn a("));
}

#[test]
fn references_where_openapi_allows_none_are_inlined_across_files() {
    // Operations, content maps, media types, `properties` and descriptions
    // kept in files of their own, and a schema that reaches itself through
    // those files (not through `components`).
    let path = repo().join("tests/fixtures/split/api.yaml");
    let generated = generate(&load(&path), &settings(&path))
        .unwrap_or_else(|d| panic!("{}", d.render("split/api.yaml")));
    let warnings = generated.warnings.render("tests/fixtures/split/api.yaml");
    for kind in [
        "an operation",
        "a `content` map",
        "a media type object",
        "a `properties` map",
        "a `description`",
    ] {
        assert!(warnings.contains(kind), "{kind}: {warnings}");
    }
    let types = &generated.files["src/types.rs"];
    assert!(types.contains("pub parts: Option<Vec<Item>>"), "{types}");
    insta::assert_snapshot!(
        "split",
        format!(
            "// warnings:\n{warnings}\n// src/types.rs\n{types}\n// src/operations.rs\n{}",
            generated.files["src/operations.rs"]
        )
    );
}

/// Places where a typed schema lost information, per fixture. A new
/// fallback to any JSON value (or a dropped enum, format or constraint)
/// changes a count here and fails; so does a fix, which then lowers it.
#[test]
fn degraded_schema_sites_do_not_rise() {
    let expected: &[(&str, usize)] = &[
        // `type: any` (unknown) and tuple `items`: documented fallbacks
        // until tuples are in the IR.
        ("quirks.yaml", 2),
        // A `$ref` to a URL that no `$id` declares (never fetched), and a
        // cycle of references with siblings (two components).
        ("openapi31.yaml", 3),
        // A cycle of references through three components.
        ("fidelity.yaml", 3),
        // `allOf` parts that type the extra properties unlike each other.
        ("objects.yaml", 1),
    ];
    let mut paths = fixtures("tests/fixtures");
    paths.push(repo().join("tests/fixtures/split/api.yaml"));
    paths.push(repo().join("tests/fixtures/external/api.yaml"));
    let mut found = Vec::new();
    for path in &paths {
        let generated = generate(&load(path), &settings(path)).unwrap();
        let count = generated
            .warnings
            .items
            .iter()
            .filter(|d| d.degraded)
            .count();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let want = expected.iter().find(|(n, _)| *n == name).map_or(0, |e| e.1);
        if count != want {
            found.push(format!("{name}: {count} degraded, expected {want}"));
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn files_above_the_spec_are_read_only_below_the_refs_root() {
    let path = repo().join("tests/fixtures/shared-root/api/spec.yaml");
    let refused = generate(&load(&path), &settings(&path)).unwrap_err();
    let text = refused.render("spec.yaml");
    assert!(text.contains("leaves the spec's directory"), "{text}");
    let root = path.parent().unwrap().parent().unwrap();
    let generated = generate(&load(&path).with_refs_root(root), &settings(&path))
        .unwrap_or_else(|d| panic!("{}", d.render("spec.yaml")));
    let warnings = generated.warnings.render("spec.yaml");
    assert!(
        warnings.contains("event.yaml close a flow collection"),
        "{warnings}"
    );
    let types = &generated.files["src/types.rs"];
    assert!(
        types.contains("::std::collections::BTreeMap<String, Vec<Event>>"),
        "patternProperties read as a map: {types}"
    );
    let lib = &generated.files["src/lib.rs"];
    assert!(lib.contains("runtime::auth::SchemeKind::Bearer"), "{lib}");
}
