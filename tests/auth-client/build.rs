//! Generates the client of `tests/fixtures/auth.yaml` into `OUT_DIR`.

fn main() -> Result<(), oas_gen::builder::BuildError> {
    oas_gen::Builder::new("../fixtures/auth.yaml")
        .out_file("client.rs")
        .generate()?;
    Ok(())
}
