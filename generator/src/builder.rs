//! The library API for build scripts: generate a client into `OUT_DIR` and
//! tell cargo what it needs to know.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     oas_gen::Builder::new("spec/api.yaml").generate()?;
//!     Ok(())
//! }
//! ```
//!
//! ```ignore
//! // src/lib.rs (or any module)
//! pub mod api {
//!     include!(concat!(env!("OUT_DIR"), "/api.rs"));
//! }
//! ```
//!
//! The builder prints `cargo::rerun-if-changed` for the spec and every file
//! its `$ref`s read (so the client is regenerated when, and only when, one
//! changes), a `cargo::warning` per problem mended, and a `cargo::error` per
//! problem that refuses the spec, each naming the file, line and column. It
//! checks that the including crate declares the dependencies the generated
//! code uses ([`crate::contract::DEPENDENCIES`]) and names the missing ones,
//! and declares the optional `tracing` feature to `rustc`'s cfg checks.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::contract::DEPENDENCIES;
use crate::diagnostics::Diagnostics;
use crate::settings::{Overrides, Settings};
use crate::settings_file::SettingsFile;
use crate::source::Source;

/// The instruction that declares the generated code's optional `tracing`
/// feature to `rustc`'s cfg checks, so a crate without that feature gets no
/// `unexpected_cfgs` warning. [`Builder::generate`] prints it; print it
/// yourself with [`Builder::cargo_instructions`] off.
pub const CHECK_CFG: &str = "cargo::rustc-check-cfg=cfg(feature, values(\"tracing\"))";

/// Generates a client from a spec, for a build script. See the
/// [module docs](self) for a complete example.
#[derive(Debug, Clone)]
pub struct Builder {
    spec: PathBuf,
    out_dir: Option<PathBuf>,
    out_file: Option<String>,
    examples_file: Option<String>,
    client_path: Option<String>,
    /// What this builder's methods set over the settings file.
    overrides: Overrides,
    config: Option<PathBuf>,
    refs_root: Option<PathBuf>,
    manifest: Option<PathBuf>,
    cargo: bool,
}

/// What [`Builder::generate`] wrote.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The client file (`include!` it).
    pub client: PathBuf,
    /// The example tests, when asked for with [`Builder::examples_file`]
    /// (a file without tests when the spec has no examples).
    pub examples: Option<PathBuf>,
    /// Whether any file changed (an unchanged file keeps its modification time).
    pub changed: bool,
    /// Problems mended or worth knowing; generation went on.
    pub warnings: Diagnostics,
    /// The spec and every file its `$ref`s read.
    pub files_read: Vec<PathBuf>,
}

/// Why [`Builder::generate`] failed. `Debug` prints the same as `Display`,
/// so a build script's `main` returning it shows a readable message.
#[non_exhaustive]
pub enum BuildError {
    /// `OUT_DIR` is not set (not run by cargo) and no [`Builder::out_dir`] was given.
    NoOutDir,
    /// The spec could not be read.
    Read {
        /// The spec.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The spec was refused; each problem is located.
    Refused {
        /// The spec.
        path: PathBuf,
        /// The problems (at least one error).
        diagnostics: Diagnostics,
    },
    /// The including crate does not declare crates the generated code uses.
    MissingDependencies {
        /// Its `Cargo.toml`.
        manifest: PathBuf,
        /// `Cargo.toml` lines to add, one per missing dependency.
        lines: Vec<String>,
    },
    /// A setting is not valid (an operation selector that does not parse).
    Settings(String),
    /// A generated file could not be written.
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoOutDir => f.write_str(
                "OUT_DIR is not set: run the generator from a build script, or set Builder::out_dir",
            ),
            Self::Read { path, source } => write!(f, "cannot read {}: {source}", path.display()),
            Self::Settings(message) => write!(f, "invalid setting: {message}"),
            Self::Refused { path, diagnostics } => {
                let errors = diagnostics
                    .items
                    .iter()
                    .filter(|d| d.severity == crate::Severity::Error)
                    .count();
                write!(
                    f,
                    "{} was refused ({errors} error(s)):\n{}",
                    path.display(),
                    diagnostics.render(&path.display().to_string())
                )
            }
            Self::MissingDependencies { manifest, lines } => write!(
                f,
                "the generated client needs these dependencies; add them to [dependencies] in {}:\n{}",
                manifest.display(),
                lines.join("\n")
            ),
            Self::Write { path, source } => {
                write!(f, "cannot write {}: {source}", path.display())
            }
        }
    }
}

