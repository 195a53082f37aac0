//! The command line: arguments (clap), then one module per command.

mod check;
pub mod conformance;
mod diff;
mod generate;
mod output;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use oas_gen::settings_file::SettingsFile;
use oas_gen::{GeneratedCrate, Overrides, Renames, Settings, Source};
use output::Output;

/// Generate async Rust clients from OpenAPI 3.0 and 3.1 documents.
///
/// Exit status: 0 success, 1 the spec was refused (or `check` found drift),
/// 2 a usage or I/O error.
#[derive(Debug, Parser)]
#[command(name = "oas-gen", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print only errors (no warnings, no summary line).
    #[arg(long, short, global = true)]
    quiet: bool,
    /// Color in messages: auto (when standard error is a terminal), always or never.
    #[arg(long, value_enum, default_value_t = Color::Auto, global = true)]
    color: Color,
}

/// When to color messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    /// When standard error is a terminal.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write a complete client crate for SPEC to DIR.
    ///
    /// Atomic: the crate is written beside DIR and renamed into place, so a
    /// refused spec or a failed run leaves DIR as it was. A DIR that already
    /// holds exactly this crate is left alone ("unchanged"; modification
    /// times kept). A DIR that oas-gen did not make is never replaced.
    #[command(after_help = "Examples:\n  \
        oas-gen generate spec/agents.oas.yaml --out generated-client --crate-name slng-agents-client\n  \
        oas-gen generate api/v2/openapi.yaml --out client --refs-root api   # $refs into api/common/\n  \
        oas-gen generate vendor.yaml --out client --include tag:Calls --exclude 'path:/v1/admin/**'")]
    Generate(SpecArgs),
    /// Exit 0 when DIR holds exactly what `generate` would write; else 1,
    /// printing the drifted items and a unified diff.
    #[command(after_help = "Examples:\n  \
        oas-gen check spec/agents.oas.yaml --out generated-client   # in CI: exit 1 on drift\n  \
        oas-gen check spec/agents.oas.yaml --out generated-client | head   # the first lines of the diff")]
    Check(SpecArgs),
    /// Generate, compile (one workspace, one target dir, clippy and rustdoc
    /// with warnings as errors) and run the example tests of many specs;
    /// print a table.
    ///
    /// `degraded` counts places where a typed schema became any JSON value or
    /// lost an enum, format or constraint.
    #[command(after_help = "Examples:\n  \
        oas-gen conformance spec tests/fixtures\n  \
        oas-gen conformance --generate-only --explain --refs-root corpus corpus/a.yaml corpus/b/api.yaml")]
    Conformance(ConformanceArgs),
    /// What a spec change does to the generated Rust API and on the wire:
    /// every change classified (breaking / additive / none for Rust callers;
    /// compatible / may fail / fails for old clients against the new server
    /// and back), with the semver bump the client crate needs.
    ///
    /// OLD and NEW are spec files, or `git:REV:PATH` for a committed version
    /// (PATH from the repository's top; external `$ref`s resolve in REV).
    /// Exit status 1 when a change `--fail-on` names is found.
    #[command(after_help = "Examples:\n  \
        oas-gen diff git:origin/main:spec/agents.oas.yaml spec/agents.oas.yaml   # in CI\n  \
        oas-gen diff old.yaml new.yaml --format markdown > comment.md\n  \
        oas-gen diff old.yaml new.yaml --format json --fail-on never | jq '.changes[].rule'")]
    Diff(DiffArgs),
}

#[derive(Debug, Args)]
struct DiffArgs {
    /// The old spec: a file, or git:REV:PATH.
    old: String,
    /// The new spec: a file, or git:REV:PATH.
    new: String,
    /// How to print the report.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    format: DiffFormat,
    /// Exit 1 when a change breaks Rust callers (`breaking`), can fail old
    /// clients against the new server (`wire`), on any change (`any`), or
    /// never.
    #[arg(long, value_enum, default_value_t = DiffFailOn::Breaking)]
    fail_on: DiffFailOn,
    /// Relative `$ref`s may read files anywhere below DIR (for git inputs,
    /// the same folder of the revision).
    #[arg(long, value_name = "DIR")]
    refs_root: Option<PathBuf>,
    /// The settings both versions are generated with [default:
    /// oas-gen.toml next to NEW, when NEW is a file and there is one]: the
    /// changes reported are those of the client they make.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Compare only the operations SELECTOR selects (repeatable; see
    /// `generate --include`).
    #[arg(long, value_name = "SELECTOR")]
    include: Vec<String>,
    /// Leave out the operations SELECTOR selects (repeatable).
    #[arg(long, value_name = "SELECTOR")]
    exclude: Vec<String>,
    /// Apply this OpenAPI Overlay to both versions (repeatable, in order).
    #[arg(long, value_name = "FILE")]
    overlay: Vec<PathBuf>,
}

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiffFormat {
    /// For a terminal.
    Text,
    /// For a pull-request comment.
    Markdown,
    /// For tools.
    Json,
}

