//! The dependencies a crate's `Cargo.toml` declares, read as TOML (every
//! way of writing them: inline tables over several lines, one table per
//! dependency, per-target tables, renames, paths) and resolved through the
//! workspace root for `name.workspace = true`.

use std::path::{Path, PathBuf};

use toml::{Table, Value};

/// A dependency the manifest declares for the crate's own code (not dev or
/// build dependencies).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declared {
    /// The crate: its package name when the dependency is renamed.
    pub name: String,
    /// The features it asks for; `None` when they cannot be known (a
    /// workspace dependency whose workspace root was not found).
    pub features: Option<Vec<String>>,
}

/// The dependencies of the manifest at `path`, with the workspace root found
/// above it for inherited ones; `Err` names a manifest that is not TOML.
pub fn declared_in(path: &Path) -> Result<Vec<Declared>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let manifest = parse(&text, path)?;
    let workspace = if manifest.contains_key("workspace") {
        Some(manifest.clone())
    } else {
        workspace_root(path).and_then(|root| {
            let text = std::fs::read_to_string(&root).ok()?;
            parse(&text, &root).ok()
        })
    };
    Ok(declared(&manifest, workspace.as_ref()))
}

fn parse(text: &str, path: &Path) -> Result<Table, String> {
    text.parse::<Table>()
        .map_err(|e| format!("{} is not valid TOML: {e}", path.display()))
}

/// The nearest `Cargo.toml` above the manifest's folder that has a
/// `[workspace]` table.
fn workspace_root(manifest: &Path) -> Option<PathBuf> {
    let folder = manifest.canonicalize().ok()?.parent()?.to_owned();
    folder.ancestors().skip(1).find_map(|dir| {
        let candidate = dir.join("Cargo.toml");
        let text = std::fs::read_to_string(&candidate).ok()?;
        let table = text.parse::<Table>().ok()?;
        table.contains_key("workspace").then_some(candidate)
    })
}

/// The dependencies of a parsed manifest: `[dependencies]` and every
/// `[target.'…'.dependencies]`.
pub fn declared(manifest: &Table, workspace: Option<&Table>) -> Vec<Declared> {
    let inherited = workspace
        .and_then(|w| w.get("workspace")?.get("dependencies")?.as_table().cloned())
        .map(Some);
    let targets = manifest
        .get("target")
        .and_then(Value::as_table)
        .into_iter()
        .flat_map(|targets| targets.values())
        .filter_map(|target| target.get("dependencies")?.as_table());
    manifest
        .get("dependencies")
        .and_then(Value::as_table)
        .into_iter()
        .chain(targets)
        .flat_map(|table| table.iter())
        .map(|(key, value)| dependency(key, value, inherited.as_ref()))
        .collect()
}

/// One dependency: `key = "1"`, `key = { … }`, or `key.workspace = true`;
/// `inherited` is the workspace's `[workspace.dependencies]`, `None` when
/// there is no workspace root, `Some(None)` when it has none.
fn dependency(key: &str, value: &Value, inherited: Option<&Option<Table>>) -> Declared {
    let own = value.as_table();
    let own_features = own.map(features).unwrap_or_default();
    let from_workspace = own
        .and_then(|t| t.get("workspace"))
        .and_then(Value::as_bool)
        .unwrap_or(false);
    if !from_workspace {
        let name = own.and_then(package).unwrap_or(key).to_owned();
        return Declared {
            name,
            features: Some(own_features),
        };
    }
    // Inherited: the workspace's entry, plus the features added here.
    let entry = inherited.and_then(|w| w.as_ref()?.get(key));
    match entry {
        Some(entry) => {
            let table = entry.as_table();
            let mut all = table.map(features).unwrap_or_default();
            all.extend(own_features);
            Declared {
                name: table.and_then(package).unwrap_or(key).to_owned(),
                features: Some(all),
            }
        }
        None => Declared {
            name: key.to_owned(),
            features: None,
        },
    }
}

fn package(table: &Table) -> Option<&str> {
    table.get("package")?.as_str()
}

