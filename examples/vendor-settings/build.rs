//! Generates the client of one tag of a vendor's spec, with the settings of
//! `spec/oas-gen.toml` (one tag, an overlay, a replaced type, two derives).

fn main() -> Result<(), oas_gen::builder::BuildError> {
    oas_gen::Builder::new("spec/vendor.yaml")
        .examples_file("vendor_examples.rs")
        .client_path("example_vendor_settings::vendor")
        .generate()?;
    Ok(())
}
