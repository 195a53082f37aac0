//! `oas-gen`: generate a Rust client crate from an OpenAPI 3.0 spec, or check
//! that a committed one still matches its spec.
//!
//! Exit status: 0 success, 1 spec refused or drift found, 2 usage or I/O error.

mod cli {
    pub mod conformance;
}

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use oas_gen::drift::{compare, unified_diff};
use oas_gen::write::write_crate;
use oas_gen::{generate, GeneratedCrate, Settings, Source};

const USAGE: &str = "usage:
  oas-gen generate SPEC --out DIR [--crate-name NAME] [--api-key-env VAR] [--refs-root DIR]
  oas-gen check SPEC --out DIR [--crate-name NAME] [--api-key-env VAR] [--refs-root DIR]
  oas-gen conformance [--work DIR] [--explain] [--generate-only] [--spec-defects-ok]
                      [--refs-root DIR] (SPEC | DIR)...

--refs-root DIR  relative $refs may read files anywhere below DIR (which must hold the
                 spec); by default only the spec's directory and below are read
generate  writes a complete crate to DIR (atomically: a failed run leaves DIR as it was)
check     exits 0 when DIR holds exactly what `generate` would write, else 1 with a diff
conformance  generates, compiles and tests a crate for every spec; prints a table
             (degraded: places where a typed schema became any JSON value or lost an
             enum, format or constraint; --explain lists them; --generate-only
             generates without compiling, to catch refusals in seconds;
             --spec-defects-ok: examples that contradict their own schema are
             reported (spec defects) without failing, for third-party specs)";

