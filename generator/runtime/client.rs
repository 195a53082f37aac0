//! The HTTP client: configuration, authentication and sending requests.

// Errors keep the whole response (status, headers, body) for the caller; they
// are the cold path, so their size is not worth a box.
#![allow(clippy::result_large_err)]

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use reqwest::{Method, StatusCode, Url};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::error::{DecodeError, Error, ValidationError, Violation};
use super::response::ResponseValue;

/// How the API expects its key, from the spec's `securitySchemes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthScheme {
    /// The API declares no authentication.
    None,
    /// `Authorization: Bearer <key>`.
    Bearer,
    /// The key in a request header of this name.
    Header(&'static str),
    /// The key in a query parameter of this name.
    Query(&'static str),
}

/// What the spec says about reaching the API; the builder starts from it.
#[derive(Debug, Clone, Copy)]
pub struct ApiDefaults {
    /// `servers[0].url`, when it is absolute.
    pub base_url: Option<&'static str>,
    /// How the key is sent.
    pub auth: AuthScheme,
    /// The environment variable `Client::from_env` reads the key from.
    pub api_key_env: &'static str,
    /// The `User-Agent` header.
    pub user_agent: &'static str,
}

/// The default time allowed to open a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// The default time allowed for a whole request, response body included.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// An API key; its `Debug` output never shows the key.
#[derive(Clone)]
struct ApiKey(Arc<str>);

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

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

/// Configures a [`Client`]: base URL, API key, timeouts, strictness.
#[derive(Debug)]
#[must_use]
pub struct ClientBuilder {
    defaults: ApiDefaults,
    base_url: Option<String>,
    api_key: Option<ApiKey>,
    connect_timeout: Duration,
    timeout: Duration,
    user_agent: String,
    strict: bool,
    http: Option<reqwest::Client>,
}

impl ClientBuilder {
    /// A builder that starts from what the spec says.
    pub fn new(defaults: ApiDefaults) -> Self {
        Self {
            defaults,
            base_url: defaults.base_url.map(str::to_owned),
            api_key: None,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            user_agent: defaults.user_agent.to_owned(),
            strict: false,
            http: None,
        }
    }

    /// Sends requests to this URL instead of the spec's server.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Authenticates with this API key.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(ApiKey(key.into().into()));
        self
    }

    /// Reads the API key from the environment variable the spec's client uses.
    pub fn api_key_from_env(mut self) -> Self {
        if let Ok(key) = std::env::var(self.defaults.api_key_env) {
            self.api_key = Some(ApiKey(key.into()));
        }
        self
    }

    /// Time allowed to open a connection (default 5 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Time allowed for a whole request, body included (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
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
    /// timeouts and user agent then do not apply.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<Client, BuildError> {
        let base_url = self.base_url.ok_or(BuildError::MissingBaseUrl)?;
        Url::parse(&base_url).map_err(|_| BuildError::InvalidBaseUrl(base_url.clone()))?;
        let auth = auth_header(
            self.defaults.auth,
            self.api_key.as_ref(),
            self.defaults.api_key_env,
        )?;
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                .timeout(self.timeout)
                .user_agent(self.user_agent)
                .build()
                .map_err(BuildError::Http)?,
        };
        let query_auth = match (self.defaults.auth, &self.api_key) {
            (AuthScheme::Query(name), Some(key)) => Some((name, key.clone())),
            (AuthScheme::Query(_), None) => {
                return Err(BuildError::MissingApiKey {
                    env: self.defaults.api_key_env,
                })
            }
            _ => None,
        };
        let inner = Inner {
            http,
            query_auth,
            base_url: base_url.trim_end_matches('/').to_owned(),
            auth,
            api_key: self.api_key,
            strict: self.strict,
        };
        Ok(Client {
            inner: Arc::new(inner),
        })
    }
}

