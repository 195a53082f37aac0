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

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("oas-gen-drift-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn put(dir: &Path, relative: &str, text: &str) {
        let path = dir.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    /// Missing, changed and extra files are found, in nested folders too;
    /// build output, hidden files and the lock file are not the
    /// generator's and never count.
    #[test]
    fn finds_missing_changed_and_extra_files_and_nothing_else() {
        let dir = scratch("compare");
        for (relative, text) in [
            ("Cargo.toml", "same"),
            ("src/lib.rs", "old"),
            ("src/extra/stale.rs", "gone"),
            ("target/debug/out.rs", "built"),
            (".git/HEAD", "ref"),
            ("src/.hidden", "mine"),
            ("Cargo.lock", "locked"),
        ] {
            put(&dir, relative, text);
        }
        let files: BTreeMap<String, String> = [
            ("Cargo.toml", "same"),
            ("src/lib.rs", "new"),
            ("src/types.rs", "added"),
        ]
        .into_iter()
        .map(|(path, text)| (path.to_owned(), text.to_owned()))
        .collect();
        let drifts = compare(&dir, &files).unwrap();
        let seen: Vec<(&str, Option<&str>, Option<&str>)> = drifts
            .iter()
            .map(|d| (d.path.as_str(), d.actual.as_deref(), d.expected.as_deref()))
            .collect();
        assert_eq!(
            seen,
            [
                ("src/extra/stale.rs", Some("gone"), None),
                ("src/lib.rs", Some("old"), Some("new")),
                ("src/types.rs", None, Some("added")),
            ]
        );
        assert_eq!(compare(&dir.join("absent"), &BTreeMap::new()).unwrap(), []);
        fs::remove_dir_all(dir).unwrap();
    }

    /// The diff runs from what is there to what would be generated; a
    /// missing or extra file is diffed against `/dev/null`.
    #[cfg(feature = "diff")]
    #[test]
    fn a_drift_reads_as_a_unified_diff() {
        let dir = Path::new("out");
        let drift = |actual: Option<&str>, expected: Option<&str>| Drift {
            path: "a.rs".to_owned(),
            actual: actual.map(str::to_owned),
            expected: expected.map(str::to_owned),
        };
        let changed = unified_diff(dir, &drift(Some("x\ny\n"), Some("x\nz\n")));
        assert_eq!(
            changed,
            "--- a/out/a.rs\n+++ b/out/a.rs\n@@ -1,2 +1,2 @@\n x\n-y\n+z\n"
        );
        let missing = unified_diff(dir, &drift(None, Some("new\n")));
        assert!(
            missing.starts_with("--- /dev/null\n+++ b/out/a.rs\n"),
            "{missing}"
        );
        let extra = unified_diff(dir, &drift(Some("old\n"), None));
        assert!(
            extra.starts_with("--- a/out/a.rs\n+++ /dev/null\n"),
            "{extra}"
        );
        assert!(extra.ends_with("-old\n"), "{extra}");
    }
}