struct Args {
    command: String,
    spec: PathBuf,
    out: PathBuf,
    crate_name: Option<String>,
    api_key_env: Option<String>,
    refs_root: Option<PathBuf>,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let command = args.next().ok_or("missing command")?;
    if command != "generate" && command != "check" {
        return Err(format!("unknown command `{command}`"));
    }
    let (mut spec, mut out, mut crate_name, mut api_key_env) = (None, None, None, None);
    let mut refs_root = None;
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| args.next().ok_or(format!("{flag} needs a value"));
        match arg.as_str() {
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--crate-name" => crate_name = Some(value("--crate-name")?),
            "--api-key-env" => api_key_env = Some(value("--api-key-env")?),
            "--refs-root" => refs_root = Some(PathBuf::from(value("--refs-root")?)),
            flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`")),
            _ if spec.is_none() => spec = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument `{arg}`")),
        }
    }
    Ok(Args {
        command,
        spec: spec.ok_or("missing SPEC")?,
        out: out.ok_or("missing --out DIR")?,
        crate_name,
        api_key_env,
        refs_root,
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    if args.first().map(String::as_str) == Some("conformance") {
        return conformance(&args[1..]);
    }
    match parse_args(args.into_iter()) {
        Ok(args) => run(&args),
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn conformance(args: &[String]) -> ExitCode {
    let mut work = PathBuf::from("target/oas-gen-conformance");
    let mut inputs = Vec::new();
    let mut options = cli::conformance::Options::default();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.as_slice().first()) {
            ("--work", Some(dir)) => {
                work = PathBuf::from(dir);
                args.next();
            }
            ("--explain", _) => options.explain = true,
            ("--generate-only", _) => options.generate_only = true,
            ("--spec-defects-ok", _) => options.spec_defects_ok = true,
            ("--refs-root", Some(dir)) => {
                options.refs_root = Some(PathBuf::from(dir));
                args.next();
            }
            (flag, _) if flag.starts_with("--") => {
                eprintln!("error: unknown option `{flag}`\n\n{USAGE}");
                return ExitCode::from(2);
            }
            _ => inputs.push(PathBuf::from(arg)),
        }
    }
    if inputs.is_empty() {
        inputs.push(PathBuf::from("spec"));
    }
    match cli::conformance::run(&inputs, &work, options) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &Args) -> ExitCode {
    let text = match std::fs::read(&args.spec) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => {
                eprintln!(
                    "error: {} is not UTF-8 text: expected an OpenAPI 3.0 or 3.1 document",
                    args.spec.display()
                );
                return ExitCode::from(1);
            }
        },
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", args.spec.display());
            return ExitCode::from(2);
        }
    };
    let spec_name = file_name(&args.spec);
    let mut settings = Settings::new(crate_name(args), spec_name.clone());
    settings.api_key_env = args.api_key_env.clone();
    let base_dir = args.spec.parent().map(Path::to_owned).unwrap_or_default();
    let mut source = Source::new(text).with_base_dir(if base_dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        base_dir
    });
    if let Some(root) = &args.refs_root {
        source = source.with_refs_root(root);
    }
    let generated = match generate(&source, &settings) {
        Ok(generated) => generated,
        Err(diagnostics) => {
            eprint!("{}", diagnostics.render(&args.spec.display().to_string()));
            eprintln!(
                "error: {} refused: {} problem(s)",
                spec_name,
                diagnostics.items.len()
            );
            return ExitCode::from(1);
        }
    };
    if !generated.warnings.items.is_empty() {
        eprint!(
            "{}",
            generated.warnings.render(&args.spec.display().to_string())
        );
    }
    match args.command.as_str() {
        "generate" => write(args, &generated),
        _ => check(args, &generated),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "spec".to_owned())
}

/// `--crate-name`, else the name in DIR's existing manifest, else DIR's name.
fn crate_name(args: &Args) -> String {
    if let Some(name) = &args.crate_name {
        return name.clone();
    }
    if let Some(name) = existing_crate_name(&args.out) {
        return name;
    }
    let dir = std::fs::canonicalize(&args.out).unwrap_or_else(|_| args.out.clone());
    let name = file_name(&dir);
    let name: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let name = name.trim_matches('-').to_owned();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        "api-client".to_owned()
    } else {
        name
    }
}

fn existing_crate_name(dir: &Path) -> Option<String> {
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).ok()?;
    let line = manifest
        .lines()
        .find(|l| l.trim_start().starts_with("name ="))?;
    let name = line.split_once('=')?.1.trim().trim_matches('"');
    (!name.is_empty()).then(|| name.to_owned())
}

fn write(args: &Args, generated: &GeneratedCrate) -> ExitCode {
    match write_crate(&args.out, &generated.files) {
        Ok(()) => {
            eprintln!(
                "wrote {} files to {}",
                generated.files.len(),
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn check(args: &Args, generated: &GeneratedCrate) -> ExitCode {
    let drifts = match compare(&args.out, &generated.files) {
        Ok(drifts) => drifts,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if drifts.is_empty() {
        eprintln!("{} matches {}", args.out.display(), args.spec.display());
        return ExitCode::SUCCESS;
    }
    let mut report = String::new();
    for drift in &drifts {
        let path = args.out.join(&drift.path);
        let what = match (&drift.actual, &drift.expected) {
            (None, _) => "missing",
            (_, None) => "not generated (extra)",
            _ => "changed",
        };
        report.push_str(&format!("{what}: {}\n", path.display()));
        for change in oas_gen::drift::item_changes(drift) {
            report.push_str(&format!("  {change}\n"));
        }
    }
    report.push('\n');
    for drift in &drifts {
        report.push_str(&unified_diff(&args.out, drift));
    }
    print_to_stdout(&report);
    eprintln!(
        "error: {} differs from what {} generates ({} file(s)); run `oas-gen generate {} --out {}`",
        args.out.display(),
        args.spec.display(),
        drifts.len(),
        args.spec.display(),
        args.out.display()
    );
    ExitCode::from(1)
}

/// Writes to standard output; a reader that went away (`| head`) ends the
/// output quietly instead of a panic.
fn print_to_stdout(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
}
