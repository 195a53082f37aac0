//! Regenerates the SLNG client into `OUT_DIR` from `spec/agents.oas.yaml`,
//! only when that file changes. A refused spec fails the build with
//! `cargo::error=` lines that point at the spec; nothing is written outside
//! `OUT_DIR`, and files are rewritten only when their content changes.

fn main() -> Result<(), oas_gen::builder::BuildError> {
    oas_gen::Builder::new("spec/agents.oas.yaml")
        .crate_name("slng-agents")
        .out_file("slng_agents.rs")
        .examples_file("examples.rs")
        .generate()?;
    Ok(())
}
