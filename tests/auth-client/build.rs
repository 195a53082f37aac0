//! Generates the client of `tests/fixtures/auth.yaml` into `OUT_DIR`.

use std::path::PathBuf;

use oas_gen::{generate_single_file, Settings, Source};

const SPEC: &str = "../fixtures/auth.yaml";

fn main() {
    println!("cargo::rerun-if-changed={SPEC}");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR is set by cargo"));
    let text = std::fs::read_to_string(SPEC).expect("the auth fixture");
    let settings = Settings::new("auth-fixture-client", "auth.yaml");
    match generate_single_file(&Source::new(text), &settings) {
        Ok(generated) => {
            std::fs::write(out.join("client.rs"), generated.client).expect("OUT_DIR is writable")
        }
        Err(diagnostics) => {
            for diagnostic in &diagnostics.items {
                println!("{}", diagnostic.render_cargo(SPEC));
            }
        }
    }
}