fn auth_header(
    scheme: AuthScheme,
    key: Option<&ApiKey>,
    env: &'static str,
) -> Result<Option<(HeaderName, HeaderValue)>, BuildError> {
    let name = match scheme {
        AuthScheme::None | AuthScheme::Query(_) => return Ok(None),
        AuthScheme::Bearer => AUTHORIZATION,
        AuthScheme::Header(name) => {
            HeaderName::from_bytes(name.as_bytes()).map_err(|_| BuildError::InvalidApiKey)?
        }
    };
    let key = key.ok_or(BuildError::MissingApiKey { env })?;
    let text = match scheme {
        AuthScheme::Bearer => format!("Bearer {}", key.0),
        _ => key.0.to_string(),
    };
    let mut value = HeaderValue::from_str(&text).map_err(|_| BuildError::InvalidApiKey)?;
    value.set_sensitive(true);
    Ok(Some((name, value)))
}

/// A client of the API. Cheap to clone: clones share one connection pool.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: String,
    auth: Option<(HeaderName, HeaderValue)>,
    query_auth: Option<(&'static str, ApiKey)>,
    api_key: Option<ApiKey>,
    strict: bool,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("api_key", &self.inner.api_key)
            .field("strict", &self.inner.strict)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// The URL requests are sent to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// Starts a request to `path` (already filled in and encoded).
    #[doc(hidden)]
    pub fn request(&self, method: Method, path_template: &'static str, path: &str) -> Request<'_> {
        let url = format!("{}{}", self.inner.base_url, path);
        Request {
            client: self,
            method,
            path_template,
            url,
            query: Vec::new(),
            headers: HeaderMap::new(),
            body: None,
            violations: Vec::new(),
        }
    }
}

/// A request being put together by an operation.
#[doc(hidden)]
#[derive(Debug)]
pub struct Request<'a> {
    client: &'a Client,
    method: Method,
    path_template: &'static str,
    url: String,
    query: Vec<(String, String)>,
    headers: HeaderMap,
    body: Option<(Vec<u8>, &'static str)>,
    violations: Vec<Violation>,
}

/// A request that could not be sent, or got no response.
#[doc(hidden)]
#[derive(Debug)]
pub enum RequestFailure {
    Invalid(ValidationError),
    Encode(serde_json::Error),
    Timeout(reqwest::Error),
    Transport(reqwest::Error),
}

impl<E> From<RequestFailure> for Error<E> {
    fn from(failure: RequestFailure) -> Self {
        match failure {
            RequestFailure::Invalid(e) => Error::InvalidRequest(e),
            RequestFailure::Encode(e) => Error::Encode(e),
            RequestFailure::Timeout(e) => Error::Timeout(e),
            RequestFailure::Transport(e) => Error::Transport(e),
        }
    }
}

impl<E> From<ValidationError> for Error<E> {
    fn from(error: ValidationError) -> Self {
        Error::InvalidRequest(error)
    }
}

impl Request<'_> {
    /// Adds a query parameter.
    pub fn query(mut self, name: &str, value: impl ToString) -> Self {
        self.query.push((name.to_owned(), value.to_string()));
        self
    }

    /// Adds a query parameter encoded as JSON (objects and other shapes
    /// that have no plain text form).
    pub fn query_json<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        match serde_json::to_string(value) {
            Ok(text) => self.query(name, text),
            Err(_) => self,
        }
    }

    /// Adds a header; an invalid value is reported when sending.
    pub fn header(mut self, name: &'static str, value: impl ToString) -> Self {
        let value = value.to_string();
        match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            (Ok(name), Ok(value)) => {
                self.headers.append(name, value);
            }
            _ => self.violations.push(Violation {
                path: format!("header {name}"),
                message: "not a valid HTTP header value".to_owned(),
            }),
        }
        self
    }

    /// Sets a JSON body.
    pub fn json<T: Serialize + ?Sized>(mut self, body: &T) -> Result<Self, RequestFailure> {
        let bytes = serde_json::to_vec(body).map_err(RequestFailure::Encode)?;
        self.body = Some((bytes, "application/json"));
        Ok(self)
    }

    /// Sets an `application/x-www-form-urlencoded` body.
    pub fn form<T: Serialize + ?Sized>(mut self, body: &T) -> Result<Self, RequestFailure> {
        let text = serde_urlencoded::to_string(body)
            .map_err(|e| invalid("body", format!("cannot be form-encoded: {e}")))?;
        self.body = Some((text.into_bytes(), "application/x-www-form-urlencoded"));
        Ok(self)
    }

    /// Sets a raw body with its content type.
    pub fn raw_body(mut self, body: Vec<u8>, content_type: &'static str) -> Self {
        self.body = Some((body, content_type));
        self
    }

    /// The path template of the operation, as written in the spec.
    pub fn path_template(&self) -> &'static str {
        self.path_template
    }

    /// Sends the request and reads the whole response.
    pub async fn send(self) -> Result<RawResponse, RequestFailure> {
        if !self.violations.is_empty() {
            return Err(RequestFailure::Invalid(ValidationError {
                violations: self.violations,
            }));
        }
        let inner = &self.client.inner;
        let request = self.build_request()?;
        let response = inner.http.execute(request).await.map_err(classify)?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(classify)?;
        Ok(RawResponse {
            status,
            headers,
            body,
            strict: inner.strict,
        })
    }

    fn build_request(self) -> Result<reqwest::Request, RequestFailure> {
        let inner = &self.client.inner;
        let mut url = Url::parse(&self.url).map_err(|e| invalid("url", e.to_string()))?;
        if !self.query.is_empty() || inner.query_auth.is_some() {
            let mut pairs = url.query_pairs_mut();
            for (name, value) in &self.query {
                pairs.append_pair(name, value);
            }
            if let Some((name, key)) = &inner.query_auth {
                pairs.append_pair(name, &key.0);
            }
        }
        let mut request = reqwest::Request::new(self.method, url);
        let headers = request.headers_mut();
        headers.extend(self.headers);
        if let Some((name, value)) = &inner.auth {
            headers.insert(name.clone(), value.clone());
        }
        if let Some((bytes, content_type)) = self.body {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
            *request.body_mut() = Some(bytes.into());
        }
        Ok(request)
    }
}

