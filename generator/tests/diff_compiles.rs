//! What `oas-gen diff` calls breaking really breaks: for each breaking case
//! of the catalogue, a small caller written against the client of the base
//! spec compiles there and fails against the client of the edited spec; the
//! additive callers compile against both. Every client is a module of one
//! of two crates (old and new), checked in one `cargo check --keep-going`
//! run.

#[path = "diff/cases.rs"]
mod cases;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use cases::{edited, BASE, CASES};
use oas_gen::{Settings, Source};

/// The repository root (the tests read its fixtures and specs).
fn repo() -> &'static std::path::Path {
    std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// Callers by case name: code using the base spec's client (`Client`,
/// `types`, `operations` are in scope), the body of an `async fn` returning
/// `Result<(), Box<dyn std::error::Error>>`.
const BREAKING: &[(&str, &str)] = &[
    ("operation removed", "client.create_tool(&types::Tool::WebhookTool(types::WebhookTool::new(\"https://x\"))).await?;"),
    ("operation renamed", "client.get_call(Default::default()).await?;"),
    ("required query parameter added", "client.list_calls(Default::default(), &operations::ListCallsParams::default()).await?;"),
    ("query parameter removed", "let _ = operations::ListCallsParams::default().with_page_size(5);"),
    ("query parameter renamed", "let _ = operations::ListCallsParams::default().with_page_size(5);"),
    ("query parameter renamed and retyped", "let _ = operations::ListCallsParams::default().with_page_size(5);"),
    ("two query parameters replaced by one alike", "let _ = operations::ListCallsParams::default().with_page_size(5);"),
    ("one query parameter replaced by two alike", "let _ = operations::ListCallsParams::default().with_page_size(5);"),
    ("operation renamed and moved", "client.get_call(Default::default()).await?;"),
    ("query parameter made required", "let _ = operations::ListCallsParams::default();"),
    ("query parameter type changed", "let _ = operations::ListCallsParams::default().with_page(1);"),
    ("request body type changed", "client.dispatch_call(Default::default(), &types::CallCreate::new(\"+1\")).await?;"),
    ("request content type changed (JSON to bytes)", "client.dispatch_call(Default::default(), &types::CallCreate::new(\"+1\")).await?;"),
    ("request body made optional", "client.dispatch_call(Default::default(), &types::CallCreate::new(\"+1\")).await?;"),
    ("success body changed", "let call = client.get_call(Default::default()).await?; let _ = &call.created_at;"),
    ("error status removed", "fn kind(e: operations::GetCallError) -> bool { matches!(e, operations::GetCallError::NotFound(_)) }"),
    ("error body changed", "fn detail(e: operations::GetCallError) -> Option<String> { match e { operations::GetCallError::NotFound(v) => v.body().and_then(|p| p.detail.clone()), _ => None } }"),
    ("required field added to a request body", "let _ = types::CallCreate::new(\"+1\");"),
    ("required response field removed", "fn read(c: types::Call) { let _ = c.created_at; }"),
    ("required request field removed", "let _ = types::CallCreate::new(\"+1\");"),
    ("optional field removed", "fn read(c: types::Call) { let _ = c.duration; }"),
    ("request field made required", "let _ = types::CallCreate::new(\"+1\").with_caller_id(\"me\");"),
    ("response field made optional", "fn read(c: types::Call) -> types::CallStatus { c.status }"),
    ("response field made nullable", "fn read(c: types::Call) -> Option<String> { c.agent_name }"),
    ("request field no longer nullable", "let _ = types::CallCreate::new(\"+1\").with_note_null();"),
    ("field type changed", "fn read(c: types::Call) -> Option<i64> { c.duration }"),
    ("format uuid added", "let _ = types::CallCreate::new(\"+1\").with_caller_id(\"me\");"),
    ("enum value removed", "let _ = types::CallStatus::Ringing;"),
    ("union variant removed", "let _ = types::Tool::TransferTool(types::TransferTool::new(\"+1\"));"),
    ("union reduced to one variant", "let _ = types::Tool::HangupTool(types::HangupTool::default());"),
    ("schema renamed, same shape", "let _ = types::Voice::default();"),
    ("schema renamed and reshaped", "let _ = types::Voice::default();"),
    ("operation and an unrelated schema removed", "let _ = types::Voice::default();"),
    ("schema removed", "let _ = types::Voice::default();"),
    ("schema kind changed", "let _ = types::Voice { name: None, speed: None };"),
    ("union tag property changed", "let _ = types::WebhookTool::new(\"https://x\");"),
    ("union made untagged", "fn unknown(t: &types::Tool) -> bool { matches!(t, types::Tool::Unknown(_)) }"),
    ("union tag property changed, with a default", "fn unknown(t: &types::Tool) -> bool { matches!(t, types::Tool::Unknown(_)) }"),
    ("union default mapping added", "fn unknown(t: &types::Tool) -> bool { matches!(t, types::Tool::Unknown(_)) }"),
    ("request body removed", "client.create_tool(&types::Tool::HangupTool(types::HangupTool::default())).await?;"),
    ("request body added", "client.get_call(Default::default()).await?;"),
    ("alias changed", "let _: types::Label = String::new();"),
    ("path parameter made a query parameter", "client.get_call(Default::default()).await?;"),
    ("extra properties no longer allowed", "fn read(c: types::CallCreated) -> usize { c.extra.len() }"),
    ("security scheme removed", "let _ = Client::builder().legacy_key(\"k\");"),
];

