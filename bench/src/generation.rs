//! Generation time and memory: read-only floor, oas-gen, progenitor.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const RUNS: usize = 5;

/// Runs one tool on one spec in this (child) process and prints
/// `millis lines peak_kb`, or `refused <reason>`.
pub fn measure_in_child(args: &[String]) {
    let [tool, spec] = args else {
        println!("refused bad arguments");
        return;
    };
    let text = std::fs::read_to_string(spec).unwrap_or_default();
    let started = Instant::now();
    let outcome = match tool.as_str() {
        "read" => read_only(&text),
        "oas-gen" => ours(&text, true),
        "oas-gen-plain" => ours(&text, false),
        "progenitor" => progenitor(&text),
        "diff" => diff_with_itself(&text),
        "analyze" => oas_gen::analyze(&oas_gen::Source::new(text.as_str()))
            .map(|analysis| analysis.api.types.len())
            .map_err(|d| d.render("spec")),
        other => Err(format!("unknown tool {other}")),
    };
    let millis = started.elapsed().as_secs_f64() * 1000.0;
    match outcome {
        Ok(lines) => println!("{millis:.3} {lines} {}", peak_kb()),
        Err(reason) => println!("refused {}", reason.replace('\n', " ")),
    }
}

/// The bare cost of reading: text → `openapiv3` document (our loader).
fn read_only(text: &str) -> Result<usize, String> {
    let mut found = oas_gen::Diagnostics::default();
    let document = oas_gen::load::load(&oas_gen::Source::new(text), &mut found)
        .ok_or_else(|| found.render("spec"))?;
    Ok(document.spec.paths.paths.len())
}

/// oas-gen in process; `pretty` false writes the code as build scripts do.
fn ours(text: &str, pretty: bool) -> Result<usize, String> {
    let mut settings = oas_gen::Settings::new("bench-client", "spec");
    settings.pretty = pretty;
    let generated =
        oas_gen::generate(&oas_gen::Source::new(text), &settings).map_err(|d| d.render("spec"))?;
    // The client's own code, like progenitor's output: without the shared
    // runtime (progenitor keeps its runtime in the progenitor-client crate),
    // the manifest and the example tests.
    let client_code = ["src/lib.rs", "src/types.rs", "src/operations.rs"];
    Ok(client_code
        .iter()
        .filter_map(|path| generated.files.get(*path))
        .map(|f| f.lines().count())
        .sum())
}

/// `oas-gen diff` in process: both versions read and lowered, compared,
/// rendered. The two versions are the same text (a comparison walks every
/// item either way), so the figure is the cost of a diff of that size.
fn diff_with_itself(text: &str) -> Result<usize, String> {
    let (old, new) = (oas_gen::Source::new(text), oas_gen::Source::new(text));
    let old_api = oas_gen::analyze(&old).map_err(|d| d.render("spec"))?.api;
    let new_api = oas_gen::analyze(&new).map_err(|d| d.render("spec"))?.api;
    let side = |name, api, source| oas_gen::changes::Side { name, api, source };
    let report =
        oas_gen::changes::compare(side("old", &old_api, &old), side("new", &new_api, &new));
    let rendered = oas_gen::changes::render(&report, oas_gen::changes::Format::Markdown);
    Ok(rendered.lines().count())
}

/// progenitor's library, as its command line runs it (tokens, then prettyplease).
fn progenitor(text: &str) -> Result<usize, String> {
    progenitor_source(text).map(|code| code.lines().count())
}

