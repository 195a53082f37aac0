//! What to generate, beyond the spec: the generated crate's name and the
//! names it quotes.

/// What to generate, beyond the spec.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Name of the generated crate (`slng-agents`).
    pub crate_name: String,
    /// Name of the spec file, for the `@generated` header (no directories, so
    /// output does not depend on where the spec lives).
    pub spec_name: String,
    /// Environment variable holding the API key; derived from the title when `None`.
    pub api_key_env: Option<String>,
    /// The Rust path of the client in example tests (`my_crate::api` when a
    /// build script's output is included in module `api`); the crate name
    /// when `None`.
    pub client_path: Option<String>,
    /// `format: date-time` and `format: date` as `String` instead of the
    /// runtime's `DateTime` and `Date` (chrono values that keep their text).
    pub dates_as_strings: bool,
    /// Pretty-print the code (the default; needs the `format` feature, without
    /// which the code is always written plain). Plain is faster, for output
    /// nobody reads.
    pub pretty: bool,
    /// Also write `tests/wire.rs`: every operation called against a mock
    /// server that validates requests (`scripts/wire.sh`), and empty path
    /// parameters refused; with `tokio` as a dev-dependency.
    pub wire_tests: bool,
    /// Operations to generate, as selectors (`tag:NAME`, `operation:ID`,
    /// `path:GLOB`); every operation when empty. Only the types the kept
    /// operations reach are generated.
    pub include: Vec<String>,
    /// Operations to leave out, as selectors, after `include`.
    pub exclude: Vec<String>,
    /// Schemas (by JSON pointer `#/components/schemas/Money` or Rust type
    /// name) that stand for a Rust type of the user's (a path such as
    /// `rust_decimal::Decimal`): the generated type is an alias of it.
    pub replace: Vec<(String, String)>,
    /// Traits to derive beyond the generated ones, per type (pointer or
    /// name; `*` for every type); the types a type holds get them too.
    pub derive: Vec<(String, Vec<String>)>,
    /// OpenAPI Overlay files applied, in order, to the spec before it is
    /// read (the CLI and the builder read them onto the `Source`).
    pub overlays: Vec<std::path::PathBuf>,
    /// More `[dependencies]` of a generated crate (name, inline TOML value):
    /// the crates of replaced types and derived traits. A build script's
    /// crate declares its own.
    pub dependencies: Vec<(String, String)>,
    /// New names for what the spec names badly (old, new) per kind.
    pub rename: Renames,
}

/// Settings given beside the settings file, by the CLI's flags or the
/// builder's methods: the same fields, and they win over the file's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    /// [`Settings::crate_name`].
    pub crate_name: Option<String>,
    /// [`Settings::api_key_env`].
    pub api_key_env: Option<String>,
    /// [`Settings::dates_as_strings`], when set.
    pub dates_as_strings: bool,
    /// [`Settings::wire_tests`], when set.
    pub wire_tests: bool,
    /// [`Settings::include`], replacing the file's when not empty.
    pub include: Vec<String>,
    /// [`Settings::exclude`], replacing the file's when not empty.
    pub exclude: Vec<String>,
    /// [`Settings::replace`], after the file's.
    pub replace: Vec<(String, String)>,
    /// [`Settings::derive`], after the file's.
    pub derive: Vec<(String, Vec<String>)>,
    /// [`Settings::overlays`], after the file's.
    pub overlays: Vec<std::path::PathBuf>,
    /// [`Settings::rename`], after the file's.
    pub rename: Renames,
}

impl Overrides {
    /// Sets these over `settings` (which holds the defaults and the file's).
    pub fn apply(&self, settings: &mut Settings) {
        if let Some(name) = &self.crate_name {
            settings.crate_name = name.clone();
        }
        if let Some(var) = &self.api_key_env {
            settings.api_key_env = Some(var.clone());
        }
        settings.dates_as_strings |= self.dates_as_strings;
        settings.wire_tests |= self.wire_tests;
        if !self.include.is_empty() {
            settings.include = self.include.clone();
        }
        if !self.exclude.is_empty() {
            settings.exclude = self.exclude.clone();
        }
        settings.replace.extend(self.replace.iter().cloned());
        settings.derive.extend(self.derive.iter().cloned());
        settings.overlays.extend(self.overlays.iter().cloned());
        let (rename, more) = (&mut settings.rename, &self.rename);
        rename.types.extend(more.types.iter().cloned());
        rename.operations.extend(more.operations.iter().cloned());
        rename.fields.extend(more.fields.iter().cloned());
        rename.variants.extend(more.variants.iter().cloned());
    }
}

/// The `rename` setting: (old, new) pairs per kind of name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Renames {
    /// Types, by JSON pointer or generated name.
    pub types: Vec<(String, String)>,
    /// Operations (their methods), by operationId or method name; their
    /// error enum and parameters struct follow.
    pub operations: Vec<(String, String)>,
    /// Fields, as `Type.field` (generated or wire name).
    pub fields: Vec<(String, String)>,
    /// Enum and union variants, as `Type.variant` (wire value, tag or name).
    pub variants: Vec<(String, String)>,
}

