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
use super::retry::{is_idempotent, retry_status, RetryPolicy};

/// A function run on every request just before it is sent (each attempt),
/// for instance to sign it.
pub type BeforeSend = Arc<dyn Fn(&mut reqwest::Request) + Send + Sync>;

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
    api_key: Option<ApiKey>,
    connect_timeout: Duration,
    timeout: Duration,
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
            .field("api_key", &self.api_key)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
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
        if self.invalid_header {
            return Err(BuildError::InvalidHeader);
        }
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
            default_headers: self.default_headers,
            before_send: self.before_send,
        };
        let options = RequestOptions {
            retry: self.retry,
            timeout: None,
        };
        Ok(Client {
            inner: Arc::new(inner),
            options,
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
    options: RequestOptions,
}

/// Settings that can differ per request (see [`Client::with_retry_policy`]).
#[derive(Debug, Clone)]
struct RequestOptions {
    retry: RetryPolicy,
    timeout: Option<Duration>,
}

struct Inner {
    http: reqwest::Client,
    base_url: String,
    auth: Option<(HeaderName, HeaderValue)>,
    query_auth: Option<(&'static str, ApiKey)>,
    api_key: Option<ApiKey>,
    strict: bool,
    default_headers: HeaderMap,
    before_send: Option<BeforeSend>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("api_key", &self.inner.api_key)
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
    /// it (it shares the connection pool): `client.with_retry_policy(RetryPolicy::none()).get_agent(id)`.
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
    Timeout(reqwest::Error, u32),
    Transport(reqwest::Error, u32),
    OutcomeUnknown(reqwest::Error, u32),
}

impl<E> From<RequestFailure> for Error<E> {
    fn from(failure: RequestFailure) -> Self {
        match failure {
            RequestFailure::Invalid(e) => Error::InvalidRequest(e),
            RequestFailure::Encode(e) => Error::Encode(e),
            RequestFailure::Timeout(source, retries) => Error::Timeout { source, retries },
            RequestFailure::Transport(source, retries) => Error::Transport { source, retries },
            RequestFailure::OutcomeUnknown(source, retries) => {
                Error::OutcomeUnknown { source, retries }
            }
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

    /// Sends the request and reads the whole response, retrying as the
    /// policy and the method allow (see the `retry` module).
    pub async fn send(self) -> Result<RawResponse, RequestFailure> {
        let trace = Trace::new(&self.method, self.path_template);
        #[cfg(feature = "tracing")]
        {
            use tracing::Instrument;
            let span = trace.span.clone();
            self.send_attempts(&trace).instrument(span).await
        }
        #[cfg(not(feature = "tracing"))]
        self.send_attempts(&trace).await
    }

    async fn send_attempts(self, trace: &Trace) -> Result<RawResponse, RequestFailure> {
        if !self.violations.is_empty() {
            return Err(RequestFailure::Invalid(ValidationError {
                violations: self.violations,
            }));
        }
        let client = self.client;
        let policy = client.options.retry.clone();
        let request = self.build_request()?;
        let mut retries = 0;
        let started = std::time::Instant::now();
        loop {
            trace.attempt(retries, started);
            let attempt = attempt_of(client, &request)?;
            let method = attempt.method().clone();
            let error = match client.inner.http.execute(attempt).await {
                Ok(response) => {
                    let status = response.status();
                    trace.status(status, started);
                    let headers = response.headers().clone();
                    let retry = retries < policy.max_retries
                        && retry_status(&policy, &method, status, &headers);
                    if retry {
                        tokio::time::sleep(policy.delay(retries, Some(&headers))).await;
                        retries += 1;
                        continue;
                    }
                    match response.bytes().await {
                        Ok(body) => {
                            let strict = client.inner.strict;
                            return Ok(RawResponse {
                                status,
                                headers,
                                body,
                                strict,
                                retries,
                            });
                        }
                        Err(error) => error,
                    }
                }
                Err(error) => error,
            };
            // Nothing was sent when the connection itself failed.
            let unsent = error.is_connect();
            if !unsent && !is_idempotent(&method) {
                return Err(RequestFailure::OutcomeUnknown(error, retries));
            }
            if retries >= policy.max_retries {
                return Err(classify(error, retries));
            }
            tokio::time::sleep(policy.delay(retries, None)).await;
            retries += 1;
        }
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
        *request.timeout_mut() = self.client.options.timeout;
        let headers = request.headers_mut();
        headers.extend(inner.default_headers.clone());
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

/// The request's span, with the `tracing` feature: method, path template
/// (never the filled path, so ids stay out of logs), status, attempt and
/// elapsed time; never headers or bodies. Without the feature, nothing.
struct Trace {
    #[cfg(feature = "tracing")]
    span: tracing::Span,
}

impl Trace {
    fn new(method: &Method, path_template: &'static str) -> Self {
        #[cfg(feature = "tracing")]
        {
            let span = tracing::info_span!(
                "http_request",
                method = %method,
                path = path_template,
                status = tracing::field::Empty,
                attempt = tracing::field::Empty,
                elapsed_ms = tracing::field::Empty,
            );
            Trace { span }
        }
        #[cfg(not(feature = "tracing"))]
        {
            let _ = (method, path_template);
            Trace {}
        }
    }

    fn attempt(&self, retries: u32, started: std::time::Instant) {
        #[cfg(feature = "tracing")]
        {
            self.span.record("attempt", retries + 1);
            self.span
                .record("elapsed_ms", started.elapsed().as_millis() as u64);
        }
        let _ = (retries, started);
    }

    fn status(&self, status: StatusCode, started: std::time::Instant) {
        #[cfg(feature = "tracing")]
        {
            self.span.record("status", status.as_u16());
            self.span
                .record("elapsed_ms", started.elapsed().as_millis() as u64);
        }
        let _ = (status, started);
    }
}

fn classify(error: reqwest::Error, retries: u32) -> RequestFailure {
    if error.is_timeout() {
        RequestFailure::Timeout(error, retries)
    } else {
        RequestFailure::Transport(error, retries)
    }
}

/// A copy of the request for one attempt, with the `before_send` hook applied.
fn attempt_of(
    client: &Client,
    request: &reqwest::Request,
) -> Result<reqwest::Request, RequestFailure> {
    let Some(mut attempt) = request.try_clone() else {
        return Err(invalid(
            "body",
            "a streaming body cannot be sent".to_owned(),
        ));
    };
    if let Some(hook) = &client.inner.before_send {
        hook(&mut attempt);
    }
    Ok(attempt)
}

/// A whole response, before decoding.
#[doc(hidden)]
#[derive(Debug)]
pub struct RawResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: bytes::Bytes,
    strict: bool,
    retries: u32,
}

impl RawResponse {
    /// The status as a number, for matching documented statuses.
    pub fn status_code(&self) -> u16 {
        self.status.as_u16()
    }

    fn value<T>(status: StatusCode, headers: HeaderMap, body: T, retries: u32) -> ResponseValue<T> {
        ResponseValue::new(status, headers, body).with_retries(retries)
    }

    /// Decodes a JSON body.
    pub fn json<T: DeserializeOwned + Serialize, E>(self) -> Result<ResponseValue<T>, Error<E>> {
        match decode_json(&self.body, self.strict) {
            Ok(body) => Ok(Self::value(self.status, self.headers, body, self.retries)),
            Err(source) => Err(self.decode_failure(source)),
        }
    }

    /// Reads a text body.
    pub fn text<E>(self) -> Result<ResponseValue<String>, Error<E>> {
        match String::from_utf8(self.body.to_vec()) {
            Ok(text) => Ok(Self::value(self.status, self.headers, text, self.retries)),
            Err(e) => {
                let source = DecodeError::Utf8(e.utf8_error());
                Err(self.decode_failure(source))
            }
        }
    }

    /// Keeps a binary body as it is.
    pub fn bytes<E>(self) -> Result<ResponseValue<bytes::Bytes>, Error<E>> {
        Ok(Self::value(
            self.status,
            self.headers,
            self.body,
            self.retries,
        ))
    }

    /// A response without a body (or whose body is not documented).
    pub fn empty<E>(self) -> Result<ResponseValue<()>, Error<E>> {
        Ok(Self::value(self.status, self.headers, (), self.retries))
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
        let value = Self::value(self.status, self.headers, self.body, self.retries);
        Err(Error::Status(variant(value)))
    }

    /// A documented error status without a body.
    pub fn empty_error<E, R>(
        self,
        variant: impl FnOnce(ResponseValue<()>) -> E,
    ) -> Result<R, Error<E>> {
        let value = Self::value(self.status, self.headers, (), self.retries);
        Err(Error::Status(variant(value)))
    }

    /// A status the API does not document for this operation.
    pub fn unexpected<R, E>(self) -> Result<R, Error<E>> {
        Err(Error::UnexpectedStatus {
            status: self.status,
            headers: self.headers,
            body: self.body,
            retries: self.retries,
        })
    }

    fn decode_failure<E>(self, source: DecodeError) -> Error<E> {
        Error::Decode {
            status: self.status,
            headers: self.headers,
            body: self.body,
            source,
            retries: self.retries,
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