/// Writes progenitor's client for a spec to a file, for the compile-time
/// comparison (`bench/vs-progenitor.sh`). Exits non-zero when progenitor
/// refuses or panics.
pub fn emit_progenitor(args: &[String]) {
    let [spec, out] = args else {
        eprintln!("usage: --emit-progenitor SPEC OUT_FILE");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(spec).unwrap_or_default();
    match progenitor_source(&text).map(|code| std::fs::write(out, code)) {
        Ok(Ok(())) => {}
        Ok(Err(e)) => {
            eprintln!("{out}: {e}");
            std::process::exit(1);
        }
        Err(reason) => {
            eprintln!("progenitor refused {spec}: {reason}");
            std::process::exit(1);
        }
    }
}

fn progenitor_source(text: &str) -> Result<String, String> {
    let mut found = oas_gen::Diagnostics::default();
    let document = oas_gen::load::load(&oas_gen::Source::new(text), &mut found)
        .ok_or_else(|| found.render("spec"))?;
    let spec = document.spec;
    let result = std::panic::catch_unwind(move || {
        let mut generator =
            progenitor_impl::Generator::new(&progenitor_impl::GenerationSettings::default());
        let tokens = generator
            .generate_tokens(&spec)
            .map_err(|e| e.to_string())?;
        let file = syn::parse2::<syn::File>(tokens).map_err(|e| e.to_string())?;
        Ok::<String, String>(prettyplease::unparse(&file))
    });
    match result {
        Ok(outcome) => outcome,
        Err(_) => Err("panicked".to_owned()),
    }
}

/// Peak resident memory of this process (VmHWM), in KB.
fn peak_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

#[derive(Default, Clone)]
struct Figure {
    in_process_ms: f64,
    process_ms: f64,
    lines: usize,
    peak_kb: u64,
    refused: Option<String>,
}

fn run_child(tool: &str, spec: &Path) -> Figure {
    let mut samples = Vec::new();
    let mut last = Figure::default();
    for _ in 0..RUNS {
        let started = Instant::now();
        let output = Command::new(std::env::current_exe().expect("own path"))
            .args(["--measure", tool, &spec.display().to_string()])
            .env("RUST_BACKTRACE", "0")
            .output();
        let process_ms = started.elapsed().as_secs_f64() * 1000.0;
        let stdout = output
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default();
        let line = stdout
            .lines()
            .last()
            .unwrap_or("refused no output")
            .to_owned();
        if let Some(reason) = line.strip_prefix("refused ") {
            return Figure {
                refused: Some(reason.chars().take(60).collect()),
                ..Figure::default()
            };
        }
        let parts: Vec<&str> = line.split_whitespace().collect();
        last = Figure {
            in_process_ms: parts.first().and_then(|p| p.parse().ok()).unwrap_or(0.0),
            process_ms,
            lines: parts.get(1).and_then(|p| p.parse().ok()).unwrap_or(0),
            peak_kb: parts.get(2).and_then(|p| p.parse().ok()).unwrap_or(0),
            refused: None,
        };
        samples.push(last.clone());
    }
    let median = |f: fn(&Figure) -> f64| {
        let mut values: Vec<f64> = samples.iter().map(f).collect();
        values.sort_by(|a, b| a.total_cmp(b));
        values[values.len() / 2]
    };
    Figure {
        in_process_ms: median(|f| f.in_process_ms),
        process_ms: median(|f| f.process_ms),
        ..last
    }
}

fn specs(inputs: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(input)
                .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default();
            found.retain(|p| {
                matches!(
                    p.extension().and_then(|e| e.to_str()),
                    Some("yaml" | "yml" | "json")
                )
            });
            found.sort();
            out.extend(found);
        } else if input.is_file() {
            out.push(input.clone());
        }
    }
    out
}

fn cell(figure: &Figure) -> String {
    match &figure.refused {
        Some(reason) => format!("refused ({reason})"),
        None => format!(
            "{:.2} ms / {:.0} ms",
            figure.in_process_ms, figure.process_ms
        ),
    }
}

