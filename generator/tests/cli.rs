//! The `oas-gen` command: exit codes, atomic writes, and `check`'s diff.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn oas_gen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_oas-gen"))
        .args(args)
        .output()
        .expect("run oas-gen")
}

/// `oas-gen generate` of the embedded spec into `out` as crate `name`.
fn generate_seed(out: &str, name: &str) -> Output {
    oas_gen(&["generate", &seed_spec(), "--out", out, "--crate-name", name])
}

fn seed_spec() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../spec/agents.oas.yaml")
        .display()
        .to_string()
}

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("oas-gen-cli-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every file under `dir`, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(folder) = pending.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                out.insert(path.clone(), fs::read(&path).unwrap());
            }
        }
    }
    out
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn generate_then_check_passes_and_an_edit_is_reported_as_a_diff() {
    let dir = scratch("check");
    let out = dir.join("client");
    let out_arg = out.display().to_string();
    let generated = generate_seed(&out_arg, "seed-client");
    assert_eq!(generated.status.code(), Some(0), "{}", stderr(&generated));
    assert!(out.join("src/types.rs").exists() && out.join("tests/examples.rs").exists());

    let checked = oas_gen(&["check", &seed_spec(), "--out", &out_arg]);
    assert_eq!(checked.status.code(), Some(0), "{}", stderr(&checked));

    let types = out.join("src/types.rs");
    let edited = fs::read_to_string(&types)
        .unwrap()
        .replace("pub phone_number: String,", "pub phone: String,");
    fs::write(&types, edited).unwrap();
    fs::write(out.join("src/extra.rs"), "// not generated\n").unwrap();
    let drifted = oas_gen(&["check", &seed_spec(), "--out", &out_arg]);
    assert_eq!(drifted.status.code(), Some(1));
    let diff = String::from_utf8_lossy(&drifted.stdout);
    assert!(
        diff.contains("~ struct AgentCallCreate"),
        "the drift names the Rust item:\n{diff}"
    );
    assert!(
        diff.contains("-    pub phone: String,\n+    pub phone_number: String,"),
        "{diff}"
    );
    assert!(
        diff.contains("+++ /dev/null"),
        "extra files are drift too:\n{diff}"
    );
    fs::remove_file(out.join("src/lib.rs")).unwrap();
    let drifted = oas_gen(&["check", &seed_spec(), "--out", &out_arg]);
    let report = String::from_utf8_lossy(&drifted.stdout);
    let path = |p: &str| out.join(p).display().to_string();
    for line in [
        format!("missing: {}\n", path("src/lib.rs")),
        format!("changed: {}\n", path("src/types.rs")),
        format!("not generated (extra): {}\n", path("src/extra.rs")),
    ] {
        assert!(report.contains(&line), "{line}in\n{report}");
    }
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_refused_spec_exits_1_points_at_the_line_and_leaves_the_output_untouched() {
    let dir = scratch("refused");
    let out = dir.join("client");
    let out_arg = out.display().to_string();
    let ok = oas_gen(&["generate", &seed_spec(), "--out", &out_arg]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    let before = snapshot(&out);

    let broken = dir.join("broken.yaml");
    let text = fs::read_to_string(seed_spec()).unwrap().replace(
        "$ref: '#/components/schemas/AgentCallResponse'",
        "$ref: '#/components/schemas/Missing'",
    );
    fs::write(&broken, text).unwrap();
    let refused = oas_gen(&["generate", &broken.display().to_string(), "--out", &out_arg]);
    assert_eq!(refused.status.code(), Some(1));
    let message = stderr(&refused);
    assert!(message.contains("points at nothing"), "{message}");
    // The line of the dangling `$ref`, counted in the file itself.
    let line = fs::read_to_string(&broken)
        .unwrap()
        .lines()
        .position(|l| l.contains("#/components/schemas/Missing"))
        .expect("the broken reference")
        + 1;
    let place = format!("broken.yaml:{line}:");
    assert!(message.contains(&place), "{place} in {message}");
    assert_eq!(
        snapshot(&out),
        before,
        "a failed run must not touch the output"
    );
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn usage_errors_exit_2_and_foreign_directories_are_not_replaced() {
    assert_eq!(oas_gen(&["generate"]).status.code(), Some(2));
    assert_eq!(
        oas_gen(&["frobnicate", "x", "--out", "y"]).status.code(),
        Some(2)
    );
    let missing = oas_gen(&["generate", "/nonexistent/spec.yaml", "--out", "/tmp/x"]);
    assert_eq!(missing.status.code(), Some(2));

    let dir = scratch("foreign");
    fs::write(dir.join("Cargo.toml"), "[package]\nname = \"mine\"\n").unwrap();
    let before = snapshot(&dir);
    let refused = oas_gen(&[
        "generate",
        &seed_spec(),
        "--out",
        &dir.display().to_string(),
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("was not made by oas-gen"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(snapshot(&dir), before);
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_run_killed_at_any_moment_leaves_the_old_output_or_the_new_one() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let big = root.join("../shared/specs/slng-agents.oas.yaml");
    let big = if big.exists() {
        big
    } else {
        root.join("tests/fixtures/unions.yaml")
    };
    let dir = scratch("killed");
    let out = dir.join("client");
    let out_arg = out.display().to_string();
    let first = generate_seed(&out_arg, "c");
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let old = snapshot(&out);
    let reference = dir.join("reference");
    let done = oas_gen(&[
        "generate",
        &big.display().to_string(),
        "--out",
        &reference.display().to_string(),
        "--crate-name",
        "c",
    ]);
    assert_eq!(done.status.code(), Some(0), "{}", stderr(&done));
    let new: Vec<Vec<u8>> = snapshot(&reference).into_values().collect();
    let mut outcomes = BTreeMap::new();
    for delay_ms in (0..60).step_by(4) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_oas-gen"))
            .args([
                "generate",
                &big.display().to_string(),
                "--out",
                &out_arg,
                "--crate-name",
                "c",
            ])
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let now = snapshot(&out);
        let state = if now == old {
            "old"
        } else if now.values().cloned().collect::<Vec<_>>() == new {
            "new"
        } else {
            panic!("after a kill at {delay_ms} ms the output is neither the old nor the new crate");
        };
        *outcomes.entry(state).or_insert(0) += 1;
        // Back to the old output for the next round.
        let reset = generate_seed(&out_arg, "c");
        assert_eq!(reset.status.code(), Some(0), "{}", stderr(&reset));
    }
    assert!(
        outcomes.contains_key("old"),
        "some kill must land before the swap: {outcomes:?}"
    );
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_reader_that_goes_away_ends_the_drift_report_without_a_panic() {
    let dir = scratch("pipe");
    let out = dir.join("client");
    let out_arg = out.display().to_string();
    assert_eq!(
        generate_seed(&out_arg, "seed-client").status.code(),
        Some(0)
    );
    // A large drift, so the report outgrows the pipe's buffer.
    fs::write(out.join("src/types.rs"), "// gone\n".repeat(20_000)).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_oas-gen"))
        .args(["check", &seed_spec(), "--out", &out_arg])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run oas-gen");
    drop(child.stdout.take()); // as `| head` does once it has its lines
    let output = child.wait_with_output().expect("oas-gen ends");
    let stderr = stderr(&output);
    assert_eq!(
        output.status.code(),
        Some(1),
        "drift, not a panic: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_closed_standard_error_ends_with_the_command_s_own_status() {
    let dir = scratch("closed-stderr");
    let out = dir.join("client");
    let out_arg = out.display().to_string();
    assert_eq!(
        generate_seed(&out_arg, "seed-client").status.code(),
        Some(0)
    );
    fs::write(out.join("src/types.rs"), "// gone\n").unwrap();
    // `2>&1 | head -1`: both streams go to a reader that has gone.
    let mut child = Command::new(env!("CARGO_BIN_EXE_oas-gen"))
        .args(["check", &seed_spec(), "--out", &out_arg])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run oas-gen");
    drop(child.stdout.take());
    drop(child.stderr.take());
    let status = child.wait().expect("oas-gen ends");
    assert_eq!(status.code(), Some(1), "drift (1), not a panic (101)");
    // An error of the command itself, written to the closed stream.
    let mut child = Command::new(env!("CARGO_BIN_EXE_oas-gen"))
        .args(["generate", "/nonexistent/spec.yaml", "--out", &out_arg])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run oas-gen");
    drop(child.stderr.take());
    let status = child.wait().expect("oas-gen ends");
    assert_ne!(status.code(), Some(101), "a panic on the closed stream");
    assert_ne!(status.code(), Some(0));
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn generating_an_up_to_date_crate_changes_nothing_and_says_so() {
    let dir = scratch("unchanged");
    let out = dir.join("client");
    let out_arg = out.display().to_string();
    assert_eq!(generate_seed(&out_arg, "c").status.code(), Some(0));
    let lib = out.join("src/lib.rs");
    let before = fs::metadata(&lib).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let again = generate_seed(&out_arg, "c");
    assert_eq!(again.status.code(), Some(0));
    assert!(stderr(&again).contains("unchanged"), "{}", stderr(&again));
    assert_eq!(fs::metadata(&lib).unwrap().modified().unwrap(), before);
    // --quiet: nothing on success.
    let quiet = oas_gen(&["--quiet", "generate", &seed_spec(), "--out", &out_arg]);
    assert_eq!(quiet.status.code(), Some(0));
    assert_eq!(stderr(&quiet), "");
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn help_and_version_are_per_command_and_exit_zero() {
    let version = oas_gen(&["--version"]);
    assert_eq!(version.status.code(), Some(0));
    let text = String::from_utf8_lossy(&version.stdout);
    assert!(text.starts_with("oas-gen "), "{text}");
    let help = oas_gen(&["generate", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(
        text.contains("--refs-root") && text.contains("Atomic"),
        "{text}"
    );
    let conformance = oas_gen(&["conformance", "--help"]);
    let text = String::from_utf8_lossy(&conformance.stdout);
    assert!(
        text.contains("--spec-defects-ok") && !text.contains("--crate-name"),
        "{text}"
    );
    let wrong = oas_gen(&["generate", "--outt", "x", "spec.yaml"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(
        stderr(&wrong).contains("--out"),
        "suggests the flag: {}",
        stderr(&wrong)
    );
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The seed spec with one more required field in the dispatch body.
fn seed_with_required_field(dir: &Path) -> PathBuf {
    let text = fs::read_to_string(seed_spec()).unwrap();
    let from = "      required:\n        - phone_number\n";
    assert_eq!(text.matches(from).count(), 1, "the seed spec changed shape");
    let edited = text
        .replacen(
            from,
            "      required:\n        - phone_number\n        - caller_id\n",
            1,
        )
        .replacen(
            "      properties:\n        phone_number:",
            "      properties:\n        caller_id:\n          type: string\n        phone_number:",
            1,
        );
    let path = dir.join("edited.yaml");
    fs::write(&path, edited).unwrap();
    path
}

#[test]
fn diff_of_a_spec_with_itself_is_empty_and_exits_0() {
    let spec = seed_spec();
    let out = oas_gen(&["diff", &spec, &spec, "--fail-on", "any"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("0 changes"), "{}", stdout(&out));
}

#[test]
fn diff_exits_1_on_what_fail_on_names_and_prints_each_format() {
    let dir = scratch("diff");
    let (old, new) = (
        seed_spec(),
        seed_with_required_field(&dir).display().to_string(),
    );
    let breaking = oas_gen(&["diff", &old, &new]);
    assert_eq!(breaking.status.code(), Some(1), "{}", stderr(&breaking));
    let text = stdout(&breaking);
    assert!(
        text.contains("field-added-required  AgentCallCreate.caller_id"),
        "{text}"
    );
    assert!(text.contains("semver bump: major"), "{text}");
    let never = oas_gen(&["diff", &old, &new, "--fail-on", "never", "--format", "json"]);
    assert_eq!(never.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&never.stdout).expect("JSON");
    assert_eq!(json["bump"], "major");
    assert_eq!(json["changes"][0]["rule"], "field-added-required");
    assert_eq!(json["changes"][0]["old_client_new_server"], "fails");
    let markdown = oas_gen(&[
        "diff",
        &old,
        &new,
        "--fail-on",
        "never",
        "--format",
        "markdown",
    ]);
    assert!(
        stdout(&markdown).starts_with("### Generated Rust API: major"),
        "{}",
        stdout(&markdown)
    );
}

#[test]
fn diff_refuses_a_broken_spec_with_its_problems_and_a_missing_file_with_2() {
    let dir = scratch("diff-broken");
    let broken = dir.join("broken.yaml");
    fs::write(&broken, "openapi: 3.0.3\ninfo: {version: '1'}\npaths: {}\n").unwrap();
    let out = oas_gen(&["diff", &seed_spec(), &broken.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("title"), "{}", stderr(&out));
    let missing = oas_gen(&["diff", &seed_spec(), "no-such-file.yaml"]);
    assert_eq!(missing.status.code(), Some(2), "{}", stderr(&missing));
}

#[test]
fn diff_reads_a_committed_version_through_git_external_refs_included() {
    let dir = scratch("diff-git");
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .args(args)
            .current_dir(&dir)
            .output()
            .expect("git runs");
        assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
    };
    git(&["init", "-q"]);
    fs::create_dir_all(dir.join("spec/parts")).unwrap();
    let api = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    post:\n      operationId: send\n      requestBody: {content: {application/json: {schema: {$ref: 'parts/body.yaml'}}}}\n      responses: {'204': {description: ok}}\n";
    fs::write(dir.join("spec/api.yaml"), api).unwrap();
    let body = "type: object\nproperties:\n  a: {type: string}\n";
    fs::write(dir.join("spec/parts/body.yaml"), body).unwrap();
    git(&["add", "."]);
    git(&[
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@t",
        "commit",
        "-qm",
        "spec",
    ]);
    // Only the referenced file changes: the old side must read it from HEAD.
    let required =
        "type: object\nrequired: [b]\nproperties:\n  a: {type: string}\n  b: {type: string}\n";
    fs::write(dir.join("spec/parts/body.yaml"), required).unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_oas-gen"))
            .args(args)
            .current_dir(&dir)
            .output()
            .unwrap()
    };
    let out = run(&[
        "diff",
        "git:HEAD:spec/api.yaml",
        "spec/api.yaml",
        "--fail-on",
        "never",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("git:HEAD:spec/api.yaml -> spec/api.yaml: 1 change"),
        "{text}"
    );
    assert!(text.contains("field-added-required"), "{text}");
    let same = run(&[
        "diff",
        "git:HEAD:spec/api.yaml",
        "git:HEAD:spec/api.yaml",
        "--fail-on",
        "any",
    ]);
    assert_eq!(same.status.code(), Some(0), "{}", stdout(&same));
    // The revisions' checkouts are temporary.
    let child = Command::new(env!("CARGO_BIN_EXE_oas-gen"))
        .args(["diff", "git:HEAD:spec/api.yaml", "spec/api.yaml"])
        .current_dir(&dir)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let checkouts = format!("oas-gen-diff-{}-", child.id());
    assert!(child.wait_with_output().unwrap().status.code() == Some(1));
    let left: Vec<_> = fs::read_dir(std::env::temp_dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(&checkouts))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    let unknown = run(&["diff", "git:no-such-rev:spec/api.yaml", "spec/api.yaml"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("no-such-rev"),
        "{}",
        stderr(&unknown)
    );
}

#[test]
fn a_settings_file_selects_operations_and_a_bad_one_is_located() {
    let dir = scratch("settings");
    let out = dir.join("client");
    let out_arg = out.display().to_string();
    let config = dir.join("only-ticker.toml");
    fs::write(
        &config,
        "crate-name = \"ticker-only\"\ninclude = [\"operation:ticker\"]\n",
    )
    .unwrap();
    let config_arg = config.display().to_string();
    let streams = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/streams.yaml")
        .display()
        .to_string();
    let ok = oas_gen(&[
        "generate",
        &streams,
        "--out",
        &out_arg,
        "--config",
        &config_arg,
    ]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    let manifest = fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"ticker-only\""), "{manifest}");
    let operations = fs::read_to_string(out.join("src/operations.rs")).unwrap();
    assert!(operations.contains("pub async fn ticker"));
    assert!(!operations.contains("watch_call"), "left out");
    let types = fs::read_to_string(out.join("src/types.rs")).unwrap();
    assert!(
        !types.contains("CallEvent"),
        "a type only a left-out operation uses"
    );
    // A flag wins over the file.
    let flag = oas_gen(&[
        "generate",
        &streams,
        "--out",
        &out_arg,
        "--config",
        &config_arg,
        "--crate-name",
        "from-flag",
    ]);
    assert_eq!(flag.status.code(), Some(0), "{}", stderr(&flag));
    let manifest = fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"from-flag\""), "{manifest}");
    fs::write(
        &config,
        "crate-name = \"x\"\nexclude = [\"dispatchCall\"]\n",
    )
    .unwrap();
    let bad = oas_gen(&[
        "generate",
        &streams,
        "--out",
        &out_arg,
        "--config",
        &config_arg,
    ]);
    assert_eq!(bad.status.code(), Some(2));
    let message = stderr(&bad);
    assert!(
        message
            .contains("only-ticker.toml:2:1: exclude: `dispatchCall` is not an operation selector"),
        "{message}"
    );
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn diff_compares_what_the_settings_generate() {
    let dir = scratch("diff-settings");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/streams.yaml");
    let old_text = fs::read_to_string(&fixture).unwrap();
    let start = old_text.find("  /ticker:").unwrap();
    let end = old_text.find("  /logs:").unwrap();
    let new_text = format!("{}{}", &old_text[..start], &old_text[end..]);
    let (old, new) = (dir.join("old.yaml"), dir.join("new.yaml"));
    fs::write(&old, &old_text).unwrap();
    fs::write(&new, &new_text).unwrap();
    let (old, new) = (old.display().to_string(), new.display().to_string());
    let whole = oas_gen(&["diff", &old, &new]);
    assert_eq!(whole.status.code(), Some(1), "{}", stderr(&whole));
    assert!(String::from_utf8_lossy(&whole.stdout).contains("operation-removed"));
    // A client without `ticker` does not change.
    let filtered = oas_gen(&["diff", &old, &new, "--exclude", "operation:ticker"]);
    assert_eq!(filtered.status.code(), Some(0), "{}", stderr(&filtered));
    // The same from a settings file beside NEW.
    fs::write(dir.join("oas-gen.toml"), "exclude = [\"path:/ticker\"]\n").unwrap();
    let from_file = oas_gen(&["diff", &old, &new]);
    assert_eq!(from_file.status.code(), Some(0), "{}", stderr(&from_file));
    fs::remove_file(dir.join("oas-gen.toml")).unwrap();
    // A client of only `exportLogs` does not change either.
    let included = oas_gen(&["diff", &old, &new, "--include", "operation:exportLogs"]);
    assert_eq!(included.status.code(), Some(0), "{}", stderr(&included));
    // Nor does one whose overlay takes `/ticker` out of both versions.
    let overlay = dir.join("drop-ticker.yaml");
    fs::write(
        &overlay,
        "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  \
         - target: $.paths['/ticker']\n    remove: true\n",
    )
    .unwrap();
    let overlaid = oas_gen(&[
        "diff",
        &old,
        &new,
        "--overlay",
        &overlay.display().to_string(),
    ]);
    assert_eq!(overlaid.status.code(), Some(0), "{}", stderr(&overlaid));
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn conformance_exits_1_when_a_spec_fails_and_0_when_all_pass() {
    let dir = scratch("conformance");
    let fixture = |name: &str| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures")
            .join(name);
        path.display().to_string()
    };
    let work = dir.join("work").display().to_string();
    let run = |spec: &str| {
        oas_gen(&[
            "conformance",
            "--generate-only",
            &fixture(spec),
            "--work",
            &work,
        ])
    };
    let passed = run("streams.yaml");
    assert_eq!(passed.status.code(), Some(0), "{}", stderr(&passed));
    assert!(
        stdout(&passed).contains("generated: 1 of 1 specs"),
        "{}",
        stdout(&passed)
    );
    let failed = run("invalid/empty.yaml");
    assert_eq!(failed.status.code(), Some(1), "{}", stderr(&failed));
    assert!(
        stdout(&failed).contains("refused: the file is empty"),
        "{}",
        stdout(&failed)
    );
    // Nothing to compile when every spec is refused.
    let refused = oas_gen(&[
        "conformance",
        &fixture("invalid/empty.yaml"),
        "--work",
        &work,
    ]);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert!(stdout(&refused).ends_with("conformance: 0 of 1 specs pass\n"));
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn renames_come_from_flags_and_a_pair_without_both_sides_is_refused() {
    let dir = scratch("renames");
    let out = dir.join("client");
    let out_arg = out.display().to_string();
    let spec = seed_spec();
    let generate = |rename: &str| {
        oas_gen(&[
            "generate",
            &spec,
            "--out",
            &out_arg,
            "--rename-type",
            rename,
        ])
    };
    // Spaces round either side are the user's, not the names'.
    let renamed = generate(" AgentCallCreate = CallRequest ");
    assert_eq!(renamed.status.code(), Some(0), "{}", stderr(&renamed));
    let types = fs::read_to_string(out.join("src/types.rs")).unwrap();
    assert!(types.contains("pub struct CallRequest {"), "renamed");
    assert!(!types.contains("pub struct AgentCallCreate {"), "renamed");
    for bad in [
        "AgentCallCreate",
        "=CallRequest",
        "AgentCallCreate= ",
        " =CallRequest",
    ] {
        let refused = generate(bad);
        assert_eq!(refused.status.code(), Some(2), "{bad}");
        assert!(
            stderr(&refused).contains(&format!("--rename-type `{bad}`: write KEY=VALUE")),
            "{}",
            stderr(&refused)
        );
    }
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn overlays_come_from_the_settings_file_or_the_flag() {
    let dir = scratch("overlays");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/overlays");
    fs::copy(fixtures.join("api.yaml"), dir.join("api.yaml")).unwrap();
    fs::create_dir_all(dir.join("fixes")).unwrap();
    fs::copy(
        fixtures.join("fixes.overlay.yaml"),
        dir.join("fixes/kennel.yaml"),
    )
    .unwrap();
    let spec = dir.join("api.yaml").display().to_string();
    let out = dir.join("client").display().to_string();
    // From oas-gen.toml beside the spec, relative to it.
    fs::write(
        dir.join("oas-gen.toml"),
        "overlays = [\"fixes/kennel.yaml\"]\n",
    )
    .unwrap();
    let run = oas_gen(&["generate", &spec, "--out", &out, "--crate-name", "kennel"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("kennel.yaml:22:5"),
        "{}",
        stderr(&run)
    );
    let types = fs::read_to_string(dir.join("client/src/types.rs")).unwrap();
    assert!(types.contains("pub age: i32"));
    // A missing overlay is an error naming it.
    fs::remove_file(dir.join("oas-gen.toml")).unwrap();
    let missing = oas_gen(&["generate", &spec, "--out", &out, "--overlay", "nope.yaml"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("cannot read the overlay nope.yaml"));
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_vendored_crate_declares_the_settings_dependencies() {
    let dir = scratch("dependencies");
    let config = dir.join("settings.toml");
    fs::write(
        &config,
        "[replace]\n\"#/components/schemas/Money\" = \"rust_decimal::Decimal\"\n\n\
         [dependencies]\nrust_decimal = { version = \"1\", features = [\"serde-str\"] }\n",
    )
    .unwrap();
    let spec = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/custom/api.yaml")
        .display()
        .to_string();
    let out = dir.join("client");
    let run = oas_gen(&[
        "generate",
        &spec,
        "--out",
        &out.display().to_string(),
        "--config",
        &config.display().to_string(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let manifest = fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("rust_decimal = { features = [\"serde-str\"], version = \"1\" }"),
        "{manifest}"
    );
    let types = fs::read_to_string(out.join("src/types.rs")).unwrap();
    assert!(
        types.contains("pub type Money = ::rust_decimal::Decimal;"),
        "{types}"
    );
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn labels_are_colored_when_asked_and_quiet_keeps_only_errors() {
    let dir = scratch("color");
    let out = dir.join("client").display().to_string();
    let quirks = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/quirks.yaml")
        .display()
        .to_string();
    let empty = dir.join("empty.yaml");
    fs::write(&empty, "").unwrap();
    let empty = empty.display().to_string();
    let run = |flags: &[&str], spec: &str| {
        let args: Vec<&str> = flags
            .iter()
            .copied()
            .chain(["generate", spec, "--out", &out, "--crate-name", "q"])
            .collect();
        stderr(&oas_gen(&args))
    };
    let colored = run(&["--color", "always"], &quirks);
    assert!(
        colored.starts_with("\x1b[1;33mwarning\x1b[0m: "),
        "{colored}"
    );
    assert!(
        !colored.contains("\nwarning:"),
        "every label colored: {colored}"
    );
    let plain = run(&["--color", "never"], &quirks);
    assert!(
        plain.starts_with("warning: ") && !plain.contains('\x1b'),
        "{plain}"
    );
    assert_eq!(run(&["--quiet"], &quirks), "", "warnings are not errors");
    // Not a terminal: auto is plain.
    assert!(!run(&[], &quirks).contains('\x1b'));
    let refused = run(&["--quiet", "--color", "always"], &empty);
    assert!(refused.starts_with("\x1b[1;31merror\x1b[0m: "), "{refused}");
    fs::remove_dir_all(dir).unwrap();
}

/// The whole of `conformance` on a small spec: generated, checked with
/// clippy and rustdoc, its examples run (one contradicts its schema). Slow
/// (cargo builds the crate and, the first time, its dependencies, in the
/// work dir CI's conformance step uses after it), so CI runs it with
/// `--ignored`.
#[test]
#[ignore = "builds a crate with cargo; CI runs it with --ignored"]
fn conformance_compiles_lints_and_runs_the_examples() {
    let dir = scratch("conformance-whole");
    let spec = "openapi: 3.0.3
info: {title: Tiny, version: '1'}
paths:
  /pets:
    post:
      operationId: addPet
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Pet'}
            example: {name: Rex, age: 3}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
              example: {name: Rex, age: three}
components:
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        name: {type: string}
        age: {type: integer}
";
    fs::write(dir.join("tiny.yaml"), spec).unwrap();
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    let work = target.join("oas-gen-conformance").display().to_string();
    let run = oas_gen(&[
        "conformance",
        "--spec-defects-ok",
        "--work",
        &work,
        &dir.display().to_string(),
    ]);
    let report = stdout(&run);
    assert_eq!(run.status.code(), Some(0), "{report}{}", stderr(&run));
    let row: Vec<&str> = report
        .lines()
        .find(|l| l.starts_with("tiny.yaml"))
        .unwrap()
        .split_whitespace()
        .collect();
    // generated, compiles, no warnings, nothing degraded, one example of
    // two passes, and the other is the spec's defect.
    assert_eq!(row[1], "yes", "{report}");
    assert_eq!(row[3..8], ["yes", "0", "0", "1/2", "1"], "{report}");
    assert!(
        report.contains(
            "spec defect (breaks `type`): the example at #/paths/~1pets/post/responses/200"
        ),
        "{report}"
    );
    assert!(
        report.ends_with("conformance: 1 of 1 specs pass\n"),
        "{report}"
    );
    fs::remove_dir_all(dir).unwrap();
}
