//! The HTTP client: configuration (base URL, key, timeouts, retries) and
//! authentication. Sending is in `request`.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, Url};

use super::auth::{prepare, Credential, Prepared, Scheme, TokenCallback};
use super::request::Request;
use super::retry::RetryPolicy;

/// A function run on every request just before it is sent (each attempt),
/// for instance to sign it.
pub type BeforeSend = Arc<dyn Fn(&mut reqwest::Request) + Send + Sync>;

/// What the spec says about reaching the API; the builder starts from it.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct ApiDefaults {
    /// `servers[0].url`, when it is absolute.
    pub base_url: Option<&'static str>,
    /// The security schemes the client can send.
    pub schemes: &'static [Scheme],
    /// What operations require unless they say otherwise: alternatives of
    /// schemes (indices into `schemes`) sent together.
    pub security: &'static [&'static [usize]],
    /// Some operation needs no credentials (the spec's `security: []` or an
    /// empty alternative), so a client without any is of use.
    pub public_operations: bool,
    /// The scheme [`ClientBuilder::api_key`] sets.
    pub primary: Option<usize>,
    /// The `User-Agent` header.
    pub user_agent: &'static str,
}

/// The default time allowed to open a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// The default time allowed for a whole request, response body included
/// (for a streamed body: until its response headers).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// The default time a streamed body may stay silent between two chunks.
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(60);

/// Why a [`Client`] could not be built.
#[derive(Debug)]
#[non_exhaustive]
pub enum BuildError {
    /// The spec names no absolute server URL and none was given.
    MissingBaseUrl,
    /// The base URL does not parse.
    InvalidBaseUrl(String),
    /// The API needs a key and none was given (nor found in the environment).
    MissingApiKey {
        /// The environment variable that was read.
        env: &'static str,
    },
    /// The API key holds characters that cannot go into an HTTP header.
    InvalidApiKey,
    /// A default header has an invalid name or value.
    InvalidHeader,
    /// The HTTP client could not be set up (TLS, for instance).
    Http(reqwest::Error),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::MissingBaseUrl => f.write_str(
                "no base URL: the spec names no absolute server, set one with `base_url`",
            ),
            BuildError::InvalidBaseUrl(url) => write!(f, "invalid base URL `{url}`"),
            BuildError::MissingApiKey { env } => write!(
                f,
                "no API key: pass one or set the {env} environment variable"
            ),
            BuildError::InvalidApiKey => {
                f.write_str("the API key holds characters not allowed in an HTTP header")
            }
            BuildError::InvalidHeader => {
                f.write_str("a default header has an invalid name or value")
            }
            BuildError::Http(_) => f.write_str("could not set up the HTTP client"),
        }
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BuildError::Http(e) => Some(e),
            _ => None,
        }
    }
}

/// Configures a [`Client`]: base URL, API key, timeouts, retries, strictness.
#[must_use]
pub struct ClientBuilder {
    defaults: ApiDefaults,
    base_url: Option<String>,
    credentials: Vec<Option<Credential>>,
    connect_timeout: Duration,
    timeout: Duration,
    read_timeout: Duration,
    user_agent: String,
    strict: bool,
    http: Option<reqwest::Client>,
    retry: RetryPolicy,
    default_headers: HeaderMap,
    before_send: Option<BeforeSend>,
    invalid_header: bool,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("credentials", &self.credentials)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("read_timeout", &self.read_timeout)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// A builder that starts from what the spec says (generated crates call
    /// it through `Client::builder()`).
    #[doc(hidden)]
    pub fn new(defaults: ApiDefaults) -> Self {
        Self {
            defaults,
            base_url: defaults.base_url.map(str::to_owned),
            credentials: vec![None; defaults.schemes.len()],
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            read_timeout: DEFAULT_READ_TIMEOUT,
            user_agent: defaults.user_agent.to_owned(),
            strict: false,
            http: None,
            retry: RetryPolicy::default(),
            default_headers: HeaderMap::new(),
            before_send: None,
            invalid_header: false,
        }
    }