fn features(table: &Table) -> Vec<String> {
    table
        .get("features")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|f| f.as_str().map(str::to_owned))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(manifest: &str, workspace: Option<&str>) -> Vec<Declared> {
        let manifest: Table = manifest.parse().unwrap();
        let workspace: Option<Table> = workspace.map(|w| w.parse().unwrap());
        declared(&manifest, workspace.as_ref())
    }

    fn find<'a>(declared: &'a [Declared], name: &str) -> &'a Declared {
        declared
            .iter()
            .find(|d| d.name == name)
            .unwrap_or_else(|| panic!("{name} in {declared:?}"))
    }

    fn strings(list: &[&str]) -> Option<Vec<String>> {
        Some(list.iter().map(|s| (*s).to_owned()).collect())
    }

    #[test]
    fn every_way_of_writing_a_dependency() {
        let declared = read(
            r#"
[package]
name = "x"

[dependencies]
serde = { version = "1", features = ["derive"] }
tokio = { version = "1", default-features = false, features = [
    "time",
    "macros",
] }
"reqwest" = "0.12"
json = { package = "serde_urlencoded", version = "0.7" }
local = { path = "../packages/x" }
# chrono = "0.4"

[dependencies.uuid]
version = "1"
features = ["serde"]

[target.'cfg(unix)'.dependencies]
bytes = "1"

[dev-dependencies]
base64 = "0.22"
"#,
            None,
        );
        assert_eq!(find(&declared, "serde").features, strings(&["derive"]));
        assert_eq!(
            find(&declared, "tokio").features,
            strings(&["time", "macros"]),
            "a features list over several lines"
        );
        assert_eq!(find(&declared, "reqwest").features, strings(&[]));
        assert_eq!(find(&declared, "serde_urlencoded").features, strings(&[]));
        assert_eq!(
            find(&declared, "local").features,
            strings(&[]),
            "a path is not a rename"
        );
        assert_eq!(find(&declared, "uuid").features, strings(&["serde"]));
        find(&declared, "bytes");
        let names: Vec<&str> = declared.iter().map(|d| d.name.as_str()).collect();
        assert!(!names.contains(&"chrono"), "a comment: {names:?}");
        assert!(!names.contains(&"base64"), "a dev-dependency: {names:?}");
        assert!(!names.contains(&"json"), "renamed: {names:?}");
    }

    #[test]
    fn workspace_dependencies_are_resolved_through_the_root() {
        let member = r#"
[dependencies]
serde.workspace = true
reqwest = { workspace = true, features = ["stream"] }
tokio = { workspace = true }
"#;
        let root = r#"
[workspace]
members = ["client"]

[workspace.dependencies]
serde = { version = "1", features = ["derive"] }
reqwest = { version = "0.12", default-features = false, features = ["http2"] }
"#;
        let declared = read(member, Some(root));
        assert_eq!(find(&declared, "serde").features, strings(&["derive"]));
        assert_eq!(
            find(&declared, "reqwest").features,
            strings(&["http2", "stream"]),
            "the workspace's features and the member's own"
        );
        assert_eq!(
            find(&declared, "tokio").features,
            None,
            "not in the workspace's table: unknown, not missing"
        );
        let alone = read(member, None);
        assert_eq!(find(&alone, "serde").features, None);
    }

    #[test]
    fn a_workspace_root_is_found_above_the_member() {
        let dir = std::env::temp_dir().join(format!("oas-gen-manifest-{}", std::process::id()));
        let member = dir.join("crates/client");
        std::fs::create_dir_all(&member).unwrap();
        std::fs::write(
            dir.join("Cargo.toml"),
            "[workspace]\nmembers = [\"crates/client\"]\n\n[workspace.dependencies]\nserde = { version = \"1\", features = [\"derive\"] }\n",
        )
        .unwrap();
        std::fs::write(
            member.join("Cargo.toml"),
            "[dependencies]\nserde.workspace = true\n",
        )
        .unwrap();
        let declared = declared_in(&member.join("Cargo.toml")).unwrap();
        assert_eq!(find(&declared, "serde").features, strings(&["derive"]));
        std::fs::write(member.join("Cargo.toml"), "[dependencies\n").unwrap();
        let error = declared_in(&member.join("Cargo.toml")).unwrap_err();
        assert!(error.contains("is not valid TOML"), "{error}");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
