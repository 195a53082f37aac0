//! `oas-gen.toml`: the settings of [`Settings`] written down, next to the
//! spec (or named with `--config` / `Builder::config`). The CLI's flags and
//! the builder's methods set the same fields and win over the file.
//!
//! ```toml
//! crate-name = "vendor-client"
//! api-key-env = "VENDOR_API_KEY"
//! dates-as-strings = false
//! wire-tests = false
//! include = ["tag:Calls", "operation:getAccount"]
//! exclude = ["path:/v1/admin/**"]
//!
//! [replace]
//! "#/components/schemas/Money" = "rust_decimal::Decimal"
//!
//! [derive]
//! Call = ["Eq", "Hash"]
//! ```
//!
//! `overlays = ["fixes.overlay.yaml"]` (top level, before the tables) lists
//! OpenAPI Overlays, relative to the file's folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::settings::Settings;

/// The file's name, looked for next to the spec.
pub const FILE_NAME: &str = "oas-gen.toml";

/// What a settings file may say; every key is optional, and an unknown key
/// is an error (a typo would otherwise be silently ignored).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SettingsFile {
    /// [`Settings::crate_name`].
    pub crate_name: Option<String>,
    /// [`Settings::api_key_env`].
    pub api_key_env: Option<String>,
    /// [`Settings::dates_as_strings`].
    pub dates_as_strings: Option<bool>,
    /// [`Settings::wire_tests`].
    pub wire_tests: Option<bool>,
    /// [`Settings::include`].
    #[serde(default)]
    pub include: Vec<String>,
    /// [`Settings::exclude`].
    #[serde(default)]
    pub exclude: Vec<String>,
    /// [`Settings::replace`]: schema (pointer or name) = Rust type path.
    #[serde(default)]
    pub replace: BTreeMap<String, String>,
    /// [`Settings::derive`]: type (pointer, name or `*`) = traits.
    #[serde(default)]
    pub derive: BTreeMap<String, Vec<String>>,
    /// [`Settings::overlays`], relative to the settings file's folder.
    #[serde(default)]
    pub overlays: Vec<PathBuf>,
    /// [`Settings::dependencies`]: `name = "1"` or `name = { version = …,
    /// features = […] }`, as in a `Cargo.toml`.
    #[serde(default)]
    pub dependencies: BTreeMap<String, toml::Value>,
    /// [`Settings::rename`]: `[rename.types]`, `[rename.operations]`,
    /// `[rename.fields]`, `[rename.variants]`, each old = new.
    #[serde(default)]
    pub rename: RenameTables,
}

/// The `[rename.*]` tables.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RenameTables {
    /// Types: pointer or generated name = new name.
    #[serde(default)]
    pub types: BTreeMap<String, String>,
    /// Operations: operationId or method = new method name.
    #[serde(default)]
    pub operations: BTreeMap<String, String>,
    /// Fields: `Type.field` = new field name.
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
    /// Variants: `Type.variant` = new variant name.
    #[serde(default)]
    pub variants: BTreeMap<String, String>,
}

/// The keys a settings file knows, for suggestions.
const KEYS: &[&str] = &[
    "crate-name",
    "api-key-env",
    "dates-as-strings",
    "wire-tests",
    "include",
    "exclude",
    "replace",
    "derive",
    "overlays",
    "dependencies",
    "rename",
];