    /// How requests are retried (default: [`RetryPolicy::default`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// A header sent with every request.
    pub fn default_header(mut self, name: &str, value: &str) -> Self {
        match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            (Ok(name), Ok(value)) => {
                self.default_headers.append(name, value);
            }
            _ => self.invalid_header = true,
        }
        self
    }

    /// Runs `hook` on every request just before it is sent (each attempt).
    pub fn before_send(
        mut self,
        hook: impl Fn(&mut reqwest::Request) + Send + Sync + 'static,
    ) -> Self {
        self.before_send = Some(Arc::new(hook));
        self
    }

    /// Sends requests to this URL instead of the spec's server.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Authenticates with this API key (or token), sent as the API's main
    /// security scheme says.
    pub fn api_key(self, key: impl Into<String>) -> Self {
        match self.defaults.primary {
            Some(scheme) => self.secret(scheme, key),
            None => self,
        }
    }

    /// Reads every credential from its environment variable (the crate docs
    /// list them); variables that are not set are skipped.
    pub fn api_key_from_env(mut self) -> Self {
        for (i, scheme) in self.defaults.schemes.iter().enumerate() {
            if let Ok(value) = std::env::var(scheme.env) {
                self.credentials[i] = Some(Credential::from_env_value(scheme.kind, value));
            }
        }
        self
    }

    /// Sets the key or token of scheme number `scheme` (generated builder
    /// methods call it, one per scheme).
    #[doc(hidden)]
    pub fn secret(mut self, scheme: usize, value: impl Into<String>) -> Self {
        if let Some(slot) = self.credentials.get_mut(scheme) {
            *slot = Some(Credential::Secret(value.into().into()));
        }
        self
    }

    /// Sets the username and password of basic scheme number `scheme`.
    #[doc(hidden)]
    pub fn basic(
        mut self,
        scheme: usize,
        username: impl Into<String>,
        password: impl Into<String>,
    ) -> Self {
        if let Some(slot) = self.credentials.get_mut(scheme) {
            *slot = Some(Credential::Basic(
                username.into().into(),
                password.into().into(),
            ));
        }
        self
    }

    /// Asks `token` for the bearer token of scheme number `scheme` on every
    /// request (for tokens that are refreshed).
    #[doc(hidden)]
    pub fn token_callback(
        mut self,
        scheme: usize,
        token: impl Fn() -> String + Send + Sync + 'static,
    ) -> Self {
        if let Some(slot) = self.credentials.get_mut(scheme) {
            let token: TokenCallback = Arc::new(token);
            *slot = Some(Credential::Callback(token));
        }
        self
    }

    /// Time allowed to open a connection (default 5 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Time allowed for a whole request, body included (default 60 s). A
    /// streamed body (events, JSON lines, a byte stream) is not held to it
    /// once its headers are in: the read timeout applies to it instead.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Time a streamed body may stay silent between two chunks (default
    /// 60 s); a server that sends keep-alive comments stays within it.
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.read_timeout = timeout;
        self
    }

    /// Replaces the `User-Agent` header.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Strict mode: a response field that the schema does not know is a
    /// decode error. Off by default, so that a server adding a field never
    /// breaks a client; meant for tests.
    pub fn strict_responses(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Uses this `reqwest::Client` (proxies, custom TLS); the builder's
    /// connect timeout and user agent then do not apply (its total and read
    /// timeouts still do, per request).
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<Client, BuildError> {
        if self.invalid_header {
            return Err(BuildError::InvalidHeader);
        }
        let credentials = self.prepared_credentials()?;
        let base_url = self.base_url.ok_or(BuildError::MissingBaseUrl)?;
        Url::parse(&base_url).map_err(|_| BuildError::InvalidBaseUrl(base_url.clone()))?;
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                .user_agent(self.user_agent)
                .build()
                .map_err(BuildError::Http)?,
        };
        let inner = Inner {
            http,
            base_url: base_url.trim_end_matches('/').to_owned(),
            schemes: self.defaults.schemes,
            security: self.defaults.security,
            credentials,
            strict: self.strict,
            default_headers: self.default_headers,
            before_send: self.before_send,
        };
        let options = RequestOptions {
            retry: self.retry,
            timeout: Some(self.timeout),
            read_timeout: self.read_timeout,
        };
        Ok(Client {
            inner: Arc::new(inner),
            options,
        })
    }
}

