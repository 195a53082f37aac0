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
}

impl Settings {
    /// Settings for a crate named `crate_name` from the spec file `spec_name`.
    pub fn new(crate_name: impl Into<String>, spec_name: impl Into<String>) -> Self {
        Self {
            crate_name: crate_name.into(),
            spec_name: spec_name.into(),
            api_key_env: None,
        }
    }
}