/// Callers of additive cases: they compile against both clients.
const ADDITIVE: &[(&str, &str)] = &[
    ("optional field added", "let _ = types::CallCreate::new(\"+1\").with_caller_id(\"me\");"),
    ("optional query parameter added", "let _ = operations::ListCallsParams::default().with_page(2);"),
    ("enum value added", "fn done(s: types::CallStatus) -> bool { match s { types::CallStatus::Done => true, _ => false } }"),
    ("error status added", "fn missing(e: operations::GetCallError) -> bool { match e { operations::GetCallError::NotFound(_) => true, _ => false } }"),
    ("union variant added", "let _ = types::Tool::HangupTool(types::HangupTool::default());"),
    ("operation added", "client.get_call(Default::default()).await?;"),
    ("event stream added beside JSON", "let call = client.get_call(Default::default()).await?; let _ = &call.status;"),
    ("required field added to a response", "fn read(c: types::Call) -> types::CallStatus { c.status }"),
];

fn client_file(spec: &str, caller: &str) -> String {
    let settings = Settings::new("proofs", "spec.yaml");
    let client = oas_gen::generate_single_file(&Source::new(spec), &settings)
        .unwrap_or_else(|e| panic!("{e:?}"))
        .client;
    format!(
        "{client}\n#[allow(dead_code, unused)]\nasync fn caller(client: &Client) -> Result<(), Box<dyn std::error::Error>> {{\n    {caller}\n    Ok(())\n}}\n"
    )
}

/// Writes a crate of one module per case; returns its directory.
fn write_crate(dir: &Path, name: &str, modules: &[(String, String)]) {
    let src = dir.join("src");
    std::fs::create_dir_all(&src).unwrap();
    let generated =
        oas_gen::generate(&Source::new(BASE), &Settings::new(name, "spec.yaml")).unwrap();
    let manifest = generated.files["Cargo.toml"]
        .lines()
        .filter(|l| {
            !l.starts_with("[[test]]")
                && !l.starts_with("path =")
                && !l.starts_with("name = \"examples")
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    let mut lib = String::from("#![allow(warnings)]\n");
    for (module, text) in modules {
        lib.push_str(&format!("pub mod {module};\n"));
        std::fs::write(src.join(format!("{module}.rs")), text).unwrap();
    }
    std::fs::write(src.join("lib.rs"), lib).unwrap();
}

/// `(crate, file)` of every error a `cargo check` of the workspace reports.
fn errors(workspace: &Path) -> BTreeSet<(String, String)> {
    let target = repo().join("target/diff-proofs");
    let out = Command::new(env!("CARGO"))
        .args([
            "check",
            "--workspace",
            "--keep-going",
            "--quiet",
            "--message-format=json",
        ])
        .current_dir(workspace)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .expect("cargo runs");
    let mut found = BTreeSet::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if message["reason"] != "compiler-message" || message["message"]["level"] != "error" {
            continue;
        }
        let krate = message["target"]["name"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        for span in message["message"]["spans"].as_array().into_iter().flatten() {
            let file = span["file_name"].as_str().unwrap_or_default().to_owned();
            found.insert((krate.clone(), file));
        }
    }
    found
}

#[test]
fn breaking_changes_break_callers_and_additive_ones_do_not() {
    let breaking_cases: BTreeSet<&str> = CASES
        .iter()
        .filter(|c| c.expect.iter().any(|e| e.contains(" breaking ")))
        .map(|c| c.name)
        .collect();
    let proven: BTreeSet<&str> = BREAKING.iter().map(|(name, _)| *name).collect();
    assert_eq!(proven, breaking_cases, "every breaking case needs a caller");
    let cases: BTreeMap<&str, &cases::Case> = CASES.iter().map(|c| (c.name, c)).collect();

    let workspace = repo().join("target/diff-proofs-crates");
    let _ = std::fs::remove_dir_all(&workspace);
    let mut sides: [(&str, Vec<(String, String)>); 2] = [("old", Vec::new()), ("new", Vec::new())];
    let mut modules = BTreeMap::new();
    for (i, (name, caller)) in BREAKING.iter().chain(ADDITIVE).enumerate() {
        let module = format!("case_{i}");
        modules.insert(module.clone(), *name);
        let new = edited(cases[name]);
        sides[0].1.push((module.clone(), client_file(BASE, caller)));
        sides[1].1.push((module, client_file(&new, caller)));
    }
    for (side, files) in &sides {
        write_crate(&workspace.join(side), &format!("proofs-{side}"), files);
    }
    std::fs::write(
        workspace.join("Cargo.toml"),
        "[workspace]\nresolver = \"2\"\nmembers = [\"old\", \"new\"]\n",
    )
    .unwrap();
    let lock = repo().join("Cargo.lock");
    std::fs::copy(lock, workspace.join("Cargo.lock")).unwrap();

    let errors = errors(&workspace);
    let failing = |krate: &str| -> BTreeSet<&str> {
        errors
            .iter()
            .filter(|(k, _)| k == krate)
            .filter_map(|(_, file)| {
                let module = PathBuf::from(file)
                    .file_stem()?
                    .to_string_lossy()
                    .into_owned();
                modules.get(module.as_str()).copied()
            })
            .collect()
    };
    assert!(
        !errors.iter().any(|(k, _)| k == "proofs_old"),
        "callers must compile against the old client: {errors:#?}"
    );
    let broken = failing("proofs_new");
    let additive: BTreeSet<&str> = ADDITIVE.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        broken.intersection(&additive).count(),
        0,
        "additive cases broke: {broken:?}"
    );
    let unbroken: Vec<&&str> = proven.iter().filter(|n| !broken.contains(**n)).collect();
    assert!(
        unbroken.is_empty(),
        "breaking cases whose caller still compiles: {unbroken:?}"
    );
}
