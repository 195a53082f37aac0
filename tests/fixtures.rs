//! Our own fixtures (`tests/fixtures/`): every valid one generates, and its
//! code is pinned by a snapshot (CI compiles them all with
//! `oas-gen conformance tests/fixtures`); every invalid one
//! (`tests/fixtures/invalid/`) is refused with diagnostics that name the
//! file, line, column and JSON pointer, pinned by a snapshot too.

use std::path::{Path, PathBuf};

use oas_gen::{generate, Settings, Source};

fn fixtures(folder: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
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

fn load(path: &Path) -> Source {
    Source::new(String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned())
}

fn settings(path: &Path) -> Settings {
    Settings::new(
        format!("fixture-{}", stem(path).replace('_', "-")),
        path.file_name().unwrap().to_string_lossy(),
    )
}

#[test]
fn valid_fixtures_generate_and_match_their_snapshots() {
    let all = fixtures("tests/fixtures");
    assert!(all.len() >= 8, "fixtures missing: {all:?}");
    for path in all {
        let name = format!(
            "tests/fixtures/{}",
            path.file_name().unwrap().to_string_lossy()
        );
        let generated = generate(&load(&path), &settings(&path))
            .unwrap_or_else(|d| panic!("{}", d.render(&name)));
        let files = &generated.files;
        let snapshot = format!(
            "// warnings:\n{}\n// src/types.rs\n{}\n// src/operations.rs\n{}",
            generated.warnings.render(&name),
            files["src/types.rs"],
            files["src/operations.rs"]
        );
        insta::assert_snapshot!(format!("fixture_{}", stem(&path)), snapshot);
    }
}

#[test]
fn invalid_fixtures_are_refused_with_located_diagnostics() {
    let all = fixtures("tests/fixtures/invalid");
    assert!(all.len() >= 10, "fixtures missing: {all:?}");
    for path in all {
        let name = format!(
            "tests/fixtures/invalid/{}",
            path.file_name().unwrap().to_string_lossy()
        );
        let Err(diagnostics) = generate(&load(&path), &settings(&path)) else {
            panic!("{name} must be refused");
        };
        assert!(diagnostics.has_errors(), "{name}");
        insta::assert_snapshot!(
            format!("invalid_{}", stem(&path)),
            diagnostics.render(&name)
        );
    }
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