/// What makes `diff` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiffFailOn {
    /// A change breaks Rust callers.
    Breaking,
    /// A change can fail old clients against the new server.
    Wire,
    /// Any change.
    Any,
    /// Never.
    Never,
}

/// Which spec, and where its crate goes.
#[derive(Debug, Args)]
pub struct SpecArgs {
    /// The OpenAPI document (YAML or JSON).
    spec: PathBuf,
    /// The crate's directory.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// The crate's name [default: the name in DIR/Cargo.toml, else DIR's name].
    #[arg(long, value_name = "NAME")]
    crate_name: Option<String>,
    /// The environment variable the client reads its API key from [default:
    /// made from the API's title, such as SLNG_API_KEY].
    #[arg(long, value_name = "VAR")]
    api_key_env: Option<String>,
    /// Relative `$ref`s may read files anywhere below DIR (which must hold
    /// the spec) [default: the spec's directory and below].
    #[arg(long, value_name = "DIR")]
    refs_root: Option<PathBuf>,
    /// `format: date-time` and `format: date` as `String` [default: chrono
    /// values that keep their text, `runtime::datetime::{DateTime, Date}`].
    #[arg(long)]
    dates_as_strings: bool,
    /// Also write tests/wire.rs: every operation called against a mock
    /// server at OAS_GEN_MOCK_URL (scripts/wire.sh starts Prism).
    #[arg(long)]
    wire_tests: bool,
    /// Generate only the operations SELECTOR selects (repeatable):
    /// `tag:NAME`, `operation:ID` or `path:GLOB` (`*` within a segment, `**`
    /// across); only the types they reach are generated.
    #[arg(long, value_name = "SELECTOR")]
    include: Vec<String>,
    /// Leave out the operations SELECTOR selects (repeatable), after
    /// `--include`.
    #[arg(long, value_name = "SELECTOR")]
    exclude: Vec<String>,
    /// The schema KEY (a JSON pointer `#/components/schemas/Money` or a type
    /// name) stands for the Rust type PATH of yours (repeatable): KEY=PATH.
    #[arg(long, value_name = "KEY=PATH")]
    replace: Vec<String>,
    /// Derive TRAIT on type KEY (a pointer, a type name or `*` for every
    /// type) and the types it holds (repeatable): KEY=TRAIT.
    #[arg(long, value_name = "KEY=TRAIT")]
    derive: Vec<String>,
    /// Rename a type (by pointer or generated name): OLD=NEW (repeatable).
    #[arg(long, value_name = "OLD=NEW")]
    rename_type: Vec<String>,
    /// Rename an operation's method (by operationId or method name):
    /// OLD=NEW (repeatable).
    #[arg(long, value_name = "OLD=NEW")]
    rename_operation: Vec<String>,
    /// Rename a field, `Type.field=new` (repeatable).
    #[arg(long, value_name = "OLD=NEW")]
    rename_field: Vec<String>,
    /// Rename an enum or union variant, `Type.variant=New` (repeatable).
    #[arg(long, value_name = "OLD=NEW")]
    rename_variant: Vec<String>,
    /// Apply this OpenAPI Overlay to SPEC before reading it (repeatable, in
    /// order, after those of the settings file).
    #[arg(long, value_name = "FILE")]
    overlay: Vec<PathBuf>,
    /// The settings file [default: oas-gen.toml next to SPEC, when there is
    /// one]; flags win over it.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct ConformanceArgs {
    /// Spec files, or directories whose *.yaml, *.yml and *.json files are
    /// read [default: spec].
    #[arg(value_name = "SPEC|DIR")]
    inputs: Vec<PathBuf>,
    /// Where the crates and their shared target dir go.
    #[arg(long, value_name = "DIR", default_value = "target/oas-gen-conformance")]
    work: PathBuf,
    /// List every degraded site and spec defect, with its JSON pointer.
    #[arg(long)]
    explain: bool,
    /// Generate only, compile nothing: catches refusals and panics in seconds.
    #[arg(long)]
    generate_only: bool,
    /// Report examples that contradict their own schema (spec defects)
    /// without failing: for third-party specs.
    #[arg(long)]
    spec_defects_ok: bool,
    /// Relative `$ref`s may read files anywhere below DIR.
    #[arg(long, value_name = "DIR")]
    refs_root: Option<PathBuf>,
}

