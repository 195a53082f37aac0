//! oas-gen: OpenAPI 3.0 → Rust client generator.
//!
//! The pipeline, one module per stage:
//! [`load`] (YAML/JSON, version check) → [`resolve`] (`$ref` by JSON pointer)
//! → `lower` (into the [`ir`], plain data) → `emit` (quote) → [`mod@format`]
//! (syn + prettyplease) → [`mod@write`] (atomic). Names are made in [`naming`].
//!
//! The core is pure: [`generate`] takes the spec's text and [`Settings`] and
//! returns the files of a crate, or [`Diagnostics`]. The `oas-gen` command,
//! build scripts and tests only call it.

// A diagnostic carries message, pointer, position, snippet and notes; errors
// are the cold path of a generator, so they are returned unboxed.
#![allow(clippy::result_large_err)]

pub mod builder;
mod cargo_manifest;
#[cfg(feature = "changes")]
pub mod changes;
pub mod contract;
pub mod diagnostics;
pub mod drift;
mod emit;
pub mod format;
pub mod ir;
mod layout;
pub mod load;
mod lower;
pub mod model;
pub mod naming;
pub mod resolve;
mod settings;
pub mod settings_file;
pub mod source;
pub mod write;

use std::collections::BTreeMap;

pub use builder::Builder;
pub use diagnostics::{Diagnostic, Diagnostics, Severity};
pub use settings::{Overrides, Renames, Selector, Settings};
pub use source::Source;

/// A generated crate: files by relative path, and the warnings found.
#[derive(Debug, Clone)]
pub struct GeneratedCrate {
    /// `Cargo.toml`, `src/…`, `tests/…`.
    pub files: BTreeMap<String, String>,
    /// Problems that did not stop generation.
    pub warnings: Diagnostics,
}

/// The client as one file, for `include!` from a build script's `OUT_DIR`.
#[derive(Debug, Clone)]
pub struct SingleFile {
    /// The client: items for the crate root, modules inline.
    pub client: String,
    /// The example tests, when the spec has examples.
    pub examples: Option<String>,
    /// Problems that did not stop generation.
    pub warnings: Diagnostics,
    /// Files read for external `$ref`s (build scripts rerun when they change).
    pub files_read: Vec<std::path::PathBuf>,
}

/// A spec read, checked and lowered.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// What to generate.
    pub api: ir::Api,
    /// Problems that did not stop generation.
    pub warnings: Diagnostics,
    /// Files read for external `$ref`s.
    pub files_read: Vec<std::path::PathBuf>,
}

/// Reads, checks and lowers a spec; errors (located) refuse it. Every
/// problem found is reported, not only the first.
pub fn analyze(source: &Source) -> Result<Analysis, Diagnostics> {
    let mut found = Diagnostics::default();
    let lowered = load::load(source, &mut found).map(|document| {
        let api = lower::lower(&document, &mut found);
        (api, document.files_read, document.external)
    });
    if let (Some((_, _, external)), Some(base)) = (&lowered, source.base_dir()) {
        found.locate_in_files(load::EXTERNAL_KEY, external, base);
    }
    found.locate(source);
    let lowered = lowered.map(|(api, files_read, _)| (api, files_read));
    match lowered {
        Some((api, files_read)) if !found.has_errors() => Ok(Analysis {
            api,
            warnings: found,
            files_read,
        }),
        _ => Err(found),
    }
}

/// [`analyze`], then the settings that reshape the API (operations chosen,
/// types replaced, derives): what [`generate`] emits, for comparing
/// versions of a filtered client (`oas-gen diff` with settings).
pub fn analyze_with(source: &Source, settings: &Settings) -> Result<Analysis, Diagnostics> {
    let mut analysis = analyze(source)?;
    apply(&mut analysis.api, settings, &mut analysis.warnings)?;
    Ok(analysis)
}

/// Generates a standalone crate from the text of a spec.
pub fn generate(source: &Source, settings: &Settings) -> Result<GeneratedCrate, Diagnostics> {
    let Analysis {
        mut api,
        mut warnings,
        ..
    } = analyze(source)?;
    apply(&mut api, settings, &mut warnings)?;
    let files = layout::Client::new(&api, settings).crate_files()?;
    Ok(GeneratedCrate { files, warnings })
}

/// The settings that reshape the API before emit: the operations chosen,
/// replaced types, extra derives, dates as text. A setting that cannot be
/// kept (a selector or path that does not parse, a derive a type cannot
/// have) refuses generation with a located error.
fn apply(
    api: &mut ir::Api,
    settings: &Settings,
    warnings: &mut Diagnostics,
) -> Result<(), Diagnostics> {
    let mut found = Diagnostics::default();
    lower::select::select(api, &settings.include, &settings.exclude, &mut found);
    lower::customize::replace(api, &settings.replace, &mut found);
    lower::customize::derive(api, &settings.derive, &mut found);
    lower::customize::rename(api, &settings.rename, &mut found);
    if !settings.replace.is_empty() {
        lower::marks::mark(api);
    }
    if found.has_errors() {
        return Err(found);
    }
    warnings.items.extend(found.items);
    if settings.dates_as_strings {
        api.dates_as_strings();
    }
    Ok(())
}

/// Generates the client as one file (modules inline), for build scripts.
pub fn generate_single_file(
    source: &Source,
    settings: &Settings,
) -> Result<SingleFile, Diagnostics> {
    let Analysis {
        mut api,
        mut warnings,
        files_read,
    } = analyze(source)?;
    apply(&mut api, settings, &mut warnings)?;
    let (client, examples) = layout::Client::new(&api, settings).single_file()?;
    Ok(SingleFile {
        client,
        examples,
        warnings,
        files_read,
    })
}