impl ClientBuilder {
    /// Every credential, encoded once for all requests; each must fit in a
    /// request, and an API whose operations all need credentials needs at
    /// least one of them: a client without is a mistake better found before
    /// the first request. Where some operation is public, a client without
    /// credentials is built, and only the operations that need one refuse
    /// to send (`Error::InvalidRequest`).
    fn prepared_credentials(&self) -> Result<Vec<Option<Prepared>>, BuildError> {
        let prepared = self
            .defaults
            .schemes
            .iter()
            .zip(&self.credentials)
            .map(|(scheme, credential)| match credential {
                Some(credential) => prepare(scheme, credential)
                    .map(Some)
                    .ok_or(BuildError::InvalidApiKey),
                None => Ok(None),
            })
            .collect::<Result<Vec<_>, _>>()?;
        let security = self.defaults.security;
        let anonymous = self.defaults.public_operations
            || security.is_empty()
            || security.iter().any(|a| a.is_empty());
        let satisfied = security
            .iter()
            .any(|a| a.iter().all(|&i| matches!(self.credentials.get(i), Some(Some(_)))));
        match (anonymous || satisfied, self.defaults.primary) {
            (false, Some(primary)) => Err(BuildError::MissingApiKey {
                env: self.defaults.schemes[primary].env,
            }),
            _ => Ok(prepared),
        }
    }
}

/// A client of the API. Cheap to clone: clones share one connection pool.
#[derive(Clone)]
pub struct Client {
    pub(super) inner: Arc<Inner>,
    pub(super) options: RequestOptions,
}

/// Settings that can differ per request (see [`Client::with_retry_policy`]).
#[derive(Debug, Clone)]
pub(super) struct RequestOptions {
    pub(super) retry: RetryPolicy,
    /// The total timeout, set on each request (not on the `reqwest`
    /// client, which would cut streams).
    pub(super) timeout: Option<Duration>,
    pub(super) read_timeout: Duration,
}

pub(super) struct Inner {
    pub(super) http: reqwest::Client,
    pub(super) base_url: String,
    pub(super) schemes: &'static [Scheme],
    pub(super) security: &'static [&'static [usize]],
    pub(super) credentials: Vec<Option<Prepared>>,
    pub(super) strict: bool,
    pub(super) default_headers: HeaderMap,
    pub(super) before_send: Option<BeforeSend>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("credentials", &self.inner.credentials)
            .field("strict", &self.inner.strict)
            .field("retry", &self.options.retry)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// The URL requests are sent to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// This client with another retry policy, for the requests made through
    /// it (it shares the connection pool): `client.with_retry_policy(RetryPolicy::none())`
    /// followed by any operation sends that one request without retries.
    pub fn with_retry_policy(&self, policy: RetryPolicy) -> Client {
        let mut client = self.clone();
        client.options.retry = policy;
        client
    }

    /// This client with another total timeout for the requests made through it.
    pub fn with_timeout(&self, timeout: Duration) -> Client {
        let mut client = self.clone();
        client.options.timeout = Some(timeout);
        client
    }

    /// This client with another read timeout (the silence allowed between
    /// two chunks of a streamed body) for the requests made through it.
    pub fn with_read_timeout(&self, timeout: Duration) -> Client {
        let mut client = self.clone();
        client.options.read_timeout = timeout;
        client
    }

    /// Starts a request to `path` (already filled in and encoded).
    #[doc(hidden)]
    pub fn request(&self, method: Method, path_template: &'static str, path: &str) -> Request<'_> {
        let url = format!("{}{}", self.inner.base_url, path);
        Request::new(self, method, path_template, url)
    }
}