impl fmt::Debug for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Read { source, .. } | Self::Write { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl Builder {
    /// A builder for the spec at `spec` (relative to the crate's directory,
    /// where cargo runs build scripts).
    pub fn new(spec: impl Into<PathBuf>) -> Self {
        Self {
            spec: spec.into(),
            out_dir: None,
            out_file: None,
            examples_file: None,
            client_path: None,
            overrides: Overrides::default(),
            config: None,
            refs_root: None,
            manifest: None,
            cargo: true,
        }
    }

    /// The crate name the docs and example tests use (default: the
    /// including crate's, from `CARGO_PKG_NAME`).
    pub fn crate_name(mut self, name: impl Into<String>) -> Self {
        self.overrides.crate_name = Some(name.into());
        self
    }

    /// Where files go (default: `OUT_DIR`).
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// The client file's name in the output directory (default: the spec's
    /// file name without extensions, as `.rs`: `spec/api.yaml` → `api.rs`).
    pub fn out_file(mut self, name: impl Into<String>) -> Self {
        self.out_file = Some(name.into());
        self
    }

    /// Also write the spec's examples as round-trip tests to this file name
    /// (include it from an integration test).
    pub fn examples_file(mut self, name: impl Into<String>) -> Self {
        self.examples_file = Some(name.into());
        self
    }

    /// Where the example tests find the client: the path of the module that
    /// includes it, such as `my_crate::api` (default: the crate's root).
    pub fn client_path(mut self, path: impl Into<String>) -> Self {
        self.client_path = Some(path.into());
        self
    }

    /// `format: date-time` and `format: date` as `String` (default: the
    /// runtime's `DateTime` and `Date`, chrono values that keep their text).
    pub fn dates_as_strings(mut self, on: bool) -> Self {
        self.overrides.dates_as_strings = on;
        self
    }

    /// Generates only the operations `selector` selects (`tag:NAME`,
    /// `operation:ID` or `path:GLOB`); call it once per selector. Only the
    /// types the kept operations reach are generated.
    pub fn include(mut self, selector: impl Into<String>) -> Self {
        self.overrides.include.push(selector.into());
        self
    }

    /// The schema `key` (a JSON pointer such as `#/components/schemas/Money`,
    /// or a type name) stands for your Rust type `path`
    /// (`rust_decimal::Decimal`): the generated type is an alias of it.
    pub fn replace(mut self, key: impl Into<String>, path: impl Into<String>) -> Self {
        self.overrides.replace.push((key.into(), path.into()));
        self
    }

    /// Derives `trait_path` on the type `key` (pointer, name, or `*` for
    /// every type) and on the types it holds; a trait a type cannot have
    /// (`Hash` over a number) refuses generation with a located error.
    pub fn derive(mut self, key: impl Into<String>, trait_path: impl Into<String>) -> Self {
        self.overrides
            .derive
            .push((key.into(), vec![trait_path.into()]));
        self
    }

    /// Renames a type (by pointer or generated name).
    pub fn rename_type(mut self, old: impl Into<String>, new: impl Into<String>) -> Self {
        self.overrides.rename.types.push((old.into(), new.into()));
        self
    }

    /// Renames an operation's method (by operationId or method name); its
    /// error enum and parameters struct follow.
    pub fn rename_operation(mut self, old: impl Into<String>, new: impl Into<String>) -> Self {
        self.overrides
            .rename
            .operations
            .push((old.into(), new.into()));
        self
    }

    /// Renames a field, named `Type.field`.
    pub fn rename_field(mut self, old: impl Into<String>, new: impl Into<String>) -> Self {
        self.overrides.rename.fields.push((old.into(), new.into()));
        self
    }

    /// Renames an enum or union variant, named `Type.variant`.
    pub fn rename_variant(mut self, old: impl Into<String>, new: impl Into<String>) -> Self {
        self.overrides
            .rename
            .variants
            .push((old.into(), new.into()));
        self
    }

