//! The generator on the embedded spec: snapshots of every generated file,
//! byte-for-byte determinism, and the drift check of `generated-client/`.

use std::path::Path;

use oas_gen::drift::{compare, unified_diff};
use oas_gen::{generate, generate_single_file, GeneratedCrate, Settings, Source};

const SPEC: &str = "spec/agents.oas.yaml";
const VENDORED: &str = "generated-client";

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn spec_source() -> Source {
    Source::new(std::fs::read_to_string(root().join(SPEC)).expect("spec/agents.oas.yaml"))
}

/// The settings `generated-client/` is made with (see the README).
fn vendored_settings() -> Settings {
    Settings::new("slng-agents-client", "agents.oas.yaml")
}

fn generated() -> GeneratedCrate {
    generate(&spec_source(), &vendored_settings()).expect("the embedded spec generates")
}

#[test]
fn snapshots_of_the_generated_code() {
    let files = generated().files;
    for path in [
        "Cargo.toml",
        "src/lib.rs",
        "src/types.rs",
        "src/operations.rs",
        "tests/examples.rs",
    ] {
        let name = path.replace(['/', '.'], "_");
        insta::assert_snapshot!(name, files[path]);
    }
}

#[test]
fn the_embedded_spec_generates_without_warnings() {
    let warnings = generated().warnings;
    assert!(warnings.items.is_empty(), "{}", warnings.render(SPEC));
}

#[test]
fn same_spec_same_bytes() {
    assert_eq!(generated().files, generated().files);
    let one = generate_single_file(&spec_source(), &vendored_settings()).unwrap();
    let two = generate_single_file(&spec_source(), &vendored_settings()).unwrap();
    assert_eq!(one.client, two.client);
    assert_eq!(one.examples, two.examples);
}

/// The public items a file declares (`pub struct Call`, `pub async fn
/// get_call`), whatever its formatting.
fn declared_items(text: &str) -> std::collections::BTreeSet<String> {
    let kinds = [
        "pub struct ",
        "pub enum ",
        "pub fn ",
        "pub async fn ",
        "pub trait ",
    ];
    text.lines()
        .filter_map(|line| {
            let line = line.trim_start();
            let kind = kinds.iter().find(|k| line.starts_with(*k))?;
            let name: String = line[kind.len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            Some(format!("{kind}{name}"))
        })
        .collect()
}

#[test]
fn the_single_file_declares_what_the_crate_files_declare() {
    let files = generated().files;
    let single = generate_single_file(&spec_source(), &vendored_settings()).unwrap();
    let in_single = declared_items(&single.client);
    // The emitted modules; the runtime is its files' tokens, copied.
    for path in ["src/lib.rs", "src/types.rs", "src/operations.rs"] {
        let declared = declared_items(&files[path]);
        assert!(!declared.is_empty(), "{path}");
        let missing: Vec<_> = declared.difference(&in_single).collect();
        assert!(missing.is_empty(), "{path}: {missing:?}");
    }
    assert_eq!(
        single.examples.as_deref().map(declared_items),
        Some(declared_items(&files["tests/examples.rs"]))
    );
}

#[test]
fn the_vendored_crate_matches_the_spec() {
    let dir = root().join(VENDORED);
    let drifts = compare(&dir, &generated().files).expect("read generated-client/");
    let diffs: Vec<String> = drifts
        .iter()
        .map(|d| {
            let items = oas_gen::drift::item_changes(d).join("\n  ");
            format!(
                "{}:\n  {items}\n{}",
                d.path,
                unified_diff(Path::new(VENDORED), d)
            )
        })
        .collect();
    assert!(
        drifts.is_empty(),
        "generated-client/ has drifted from spec/agents.oas.yaml; regenerate with\n  \
         cargo run -p oas-gen -- generate spec/agents.oas.yaml --out generated-client --crate-name slng-agents-client\n\n{}",
        diffs.join("\n")
    );
}

#[test]
fn the_vendored_crate_depends_on_the_runtime_crates_only() {
    let manifest = &generated().files["Cargo.toml"];
    let table = manifest
        .split("\n[dependencies]\n")
        .nth(1)
        .expect("a [dependencies] table");
    let names: Vec<&str> = table
        .lines()
        .take_while(|line| !line.starts_with('['))
        .filter_map(|line| line.split(" = ").next())
        .filter(|name| !name.is_empty())
        .collect();
    let expected: Vec<&str> = oas_gen::contract::DEPENDENCIES
        .iter()
        .map(|d| d.name)
        .collect();
    assert_eq!(names, expected, "{manifest}");
    assert!(!manifest.contains("[build-dependencies]"), "{manifest}");
}

#[test]
fn tokens_in_responses_are_redacted_in_debug_output() {
    let spec = r#"
openapi: 3.0.3
info: {title: Rooms, version: '1'}
paths:
  /rooms:
    post:
      operationId: createRoom
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [room_name, livekit_token]
                properties:
                  room_name: {type: string}
                  livekit_token: {type: string}
"#;
    let generated = generate(&Source::new(spec), &Settings::new("rooms", "rooms.yaml")).unwrap();
    let types = &generated.files["src/types.rs"];
    let start = types
        .find("impl ::std::fmt::Debug for CreateRoomResponse")
        .expect("a redacting Debug impl");
    let body = &types[start..start + types[start..].find("\n}\n").unwrap()];
    assert!(
        body.contains(".field(\"livekit_token\", &super::runtime::response::Redacted)"),
        "{body}"
    );
    assert!(
        body.contains(".field(\"room_name\", &self.room_name)"),
        "{body}"
    );
}