/// A settings file that could not be read or is not valid; `Display` gives
/// `file:line:column: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsError {
    /// The file.
    pub path: PathBuf,
    /// Line and column (1-based) of the problem, when it has a place.
    pub position: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for SettingsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.position {
            Some((line, column)) => write!(
                f,
                "{}:{line}:{column}: {}",
                self.path.display(),
                self.message
            ),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for SettingsError {}

impl SettingsFile {
    /// The settings file of a spec: `explicit` when given (it must exist),
    /// else `oas-gen.toml` next to the spec when there is one.
    pub fn find(
        spec: &Path,
        explicit: Option<&Path>,
    ) -> Result<Option<(PathBuf, Self)>, SettingsError> {
        let path = match explicit {
            Some(path) => path.to_owned(),
            None => {
                let beside = spec.parent().unwrap_or(Path::new("")).join(FILE_NAME);
                if !beside.is_file() {
                    return Ok(None);
                }
                beside
            }
        };
        let text = std::fs::read_to_string(&path).map_err(|e| SettingsError {
            path: path.clone(),
            position: None,
            message: format!("cannot read it: {e}"),
        })?;
        let mut file = Self::parse(&text, &path)?;
        let folder = path.parent().unwrap_or(Path::new(""));
        for overlay in &mut file.overlays {
            if overlay.is_relative() {
                *overlay = folder.join(&*overlay);
            }
        }
        Ok(Some((path, file)))
    }

    /// Reads a settings file's text; `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Self, SettingsError> {
        let file: SettingsFile = toml::from_str(text).map_err(|e| SettingsError {
            path: path.to_owned(),
            position: e.span().map(|span| line_column(text, span.start)),
            message: message_of(&e),
        })?;
        for (name, value) in &file.dependencies {
            check_dependency(name, value).map_err(|message| SettingsError {
                path: path.to_owned(),
                position: key_position(text, &format!("`{name}`: ")),
                message: format!("dependency `{name}`: {message}"),
            })?;
        }
        let mut checked = Settings::new("", "");
        file.apply(&mut checked);
        checked.check().map_err(|message| SettingsError {
            path: path.to_owned(),
            position: key_position(text, &message),
            message,
        })?;
        Ok(file)
    }

    /// Sets what the file says on `settings`.
    pub fn apply(&self, settings: &mut Settings) {
        if let Some(name) = &self.crate_name {
            settings.crate_name = name.clone();
        }
        if let Some(var) = &self.api_key_env {
            settings.api_key_env = Some(var.clone());
        }
        if let Some(on) = self.dates_as_strings {
            settings.dates_as_strings = on;
        }
        if let Some(on) = self.wire_tests {
            settings.wire_tests = on;
        }
        if !self.include.is_empty() {
            settings.include = self.include.clone();
        }
        if !self.exclude.is_empty() {
            settings.exclude = self.exclude.clone();
        }
        for (schema, path) in &self.replace {
            settings.replace.push((schema.clone(), path.clone()));
        }
        for (schema, traits) in &self.derive {
            settings.derive.push((schema.clone(), traits.clone()));
        }
        settings.overlays.extend(self.overlays.iter().cloned());
        for (name, value) in &self.dependencies {
            if let Some(inline) = inline_toml(value) {
                settings.dependencies.push((name.clone(), inline));
            }
        }
        fn pairs(table: &BTreeMap<String, String>) -> impl Iterator<Item = (String, String)> + '_ {
            table.iter().map(|(old, new)| (old.clone(), new.clone()))
        }
        let rename = &mut settings.rename;
        rename.types.extend(pairs(&self.rename.types));
        rename.operations.extend(pairs(&self.rename.operations));
        rename.fields.extend(pairs(&self.rename.fields));
        rename.variants.extend(pairs(&self.rename.variants));
    }
}

/// A dependency a generated crate can declare: a crate name, not one of
/// the runtime's own, with a value Cargo reads.
fn check_dependency(name: &str, value: &toml::Value) -> Result<(), String> {
    let valid_name = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid_name {
        return Err("not a crate name".to_owned());
    }
    let taken = crate::contract::DEPENDENCIES
        .iter()
        .any(|d| d.name.replace('-', "_") == name.replace('-', "_"));
    if taken {
        return Err("the generated crate depends on it already".to_owned());
    }
    match value {
        toml::Value::String(_) | toml::Value::Table(_) if inline_toml(value).is_some() => Ok(()),
        _ => Err(
            "write a version (`\"1\"`) or a table (`{ version = \"1\", features = [..] }`)"
                .to_owned(),
        ),
    }
}

/// A TOML value written inline (strings, numbers, booleans, arrays, tables);
/// `None` for dates, which a dependency never holds.
fn inline_toml(value: &toml::Value) -> Option<String> {
    use toml::Value;
    Some(match value {
        Value::String(text) => serde_json::to_string(text).ok()?,
        Value::Integer(n) => n.to_string(),
        Value::Float(x) => x.to_string(),
        Value::Boolean(b) => b.to_string(),
        Value::Array(items) => {
            let items: Option<Vec<String>> = items.iter().map(inline_toml).collect();
            format!("[{}]", items?.join(", "))
        }
        Value::Table(table) => {
            let entries: Option<Vec<String>> = table
                .iter()
                .map(|(key, value)| {
                    let key_ok = key
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                    let key = if key_ok {
                        key.clone()
                    } else {
                        serde_json::to_string(key).ok()?
                    };
                    Some(format!("{key} = {}", inline_toml(value)?))
                })
                .collect();
            format!("{{ {} }}", entries?.join(", "))
        }
        Value::Datetime(_) => return None,
    })
}

