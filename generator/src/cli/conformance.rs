//! `oas-gen conformance`: generate a crate for every spec, check them all in
//! one workspace (one target dir) with clippy and rustdoc, run each crate's
//! example tests, and print a table. Exits non-zero when any spec is refused,
//! fails to compile, warns (compiler, clippy or rustdoc), or has an example
//! that does not round-trip.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use oas_gen::contract::{EXAMPLE_FAILURE, FORMAT_MISMATCH, ROUND_TRIP_CHANGED};
use oas_gen::{generate, Settings, Source};

/// How much of the check to run, and how much to say.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// List every degraded schema site.
    pub explain: bool,
    /// Generate only: catch refusals and panics in seconds, compile nothing.
    pub generate_only: bool,
    /// Examples that contradict their own schema do not fail a spec (for
    /// third-party specs; our own must have none).
    pub spec_defects_ok: bool,
    /// Relative `$ref`s may read files anywhere below this directory.
    pub refs_root: Option<PathBuf>,
}

/// One spec's results.
#[derive(Debug, Default)]
struct Row {
    spec: String,
    crate_name: String,
    refused: Option<String>,
    generate_ms: f64,
    lines: usize,
    compiled: Option<bool>,
    warnings: usize,
    examples: Option<(usize, usize)>,
    /// Examples that contradict their own schema (the spec's defect).
    spec_defects: Vec<String>,
    /// Examples that fail for another reason (the generator's defect).
    failures: Vec<String>,
    /// Places where a typed schema lost information (pointer: reason).
    degraded: Vec<String>,
}

impl Row {
    /// Generated, compiled warning-free, and every example round-trips;
    /// with `spec_defects_ok`, examples that contradict their own schema
    /// are reported without failing the row.
    fn passed(&self, spec_defects_ok: bool) -> bool {
        self.refused.is_none()
            && self.compiled == Some(true)
            && self.warnings == 0
            && self.failures.is_empty()
            && (spec_defects_ok || self.spec_defects.is_empty())
    }
}

/// Runs the conformance check over `inputs` (files or directories); `work` is
/// where the crates and their shared target dir go.
pub fn run(inputs: &[PathBuf], work: &Path, options: Options) -> Result<bool, String> {
    let specs = collect_specs(inputs)?;
    if specs.is_empty() {
        return Err("no spec files (.yaml, .yml, .json) found".to_owned());
    }
    let crates = work.join("crates");
    let _ = std::fs::remove_dir_all(&crates);
    std::fs::create_dir_all(&crates)
        .map_err(|e| format!("cannot create {}: {e}", crates.display()))?;
    let mut rows: Vec<Row> = specs
        .iter()
        .enumerate()
        .map(|(i, spec)| generate_one(spec, i, &crates, options.refs_root.as_deref()))
        .collect();
    let members: Vec<&str> = rows
        .iter()
        .filter(|r| r.refused.is_none())
        .map(|r| r.crate_name.as_str())
        .collect();
    if !members.is_empty() && !options.generate_only {
        write_workspace(&crates, &members)?;
        compile(&crates, work, &mut rows)?;
        for row in rows.iter_mut().filter(|r| r.compiled == Some(true)) {
            run_examples(&crates, work, row)?;
        }
    }
    let mut report = table(&rows, options.explain);
    let all = if options.generate_only {
        let generated = rows.iter().filter(|r| r.refused.is_none()).count();
        let _ = writeln!(
            report,
            "generated: {generated} of {} specs (not compiled)",
            rows.len()
        );
        generated == rows.len()
    } else {
        let passed = rows
            .iter()
            .filter(|r| r.passed(options.spec_defects_ok))
            .count();
        let _ = writeln!(
            report,
            "\nconformance: {passed} of {} specs pass",
            rows.len()
        );
        passed == rows.len()
    };
    // A reader that went away (`| head`) ends the output, not the run.
    let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), report.as_bytes());
    Ok(all)
}

