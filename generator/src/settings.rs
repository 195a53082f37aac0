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
        }
    }
}
