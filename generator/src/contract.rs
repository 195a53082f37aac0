//! What the generated code and the runtime (`generator/runtime/`) must agree
//! on, in one place. Emit, lowering, the manifest and the conformance runner
//! read it from here; `tests/contract.rs` (root crate) and this module's tests
//! compare it with the runtime's own constants and sources, so the two cannot
//! drift apart silently.

/// The hand-written runtime shipped in every generated crate: (module, source).
pub const RUNTIME: &[(&str, &str)] = &[
    ("auth", include_str!("../runtime/auth.rs")),
    ("client", include_str!("../runtime/client.rs")),
    ("datetime", include_str!("../runtime/datetime.rs")),
    ("decode", include_str!("../runtime/decode.rs")),
    ("enums", include_str!("../runtime/enums.rs")),
    ("error", include_str!("../runtime/error.rs")),
    ("framing", include_str!("../runtime/framing.rs")),
    ("nullable", include_str!("../runtime/nullable.rs")),
    ("paging", include_str!("../runtime/paging.rs")),
    ("record", include_str!("../runtime/record.rs")),
    ("multipart", include_str!("../runtime/multipart.rs")),
    ("request", include_str!("../runtime/request.rs")),
    ("response", include_str!("../runtime/response.rs")),
    ("retry", include_str!("../runtime/retry.rs")),
    ("stream", include_str!("../runtime/stream.rs")),
    ("style", include_str!("../runtime/style.rs")),
    ("union", include_str!("../runtime/union.rs")),
    ("upload", include_str!("../runtime/upload.rs")),
    ("validate", include_str!("../runtime/validate.rs")),
];

/// Methods of the runtime's `Client` and the generated root's `impl Client`;
/// an operation may not take their names.
pub const CLIENT_METHODS: &[&str] = &[
    "base_url",
    "builder",
    "clone",
    "fmt",
    "from_env",
    "new",
    "request",
    "with_read_timeout",
    "with_retry_policy",
    "with_timeout",
];

/// The public methods of the runtime's `ClientBuilder`: a security scheme's
/// builder methods (its credential, its token callback) may not take them.
pub const BUILDER_METHODS: &[&str] = &[
    "new",
    "build",
    "base_url",
    "api_key",
    "api_key_from_env",
    "credentials_from_env",
    "connect_timeout",
    "timeout",
    "read_timeout",
    "user_agent",
    "strict_responses",
    "http_client",
    "retry_policy",
    "default_header",
    "before_send",
    "secret",
    "basic",
    "token_callback",
];

/// Names the body of a generated operation method uses for its own locals; a
/// parameter may not take them.
pub const METHOD_LOCALS: &[&str] = &[
    "body",
    "params",
    "path",
    "request",
    "response",
    "violations",
    "out",
    "value",
    "item",
    "key",
    "index",
];

/// HTTP methods the runtime retries like any idempotent request (RFC 9110
/// §9.2.2); every other method is retried only when it never left.
pub const IDEMPOTENT_METHODS: &[&str] =
    &["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE", "QUERY"];

/// Whether the runtime treats `method` (upper case) as idempotent.
pub fn is_idempotent(method: &str) -> bool {
    IDEMPOTENT_METHODS.contains(&method)
}

/// The runtime defaults that generated docs quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuntimeDefaults {
    /// `RetryPolicy::default().max_retries`.
    pub max_retries: u32,
    /// `RetryPolicy::default().statuses`.
    pub retried_statuses: &'static [u16],
    /// `DEFAULT_CONNECT_TIMEOUT`, in seconds.
    pub connect_timeout_secs: u64,
    /// `DEFAULT_TIMEOUT`, in seconds.
    pub timeout_secs: u64,
    /// `DEFAULT_READ_TIMEOUT`, in seconds.
    pub read_timeout_secs: u64,
}

/// The runtime's defaults.
pub const DEFAULTS: RuntimeDefaults = RuntimeDefaults {
    max_retries: 2,
    retried_statuses: &[408, 429, 500, 502, 503, 504],
    connect_timeout_secs: 5,
    timeout_secs: 60,
    read_timeout_secs: 60,
};

/// What a failing example test's panic message starts with; the conformance
/// runner finds failures by it.
pub const EXAMPLE_FAILURE: &str = "the example at ";

/// The end of the message of an example that decoded but came back different.
pub const ROUND_TRIP_CHANGED: &str = "changed in a round trip";