fn collect_specs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut specs = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let entries = std::fs::read_dir(input)
                .map_err(|e| format!("cannot list {}: {e}", input.display()))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && is_spec_file(p))
                .collect();
            found.sort();
            specs.extend(found);
        } else if input.is_file() {
            specs.push(input.clone());
        } else {
            return Err(format!("{} does not exist", input.display()));
        }
    }
    Ok(specs)
}

fn is_spec_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml" | "json")
    )
}

fn generate_one(spec: &Path, index: usize, crates: &Path, refs_root: Option<&Path>) -> Row {
    let stem = spec
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let slug: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let crate_name = format!("conformance-{index}-{}", slug.trim_matches('-'));
    let mut row = Row {
        spec: spec.display().to_string(),
        crate_name: crate_name.clone(),
        ..Row::default()
    };
    let text = match std::fs::read(spec) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => {
            row.refused = Some(format!("cannot read: {e}"));
            return row;
        }
    };
    let mut settings = Settings::new(
        crate_name.clone(),
        spec.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    );
    // The wire tests compile (and are linted) with the rest of the crate.
    settings.wire_tests = true;
    let started = Instant::now();
    let dir = spec
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut source = Source::new(text).with_base_dir(dir);
    if let Some(root) = refs_root {
        source = source.with_refs_root(root);
    }
    let generated = generate(&source, &settings);
    row.generate_ms = started.elapsed().as_secs_f64() * 1000.0;
    match generated {
        Ok(generated) => {
            row.lines = generated.files.values().map(|f| f.lines().count()).sum();
            row.degraded = generated
                .warnings
                .items
                .iter()
                .filter(|d| d.degraded)
                .map(|d| format!("#{}: {}", d.pointer, d.message))
                .collect();
            if let Err(e) = oas_gen::write::write_crate(&crates.join(&crate_name), &generated.files)
            {
                row.refused = Some(format!("cannot write: {e}"));
            }
        }
        Err(diagnostics) => {
            let first = diagnostics
                .items
                .iter()
                .find(|d| d.severity == oas_gen::Severity::Error);
            row.refused = first.map(|d| format!("{} (at #{})", d.message, d.pointer));
        }
    }
    row
}

fn write_workspace(crates: &Path, members: &[&str]) -> Result<(), String> {
    let list: Vec<String> = members.iter().map(|m| format!("{m:?}")).collect();
    let manifest = format!(
        "[workspace]\nmembers = [{}]\nresolver = \"2\"\n",
        list.join(", ")
    );
    std::fs::write(crates.join("Cargo.toml"), manifest)
        .map_err(|e| format!("cannot write the workspace: {e}"))
}

fn cargo(crates: &Path, work: &Path) -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command
        .current_dir(crates)
        .env("CARGO_TARGET_DIR", work.join("target"));
    command
}

/// Checks every crate with clippy (tests included), then documents it with
/// rustdoc; counts the warnings of the compiler, clippy and rustdoc per crate.
fn compile(crates: &Path, work: &Path, rows: &mut [Row]) -> Result<(), String> {
    let checked = run_json(
        crates,
        work,
        &["clippy", "--workspace", "--all-targets", "--keep-going"],
    )?;
    let documented = run_json(
        crates,
        work,
        &["doc", "--workspace", "--no-deps", "--keep-going"],
    )?;
    tally(&format!("{checked}\n{documented}"), rows);
    Ok(())
}

/// Counts, from cargo's JSON messages, each crate's warnings (compiler,
/// clippy, rustdoc) and whether it had an error.
fn tally(messages: &str, rows: &mut [Row]) {
    let mut warnings: BTreeMap<String, usize> = BTreeMap::new();
    let mut failed: BTreeMap<String, bool> = BTreeMap::new();
    for line in messages.lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let package = message["package_id"].as_str().unwrap_or("");
        let Some(row) = rows.iter().find(|r| {
            package.contains(&format!("/{}#", r.crate_name))
                || package.contains(&format!("{} ", r.crate_name))
        }) else {
            continue;
        };
        if message["reason"].as_str() != Some("compiler-message") {
            continue;
        }
        let text = message["message"]["message"].as_str().unwrap_or("");
        match message["message"]["level"].as_str() {
            Some("warning") if !text.ends_with("emitted") => {
                *warnings.entry(row.crate_name.clone()).or_default() += 1
            }
            Some("error") => {
                failed.insert(row.crate_name.clone(), true);
            }
            _ => {}
        }
    }
    for row in rows.iter_mut().filter(|r| r.refused.is_none()) {
        row.warnings = warnings.get(&row.crate_name).copied().unwrap_or(0);
        row.compiled = Some(!failed.contains_key(&row.crate_name));
    }
}