impl Settings {
    /// The Rust path of the client, for the example tests.
    pub fn client_path(&self) -> String {
        self.client_path
            .clone()
            .unwrap_or_else(|| self.crate_name.replace('-', "_"))
    }

    /// Settings for a crate named `crate_name` from the spec file `spec_name`.
    pub fn new(crate_name: impl Into<String>, spec_name: impl Into<String>) -> Self {
        Self {
            crate_name: crate_name.into(),
            spec_name: spec_name.into(),
            api_key_env: None,
            client_path: None,
            dates_as_strings: false,
            pretty: true,
            wire_tests: false,
            include: Vec::new(),
            exclude: Vec::new(),
            replace: Vec::new(),
            derive: Vec::new(),
            overlays: Vec::new(),
            dependencies: Vec::new(),
            rename: Renames::default(),
        }
    }
}

/// One operation selector of `include` or `exclude`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    /// Operations with this tag (any of theirs).
    Tag(String),
    /// The operation with this operationId or Rust method name.
    Operation(String),
    /// Operations whose path matches the glob.
    Path(String),
}

impl Selector {
    /// Reads `tag:…`, `operation:…` or `path:…`.
    pub fn parse(text: &str) -> Result<Selector, String> {
        let (kind, value) = text.split_once(':').ok_or_else(|| invalid(text))?;
        let value = value.trim();
        if value.is_empty() {
            return Err(invalid(text));
        }
        match kind.trim() {
            "tag" => Ok(Selector::Tag(value.to_owned())),
            "operation" => Ok(Selector::Operation(value.to_owned())),
            "path" => Ok(Selector::Path(value.to_owned())),
            _ => Err(invalid(text)),
        }
    }
}

fn invalid(text: &str) -> String {
    format!(
        "`{text}` is not an operation selector: write `tag:NAME`, `operation:ID` or \
         `path:GLOB` (`*` within a segment, `**` across segments)"
    )
}

impl Settings {
    /// `source` with the settings' overlays read onto it (their files named
    /// as given); `Err` names an overlay that cannot be read.
    pub fn read_overlays(&self, mut source: crate::Source) -> Result<crate::Source, String> {
        for path in &self.overlays {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read the overlay {}: {e}", path.display()))?;
            source = source.with_overlay(path.display().to_string(), text);
        }
        Ok(source)
    }

    /// Checks what can be checked without the spec: every selector parses,
    /// every replacement and derive is a Rust path.
    pub fn check(&self) -> Result<(), String> {
        for (key, list) in [("include", &self.include), ("exclude", &self.exclude)] {
            for text in list {
                Selector::parse(text).map_err(|e| format!("{key}: {e}"))?;
            }
        }
        for (schema, path) in &self.replace {
            crate::naming::check_rust_path(path).map_err(|e| format!("replace `{schema}`: {e}"))?;
        }
        for (schema, traits) in &self.derive {
            for name in traits {
                crate::naming::check_rust_path(name)
                    .map_err(|e| format!("derive `{schema}`: {e}"))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switches_set_on_the_command_line_add_to_the_file_s_never_clear_them() {
        for (file, flag) in [(false, false), (false, true), (true, false), (true, true)] {
            let mut settings = Settings::new("c", "api.yaml");
            settings.dates_as_strings = file;
            settings.wire_tests = file;
            let overrides = Overrides {
                dates_as_strings: flag,
                wire_tests: flag,
                ..Overrides::default()
            };
            overrides.apply(&mut settings);
            assert_eq!(settings.dates_as_strings, file || flag, "{file} {flag}");
            assert_eq!(settings.wire_tests, file || flag, "{file} {flag}");
        }
    }

    #[test]
    fn lists_given_as_overrides_replace_filters_and_add_to_the_rest() {
        let mut settings = Settings::new("c", "api.yaml");
        settings.include = vec!["tag:a".into()];
        settings.exclude = vec!["path:/x".into()];
        settings.replace = vec![("Money".into(), "crate::Money".into())];
        let overrides = Overrides {
            crate_name: Some("d".into()),
            api_key_env: Some("D_KEY".into()),
            include: vec!["tag:b".into()],
            replace: vec![("Id".into(), "uuid::Uuid".into())],
            ..Overrides::default()
        };
        overrides.apply(&mut settings);
        assert_eq!(settings.crate_name, "d");
        assert_eq!(settings.api_key_env.as_deref(), Some("D_KEY"));
        assert_eq!(settings.include, ["tag:b"]);
        assert_eq!(
            settings.exclude,
            ["path:/x"],
            "no exclude given: the file's stays"
        );
        assert_eq!(settings.replace.len(), 2);
    }

    #[test]
    fn selectors_say_what_they_select() {
        assert_eq!(
            Selector::parse("tag:Calls"),
            Ok(Selector::Tag("Calls".into()))
        );
        assert_eq!(
            Selector::parse("operation:dispatchCall"),
            Ok(Selector::Operation("dispatchCall".into()))
        );
        assert_eq!(
            Selector::parse(" path : /v1/** "),
            Ok(Selector::Path("/v1/**".into()))
        );
        for bad in ["Calls", "tag:", "verb:get"] {
            let error = Selector::parse(bad).unwrap_err();
            assert!(error.contains("tag:NAME"), "{error}");
        }
    }
}
