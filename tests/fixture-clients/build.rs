//! Generates the client of every valid fixture (`../fixtures/*.yaml` and the
//! multi-file ones) and its example tests into `OUT_DIR`, and `fixtures.rs`,
//! which declares one module per fixture including it (and one test module
//! of its examples). A fixture added to the folder is
//! compiled without touching this crate.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Multi-file fixtures: (module, entry point, refs root).
const MULTI_FILE: &[(&str, &str, Option<&str>)] = &[
    ("external_client", "../fixtures/external/api.yaml", None),
    ("split_client", "../fixtures/split/api.yaml", None),
    (
        "shared_root_client",
        "../fixtures/shared-root/api/spec.yaml",
        Some("../fixtures/shared-root"),
    ),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo::rerun-if-changed=../fixtures");
    println!("{}", oas_gen::builder::CHECK_CFG);
    let out = PathBuf::from(std::env::var("OUT_DIR")?);
    let mut specs: Vec<(String, PathBuf, Option<&str>)> = std::fs::read_dir("../fixtures")?
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "yaml" || e == "json"))
        .map(|path| (module_name(&path), path, None))
        .collect();
    specs.extend(
        MULTI_FILE
            .iter()
            .map(|(name, path, root)| ((*name).to_owned(), PathBuf::from(path), *root)),
    );
    specs.sort();
    let mut modules = String::new();
    for (name, path, refs_root) in specs {
        let mut builder = oas_gen::Builder::new(&path)
            .out_file(format!("{name}.rs"))
            .examples_file(format!("{name}_examples.rs"))
            .client_path(format!("crate::{name}"))
            .cargo_instructions(false);
        if let Some(root) = refs_root {
            builder = builder.refs_root(root);
        }
        let generated = builder.generate()?;
        for file in generated.files_read {
            println!("cargo::rerun-if-changed={}", file.display());
        }
        writeln!(
            modules,
            "pub mod {name} {{ include!(concat!(env!(\"OUT_DIR\"), \"/{name}.rs\")); }}"
        )?;
        // Every example of the spec decodes into its type and encodes back.
        writeln!(
            modules,
            "#[cfg(test)] mod {name}_examples {{ include!(concat!(env!(\"OUT_DIR\"), \"/{name}_examples.rs\")); }}"
        )?;
    }
    // The fixture generated with settings: its oas-gen.toml (beside it)
    // keeps one tag, replaces `Money` by `crate::money::Money` and derives
    // `Eq` and `Hash`; its examples are tests of this crate.
    let custom = oas_gen::Builder::new("../fixtures/custom/api.yaml")
        .out_file("custom_client.rs")
        .examples_file("custom_examples.rs")
        .client_path("crate::custom_client")
        .cargo_instructions(false)
        .generate()?;
    for file in custom.files_read {
        println!("cargo::rerun-if-changed={}", file.display());
    }
    writeln!(
        modules,
        "pub mod custom_client {{ include!(concat!(env!(\"OUT_DIR\"), \"/custom_client.rs\")); }}"
    )?;
    std::fs::write(out.join("fixtures.rs"), modules)?;
    Ok(())
}

fn module_name(path: &Path) -> String {
    // `{stem}_client`: a module named `types` or `operations` would hold a
    // module of its own name (clippy's `module_inception`).
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    format!("{}_client", stem.replace('-', "_"))
}
