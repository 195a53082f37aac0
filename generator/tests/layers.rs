//! The pipeline's modules import only modules below them (README,
//! "Architecture"): a stage never reaches up to a later one, so each can be
//! read and tested alone.

use std::fs;
use std::path::Path;

/// Lowest first. A module may import the ones before it.
const LAYERS: &[&str] = &[
    "source",
    "contract",
    "ir",
    "naming",
    "settings",
    "settings_file",
    "diagnostics",
    "load",
    "resolve",
    "model",
    "lower",
    "emit",
    "format",
    "write",
    "drift",
    "changes",
    "layout",
    "cargo_manifest",
    "builder",
];

fn sources(path: &Path, out: &mut Vec<String>) {
    if path.is_dir() {
        let mut entries: Vec<_> = fs::read_dir(path).unwrap().flatten().collect();
        entries.sort_by_key(|e| e.path());
        for entry in entries {
            sources(&entry.path(), out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(fs::read_to_string(path).unwrap());
    }
}

/// The modules `text` names as `crate::name` (generated code's
/// `crate::runtime` and `crate::types` are not ours and are skipped).
fn imported(text: &str) -> Vec<&'static str> {
    LAYERS
        .iter()
        .copied()
        .filter(|module| {
            text.match_indices(&format!("crate::{module}"))
                .any(|(at, found)| {
                    let next = text[at + found.len()..].chars().next();
                    !next.is_some_and(|c| c.is_alphanumeric() || c == '_')
                })
        })
        .collect()
}

#[test]
fn no_module_imports_a_later_stage() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut upward = Vec::new();
    for (rank, module) in LAYERS.iter().enumerate() {
        let dir = src.join(module);
        let path = if dir.is_dir() {
            dir
        } else {
            src.join(format!("{module}.rs"))
        };
        assert!(path.exists(), "{} is missing", path.display());
        let mut texts = Vec::new();
        sources(&path, &mut texts);
        for text in &texts {
            for import in imported(text) {
                let their_rank = LAYERS.iter().position(|m| *m == import).unwrap();
                if their_rank > rank {
                    upward.push(format!("{module} imports {import}"));
                }
            }
        }
    }
    upward.sort();
    upward.dedup();
    assert!(upward.is_empty(), "imports that run back up: {upward:?}");
}

#[test]
fn the_check_sees_an_import() {
    assert_eq!(
        imported("use crate::load::Document; crate::loads"),
        ["load"]
    );
    assert!(imported("crate::runtime::client").is_empty());
}

#[test]
fn every_module_has_a_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut unplaced: Vec<String> = fs::read_dir(&src)
        .unwrap()
        .flatten()
        .map(|e| {
            e.file_name()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_owned()
        })
        // The crate's root, the binary and its command line sit above all.
        .filter(|name| !["lib", "main", "cli"].contains(&name.as_str()))
        .filter(|name| !LAYERS.contains(&name.as_str()))
        .collect();
    unplaced.sort();
    assert!(unplaced.is_empty(), "modules with no layer: {unplaced:?}");
}