/// What the runtime says of a value that is not in its schema's `format`
/// (a date that is not a date); the conformance runner counts such
/// examples as the spec's defects.
pub const FORMAT_MISMATCH: &str = " is not in format ";

/// A dependency of the generated code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dependency {
    /// The crate's name.
    pub name: &'static str,
    /// The version requirement.
    pub version: &'static str,
    /// Features beyond the default ones.
    pub features: &'static [&'static str],
    /// Whether the crate's default features are off.
    pub no_default_features: bool,
    /// Optional, behind the feature of the same name.
    pub optional: bool,
    /// Features without which the generated code does not compile and
    /// that the crate does not enable by default (checked in a user's
    /// manifest by the build-script builder).
    pub needs: &'static [&'static str],
}

const fn dependency(name: &'static str, version: &'static str) -> Dependency {
    Dependency {
        name,
        version,
        features: &[],
        no_default_features: false,
        optional: false,
        needs: &[],
    }
}

/// Every crate the generated code and the runtime name, sorted by name. The
/// generated manifest lists them; a crate that `include!`s the single-file
/// output must depend on them too.
pub const DEPENDENCIES: &[Dependency] = &[
    dependency("base64", "0.22"),
    dependency("bytes", "1"),
    Dependency {
        features: &["std"],
        no_default_features: true,
        ..dependency("chrono", "0.4.38")
    },
    Dependency {
        features: &["std"],
        no_default_features: true,
        ..dependency("futures-util", "0.3.31")
    },
    Dependency {
        features: &["http2", "stream"],
        no_default_features: true,
        ..dependency("reqwest", "0.13.2")
    },
    Dependency {
        features: &["derive"],
        needs: &["derive"],
        ..dependency("serde", "1.0.200")
    },
    dependency("serde_json", "1.0.120"),
    dependency("serde_urlencoded", "0.7"),
    Dependency {
        features: &["time"],
        no_default_features: true,
        needs: &["time"],
        ..dependency("tokio", "1.38")
    },
    Dependency {
        features: &["std"],
        no_default_features: true,
        optional: true,
        ..dependency("tracing", "0.1.40")
    },
    Dependency {
        features: &["serde"],
        needs: &["serde"],
        ..dependency("uuid", "1.10")
    },
];

impl Dependency {
    /// The line of a `[dependencies]` table that declares it.
    pub fn toml_line(&self) -> String {
        let mut parts = vec![format!("version = \"{}\"", self.version)];
        if self.optional {
            parts.push("optional = true".to_owned());
        }
        if self.no_default_features {
            parts.push("default-features = false".to_owned());
        }
        if !self.features.is_empty() {
            let features: Vec<String> = self.features.iter().map(|f| format!("\"{f}\"")).collect();
            parts.push(format!("features = [{}]", features.join(", ")));
        }
        if parts.len() == 1 {
            return format!("{} = \"{}\"", self.name, self.version);
        }
        format!("{} = {{ {} }}", self.name, parts.join(", "))
    }
}

/// The environment variable the generated wire tests read the mock
/// server's URL from (`scripts/wire.sh` sets it).
pub const MOCK_URL_ENV: &str = "OAS_GEN_MOCK_URL";

/// A parameter's serialization style (OpenAPI's `style` keyword).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamStyle {
    /// `name=value` (query, cookie).
    Form,
    /// Lists separated by spaces (query).
    SpaceDelimited,
    /// Lists separated by pipes (query).
    PipeDelimited,
    /// `name[key]=value` (query objects).
    DeepObject,
    /// Comma-separated (path, header).
    Simple,
    /// `.value` (path).
    Label,
    /// `;name=value` (path).
    Matrix,
}

impl ParamStyle {
    /// Every style, in the order of the runtime's `enum Style`.
    pub const ALL: [ParamStyle; 7] = [
        ParamStyle::Form,
        ParamStyle::SpaceDelimited,
        ParamStyle::PipeDelimited,
        ParamStyle::DeepObject,
        ParamStyle::Simple,
        ParamStyle::Label,
        ParamStyle::Matrix,
    ];

    /// The runtime's name (`runtime/style.rs`, `enum Style`) for the style.
    pub fn runtime_variant(self) -> &'static str {
        match self {
            ParamStyle::Form => "Form",
            ParamStyle::SpaceDelimited => "SpaceDelimited",
            ParamStyle::PipeDelimited => "PipeDelimited",
            ParamStyle::DeepObject => "DeepObject",
            ParamStyle::Simple => "Simple",
            ParamStyle::Label => "Label",
            ParamStyle::Matrix => "Matrix",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runtime(name: &str) -> &'static str {
        RUNTIME
            .iter()
            .find(|(module, _)| *module == name)
            .map(|(_, text)| *text)
            .unwrap_or_else(|| panic!("no runtime module {name}"))
    }

