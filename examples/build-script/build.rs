//! Generates the Todo client into `OUT_DIR` whenever `spec/todo.yaml` (or a
//! file it references) changes, and only then.

fn main() -> Result<(), oas_gen::builder::BuildError> {
    oas_gen::Builder::new("spec/todo.yaml")
        // The spec's examples as round-trip tests (tests/examples.rs
        // includes them); the client lives in module `todo`.
        .examples_file("todo_examples.rs")
        .client_path("example_build_script::todo")
        .generate()?;
    Ok(())
}