/// Runs a cargo command with JSON messages; its standard output.
fn run_json(crates: &Path, work: &Path, args: &[&str]) -> Result<String, String> {
    let output = cargo(crates, work)
        .args(args)
        .arg("--message-format=json")
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    if !output.status.success() && !stdout.contains("\"level\":\"error\"") {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(format!("cargo {} failed:\n{stderr}", args[0]));
    }
    Ok(stdout)
}

/// Runs the crate's example tests; records passes and the spec defects found.
fn run_examples(crates: &Path, work: &Path, row: &mut Row) -> Result<(), String> {
    if !crates
        .join(&row.crate_name)
        .join("tests/examples.rs")
        .exists()
    {
        return Ok(());
    }
    let output = cargo(crates, work)
        .args([
            "test",
            "-q",
            "-p",
            &row.crate_name,
            "--test",
            "examples",
            "--",
            "--test-threads=1",
        ])
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    read_examples(&String::from_utf8_lossy(&output.stdout), row);
    Ok(())
}

/// Records what the example tests' output says: passes, and each failure
/// as the spec's defect or the generator's.
fn read_examples(stdout: &str, row: &mut Row) {
    let lines: Vec<&str> = stdout.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if line.contains(EXAMPLE_FAILURE) {
            let defect = if line.contains(ROUND_TRIP_CHANGED) {
                round_trip_defect(&lines[i + 1..])
            } else {
                spec_defect(line)
            };
            match defect {
                Some(keyword) => row
                    .spec_defects
                    .push(format!("spec defect (breaks `{keyword}`): {}", line.trim())),
                None => row
                    .failures
                    .push(format!("FAILED (the generator's fault): {}", line.trim())),
            }
        }
    }
    row.examples = Some(example_counts(stdout));
}

/// (passed, total) from `cargo test`'s `test result:` lines.
fn example_counts(stdout: &str) -> (usize, usize) {
    let (mut passed, mut failed) = (0, 0);
    for summary in stdout
        .lines()
        .filter_map(|l| l.strip_prefix("test result: "))
    {
        passed += count(summary, " passed");
        failed += count(summary, " failed");
    }
    (passed, passed + failed)
}

fn count(summary: &str, label: &str) -> usize {
    summary
        .split(';')
        .find(|part| part.contains(label))
        .and_then(|part| part.split_whitespace().rev().nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// An example that decoded but came back different: the spec's defect when
/// every difference is a `null` the schema does not allow (dropped on the
/// way back: breaks `nullable`), a required nullable property the example
/// leaves out (sent as `null`: breaks `required`), or a list where the
/// schema has an object (breaks `type`). Anything else is ours.
fn round_trip_defect(following: &[&str]) -> Option<&'static str> {
    let value = |prefix: &str| {
        following
            .iter()
            .take(4)
            .find_map(|l| l.trim_start().strip_prefix(prefix))
            .and_then(|json| serde_json::from_str::<serde_json::Value>(json).ok())
    };
    let (spec, ours) = (value("spec: ")?, value("ours: ")?);
    let mut keywords = BTreeMap::new();
    null_differences(&spec, &ours, &mut keywords)?;
    // Both kinds at once are still the spec's: name the first.
    keywords.into_keys().next()
}

/// Collects the keyword behind each difference; `None` for a difference
/// that is not about `null`.
fn null_differences(
    spec: &serde_json::Value,
    ours: &serde_json::Value,
    keywords: &mut BTreeMap<&'static str, ()>,
) -> Option<()> {
    use serde_json::Value;
    match (spec, ours) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                match b.get(key) {
                    Some(other) => null_differences(value, other, keywords)?,
                    None if value.is_null() => {
                        keywords.insert("nullable", ());
                    }
                    None => return None,
                }
            }
            for (key, value) in b {
                if !a.contains_key(key) {
                    if !value.is_null() {
                        return None;
                    }
                    keywords.insert("required", ());
                }
            }
            Some(())
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (x, y) in a.iter().zip(b) {
                null_differences(x, y, keywords)?;
            }
            Some(())
        }
        (Value::Number(x), Value::Number(y)) if x.as_f64() == y.as_f64() => Some(()),
        // A list where the schema has an object: serde reads a struct from
        // a list too, so the example decoded, but it breaks `type`.
        (Value::Array(_), Value::Object(_)) => {
            keywords.insert("type", ());
            Some(())
        }
        _ if spec == ours => Some(()),
        _ => None,
    }
}