fn invalid(path: &str, message: String) -> RequestFailure {
    RequestFailure::Invalid(ValidationError {
        violations: vec![Violation {
            path: path.to_owned(),
            message,
        }],
    })
}

fn classify(error: reqwest::Error) -> RequestFailure {
    if error.is_timeout() {
        RequestFailure::Timeout(error)
    } else {
        RequestFailure::Transport(error)
    }
}

/// A whole response, before decoding.
#[doc(hidden)]
#[derive(Debug)]
pub struct RawResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: bytes::Bytes,
    strict: bool,
}

impl RawResponse {
    /// The status as a number, for matching documented statuses.
    pub fn status_code(&self) -> u16 {
        self.status.as_u16()
    }

    /// Decodes a JSON body.
    pub fn json<T: DeserializeOwned + Serialize, E>(self) -> Result<ResponseValue<T>, Error<E>> {
        match decode_json(&self.body, self.strict) {
            Ok(body) => Ok(ResponseValue::new(self.status, self.headers, body)),
            Err(source) => Err(self.decode_failure(source)),
        }
    }

    /// Reads a text body.
    pub fn text<E>(self) -> Result<ResponseValue<String>, Error<E>> {
        match std::str::from_utf8(&self.body) {
            Ok(text) => Ok(ResponseValue::new(
                self.status,
                self.headers.clone(),
                text.to_owned(),
            )),
            Err(e) => Err(self.decode_failure(DecodeError::Utf8(e))),
        }
    }

    /// Keeps a binary body as it is.
    pub fn bytes<E>(self) -> Result<ResponseValue<bytes::Bytes>, Error<E>> {
        Ok(ResponseValue::new(self.status, self.headers, self.body))
    }

