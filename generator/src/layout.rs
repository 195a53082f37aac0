//! Layout: the generated client's modules, declared once, and the two ways
//! they are written out: a standalone crate (one file per module, for
//! `oas-gen generate` and vendoring) and a single file with the modules
//! inline (for a build script's `include!`).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

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
    /// Emitted from the IR in parts: inner attributes, then the items of
    /// each range of types (so that parts can be formatted side by side).
    Types,
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

impl Module {
    /// The module's file in a standalone crate.
    fn file(&self) -> String {
        format!("src/{}.rs", self.name)
    }
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
        body: Body::Types,
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
        let parts = self.parts();
        let jobs: Vec<_> = parts
            .iter()
            .map(|(_, part)| move || self.part_text(part))
            .collect();
        let texts = run_parallel(&jobs);
        let mut pieces: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for ((file, _), text) in parts.iter().zip(texts) {
            if let Some(text) = text? {
                pieces.entry(file.as_str()).or_default().push(text);
            }
        }
        for (file, texts) in pieces {
            files.insert(file.to_owned(), format::assemble(&self.header, &texts));
        }
        files.insert(
            "src/runtime/mod.rs".to_owned(),
            format!("{}{}", self.header, runtime_mod_rs()),
        );
        for (name, text) in RUNTIME {
            let text = format!("{}{text}", self.header);
            files.insert(format!("src/runtime/{name}.rs"), text);
        }
        files.insert(
            "Cargo.toml".to_owned(),
            emit::cargo_toml(self.api, self.settings),
        );
        files.insert("rustfmt.toml".to_owned(), RUSTFMT_TOML.to_owned());
        Ok(files)
    }

    /// The standalone crate's emitted files in parts, (file, part), in
    /// file order; the types are split so that the parts are of a size.
    fn parts(&self) -> Vec<(String, Part)> {
        let mut parts = vec![("src/lib.rs".to_owned(), Part::Lib)];
        for module in MODULES {
            match module.body {
                Body::Emitted(emit) => parts.push((module.file(), Part::Emitted(emit))),
                Body::Types => {
                    parts.push((module.file(), Part::TypesHead));
                    let count = self.api.types.len();
                    let size = count.div_ceil(TYPE_PARTS).max(MIN_TYPES_PER_PART);
                    let mut start = 0;
                    while start < count {
                        let end = (start + size).min(count);
                        parts.push((module.file(), Part::Types(start..end)));
                        start = end;
                    }
                }
                Body::Runtime => {}
            }
        }
        parts.push(("tests/examples.rs".to_owned(), Part::Examples));
        if self.settings.wire_tests {
            parts.push(("tests/wire.rs".to_owned(), Part::Wire));
        }
        parts
    }

    /// The formatted text of one part; `None` when it is empty (a spec
    /// without examples has no example tests).
    fn part_text(&self, part: &Part) -> Result<Option<String>, Diagnostic> {
        let pretty = self.settings.pretty;
        let tokens = match part {
            Part::Lib => self.lib(),
            Part::Emitted(emit) => emit(self.api),
            Part::TypesHead => emit::types_module_head(self.api),
            Part::Types(range) => emit::types_items(self.api, range.clone()),
            Part::Examples => {
                let Some(tests) = emit::examples_file(self.api, &self.settings.client_path())
                else {
                    return Ok(None);
                };
                quote! {
                    //! Every example in the spec decodes into its generated type (strictly: no
                    //! field the schema lacks) and encodes back to equal JSON.
                    #tests
                }
            }
            Part::Wire => {
                let Some(tests) = emit::wire_tests_file(self.api, &self.settings.client_path())
                else {
                    return Ok(None);
                };
                quote! {
                    //! Every operation on the wire: called with only its required inputs and
                    //! with every input, against a mock server that validates each request
                    //! against the spec (`OAS_GEN_MOCK_URL`; oas-gen's `scripts/wire.sh`
                    //! starts Prism), each answered with its documented success, decoded.
                    #tests
                }
            }
        };
        format::text(tokens, pretty).map(Some)
    }

    /// The crate root: its docs, the module declarations, the client's constructors.
    fn lib(&self) -> TokenStream {
        let (root, root_docs) = emit::root(self.api, self.settings);
        let declarations = MODULES.iter().map(|module| {
            let name = Ident::new(module.name, Span::call_site());
            let hidden = module.hidden.then(|| quote!(#[doc(hidden)]));
            quote! { #hidden pub mod #name; }
        });
        quote! {
            #root_docs
            #![warn(missing_docs)]
            #(#declarations)*
            #root
        }
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
                Body::Types => emit::types_module(self.api),
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

/// A part of a generated file, emitted and formatted on its own.
enum Part {
    Lib,
    Emitted(fn(&Api) -> TokenStream),
    TypesHead,
    Types(std::ops::Range<usize>),
    Examples,
    Wire,
}

/// The types module is formatted in about this many parts...
const TYPE_PARTS: usize = 8;
/// ...of at least this many types each.
const MIN_TYPES_PER_PART: usize = 16;

/// Runs `jobs` on as many threads as the machine has (one per job at most),
/// each taking the next job left; the results in job order. Token streams
/// are not `Send`, so a job emits what it formats. A job that panics becomes
/// an internal error.
fn run_parallel<T: Send, J: Fn() -> Result<T, Diagnostic> + Sync>(
    jobs: &[J],
) -> Vec<Result<T, Diagnostic>> {
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<Result<T, Diagnostic>>>> =
        jobs.iter().map(|_| Mutex::new(None)).collect();
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs.len());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(index) else { break };
                // A panic leaves the slot empty: an internal error below.
                if let Ok(result) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job)) {
                    if let Ok(mut slot) = slots[index].lock() {
                        *slot = Some(result);
                    }
                }
            });
        }
    });
    slots
        .into_iter()
        .map(|slot| {
            slot.into_inner().ok().flatten().unwrap_or_else(|| {
                Err(Diagnostic::error(
                    "",
                    "internal error: code generation failed; please report this spec",
                ))
            })
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Results come back in job order whichever thread ran them, and a job
    /// that panics is an internal error, not a crash of the generator.
    #[test]
    fn parallel_jobs_answer_in_order_and_a_panic_is_an_error() {
        let jobs: Vec<_> = (0..40usize)
            .map(|i| {
                move || {
                    if i == 7 {
                        panic!("job {i} fails");
                    }
                    Ok(i * 2)
                }
            })
            .collect();
        let results = run_parallel(&jobs);
        assert_eq!(results.len(), 40);
        for (i, result) in results.into_iter().enumerate() {
            match result {
                Ok(doubled) => assert_eq!(doubled, i * 2),
                Err(error) => {
                    assert_eq!(i, 7);
                    assert!(
                        error.message.contains("internal error"),
                        "{}",
                        error.message
                    );
                }
            }
        }
    }

    #[test]
    fn the_runtime_is_declared_and_inlined_file_by_file() {
        let declared = runtime_mod_rs();
        for (name, _) in RUNTIME {
            assert!(declared.contains(&format!("\npub mod {name};\n")), "{name}");
        }
        // The single file holds the same modules inline, each whole.
        let inline = runtime_inline().unwrap().to_string();
        for (name, text) in RUNTIME {
            let tokens: TokenStream = text.parse().unwrap();
            let module = format!("pub mod {name} {{ {tokens} }}");
            assert!(inline.contains(&module), "{name}");
        }
    }
}