    /// Applies this OpenAPI Overlay to the spec before reading it (after
    /// those of the settings file); needs this crate's `overlays` feature.
    pub fn overlay(mut self, path: impl Into<PathBuf>) -> Self {
        self.overrides.overlays.push(path.into());
        self
    }

    /// Reads the settings from this file instead of `oas-gen.toml` next to
    /// the spec; this builder's own methods win over it.
    pub fn config(mut self, path: impl Into<PathBuf>) -> Self {
        self.config = Some(path.into());
        self
    }

    /// Leaves out the operations `selector` selects, after `include`.
    pub fn exclude(mut self, selector: impl Into<String>) -> Self {
        self.overrides.exclude.push(selector.into());
        self
    }

    /// The environment variable the client reads its key from (default:
    /// made from the API's title, such as `SLNG_API_KEY`).
    pub fn api_key_env(mut self, var: impl Into<String>) -> Self {
        self.overrides.api_key_env = Some(var.into());
        self
    }

    /// Lets relative `$ref`s read files anywhere below `dir` (which must
    /// hold the spec); by default only the spec's directory and below.
    pub fn refs_root(mut self, dir: impl Into<PathBuf>) -> Self {
        self.refs_root = Some(dir.into());
        self
    }

    /// The `Cargo.toml` whose dependencies are checked (default: the
    /// including crate's, from `CARGO_MANIFEST_DIR`).
    pub fn manifest(mut self, path: impl Into<PathBuf>) -> Self {
        self.manifest = Some(path.into());
        self
    }

    /// Whether to print `cargo::` instructions (default: yes); off when
    /// called outside a build script, or when the build script reports
    /// itself (then print [`CHECK_CFG`] too).
    pub fn cargo_instructions(mut self, on: bool) -> Self {
        self.cargo = on;
        self
    }

    /// Generates the client, writing files only when their content changes.
    /// Every problem is also printed for cargo (see the module docs).
    pub fn generate(self) -> Result<Generated, BuildError> {
        let result = self.run();
        if self.cargo {
            self.report(&result);
        }
        result
    }

    fn run(&self) -> Result<Generated, BuildError> {
        let out_dir = self
            .out_dir
            .clone()
            .or_else(|| std::env::var_os("OUT_DIR").map(PathBuf::from))
            .ok_or(BuildError::NoOutDir)?;
        let (settings, settings_file) = self.settings()?;
        if let Some(lines) = self.missing_dependencies() {
            return Err(BuildError::MissingDependencies {
                manifest: self.manifest_path(),
                lines,
            });
        }
        let text = std::fs::read_to_string(&self.spec).map_err(|source| BuildError::Read {
            path: self.spec.clone(),
            source,
        })?;
        let mut source = Source::new(text);
        if let Some(dir) = self.spec.parent() {
            source = source.with_base_dir(if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            });
        }
        if let Some(root) = &self.refs_root {
            source = source.with_refs_root(root);
        }
        let source = settings
            .read_overlays(source)
            .map_err(BuildError::Settings)?;
        let generated = crate::generate_single_file(&source, &settings).map_err(|diagnostics| {
            BuildError::Refused {
                path: self.spec.clone(),
                diagnostics,
            }
        })?;
        let client = out_dir.join(self.client_file_name());
        let mut changed = write_if_changed(&client, &generated.client)?;
        // Asked for, the file is always written (an include! of it must
        // work), even when the spec has no examples.
        let examples = match &self.examples_file {
            Some(name) => {
                let path = out_dir.join(name);
                let text = generated.examples.as_deref().unwrap_or(NO_EXAMPLES);
                changed |= write_if_changed(&path, text)?;
                Some(path)
            }
            None => None,
        };
        let mut files_read = vec![self.spec.clone()];
        files_read.extend(settings_file);
        files_read.extend(settings.overlays.iter().cloned());
        files_read.extend(generated.files_read);
        Ok(Generated {
            client,
            examples,
            changed,
            warnings: generated.warnings,
            files_read,
        })
    }