/// Runs the command; the exit status follows the convention above.
pub fn run(cli: Cli) -> ExitCode {
    let output = Output::new(cli.quiet, cli.color);
    match cli.command {
        Command::Generate(args) => with_crate(&args, &output, generate::run),
        Command::Check(args) => with_crate(&args, &output, check::run),
        Command::Conformance(args) => conformance(args),
        Command::Diff(args) => diff(&args, &output),
    }
}

fn diff(args: &DiffArgs, output: &Output) -> ExitCode {
    use oas_gen::changes::{FailOn, Format};
    let settings = match diff_settings(args) {
        Ok(settings) => settings,
        Err(message) => {
            output.error(&message);
            return ExitCode::from(2);
        }
    };
    let request = diff::Request {
        settings,
        old: &args.old,
        new: &args.new,
        format: match args.format {
            DiffFormat::Text => Format::Text,
            DiffFormat::Markdown => Format::Markdown,
            DiffFormat::Json => Format::Json,
        },
        fail_on: match args.fail_on {
            DiffFailOn::Breaking => FailOn::Breaking,
            DiffFailOn::Wire => FailOn::Wire,
            DiffFailOn::Any => FailOn::Any,
            DiffFailOn::Never => FailOn::Never,
        },
        refs_root: args.refs_root.as_deref(),
    };
    diff::run(&request, output)
}

/// The settings of `diff`: its settings file, then its flags.
fn diff_settings(args: &DiffArgs) -> Result<Settings, String> {
    let new = Path::new(&args.new);
    let beside_new = (!args.new.starts_with("git:")).then_some(new);
    let file = match (args.config.as_deref(), beside_new) {
        (Some(config), _) => SettingsFile::find(new, Some(config)),
        (None, Some(spec)) => SettingsFile::find(spec, None),
        (None, None) => Ok(None),
    }
    .map_err(|e| e.to_string())?;
    let mut settings = Settings::new("client", file_name(new));
    if let Some((_, file)) = &file {
        file.apply(&mut settings);
    }
    let flags = Overrides {
        include: args.include.clone(),
        exclude: args.exclude.clone(),
        overlays: args.overlay.clone(),
        ..Overrides::default()
    };
    flags.apply(&mut settings);
    settings.check().map_err(|message| format!("--{message}"))?;
    Ok(settings)
}

fn conformance(args: ConformanceArgs) -> ExitCode {
    let options = conformance::Options {
        explain: args.explain,
        generate_only: args.generate_only,
        spec_defects_ok: args.spec_defects_ok,
        refs_root: args.refs_root,
    };
    let mut inputs = args.inputs;
    if inputs.is_empty() {
        inputs.push(PathBuf::from("spec"));
    }
    match conformance::run(&inputs, &args.work, options) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            output::write_stderr(&format!("error: {message}\n"));
            ExitCode::from(2)
        }
    }
}

/// Reads and generates the spec, reports its problems, then hands the crate
/// to `then` (write it, or compare it).
fn with_crate(
    args: &SpecArgs,
    output: &Output,
    then: fn(&SpecArgs, &Output, &GeneratedCrate) -> ExitCode,
) -> ExitCode {
    let text = match std::fs::read(&args.spec) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => {
                output.error(&format!(
                    "{} is not UTF-8 text: expected an OpenAPI 3.0 or 3.1 document",
                    args.spec.display()
                ));
                return ExitCode::from(1);
            }
        },
        Err(e) => {
            output.error(&format!("cannot read {}: {e}", args.spec.display()));
            return ExitCode::from(2);
        }
    };
    let spec_name = file_name(&args.spec);
    let settings = match settings_of(args, &spec_name) {
        Ok(settings) => settings,
        Err(message) => {
            output.error(&message);
            return ExitCode::from(2);
        }
    };
    let base_dir = args.spec.parent().map(Path::to_owned).unwrap_or_default();
    let mut source = Source::new(text).with_base_dir(if base_dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        base_dir
    });
    if let Some(root) = &args.refs_root {
        source = source.with_refs_root(root);
    }
    let source = match settings.read_overlays(source) {
        Ok(source) => source,
        Err(message) => {
            output.error(&message);
            return ExitCode::from(2);
        }
    };
    let shown = args.spec.display().to_string();
    match oas_gen::generate(&source, &settings) {
        Ok(generated) => {
            output.warnings(&generated.warnings, &shown);
            then(args, output, &generated)
        }
        Err(diagnostics) => {
            output.diagnostics(&diagnostics, &shown);
            output.error(&format!(
                "{spec_name} refused: {} problem(s)",
                diagnostics.items.len()
            ));
            ExitCode::from(1)
        }
    }
}