/// Median whole-process time of a command line, or why it failed.
fn command_ms(program: &Path, args: &[&str]) -> Result<f64, String> {
    let mut samples = Vec::new();
    for _ in 0..RUNS {
        let scratch = std::env::temp_dir().join(format!("oas-gen-bench-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&scratch);
        let args: Vec<String> = args
            .iter()
            .map(|a| a.replace("{out}", &scratch.display().to_string()))
            .collect();
        let started = Instant::now();
        let output = Command::new(program)
            .args(&args)
            .output()
            .map_err(|e| e.to_string())?;
        samples.push(started.elapsed().as_secs_f64() * 1000.0);
        let _ = std::fs::remove_dir_all(&scratch);
        if !output.status.success() {
            let message = String::from_utf8_lossy(&output.stderr)
                .lines()
                .next()
                .unwrap_or("failed")
                .to_owned();
            return Err(message.chars().take(50).collect());
        }
    }
    samples.sort_by(|a, b| a.total_cmp(b));
    Ok(samples[samples.len() / 2])
}

/// Both command lines, whole process, writing their output (where installed).
fn command_lines(spec: &Path) -> (String, String, String) {
    let here = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(Path::to_owned))
        .unwrap_or_default();
    let ours_cli = here.join("oas-gen");
    let theirs_cli = here.join("../oas3-gen/bin/oas3-gen");
    let spec = spec.display().to_string();
    let ours = ours_cli.exists().then(|| {
        command_ms(
            &ours_cli,
            &["generate", &spec, "--out", "{out}", "--crate-name", "bench"],
        )
    });
    let theirs = theirs_cli.exists().then(|| {
        command_ms(
            &theirs_cli,
            &["generate", "client-mod", "-i", &spec, "-o", "{out}"],
        )
    });
    let show = |r: &Option<Result<f64, String>>| match r {
        Some(Ok(ms)) => format!("{ms:.0} ms"),
        Some(Err(e)) => format!("refused ({e})"),
        None => "not installed".to_owned(),
    };
    let ratio = match (&ours, &theirs) {
        (Some(Ok(a)), Some(Ok(b))) => format!("{:.1}x", b / a),
        _ => "-".to_owned(),
    };
    (show(&ours), show(&theirs), ratio)
}

/// Prints the generation table.
pub fn report(inputs: &[PathBuf]) {
    println!(
        "generation (median of {RUNS}; in-process / whole process; peak RSS of the process)\n"
    );
    println!(
        "{:<30} {:>22} {:>22} {:>30} {:>9} {:>11} {:>14} {:>14}",
        "spec",
        "read (floor)",
        "oas-gen",
        "progenitor",
        "ours/read",
        "prog./ours",
        "lines ours",
        "lines prog."
    );
    let mut whole = Vec::new();
    let mut diffs = Vec::new();
    let mut plain = Vec::new();
    for spec in specs(inputs) {
        let read = run_child("read", &spec);
        let ours = run_child("oas-gen", &spec);
        let diff = run_child("diff", &spec);
        let theirs = run_child("progenitor", &spec);
        let ratio = |a: &Figure, b: &Figure| match (&a.refused, &b.refused) {
            (None, None) if b.in_process_ms > 0.0 => {
                format!("{:.1}x", a.in_process_ms / b.in_process_ms)
            }
            _ => "-".to_owned(),
        };
        let name = spec
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        println!(
            "{:<30} {:>22} {:>22} {:>30} {:>9} {:>11} {:>14} {:>14}",
            name,
            cell(&read),
            cell(&ours),
            cell(&theirs),
            ratio(&ours, &read),
            ratio(&theirs, &ours),
            format!("{} ({} MB)", ours.lines, ours.peak_kb / 1024),
            if theirs.refused.is_none() {
                format!("{} ({} MB)", theirs.lines, theirs.peak_kb / 1024)
            } else {
                "-".to_owned()
            },
        );
        diffs.push((name.clone(), diff, ours.clone()));
        plain.push((
            name.clone(),
            read.clone(),
            run_child("oas-gen-plain", &spec),
            ours.clone(),
        ));
        whole.push((name, command_lines(&spec)));
    }
    println!(
        "\nwithout pretty-printing, as build scripts generate (in process, median of {RUNS})\n"
    );
    println!(
        "{:<30} {:>14} {:>14} {:>14} {:>12} {:>12}",
        "spec", "read", "plain", "pretty", "plain/read", "pretty/read"
    );
    for (name, read, plain, pretty) in plain {
        let over_read = |f: &Figure| match (&f.refused, &read.refused) {
            (None, None) if read.in_process_ms > 0.0 => {
                format!("{:.1}x", f.in_process_ms / read.in_process_ms)
            }
            _ => "-".to_owned(),
        };
        println!(
            "{name:<30} {:>11.2} ms {:>11.2} ms {:>11.2} ms {:>12} {:>12}",
            read.in_process_ms,
            plain.in_process_ms,
            pretty.in_process_ms,
            over_read(&plain),
            over_read(&pretty)
        );
    }
    println!(
        "\ndiff of two versions of a spec against generating one (in process, median of {RUNS})\n"
    );
    println!(
        "{:<30} {:>14} {:>14} {:>14}",
        "spec", "diff", "generate", "diff/generate"
    );
    for (name, diff, generate) in diffs {
        let ratio = match (&diff.refused, &generate.refused) {
            (None, None) if generate.in_process_ms > 0.0 => {
                format!("{:.2}x", diff.in_process_ms / generate.in_process_ms)
            }
            _ => "-".to_owned(),
        };
        println!(
            "{name:<30} {:>11.2} ms {:>11.2} ms {ratio:>14}",
            diff.in_process_ms, generate.in_process_ms
        );
    }
    println!("\ncommand lines, whole process writing the crate (median of {RUNS}); bench/run.sh installs oas3-gen\n");
    println!(
        "{:<30} {:>16} {:>40} {:>12}",
        "spec", "oas-gen", "oas3-gen 0.29", "oas3/ours"
    );
    for (name, (ours, theirs, ratio)) in whole {
        println!("{name:<30} {ours:>16} {theirs:>40} {ratio:>12}");
    }
}