    /// The settings: defaults, then the settings file (`oas-gen.toml` next
    /// to the spec, or [`Builder::config`]), then this builder's methods;
    /// with the file read, for cargo to watch.
    fn settings(&self) -> Result<(Settings, Option<PathBuf>), BuildError> {
        let found = SettingsFile::find(&self.spec, self.config.as_deref())
            .map_err(|e| BuildError::Settings(e.to_string()))?;
        let mut settings = self.defaults();
        if let Some((_, file)) = &found {
            file.apply(&mut settings);
        }
        settings.client_path = self.client_path.clone();
        self.overrides.apply(&mut settings);
        settings.check().map_err(BuildError::Settings)?;
        Ok((settings, found.map(|(path, _)| path)))
    }

    fn defaults(&self) -> Settings {
        let crate_name = std::env::var("CARGO_PKG_NAME").unwrap_or_else(|_| "client".to_owned());
        let spec_name = self
            .spec
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Settings::new(crate_name, spec_name)
    }

    fn client_file_name(&self) -> String {
        if let Some(name) = &self.out_file {
            return name.clone();
        }
        let name = self
            .spec
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stem = name
            .split('.')
            .next()
            .filter(|s| !s.is_empty())
            .unwrap_or("client");
        format!("{stem}.rs")
    }

    fn manifest_path(&self) -> PathBuf {
        self.manifest.clone().unwrap_or_else(|| {
            let dir = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
            dir.unwrap_or_default().join("Cargo.toml")
        })
    }

    /// `Cargo.toml` lines for the dependencies the including crate lacks;
    /// `None` when none is missing or the manifest cannot be read.
    fn missing_dependencies(&self) -> Option<Vec<String>> {
        let declared = crate::cargo_manifest::declared_in(&self.manifest_path()).ok()?;
        let lines: Vec<String> = DEPENDENCIES
            .iter()
            .filter(|d| !d.optional)
            .filter_map(|d| {
                let Some(found) = declared.iter().find(|found| found.name == d.name) else {
                    return Some(d.toml_line());
                };
                let features = found.features.as_ref()?;
                let lacking: Vec<&str> = d
                    .needs
                    .iter()
                    .copied()
                    .filter(|f| !features.iter().any(|have| have == f))
                    .collect();
                (!lacking.is_empty()).then(|| {
                    format!(
                        "{}  # declared, but without the feature(s) {}",
                        d.toml_line(),
                        lacking.join(", ")
                    )
                })
            })
            .collect();
        (!lines.is_empty()).then_some(lines)
    }

    fn report(&self, result: &Result<Generated, BuildError>) {
        for line in self.instructions(result) {
            println!("{line}");
        }
    }

    /// What the build script tells cargo: when to run again (the spec and
    /// every file read for it), the `cfg` names the client uses, and every
    /// warning and error located in the spec.
    fn instructions(&self, result: &Result<Generated, BuildError>) -> Vec<String> {
        let spec = self.spec.display().to_string();
        let mut lines = vec![
            format!("cargo::rerun-if-changed={spec}"),
            CHECK_CFG.to_owned(),
        ];
        match result {
            Ok(generated) => {
                for file in &generated.files_read {
                    lines.push(format!("cargo::rerun-if-changed={}", file.display()));
                }
                for warning in &generated.warnings.items {
                    lines.push(warning.render_cargo(&spec));
                }
            }
            Err(BuildError::Refused { diagnostics, .. }) => {
                for diagnostic in &diagnostics.items {
                    lines.push(diagnostic.render_cargo(&spec));
                }
            }
            Err(other) => {
                lines.push(format!(
                    "cargo::error={}",
                    other.to_string().replace('\n', " | ")
                ));
            }
        }
        lines
    }
}

const NO_EXAMPLES: &str = "// The spec has no examples: nothing to round-trip.\n";

