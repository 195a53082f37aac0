//! Drift: how a directory differs from what would be generated (behind
//! `oas-gen check`), as files, as a unified diff, and in Rust terms
//! ([`item_changes`]).

#[cfg(feature = "format")]
mod items;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::write::{io_error, WriteError};
#[cfg(feature = "format")]
pub use items::item_changes;

/// One file that differs from what would be generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drift {
    /// Path relative to the directory.
    pub path: String,
    /// What is there now (`None`: missing).
    pub actual: Option<String>,
    /// What would be generated (`None`: should not be there).
    pub expected: Option<String>,
}

/// The files of `dir` that differ from `files` (missing, changed or extra).
/// Build output (`target/`) is ignored.
pub fn compare(dir: &Path, files: &BTreeMap<String, String>) -> Result<Vec<Drift>, WriteError> {
    let mut drifts = Vec::new();
    for (relative, expected) in files {
        let actual = fs::read_to_string(dir.join(relative)).ok();
        if actual.as_deref() != Some(expected.as_str()) {
            drifts.push(Drift {
                path: relative.clone(),
                actual,
                expected: Some(expected.clone()),
            });
        }
    }
    for relative in list_files(dir)? {
        if !files.contains_key(&relative) {
            let actual = fs::read_to_string(dir.join(&relative)).ok();
            drifts.push(Drift {
                path: relative,
                actual,
                expected: None,
            });
        }
    }
    drifts.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(drifts)
}

fn list_files(dir: &Path) -> Result<Vec<String>, WriteError> {
    let mut out = Vec::new();
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        let full = dir.join(&relative);
        let Ok(entries) = fs::read_dir(&full) else {
            continue;
        };
        for entry in entries {
            let entry = entry.map_err(io_error("listing", &full))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = relative.join(&name);
            let file_type = entry.file_type().map_err(io_error("listing", &full))?;
            if file_type.is_dir() && name != "target" && !name.starts_with('.') {
                pending.push(path);
            } else if file_type.is_file() && !name.starts_with('.') && name != "Cargo.lock" {
                out.push(path.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    Ok(out)
}

/// A unified diff of one drifted file, from what is there to what would be generated.
#[cfg(feature = "diff")]
pub fn unified_diff(dir: &Path, drift: &Drift) -> String {
    let path = dir.join(&drift.path).display().to_string();
    let old = drift.actual.as_deref().unwrap_or("");
    let new = drift.expected.as_deref().unwrap_or("");
    let old_name = if drift.actual.is_some() {
        format!("a/{path}")
    } else {
        "/dev/null".to_owned()
    };
    let new_name = if drift.expected.is_some() {
        format!("b/{path}")
    } else {
        "/dev/null".to_owned()
    };
    let diff = similar::TextDiff::from_lines(old, new);
    diff.unified_diff()
        .context_radius(3)
        .header(&old_name, &new_name)
        .to_string()
}
