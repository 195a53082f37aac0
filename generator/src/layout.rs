//! Layout: the generated client's modules, declared once, and the two ways
//! they are written out: a standalone crate (one file per module, for
//! `oas-gen generate` and vendoring) and a single file with the modules
//! inline (for a build script's `include!`).

use std::collections::BTreeMap;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::contract::RUNTIME;
use crate::diagnostics::Diagnostic;
use crate::emit;
use crate::format;
use crate::ir::Api;
use crate::settings::Settings;

/// What a module holds.
#[derive(Clone, Copy)]
enum Body {
    /// Emitted from the IR.
    Emitted(fn(&Api) -> TokenStream),
    /// The hand-written runtime ([`RUNTIME`]), one submodule per file.
    Runtime,
}

/// A module of the generated client, as declared at its root.
#[derive(Clone, Copy)]
struct Module {
    name: &'static str,
    /// `#[doc(hidden)]`: public for the generated code, not for users.
    hidden: bool,
    body: Body,
}

/// The client's modules, in the order they are declared.
const MODULES: [Module; 3] = [
    Module {
        name: "operations",
        hidden: false,
        body: Body::Emitted(emit::operations_module),
    },
    Module {
        name: "runtime",
        hidden: true,
        body: Body::Runtime,
    },
    Module {
        name: "types",
        hidden: false,
        body: Body::Emitted(emit::types_module),
    },
];

/// The client for one API: its modules and root items.
pub struct Client<'a> {
    api: &'a Api,
    settings: &'a Settings,
    header: String,
}

impl<'a> Client<'a> {
    /// The client of `api`; every file starts with the `@generated` header.
    pub fn new(api: &'a Api, settings: &'a Settings) -> Self {
        let header = format!(
            "// {} from {}. Do not edit by hand:\n// regenerate with `oas-gen generate`.\n",
            crate::write::MARKER,
            settings.spec_name.replace(['\n', '\r'], " ")
        );
        Self {
            api,
            settings,
            header,
        }
    }

    /// The standalone crate's files, by relative path.
    pub fn crate_files(&self) -> Result<BTreeMap<String, String>, Diagnostic> {
        let mut files = BTreeMap::new();
        // Emitted modules are emitted and formatted each on its own thread
        // (token streams are not `Send`, so each thread makes its own).
        let emitted: Vec<(&str, Result<String, Diagnostic>)> = std::thread::scope(|scope| {
            let handles: Vec<_> = MODULES
                .iter()
                .filter_map(|module| match module.body {
                    Body::Emitted(emit) => Some((
                        module.name,
                        scope.spawn(move || {
                            format::render(&self.header, emit(self.api), self.settings.pretty)
                        }),
                    )),
                    Body::Runtime => None,
                })
                .collect();
            handles
                .into_iter()
                .map(|(name, handle)| (name, joined(handle.join())))
                .collect()
        });
        let (root, root_docs) = emit::root(self.api, self.settings);
        let declarations = MODULES.iter().map(|module| {
            let name = Ident::new(module.name, Span::call_site());
            let hidden = module.hidden.then(|| quote!(#[doc(hidden)]));
            quote! { #hidden pub mod #name; }
        });
        let lib = quote! {
            #root_docs
            #![warn(missing_docs)]
            #(#declarations)*
            #root
        };
        files.insert(
            "src/lib.rs".to_owned(),
            format::render(&self.header, lib, self.settings.pretty)?,
        );
        for (name, text) in emitted {
            files.insert(format!("src/{name}.rs"), text?);
        }
        files.insert(
            "src/runtime/mod.rs".to_owned(),
            format!("{}{}", self.header, runtime_mod_rs()),
        );
        for (name, text) in RUNTIME {
            let text = format!("{}{text}", self.header);
            files.insert(format!("src/runtime/{name}.rs"), text);
        }
        if let Some(tests) = emit::examples_file(self.api, &self.settings.client_path()) {
            let docs = quote! {
                //! Every example in the spec decodes into its generated type (strictly: no
                //! field the schema lacks) and encodes back to equal JSON.
            };
            let text = format::render(&self.header, quote!(#docs #tests), self.settings.pretty)?;
            files.insert("tests/examples.rs".to_owned(), text);
        }
        files.insert(
            "Cargo.toml".to_owned(),
            emit::cargo_toml(self.api, self.settings),
        );
        files.insert("rustfmt.toml".to_owned(), RUSTFMT_TOML.to_owned());
        Ok(files)
    }

    /// The client as one file, modules inline, and the example tests (when
    /// the spec has examples).
    pub fn single_file(&self) -> Result<(String, Option<String>), Diagnostic> {
        let mut modules = TokenStream::new();
        for module in MODULES {
            let name = Ident::new(module.name, Span::call_site());
            let hidden = module.hidden.then(|| quote!(#[doc(hidden)]));
            let body = match module.body {
                Body::Emitted(emit) => emit(self.api),
                Body::Runtime => runtime_inline()?,
            };
            modules.extend(quote! { #hidden pub mod #name { #body } });
        }
        let (root, _) = emit::root(self.api, self.settings);
        let client = format::render(
            &self.header,
            quote! { #modules #root },
            self.settings.pretty,
        )?;
        let examples = match emit::examples_file(self.api, &self.settings.client_path()) {
            Some(tests) => Some(format::render(&self.header, tests, self.settings.pretty)?),
            None => None,
        };
        Ok((client, examples))
    }
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
    for (name, _) in RUNTIME {
        text.push_str(&format!("pub mod {name};\n"));
    }
    text
}

fn runtime_inline() -> Result<TokenStream, Diagnostic> {
    let mut out = TokenStream::new();
    for (name, text) in RUNTIME {
        let tokens: TokenStream = text.parse().map_err(|e| {
            Diagnostic::error(
                "",
                format!("internal error: runtime module {name} does not parse: {e}"),
            )
        })?;
        let name = Ident::new(name, Span::call_site());
        out.extend(quote! { pub mod #name { #tokens } });
    }
    Ok(out)
}