/// Leaves the file (and its modification time) alone when nothing changed.
fn write_if_changed(path: &Path, text: &str) -> Result<bool, BuildError> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(false);
    }
    std::fs::write(path, text).map_err(|source| BuildError::Write {
        path: path.to_owned(),
        source,
    })?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO_TAGS: &str = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: getA\n      tags: [a]\n      responses: {'204': {description: ok}}\n  /b:\n    get:\n      operationId: getB\n      tags: [b]\n      responses: {'204': {description: ok}}\n";

    /// A spec and a manifest that declares every dependency, in a fresh dir.
    fn project(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("oas-gen-builder-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("api.yaml"), TWO_TAGS).unwrap();
        let lines: Vec<String> = DEPENDENCIES.iter().map(|d| d.toml_line()).collect();
        std::fs::write(
            dir.join("Cargo.toml"),
            format!("[dependencies]\n{}\n", lines.join("\n")),
        )
        .unwrap();
        dir
    }

    fn client_of(builder: Builder, dir: &Path) -> Result<String, BuildError> {
        let generated = builder
            .manifest(dir.join("Cargo.toml"))
            .cargo_instructions(false)
            .out_dir(dir)
            .generate()?;
        Ok(std::fs::read_to_string(generated.client).unwrap())
    }

    #[test]
    fn the_settings_file_next_to_the_spec_is_read_and_the_methods_win() {
        let dir = project("settings");
        std::fs::write(dir.join("oas-gen.toml"), "include = [\"tag:a\"]\n").unwrap();
        let client = client_of(Builder::new(dir.join("api.yaml")), &dir).unwrap();
        assert!(client.contains("fn get_a") && !client.contains("fn get_b"));
        let client = client_of(
            Builder::new(dir.join("api.yaml")).include("operation:getB"),
            &dir,
        )
        .unwrap();
        assert!(!client.contains("fn get_a") && client.contains("fn get_b"));
        std::fs::write(dir.join("other.toml"), "exclude = [\"path:/a\"]\n").unwrap();
        let builder = Builder::new(dir.join("api.yaml")).config(dir.join("other.toml"));
        let client = client_of(builder, &dir).unwrap();
        assert!(!client.contains("fn get_a") && client.contains("fn get_b"));
        std::fs::write(dir.join("oas-gen.toml"), "\ninclde = []\n").unwrap();
        let error = client_of(Builder::new(dir.join("api.yaml")), &dir).unwrap_err();
        let text = error.to_string();
        assert!(
            text.contains("oas-gen.toml:2:1: unknown key `inclde`; did you mean `include`?"),
            "{text}"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn missing_dependencies_are_named_with_the_line_to_add() {
        let dir = std::env::temp_dir().join(format!("oas-gen-builder-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let manifest = dir.join("Cargo.toml");
        std::fs::write(
            &manifest,
            "[dependencies]\nserde = \"1\"\nuuid = { version = \"1\", features = [\"serde\", \"v4\"] }\n\
             tokio = { version = \"1\", features = [\"rt\"] }\n",
        )
        .unwrap();
        let builder = Builder::new("api.yaml").manifest(&manifest);
        let lines = builder.missing_dependencies().expect("some are missing");
        assert!(
            lines.iter().any(|l| l.starts_with("reqwest = {")),
            "{lines:?}"
        );
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("serde = {") && l.ends_with("without the feature(s) derive")),
            "declared without derive: {lines:?}"
        );
        assert!(!lines.iter().any(|l| l.starts_with("uuid")), "{lines:?}");
        assert!(!lines.iter().any(|l| l.starts_with("tracing")), "optional");
        let lacks = |lines: &[String], name: &str, feature: &str| {
            let why = format!("without the feature(s) {feature}");
            lines
                .iter()
                .any(|l| l.starts_with(&format!("{name} = {{")) && l.ends_with(&why))
        };
        assert!(lacks(&lines, "tokio", "time"), "{lines:?}");
        std::fs::write(
            &manifest,
            "[dependencies]\nuuid = { version = \"1\", features = [\"v4\"] }\n",
        )
        .unwrap();
        let lines = builder.missing_dependencies().expect("some are missing");
        assert!(lacks(&lines, "uuid", "serde"), "{lines:?}");
        let error = builder
            .cargo_instructions(false)
            .out_dir(&dir)
            .generate()
            .unwrap_err();
        assert!(
            error.to_string().contains("add them to [dependencies]"),
            "{error}"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn changed_tells_whether_any_written_file_changed() {
        let dir = project("changed");
        let with_examples = |dir: &Path| {
            Builder::new(dir.join("api.yaml"))
                .manifest(dir.join("Cargo.toml"))
                .cargo_instructions(false)
                .out_dir(dir)
                .examples_file("examples.rs")
                .generate()
                .unwrap()
        };
        assert!(with_examples(&dir).changed, "first written");
        assert!(!with_examples(&dir).changed, "the same bytes again");
        std::fs::write(dir.join("examples.rs"), "// edited").unwrap();
        let again = with_examples(&dir);
        assert!(again.changed, "the examples file alone was rewritten");
        let examples = again.examples.expect("asked for");
        assert_ne!(std::fs::read_to_string(examples).unwrap(), "// edited");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_spec_that_cannot_be_read_is_named_with_the_cause() {
        let dir = project("unreadable");
        let error = Builder::new(dir.join("gone.yaml"))
            .manifest(dir.join("Cargo.toml"))
            .cargo_instructions(false)
            .out_dir(&dir)
            .generate()
            .unwrap_err();
        assert!(matches!(error, BuildError::Read { .. }), "{error}");
        assert!(error.to_string().starts_with("cannot read "), "{error}");
        assert!(error.to_string().contains("gone.yaml"), "{error}");
        let cause = std::error::Error::source(&error).expect("the I/O error");
        assert!(cause.is::<std::io::Error>());
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_refused_spec_counts_its_errors_and_reads_the_same_in_debug() {
        // A build script's `main` returning the error prints its Debug form:
        // it must be the located, readable message.
        let dir = project("refused");
        let spec = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Gone'}}}}}\n  /b:\n    get:\n      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/AlsoGone'}}}}}\n";
        std::fs::write(dir.join("api.yaml"), spec).unwrap();
        let error = client_of(Builder::new(dir.join("api.yaml")), &dir).unwrap_err();
        let BuildError::Refused { diagnostics, .. } = &error else {
            panic!("{error}")
        };
        let errors = diagnostics
            .items
            .iter()
            .filter(|d| d.severity == crate::Severity::Error)
            .count();
        assert_eq!(errors, 2, "{error}");
        assert_ne!(
            diagnostics.items.len(),
            2 * errors,
            "errors and the rest differ in number"
        );
        let text = error.to_string();
        assert!(
            text.contains(&format!("was refused ({errors} error(s))")),
            "{text}"
        );
        assert_eq!(format!("{error:?}"), text);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn cargo_is_told_every_file_read_every_warning_and_every_error() {
        let dir = project("instructions");
        let spec = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: getA\n      responses: {'204': {description: ok}}\n      callbacks: {done: {'{$request.body#/url}': {post: {responses: {'200': {description: ok}}}}}}\n";
        std::fs::write(dir.join("api.yaml"), spec).unwrap();
        std::fs::write(dir.join("oas-gen.toml"), "crate-name = \"t\"\n").unwrap();
        let builder = Builder::new(dir.join("api.yaml"))
            .manifest(dir.join("Cargo.toml"))
            .cargo_instructions(false)
            .out_dir(&dir);
        let result = builder.run();
        let lines = builder.instructions(&result);
        let spec_path = dir.join("api.yaml").display().to_string();
        assert_eq!(lines[0], format!("cargo::rerun-if-changed={spec_path}"));
        assert_eq!(lines[1], CHECK_CFG);
        let settings = format!(
            "cargo::rerun-if-changed={}",
            dir.join("oas-gen.toml").display()
        );
        assert!(lines.contains(&settings), "{lines:#?}");
        assert!(
            lines.iter().any(|l| l.starts_with("cargo::warning=")
                && l.contains("api.yaml:8:7:")
                && l.contains("callbacks are not generated")),
            "{lines:#?}"
        );
        let refused = Builder::new(dir.join("missing.yaml"))
            .manifest(dir.join("Cargo.toml"))
            .cargo_instructions(false)
            .out_dir(&dir);
        let lines = refused.instructions(&refused.run());
        let error = lines.last().expect("an error line");
        assert!(error.starts_with("cargo::error=cannot read "), "{error}");
        assert!(!error.contains('\n'), "one line: {error}");
        std::fs::write(dir.join("api.yaml"), "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Gone'}}}}}\n").unwrap();
        let lines = builder.instructions(&builder.run());
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("cargo::error=") && l.contains("Gone")),
            "{lines:#?}"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn the_client_file_is_named_after_the_spec() {
        assert_eq!(
            Builder::new("spec/api.oas.yaml").client_file_name(),
            "api.rs"
        );
        assert_eq!(
            Builder::new("x.yaml")
                .out_file("client.rs")
                .client_file_name(),
            "client.rs"
        );
    }
}