    #[test]
    fn every_parameter_style_is_a_variant_of_the_runtime_s_style() {
        let text = runtime("style");
        let body = &text[text.find("pub enum Style {").expect("enum Style")..];
        let body = &body[..body.find("\n}").expect("end of enum Style")];
        let variants: Vec<&str> = body
            .lines()
            .map(str::trim)
            .filter_map(|line| line.strip_suffix(','))
            .collect();
        let named: Vec<&str> = ParamStyle::ALL.map(ParamStyle::runtime_variant).to_vec();
        assert_eq!(named, variants);
    }

    #[test]
    fn every_crate_the_runtime_imports_is_declared() {
        let local = ["std", "core", "alloc", "crate", "super", "self"];
        for (module, text) in RUNTIME {
            let imports = text.lines().filter_map(|line| {
                let path = line.trim().strip_prefix("use ")?.trim_start_matches("::");
                path.split("::").next()
            });
            for krate in imports {
                let known = local.contains(&krate)
                    || DEPENDENCIES
                        .iter()
                        .any(|d| d.name.replace('-', "_") == krate);
                assert!(
                    known,
                    "runtime/{module}.rs imports `{krate}`, not in DEPENDENCIES"
                );
            }
        }
    }

    #[test]
    fn the_client_methods_are_the_runtime_clients_methods() {
        let client = runtime("client");
        for method in CLIENT_METHODS {
            let generated_root = ["new", "from_env", "builder"].contains(method);
            let derived = ["clone", "fmt"].contains(method);
            let found = client.contains(&format!("pub fn {method}("))
                || client.contains(&format!("pub fn {method}<"));
            assert!(
                generated_root || derived || found,
                "CLIENT_METHODS names `{method}`, which runtime/client.rs does not define"
            );
        }
        // And the other way: every public method of the runtime is listed.
        let impl_client = client
            .split("impl Client {")
            .nth(1)
            .expect("runtime/client.rs has `impl Client`");
        let body = impl_client.split("\n}\n").next().unwrap_or_default();
        for line in body.lines() {
            let Some(rest) = line.trim().strip_prefix("pub fn ") else {
                continue;
            };
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            assert!(
                CLIENT_METHODS.contains(&name.as_str()),
                "runtime `Client::{name}` is missing from CLIENT_METHODS"
            );
        }
    }

    #[test]
    fn the_builder_methods_are_the_runtime_builders_public_methods() {
        let client = runtime("client");
        let mut public = Vec::new();
        for block in client.split("\nimpl ClientBuilder {").skip(1) {
            let body = block.split("\n}\n").next().unwrap_or_default();
            public.extend(body.lines().filter_map(|line| {
                let rest = line.trim().strip_prefix("pub fn ")?;
                rest.split(['(', '<']).next()
            }));
        }
        public.sort_unstable();
        let mut listed = BUILDER_METHODS.to_vec();
        listed.sort_unstable();
        // `credentials_from_env` is generated into the crate root's builder.
        listed.retain(|m| *m != "credentials_from_env");
        assert_eq!(public, listed);
    }

    #[test]
    fn the_runtime_says_format_mismatch_as_the_runner_expects() {
        let datetime = runtime("datetime");
        assert!(
            datetime.contains(&format!("{{:?}}{FORMAT_MISMATCH}{{}}")),
            "runtime/datetime.rs"
        );
    }

    #[test]
    fn dependency_lines_are_toml() {
        let lines: Vec<String> = DEPENDENCIES.iter().map(Dependency::toml_line).collect();
        assert_eq!(lines[0], "base64 = \"0.22\"");
        assert_eq!(
            lines[4],
            "reqwest = { version = \"0.13.2\", default-features = false, features = [\"http2\", \"stream\"] }"
        );
        assert_eq!(
            lines[9],
            "tracing = { version = \"0.1.40\", optional = true, default-features = false, features = [\"std\"] }"
        );
        let mut names: Vec<&str> = DEPENDENCIES.iter().map(|d| d.name).collect();
        names.sort_unstable();
        assert!(
            names.windows(2).all(|w| w[0] < w[1]),
            "sorted, no duplicates"
        );
    }
}
