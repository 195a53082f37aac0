//! Regenerates the SLNG client into `OUT_DIR` from `spec/agents.oas.yaml`,
//! only when that file changes. A refused spec fails the build with
//! `cargo::error=` lines that point at the spec; nothing is written outside
//! `OUT_DIR`, and files are rewritten only when their content changes.

use std::path::{Path, PathBuf};
use std::{env, fs};

use oas_gen::{generate_single_file, Settings, Source};

const SPEC: &str = "spec/agents.oas.yaml";

fn main() {
    println!("cargo::rerun-if-changed={SPEC}");
    let Some(out_dir) = env::var_os("OUT_DIR").map(PathBuf::from) else {
        println!("cargo::error=OUT_DIR is not set; run this build script through cargo");
        return;
    };
    let text = match fs::read_to_string(SPEC) {
        Ok(text) => text,
        Err(e) => {
            println!("cargo::error=cannot read {SPEC}: {e}");
            return;
        }
    };
    let settings = Settings::new("slng-agents", "agents.oas.yaml");
    let source = Source::new(text).with_base_dir("spec");
    let generated = match generate_single_file(&source, &settings) {
        Ok(generated) => generated,
        Err(diagnostics) => {
            for diagnostic in &diagnostics.items {
                println!("{}", diagnostic.render_cargo(SPEC));
            }
            return;
        }
    };
    for file in &generated.files_read {
        println!("cargo::rerun-if-changed={}", file.display());
    }
    for warning in &generated.warnings.items {
        println!("{}", warning.render_cargo(SPEC));
    }
    let examples = generated.examples.unwrap_or_default();
    for (name, text) in [
        ("slng_agents.rs", generated.client),
        ("examples.rs", examples),
    ] {
        if let Err(e) = write_if_changed(&out_dir.join(name), &text) {
            println!("cargo::error=cannot write {name} in OUT_DIR: {e}");
        }
    }
}

/// Leaves the file (and its modification time) alone when nothing changed.
fn write_if_changed(path: &Path, text: &str) -> std::io::Result<()> {
    if fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    fs::write(path, text)
}
