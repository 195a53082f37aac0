//! Tests of the runtime's logic, each through what a generated client (or
//! its caller) sees of it.

mod clients;
mod dates;
mod decode;
mod errors;
mod records;
mod requests;
mod retry;
mod sending;
#[path = "../../../support/server.rs"]
mod server;
mod streams;
mod unions;
mod validate;

/// Every file of `generator/runtime/` is compiled here, so no part of the
/// runtime escapes these tests (or mutation testing).
#[test]
fn every_runtime_file_is_a_module_of_this_crate() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<String> = std::fs::read_dir(root.join("../../generator/runtime"))
        .expect("the runtime's folder")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter_map(|name| name.strip_suffix(".rs").map(str::to_owned))
        .collect();
    files.sort();
    let lib = std::fs::read_to_string(root.join("src/runtime/mod.rs")).expect("runtime/mod.rs");
    let mut declared: Vec<String> = lib
        .lines()
        .filter_map(|line| line.trim().strip_prefix("pub mod "))
        .filter_map(|rest| rest.strip_suffix(';'))
        .map(str::to_owned)
        .collect();
    declared.sort();
    assert_eq!(files, declared);
}