/// The TOML error's message, with the nearest known key for an unknown one.
fn message_of(error: &toml::de::Error) -> String {
    let message = error.message().trim().to_owned();
    let Some(unknown) = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next())
    else {
        return message;
    };
    let nearest = KEYS
        .iter()
        .map(|key| (strsim::damerau_levenshtein(unknown, key), *key))
        .filter(|(distance, _)| *distance <= 3)
        .min();
    match nearest {
        Some((_, key)) => format!("unknown key `{unknown}`; did you mean `{key}`?"),
        None => format!("unknown key `{unknown}`; the keys are {}", KEYS.join(", ")),
    }
}

/// Where the key a settings check names is written: `include: …` names
/// a key, ``replace `Money`: …`` an entry of a table.
fn key_position(text: &str, message: &str) -> Option<(usize, usize)> {
    let head = message.split(": ").next()?;
    let key = match head.split_once('`') {
        Some((_, entry)) => entry.trim_end_matches('`'),
        None => head,
    };
    let key = key.trim();
    let offset = text
        .lines()
        .scan(0, |start, line| {
            let here = *start;
            *start += line.len() + 1;
            Some((here, line))
        })
        .find(|(_, line)| {
            let line = line.trim_start();
            line.starts_with(key) || line.strip_prefix('"').is_some_and(|l| l.starts_with(key))
        })
        .map(|(start, line)| start + line.len() - line.trim_start().len())?;
    Some(line_column(text, offset))
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<SettingsFile, SettingsError> {
        SettingsFile::parse(text, Path::new("oas-gen.toml"))
    }

    #[test]
    fn every_key_reaches_the_settings() {
        let file = parse(
            "crate-name = \"vendor\"\napi-key-env = \"V_KEY\"\ndates-as-strings = true\n\
             wire-tests = true\ninclude = [\"tag:Calls\"]\nexclude = [\"path:/admin/**\"]\n",
        )
        .unwrap();
        let mut settings = Settings::new("default", "spec.yaml");
        file.apply(&mut settings);
        assert_eq!(settings.crate_name, "vendor");
        assert_eq!(settings.api_key_env.as_deref(), Some("V_KEY"));
        assert!(settings.dates_as_strings && settings.wire_tests);
        assert_eq!(settings.include, ["tag:Calls"]);
        assert_eq!(settings.exclude, ["path:/admin/**"]);
        let mut untouched = Settings::new("default", "spec.yaml");
        parse("").unwrap().apply(&mut untouched);
        assert_eq!(untouched.crate_name, "default");
        assert!(untouched.include.is_empty());
    }

    #[test]
    fn an_unknown_key_is_located_and_the_nearest_suggested() {
        let error = parse("include = []\ncrate_nme = \"x\"\n").unwrap_err();
        assert_eq!(error.position, Some((2, 1)));
        assert_eq!(
            error.to_string(),
            "oas-gen.toml:2:1: unknown key `crate_nme`; did you mean `crate-name`?"
        );
        let far = parse("colour = true\n").unwrap_err();
        assert!(far.message.contains("the keys are crate-name"), "{far}");
    }

    #[test]
    fn replacements_and_derives_are_tables() {
        let file = parse(
            "[replace]\n\"#/components/schemas/Money\" = \"rust_decimal::Decimal\"\n\n\
             [derive]\n\"*\" = [\"Hash\"]\nCall = [\"Eq\", \"PartialOrd\"]\n",
        )
        .unwrap();
        let mut settings = Settings::new("c", "s.yaml");
        file.apply(&mut settings);
        assert_eq!(
            settings.replace,
            [(
                "#/components/schemas/Money".to_owned(),
                "rust_decimal::Decimal".to_owned()
            )]
        );
        assert_eq!(settings.derive.len(), 2);
        assert!(settings.derive.contains(&(
            "Call".to_owned(),
            vec!["Eq".to_owned(), "PartialOrd".to_owned()]
        )));
        let error = parse("[replace]\nMoney = \"Vec<u8>\"\n").unwrap_err();
        assert!(
            error.message.contains("`Vec<u8>` is not a Rust path"),
            "{error}"
        );
        assert_eq!(error.position, Some((2, 1)), "{error}");
    }

    #[test]
    fn renames_of_each_kind_reach_the_settings() {
        let file = parse(
            "[rename.types]\nCallRequest = \"Call\"\n[rename.operations]\ndispatchCall = \"dial\"\n\
             [rename.fields]\n\"Call.phone_number\" = \"to\"\n[rename.variants]\n\"Status.in-progress\" = \"Live\"\n",
        )
        .unwrap();
        let mut settings = Settings::new("c", "s.yaml");
        file.apply(&mut settings);
        let pair = |a: &str, b: &str| vec![(a.to_owned(), b.to_owned())];
        assert_eq!(settings.rename.types, pair("CallRequest", "Call"));
        assert_eq!(settings.rename.operations, pair("dispatchCall", "dial"));
        assert_eq!(settings.rename.fields, pair("Call.phone_number", "to"));
        assert_eq!(settings.rename.variants, pair("Status.in-progress", "Live"));
    }

    #[test]
    fn dependencies_are_written_inline_and_checked() {
        let file = parse(
            "[dependencies]\nrust_decimal = { version = \"1\", features = [\"serde-str\"] }\nurl = \"2\"\n",
        )
        .unwrap();
        let mut settings = Settings::new("c", "s.yaml");
        file.apply(&mut settings);
        assert_eq!(
            settings.dependencies,
            [
                (
                    "rust_decimal".to_owned(),
                    "{ features = [\"serde-str\"], version = \"1\" }".to_owned()
                ),
                ("url".to_owned(), "\"2\"".to_owned())
            ]
        );
        let taken = parse("[dependencies]\nserde = \"1\"\n").unwrap_err();
        assert!(taken.message.contains("depends on it already"), "{taken}");
        assert_eq!(taken.position, Some((2, 1)), "{taken}");
        let bad = parse("[dependencies]\n\"a b\" = \"1\"\n").unwrap_err();
        assert!(bad.message.contains("not a crate name"), "{bad}");
        let dated = parse("[dependencies]\nchrono-tz = { version = 1979-05-27 }\n").unwrap_err();
        assert!(dated.message.contains("write a version"), "{dated}");
    }

    #[test]
    fn dependency_keys_are_quoted_only_when_they_are_not_bare() {
        let file = parse(
            "[dependencies]\nx = { default-features = false, package_name = \"y\", \"odd.key\" = 1 }\n",
        )
        .unwrap();
        let mut settings = Settings::new("c", "s.yaml");
        file.apply(&mut settings);
        assert_eq!(
            settings.dependencies[0].1,
            "{ default-features = false, \"odd.key\" = 1, package_name = \"y\" }"
        );
    }

    #[test]
    fn a_wrong_type_and_a_bad_selector_are_located() {
        let error = parse("\nwire-tests = \"yes\"\n").unwrap_err();
        assert_eq!(error.position.map(|p| p.0), Some(2), "{error}");
        let error = parse("crate-name = \"x\"\n  include = [\"Calls\"]\n").unwrap_err();
        assert_eq!(error.position, Some((2, 3)), "{error}");
        assert!(error
            .message
            .contains("`Calls` is not an operation selector"));
    }

    #[test]
    fn the_file_next_to_the_spec_is_found() {
        let dir = std::env::temp_dir().join(format!("oas-gen-settings-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let spec = dir.join("api.yaml");
        assert_eq!(SettingsFile::find(&spec, None).unwrap(), None);
        std::fs::write(dir.join(FILE_NAME), "crate-name = \"found\"\n").unwrap();
        let (path, file) = SettingsFile::find(&spec, None).unwrap().unwrap();
        assert_eq!(path, dir.join(FILE_NAME));
        assert_eq!(file.crate_name.as_deref(), Some("found"));
        let missing = SettingsFile::find(&spec, Some(&dir.join("other.toml"))).unwrap_err();
        assert!(missing.message.starts_with("cannot read it"), "{missing}");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