/// The schema keyword an example breaks, when the failure says the example
/// contradicts its schema; `None` when the generated code is at fault (an
/// example that decodes but does not come back the same).
fn spec_defect(line: &str) -> Option<&'static str> {
    let text = line.trim();
    let keyword = if text.contains("missing field") {
        "required"
    } else if text.contains("invalid type") || text.contains("invalid value") {
        "type"
    } else if text.contains("is not in the schema") || text.contains("unknown field") {
        "additionalProperties"
    } else if text.contains("unknown variant") {
        "enum"
    } else if text.contains("invalid length")
        || text.contains("UUID")
        || text.contains(FORMAT_MISMATCH)
    {
        "format"
    } else if text.contains("did not match any variant") {
        "oneOf/anyOf"
    } else {
        return None;
    };
    Some(keyword)
}

fn table(rows: &[Row], explain: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\n{:<44} {:<10} {:>8} {:>8} {:>9} {:>9} {:>10} {:>13} {:>9}",
        "spec",
        "generated",
        "lines",
        "compiles",
        "warnings",
        "degraded",
        "examples",
        "spec defects",
        "gen ms"
    );
    for row in rows {
        let name = Path::new(&row.spec)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let generated = if row.refused.is_some() {
            "refused"
        } else {
            "yes"
        };
        let compiles = match row.compiled {
            Some(true) => "yes",
            Some(false) => "NO",
            None => "-",
        };
        let examples = match row.examples {
            Some((passed, total)) => format!("{passed}/{total}"),
            None => "none".to_owned(),
        };
        let _ = writeln!(
            out,
            "{name:<44} {generated:<10} {:>8} {compiles:>8} {:>9} {:>9} {examples:>10} {:>13} {:>9.1}",
            row.lines,
            row.warnings,
            row.degraded.len(),
            row.spec_defects.len(),
            row.generate_ms
        );
        if explain {
            for place in &row.degraded {
                let _ = writeln!(out, "    degraded {place}");
            }
        }
        if let Some(reason) = &row.refused {
            let _ = writeln!(out, "    refused: {reason}");
        }
        for failure in &row.failures {
            let _ = writeln!(out, "    {failure}");
        }
        let shown = if explain { row.spec_defects.len() } else { 5 };
        for defect in row.spec_defects.iter().take(shown) {
            let _ = writeln!(out, "    {defect}");
        }
        if row.spec_defects.len() > shown {
            let more = row.spec_defects.len() - shown;
            let _ = writeln!(
                out,
                "    ... and {more} more spec defects (--explain lists them)"
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classify(spec: &str, ours: &str) -> Option<&'static str> {
        let spec = format!("  spec: {spec}");
        let ours = format!("  ours: {ours}");
        round_trip_defect(&[spec.as_str(), ours.as_str()])
    }

    /// The verdict CI and users rely on: a row passes only when it
    /// generated, compiled without warnings and its examples round-trip;
    /// the spec's own defects fail it unless they are allowed.
    #[test]
    fn a_row_passes_only_when_everything_held() {
        let good = Row {
            compiled: Some(true),
            ..Row::default()
        };
        assert!(good.passed(false));
        let not_compiled = Row {
            compiled: Some(false),
            ..Row::default()
        };
        assert!(!not_compiled.passed(true));
        let generate_only = Row::default();
        assert!(!generate_only.passed(true), "compiled: None is not a pass");
        let warned = Row {
            compiled: Some(true),
            warnings: 1,
            ..Row::default()
        };
        assert!(!warned.passed(true));
        let refused = Row {
            compiled: Some(true),
            refused: Some("bad".into()),
            ..Row::default()
        };
        assert!(!refused.passed(true));
        let failing = Row {
            compiled: Some(true),
            failures: vec!["an example".into()],
            ..Row::default()
        };
        assert!(!failing.passed(true));
        let defective = Row {
            compiled: Some(true),
            spec_defects: vec!["the spec's".into()],
            ..Row::default()
        };
        assert!(!defective.passed(false));
        assert!(defective.passed(true), "allowed with --spec-defects-ok");
    }

    #[test]
    fn example_counts_add_up_every_test_binary() {
        let stdout = "running 3 tests\ntest result: FAILED. 2 passed; 1 failed; 0 ignored\n\
                      test result: ok. 4 passed; 0 failed; 1 ignored\n";
        assert_eq!(example_counts(stdout), (6, 7));
        assert_eq!(example_counts("no tests ran"), (0, 0));
    }

    #[test]
    fn round_trip_differences_that_are_the_examples_fault() {
        assert_eq!(
            classify(r#"{"a":1,"b":null}"#, r#"{"a":1}"#),
            Some("nullable")
        );
        assert_eq!(
            classify(r#"{"a":1}"#, r#"{"a":1,"b":null}"#),
            Some("required")
        );
        assert_eq!(
            classify(r#"{"a":["x"]}"#, r#"{"a":{"t":"x"}}"#),
            Some("type")
        );
        assert_eq!(
            classify(r#"{"a":2.50}"#, r#"{"a":2.5}"#),
            None,
            "no difference"
        );
        // Inside a list, item by item.
        assert_eq!(
            classify(r#"[{"a":1},{"a":2,"b":null}]"#, r#"[{"a":1},{"a":2}]"#),
            Some("nullable")
        );
    }

    #[test]
    fn other_differences_are_the_generators_fault() {
        assert_eq!(classify(r#"{"a":1}"#, r#"{"a":2}"#), None);
        assert_eq!(classify(r#"{"a":1}"#, r#"{}"#), None);
        assert_eq!(classify(r#"[1,2]"#, r#"[1]"#), None);
        assert_eq!(spec_defect("missing field `id`"), Some("required"));
        assert_eq!(spec_defect("changed in a round trip"), None);
        let date = "the example at #/x does not match its schema: \"2024-08-31T00:00:00.000Z\" is not in format date (such as 2026-03-01)";
        assert_eq!(spec_defect(date), Some("format"));
    }

    #[test]
    fn a_difference_beside_a_null_one_is_still_the_generators_fault() {
        // Each has a `null` difference that alone would be the spec's.
        assert_eq!(classify(r#"{"a":[1,2],"n":null}"#, r#"{"a":[1]}"#), None);
        assert_eq!(classify(r#"{"a":1,"n":null}"#, r#"{"a":2}"#), None);
        assert_eq!(classify(r#"{"a":"x","n":null}"#, r#"{"a":"y"}"#), None);
        // And the same beside equal values.
        assert_eq!(
            classify(
                r#"{"a":[1,2],"b":"x","c":1,"n":null}"#,
                r#"{"a":[1,2],"b":"x","c":1.0}"#
            ),
            Some("nullable")
        );
    }

    #[test]
    fn each_message_of_a_broken_example_names_its_keyword() {
        let cases = [
            ("missing field `id`", "required"),
            ("invalid type: string \"x\", expected i64", "type"),
            ("invalid value: integer `-1`, expected u8", "type"),
            ("`extra` is not in the schema", "additionalProperties"),
            ("unknown field `extra`", "additionalProperties"),
            ("unknown variant `blue`", "enum"),
            ("invalid length 3, expected 4", "format"),
            ("UUID parsing failed", "format"),
            ("\"x\" is not in format date", "format"),
            (
                "data did not match any variant of untagged enum Pet",
                "oneOf/anyOf",
            ),
        ];
        for (message, keyword) in cases {
            let line = format!("  the example at #/x does not match its schema: {message}");
            assert_eq!(spec_defect(&line), Some(keyword), "{message}");
        }
    }

    fn row(name: &str) -> Row {
        Row {
            spec: format!("specs/{name}.yaml"),
            crate_name: format!("conformance-0-{name}"),
            ..Row::default()
        }
    }

    /// Cargo names a package `name version (source)` or, newer,
    /// `source#name@version`; both are read.
    #[test]
    fn warnings_and_errors_are_counted_per_crate_from_cargo_messages() {
        let message = |package: &str, reason: &str, level: &str, text: &str| {
            serde_json::json!({
                "reason": reason,
                "package_id": package,
                "message": {"level": level, "message": text}
            })
            .to_string()
        };
        let new_style = "path+file:///w/crates/conformance-0-a#0.1.0";
        let old_style = "conformance-0-b 0.1.0 (path+file:///w/crates/conformance-0-b)";
        let registry = "registry+https://github.com/rust-lang/crates.io-index#serde@1.0.0";
        let messages = [
            message(new_style, "compiler-message", "warning", "unused import"),
            message(new_style, "compiler-message", "warning", "missing docs"),
            message(
                new_style,
                "compiler-message",
                "warning",
                "2 warnings emitted",
            ),
            message(
                new_style,
                "compiler-artifact",
                "warning",
                "not a diagnostic",
            ),
            message(old_style, "compiler-message", "error", "mismatched types"),
            message(registry, "compiler-message", "warning", "a dependency's"),
            "   Compiling serde v1.0.0".to_owned(),
        ];
        let mut rows = [row("a"), row("b"), row("c"), row("refused")];
        rows[3].refused = Some("bad".into());
        tally(&messages.join("\n"), &mut rows);
        let seen: Vec<(usize, Option<bool>)> =
            rows.iter().map(|r| (r.warnings, r.compiled)).collect();
        assert_eq!(
            seen,
            [
                (2, Some(true)),
                (0, Some(false)),
                (0, Some(true)),
                (0, None)
            ]
        );
    }

    #[test]
    fn example_output_splits_failures_into_the_specs_and_ours() {
        let stdout = format!(
            "running 3 tests\n\
             {EXAMPLE_FAILURE}#/a does not match its schema: missing field `id`\n\
             {EXAMPLE_FAILURE}#/b {ROUND_TRIP_CHANGED}\n  spec: {{\"n\":null}}\n\n\n  ours: {{}}\n\
             {EXAMPLE_FAILURE}#/c {ROUND_TRIP_CHANGED}\n  spec: {{\"n\":1}}\n  ours: {{\"n\":2}}\n\
             test result: FAILED. 1 passed; 3 failed; 0 ignored\n"
        );
        let mut row = row("a");
        read_examples(&stdout, &mut row);
        assert_eq!(row.examples, Some((1, 4)));
        assert_eq!(row.spec_defects.len(), 2, "{:?}", row.spec_defects);
        assert!(
            row.spec_defects[0].starts_with("spec defect (breaks `required`): the example at #/a")
        );
        assert!(
            row.spec_defects[1].starts_with("spec defect (breaks `nullable`): the example at #/b")
        );
        assert_eq!(
            row.failures,
            [format!(
                "FAILED (the generator's fault): {EXAMPLE_FAILURE}#/c {ROUND_TRIP_CHANGED}"
            )]
        );
    }

    #[test]
    fn the_table_shows_each_row_and_what_went_wrong() {
        let mut good = row("good");
        good.lines = 120;
        good.compiled = Some(true);
        good.examples = Some((3, 3));
        good.generate_ms = 12.34;
        good.degraded = vec!["#/components/schemas/X: any JSON value".into()];
        let mut bad = row("bad");
        bad.refused = Some("the file is empty (at #)".into());
        let mut broken = row("broken");
        broken.compiled = Some(false);
        broken.warnings = 4;
        broken.failures = vec!["FAILED (the generator's fault): x".into()];
        broken.spec_defects = (1..=7).map(|i| format!("defect {i}")).collect();
        let rows = [good, bad, broken];
        let short = table(&rows, false);
        let line = |name: &str| {
            short
                .lines()
                .find(|l| l.starts_with(name))
                .unwrap()
                .to_owned()
        };
        let words = |l: String| l.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(
            words(line("good.yaml")),
            [
                "good.yaml",
                "yes",
                "120",
                "yes",
                "0",
                "1",
                "3/3",
                "0",
                "12.3"
            ]
        );
        assert_eq!(
            words(line("bad.yaml")),
            ["bad.yaml", "refused", "0", "-", "0", "0", "none", "0", "0.0"]
        );
        assert_eq!(
            words(line("broken.yaml")),
            [
                "broken.yaml",
                "yes",
                "0",
                "NO",
                "4",
                "0",
                "none",
                "7",
                "0.0"
            ]
        );
        assert!(
            short.contains("    refused: the file is empty (at #)\n"),
            "{short}"
        );
        assert!(
            short.contains("    FAILED (the generator's fault): x\n"),
            "{short}"
        );
        assert!(
            short.contains("    defect 5\n") && !short.contains("defect 6"),
            "{short}"
        );
        assert!(
            short.contains("    ... and 2 more spec defects (--explain lists them)\n"),
            "{short}"
        );
        assert!(!short.contains("degraded #/"), "{short}");
        let explained = table(&rows, true);
        assert!(explained.contains("    degraded #/components/schemas/X: any JSON value\n"));
        assert!(explained.contains("    defect 7\n") && !explained.contains("more spec defects"));
    }

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("oas-gen-conformance-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn specs_are_the_yaml_and_json_files_of_a_folder_in_order() {
        let dir = scratch("collect");
        for name in ["b.yaml", "a.json", "c.yml", "notes.txt", "README"] {
            std::fs::write(dir.join(name), "").unwrap();
        }
        std::fs::create_dir(dir.join("sub.yaml")).unwrap();
        let file = dir.join("notes.txt");
        let found = collect_specs(&[dir.clone(), file.clone()]).unwrap();
        let names: Vec<_> = found
            .iter()
            .map(|p| p.file_name().unwrap().to_str().unwrap())
            .collect();
        // A file named outright is taken whatever its name.
        assert_eq!(names, ["a.json", "b.yaml", "c.yml", "notes.txt"]);
        let missing = collect_specs(&[dir.join("nope.yaml")]).unwrap_err();
        assert!(missing.ends_with("nope.yaml does not exist"), "{missing}");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn each_spec_becomes_a_crate_or_a_reason() {
        let dir = scratch("generate");
        let spec = dir.join("My Pets.v2.yaml");
        std::fs::write(
            &spec,
            "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    \
             Odd: {type: object, allOf: [{type: object, additionalProperties: {type: string}}, \
             {type: object, additionalProperties: {type: integer}}]}\n",
        )
        .unwrap();
        let crates = dir.join("crates");
        let row = generate_one(&spec, 7, &crates, None);
        assert_eq!(row.crate_name, "conformance-7-my-pets-v2");
        assert_eq!(row.spec, spec.display().to_string());
        assert_eq!(row.refused, None);
        assert!(row.lines > 100, "{}", row.lines);
        assert!(crates
            .join("conformance-7-my-pets-v2/src/types.rs")
            .exists());
        assert_eq!(row.degraded.len(), 1, "{:?}", row.degraded);
        assert!(
            row.degraded[0].starts_with("#/components/schemas/Odd"),
            "{:?}",
            row.degraded
        );
        let empty = dir.join("empty.yaml");
        std::fs::write(&empty, "").unwrap();
        let row = generate_one(&empty, 8, &crates, None);
        assert_eq!(
            row.refused.as_deref().map(|r| r.ends_with("(at #)")),
            Some(true),
            "{:?}",
            row.refused
        );
        let missing = generate_one(&dir.join("gone.yaml"), 9, &crates, None);
        assert!(missing.refused.unwrap().starts_with("cannot read: "));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