/// The settings: defaults, then the settings file, then the flags.
fn settings_of(args: &SpecArgs, spec_name: &str) -> Result<Settings, String> {
    let file = SettingsFile::find(&args.spec, args.config.as_deref()).map_err(|e| e.to_string())?;
    let mut settings = Settings::new(crate_name(args), spec_name);
    if let Some((_, file)) = &file {
        file.apply(&mut settings);
    }
    overrides_of(args)?.apply(&mut settings);
    settings.check().map_err(|message| format!("--{message}"))?;
    Ok(settings)
}

/// What the flags set over the settings file.
fn overrides_of(args: &SpecArgs) -> Result<Overrides, String> {
    let pairs = |flag: &str, values: &[String]| -> Result<Vec<(String, String)>, String> {
        values.iter().map(|pair| key_value(flag, pair)).collect()
    };
    let derive = pairs("derive", &args.derive)?;
    Ok(Overrides {
        crate_name: args.crate_name.clone(),
        api_key_env: args.api_key_env.clone(),
        dates_as_strings: args.dates_as_strings,
        wire_tests: args.wire_tests,
        include: args.include.clone(),
        exclude: args.exclude.clone(),
        replace: pairs("replace", &args.replace)?,
        derive: derive
            .into_iter()
            .map(|(key, name)| (key, vec![name]))
            .collect(),
        overlays: args.overlay.clone(),
        rename: Renames {
            types: pairs("rename-type", &args.rename_type)?,
            operations: pairs("rename-operation", &args.rename_operation)?,
            fields: pairs("rename-field", &args.rename_field)?,
            variants: pairs("rename-variant", &args.rename_variant)?,
        },
    })
}

/// `KEY=VALUE` of a flag.
fn key_value(flag: &str, pair: &str) -> Result<(String, String), String> {
    match pair.split_once('=') {
        Some((key, value)) if !key.trim().is_empty() && !value.trim().is_empty() => {
            Ok((key.trim().to_owned(), value.trim().to_owned()))
        }
        _ => Err(format!("--{flag} `{pair}`: write KEY=VALUE")),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "spec".to_owned())
}

/// `--crate-name`, else the name in DIR's existing manifest, else DIR's name.
fn crate_name(args: &SpecArgs) -> String {
    if let Some(name) = &args.crate_name {
        return name.clone();
    }
    if let Some(name) = existing_crate_name(&args.out) {
        return name;
    }
    let dir = std::fs::canonicalize(&args.out).unwrap_or_else(|_| args.out.clone());
    let name: String = file_name(&dir)
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_command_has_its_own_help() {
        let mut command = Cli::command();
        let generate = command
            .find_subcommand_mut("generate")
            .unwrap()
            .render_long_help()
            .to_string();
        assert!(generate.contains("--crate-name"), "{generate}");
        assert!(generate.contains("unchanged"), "{generate}");
        let conformance = command
            .find_subcommand_mut("conformance")
            .unwrap()
            .render_long_help()
            .to_string();
        assert!(conformance.contains("--generate-only"), "{conformance}");
        assert!(!conformance.contains("--crate-name"), "{conformance}");
    }

    fn spec_args(line: &[&str]) -> SpecArgs {
        let cli = Cli::try_parse_from(line).unwrap();
        match cli.command {
            Command::Generate(args) => args,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_crate_name_comes_from_the_flag_the_manifest_or_the_folder() {
        let dir = std::env::temp_dir().join(format!("oas-gen-crate-name-{}", std::process::id()));
        let folder = dir.join("My Client.v2");
        std::fs::create_dir_all(&folder).unwrap();
        let out = folder.display().to_string();
        let named = spec_args(&[
            "oas-gen",
            "generate",
            "a.yaml",
            "--out",
            &out,
            "--crate-name",
            "given",
        ]);
        assert_eq!(crate_name(&named), "given");
        let plain = spec_args(&["oas-gen", "generate", "a.yaml", "--out", &out]);
        assert_eq!(
            crate_name(&plain),
            "My-Client-v2",
            "the folder, made a crate name"
        );
        std::fs::write(
            folder.join("Cargo.toml"),
            "[package]\nname = \"kept-name\"\n",
        )
        .unwrap();
        assert_eq!(crate_name(&plain), "kept-name", "the existing crate's");
        let digits = dir.join("2026");
        std::fs::create_dir_all(&digits).unwrap();
        let numeric = spec_args(&[
            "oas-gen",
            "generate",
            "a.yaml",
            "--out",
            &digits.display().to_string(),
        ]);
        assert_eq!(crate_name(&numeric), "api-client");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
