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

pub mod contract;
pub mod diagnostics;
pub mod drift;
mod emit;
pub mod format;
pub mod ir;
pub mod load;
mod lower;
pub mod naming;
pub mod resolve;
mod settings;
pub mod source;
pub mod write;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

pub use diagnostics::{Diagnostic, Diagnostics, Severity};
pub use settings::Settings;
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

/// Reads, checks and lowers a spec; errors (located) refuse it.
pub fn analyze(source: &Source) -> Result<Analysis, Diagnostics> {
    let located = |mut d: Diagnostics| {
        d.locate(source);
        d
    };
    let document = load::load(source).map_err(located)?;
    let (api, found) = lower::lower(&document);
    let warnings = located(Diagnostics { items: found });
    if warnings.has_errors() {
        return Err(warnings);
    }
    Ok(Analysis {
        api,
        warnings,
        files_read: document.files_read,
    })
}

fn header(settings: &Settings) -> String {
    format!(
        "// {} from {}. Do not edit by hand:\n// regenerate with `oas-gen generate`.\n",
        write::MARKER,
        settings.spec_name.replace(['\n', '\r'], " ")
    )
}

/// Generates a standalone crate from the text of a spec.
pub fn generate(source: &Source, settings: &Settings) -> Result<GeneratedCrate, Diagnostics> {
    let Analysis { api, warnings, .. } = analyze(source)?;
    let header = header(settings);
    let mut files = BTreeMap::new();
    // The two big modules are emitted and formatted on their own threads
    // (token streams are not `Send`, so each thread makes its own).
    let (types, operations) = std::thread::scope(|scope| {
        let types = scope.spawn(|| format::render(&header, emit::types_module(&api)));
        let operations = scope.spawn(|| format::render(&header, emit::operations_module(&api)));
        (joined(types.join()), joined(operations.join()))
    });
    let (root, root_docs) = emit::root(&api, settings);
    let lib = quote! {
        #root_docs
        #![warn(missing_docs)]
        pub mod operations;
        #[doc(hidden)]
        pub mod runtime;
        pub mod types;
        #root
    };
    files.insert("src/lib.rs".to_owned(), format::render(&header, lib)?);
    files.insert("src/types.rs".to_owned(), types?);
    files.insert("src/operations.rs".to_owned(), operations?);
    files.insert(
        "src/runtime/mod.rs".to_owned(),
        format!("{header}{}", runtime_mod_rs()),
    );
    for (name, text) in emit::RUNTIME {
        files.insert(format!("src/runtime/{name}.rs"), format!("{header}{text}"));
    }
    if let Some(tests) = emit::examples_file(&api, &settings.crate_name) {
        let docs = quote! {
            //! Every example in the spec decodes into its generated type (strictly: no
            //! field the schema lacks) and encodes back to equal JSON.
        };
        files.insert(
            "tests/examples.rs".to_owned(),
            format::render(&header, quote!(#docs #tests))?,
        );
    }
    files.insert("Cargo.toml".to_owned(), emit::cargo_toml(&api, settings));
    files.insert("rustfmt.toml".to_owned(), RUSTFMT_TOML.to_owned());
    Ok(GeneratedCrate { files, warnings })
}

/// The result of a worker thread; a panic there becomes an internal error.
fn joined(result: std::thread::Result<Result<String, Diagnostic>>) -> Result<String, Diagnostic> {
    result.unwrap_or_else(|_| {
        Err(Diagnostic::error(
            "",
            "internal error: code generation failed; please report this spec",
        ))
    })
}

const RUSTFMT_TOML: &str = "# @generated by oas-gen: the code is already formatted (prettyplease);\n# rustfmt leaves it as the generator wrote it, so `oas-gen check` stays exact.\ndisable_all_formatting = true\n";

fn runtime_mod_rs() -> String {
    let mut text =
        String::from("//! The client runtime, the same in every crate oas-gen makes.\n\n");
    for (name, _) in emit::RUNTIME {
        text.push_str(&format!("pub mod {name};\n"));
    }
    text
}

/// Generates the client as one file (modules inline), for build scripts.
pub fn generate_single_file(
    source: &Source,
    settings: &Settings,
) -> Result<SingleFile, Diagnostics> {
    let Analysis {
        api,
        warnings,
        files_read,
    } = analyze(source)?;
    let modules = emit::modules(&api, settings);
    let header = header(settings);
    let (root, types, operations) = (&modules.root, &modules.types, &modules.operations);
    let runtime = runtime_inline()?;
    let client = quote! {
        pub mod operations { #operations }
        #[doc(hidden)]
        pub mod runtime { #runtime }
        pub mod types { #types }
        #root
    };
    let client = format::render(&header, client)?;
    let examples = match emit::examples_file(&api, &settings.crate_name) {
        Some(tests) => Some(format::render(&header, tests)?),
        None => None,
    };
    Ok(SingleFile {
        client,
        examples,
        warnings,
        files_read,
    })
}

fn runtime_inline() -> Result<TokenStream, Diagnostic> {
    let mut out = TokenStream::new();
    for (name, text) in emit::RUNTIME {
        let tokens: TokenStream = text.parse().map_err(|e| {
            Diagnostic::error(
                "",
                format!("internal error: runtime module {name} does not parse: {e}"),
            )
        })?;
        let name = proc_macro2::Ident::new(name, proc_macro2::Span::call_site());
        out.extend(quote! { pub mod #name { #tokens } });
    }
    Ok(out)
}