    /// A response without a body (or whose body is not documented).
    pub fn empty<E>(self) -> Result<ResponseValue<()>, Error<E>> {
        Ok(ResponseValue::new(self.status, self.headers, ()))
    }

    /// A documented error status: decodes the body into the operation's error variant.
    pub fn error<T: DeserializeOwned + Serialize, E, R>(
        self,
        variant: impl FnOnce(ResponseValue<T>) -> E,
    ) -> Result<R, Error<E>> {
        let value = self.json::<T, E>()?;
        Err(Error::Status(variant(value)))
    }

    /// A documented error status whose body is text.
    pub fn text_error<E, R>(
        self,
        variant: impl FnOnce(ResponseValue<String>) -> E,
    ) -> Result<R, Error<E>> {
        let value = self.text::<E>()?;
        Err(Error::Status(variant(value)))
    }

    /// A documented error status whose body is kept as bytes.
    pub fn bytes_error<E, R>(
        self,
        variant: impl FnOnce(ResponseValue<bytes::Bytes>) -> E,
    ) -> Result<R, Error<E>> {
        Err(Error::Status(variant(ResponseValue::new(
            self.status,
            self.headers,
            self.body,
        ))))
    }

    /// A documented error status without a body.
    pub fn empty_error<E, R>(
        self,
        variant: impl FnOnce(ResponseValue<()>) -> E,
    ) -> Result<R, Error<E>> {
        Err(Error::Status(variant(ResponseValue::new(
            self.status,
            self.headers,
            (),
        ))))
    }

    /// A status the API does not document for this operation.
    pub fn unexpected<R, E>(self) -> Result<R, Error<E>> {
        Err(Error::UnexpectedStatus {
            status: self.status,
            headers: self.headers,
            body: self.body,
        })
    }

    fn decode_failure<E>(self, source: DecodeError) -> Error<E> {
        Error::Decode {
            status: self.status,
            headers: self.headers,
            body: self.body,
            source,
        }
    }
}

/// Decodes JSON; in strict mode, fields the type does not keep are errors.
///
/// Types are generated without `deny_unknown_fields`, so that a server adding
/// a field never breaks a client. Strict mode finds unknown fields by encoding
/// the decoded value again and looking for keys that were lost.
pub fn decode_json<T: DeserializeOwned + Serialize>(
    body: &[u8],
    strict: bool,
) -> Result<T, DecodeError> {
    if !strict {
        let body = if body.is_empty() {
            b"null".as_slice()
        } else {
            body
        };
        return serde_json::from_slice(body).map_err(DecodeError::Json);
    }
    let original: serde_json::Value = serde_json::from_slice(body).map_err(DecodeError::Json)?;
    let value: T = serde_json::from_value(original.clone()).map_err(DecodeError::Json)?;
    let encoded = serde_json::to_value(&value).map_err(DecodeError::Json)?;
    match lost_field(&original, &encoded, String::new()) {
        Some(pointer) => Err(DecodeError::UnknownField { pointer }),
        None => Ok(value),
    }
}

/// The JSON pointer of the first non-null field of `original` missing from `encoded`.
fn lost_field(
    original: &serde_json::Value,
    encoded: &serde_json::Value,
    at: String,
) -> Option<String> {
    use serde_json::Value;
    match (original, encoded) {
        (Value::Object(a), Value::Object(b)) => a.iter().find_map(|(key, value)| {
            let here = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
            match b.get(key) {
                Some(other) => lost_field(value, other, here),
                None if value.is_null() => None,
                None => Some(here),
            }
        }),
        (Value::Array(a), Value::Array(b)) => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, (x, y))| lost_field(x, y, format!("{at}/{i}"))),
        _ => None,
    }
}

/// Percent-encodes one path segment.
pub fn encode_path(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Whether two JSON values are equal, numbers compared by value (`1` and `1.0` are equal).
pub fn same_json(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}
