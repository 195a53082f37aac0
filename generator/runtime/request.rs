//! Sending a request: building it, retrying as the policy allows, reading
//! the whole response, and decoding it for the operation.

// Errors keep the whole response (status, headers, body) for the caller; they
// are the cold path, so their size is not worth a box.
#![allow(clippy::result_large_err)]

use std::borrow::Cow;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, ACCEPT, CONTENT_TYPE, COOKIE};
use reqwest::{Method, StatusCode, Url};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::auth::{cookie_header, placements, Placement};
use super::client::Client;
use super::decode::decode_json;
use super::framing::EventParser;
use super::error::{DecodeError, Error, ValidationError, Violation};
use super::response::{ErrorResponseValue, RawBody, ResponseValue};
use super::retry::{is_idempotent, retry_status};
use super::multipart::Form;
use super::stream::OpenResponse;
use super::upload::{Upload, UploadBody};
use super::style::{cookie_pairs, header_value, query_pair, query_pairs, Style};

/// A request being put together by an operation.
#[doc(hidden)]
#[derive(Debug)]
pub struct Request<'a> {
    client: &'a Client,
    method: Method,
    path_template: &'static str,
    url: String,
    /// Encoded `name=value` pairs, in order.
    query: Vec<String>,
    headers: HeaderMap,
    cookies: Vec<(String, String)>,
    body: Option<(Upload, Cow<'static, str>)>,
    violations: Vec<Violation>,
    security: Option<&'static [&'static [usize]]>,
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
    /// A stream's headers or next chunk did not come in time.
    StreamTimeout(std::time::Duration, u32),
    /// A stream opened again answered with a status that is no stream.
    Reopened(Box<RawResponse>),
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
            RequestFailure::StreamTimeout(waited, retries) => {
                Error::StreamTimeout { waited, retries }
            }
            RequestFailure::Reopened(response) => response.into_unexpected(),
        }
    }
}

impl<E> From<ValidationError> for Error<E> {
    fn from(error: ValidationError) -> Self {
        Error::InvalidRequest(error)
    }
}

impl<'a> Request<'a> {
    pub(super) fn new(
        client: &'a Client,
        method: Method,
        path_template: &'static str,
        url: String,
    ) -> Self {
        Request {
            client,
            method,
            path_template,
            url,
            query: Vec::new(),
            headers: HeaderMap::new(),
            cookies: Vec::new(),
            body: None,
            violations: Vec::new(),
            security: None,
        }
    }

    /// The operation's own security requirement (alternatives of schemes
    /// sent together), where it differs from the API's; `&[]`: public.
    pub fn security(mut self, alternatives: &'static [&'static [usize]]) -> Self {
        self.security = Some(alternatives);
        self
    }

    /// Adds a query parameter in its style; `null` (an absent optional)
    /// adds nothing, and a value that cannot be serialized is reported when
    /// sending.
    pub fn query_param<T: Serialize + ?Sized>(
        mut self,
        name: &str,
        value: &T,
        style: Style,
        explode: bool,
        allow_reserved: bool,
    ) -> Self {
        match query_pairs(name, value, style, explode, allow_reserved) {
            Ok(pairs) => self.query.extend(pairs),
            Err(violation) => self.violations.push(violation),
        }
        self
    }

    /// Adds a header parameter (`simple` style); nothing for `null`.
    pub fn header_param<T: Serialize + ?Sized>(
        mut self,
        name: &'static str,
        value: &T,
        explode: bool,
    ) -> Self {
        match header_value(name, value, explode) {
            Ok(Some(text)) => self.header(name, text),
            Ok(None) => self,
            Err(violation) => {
                self.violations.push(violation);
                self
            }
        }
    }

    /// Adds a cookie parameter (`form` style; nothing for `null`), sent in
    /// one `Cookie` header with any cookie credential.
    pub fn cookie_param<T: Serialize + ?Sized>(
        mut self,
        name: &str,
        value: &T,
        explode: bool,
    ) -> Self {
        match cookie_pairs(name, value, explode) {
            Ok(pairs) => self.cookies.extend(pairs),
            Err(violation) => self.violations.push(violation),
        }
        self
    }

    /// The `Accept` header: the media types the operation's responses
    /// declare and the client reads, preferred first (not reqwest's `*/*`,
    /// so a server that can answer XML or CSV answers what is decoded).
    pub fn accept(mut self, media_types: &'static str) -> Self {
        match HeaderValue::from_str(media_types) {
            Ok(value) => {
                self.headers.insert(ACCEPT, value);
            }
            Err(_) => self.violations.push(Violation {
                path: "accept".to_owned(),
                message: "the response media types are not valid in a header".to_owned(),
            }),
        }
        self
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
        self.body = Some((bytes.into(), Cow::Borrowed("application/json")));
        Ok(self)
    }

    /// Sets a JSON body with its boolean `switch` field set to `on`: the
    /// field by which the API chooses a stream (`"stream": true`) or one
    /// whole body, set by the method that was called.
    pub fn json_switched<T: Serialize + ?Sized>(
        mut self,
        body: &T,
        switch: &str,
        on: bool,
    ) -> Result<Self, RequestFailure> {
        let mut value = serde_json::to_value(body).map_err(RequestFailure::Encode)?;
        if let Some(object) = value.as_object_mut() {
            object.insert(switch.to_owned(), serde_json::Value::Bool(on));
        }
        let bytes = serde_json::to_vec(&value).map_err(RequestFailure::Encode)?;
        self.body = Some((bytes.into(), Cow::Borrowed("application/json")));
        Ok(self)
    }

    /// Sets an `application/x-www-form-urlencoded` body.
    pub fn form<T: Serialize + ?Sized>(mut self, body: &T) -> Result<Self, RequestFailure> {
        let text = serde_urlencoded::to_string(body)
            .map_err(|e| invalid("body", format!("cannot be form-encoded: {e}")))?;
        let form = Cow::Borrowed("application/x-www-form-urlencoded");
        self.body = Some((text.into_bytes().into(), form));
        Ok(self)
    }

    /// Sets a `multipart/form-data` body.
    pub fn multipart(mut self, form: Form) -> Self {
        match form.encode() {
            Ok((bytes, content_type)) => {
                self.body = Some((bytes.into(), Cow::Owned(content_type)));
            }
            Err(violations) => self.violations.extend(violations),
        }
        self
    }

    /// Sets a raw body with its content type.
    pub fn raw_body(mut self, body: impl Into<Upload>, content_type: &'static str) -> Self {
        self.body = Some((body.into(), Cow::Borrowed(content_type)));
        self
    }

    /// Sends the request and reads the whole response, retrying as the
    /// policy and the method allow (see the `retry` module).
    pub async fn send(self) -> Result<RawResponse, RequestFailure> {
        let client = self.client;
        let strict = client.inner.strict;
        let (request, trace) = self.prepared(true)?;
        let read = |response: reqwest::Response, retries| async move {
            let (status, headers) = (response.status(), response.headers().clone());
            let body = response.bytes().await?;
            Ok(RawResponse::new(status, headers, body, strict, retries))
        };
        exchange(client, request, &trace, read).await
    }

    /// Sends the request and returns once the response headers are in; the
    /// body is left to be read as a stream (or whole, for an error status).
    /// Only the headers must come within the total timeout.
    pub async fn open(self) -> Result<OpenResponse, RequestFailure> {
        let client = self.client;
        let idempotent = is_idempotent(&self.method);
        let (request, trace) = self.prepared(false)?;
        let again = if idempotent {
            request.try_clone()
        } else {
            None
        };
        let timeout = client.options.timeout;
        let mut again = Some(again);
        let opened = |response, retries| {
            let (client, again) = (client.clone(), again.take().flatten());
            async move {
                Ok(OpenResponse {
                    client,
                    again,
                    response,
                    retries,
                    idempotent,
                })
            }
        };
        let exchanged = exchange(client, request, &trace, opened);
        match timeout {
            Some(timeout) => tokio::time::timeout(timeout, exchanged)
                .await
                .unwrap_or(Err(RequestFailure::StreamTimeout(timeout, 0))),
            None => exchanged.await,
        }
    }

    /// The request, checked and built, with its trace; `whole`: the total
    /// timeout covers the body too.
    fn prepared(self, whole: bool) -> Result<(reqwest::Request, Trace), RequestFailure> {
        if !self.violations.is_empty() {
            return Err(RequestFailure::Invalid(ValidationError {
                violations: self.violations,
            }));
        }
        let trace = Trace::new(&self.method, self.path_template);
        let timeout = self.client.options.timeout.filter(|_| whole);
        let mut request = self.build_request()?;
        *request.timeout_mut() = timeout;
        Ok((request, trace))
    }

    fn build_request(self) -> Result<reqwest::Request, RequestFailure> {
        let inner = &self.client.inner;
        let security = self.security.unwrap_or(inner.security);
        let credentials = placements(inner.schemes, &inner.credentials, security)
            .map_err(|missing| invalid("credentials", missing.0))?;
        let mut url = Url::parse(&self.url).map_err(|e| invalid("url", e.to_string()))?;
        let query_credentials = credentials.iter().filter_map(|p| match p {
            Placement::Query(name, value) => Some(query_pair(name, value)),
            _ => None,
        });
        // The pairs are encoded already (each style's delimiters left as
        // they are), so they are joined, not encoded again.
        let query: Vec<String> = url
            .query()
            .filter(|q| !q.is_empty())
            .map(str::to_owned)
            .into_iter()
            .chain(self.query)
            .chain(query_credentials)
            .collect();
        if !query.is_empty() {
            url.set_query(Some(&query.join("&")));
        }
        let mut request = reqwest::Request::new(self.method, url);
        let headers = request.headers_mut();
        headers.extend(inner.default_headers.clone());
        headers.extend(self.headers);
        let mut cookies: Vec<(&str, &str)> = self
            .cookies
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
            .collect();
        for placement in &credentials {
            match placement {
                Placement::Header(name, value) => {
                    headers.insert(name.clone(), value.clone());
                }
                Placement::Cookie(name, value) => cookies.push((*name, value.as_str())),
                Placement::Query(..) => {}
            }
        }
        if !cookies.is_empty() {
            let cookie = cookie_header(headers.get(COOKIE), &cookies)
                .ok_or_else(|| invalid("cookie", "a cookie is not valid in a header".to_owned()))?;
            headers.insert(COOKIE, cookie);
        }
        if let Some((bytes, content_type)) = self.body {
            let content_type = HeaderValue::from_str(&content_type).map_err(|_| {
                invalid("body", format!("the content type {content_type:?} is not valid in a header"))
            })?;
            headers.insert(CONTENT_TYPE, content_type);
            *request.body_mut() = Some(match bytes.body {
                UploadBody::Bytes(bytes) => bytes.into(),
                UploadBody::Stream(stream) => stream,
            });
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

/// Sends `request`, retrying as the policy and the method allow (see the
/// `retry` module), and hands the response to `read`; a failure of `read`
/// (the body broke off) is retried like a failure to send.
async fn exchange<R, F, Fut>(
    client: &Client,
    request: reqwest::Request,
    trace: &Trace,
    mut read: F,
) -> Result<R, RequestFailure>
where
    F: FnMut(reqwest::Response, u32) -> Fut,
    Fut: std::future::Future<Output = Result<R, reqwest::Error>>,
{
    #[cfg(feature = "tracing")]
    {
        use tracing::Instrument;
        let span = trace.span.clone();
        attempts(client, request, trace, &mut read)
            .instrument(span)
            .await
    }
    #[cfg(not(feature = "tracing"))]
    attempts(client, request, trace, &mut read).await
}

async fn attempts<R, F, Fut>(
    client: &Client,
    request: reqwest::Request,
    trace: &Trace,
    read: &mut F,
) -> Result<R, RequestFailure>
where
    F: FnMut(reqwest::Response, u32) -> Fut,
    Fut: std::future::Future<Output = Result<R, reqwest::Error>>,
{
    let policy = client.options.retry.clone();
    // A body that cannot be copied (a stream) is sent once, never retried.
    let once = request.try_clone().is_none();
    let mut original = Some(request);
    let mut retries = 0;
    let started = std::time::Instant::now();
    loop {
        trace.attempt(retries, started);
        let attempt = match &original {
            Some(request) if !once => attempt_of(client, request)?,
            _ => {
                let mut request = original.take().ok_or_else(|| {
                    invalid("body", "a streamed body cannot be sent twice".to_owned())
                })?;
                if let Some(hook) = &client.inner.before_send {
                    hook(&mut request);
                }
                request
            }
        };
        let method = attempt.method().clone();
        let last = once || retries >= policy.max_retries;
        let error = match client.inner.http.execute(attempt).await {
            Ok(response) => {
                let status = response.status();
                trace.status(status, started);
                if !last && retry_status(&policy, &method, status, response.headers()) {
                    let wait = policy.delay(retries, Some(response.headers()));
                    tokio::time::sleep(wait).await;
                    retries += 1;
                    continue;
                }
                match read(response, retries).await {
                    Ok(value) => return Ok(value),
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
        if last {
            return Err(classify(error, retries));
        }
        tokio::time::sleep(policy.delay(retries, None)).await;
        retries += 1;
    }
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
pub(super) fn attempt_of(
    client: &Client,
    request: &reqwest::Request,
) -> Result<reqwest::Request, RequestFailure> {
    let Some(mut attempt) = request.try_clone() else {
        return Err(invalid(
            "body",
            "a streamed body cannot be sent twice".to_owned(),
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
    pub(super) fn new(
        status: StatusCode,
        headers: HeaderMap,
        body: bytes::Bytes,
        strict: bool,
        retries: u32,
    ) -> Self {
        RawResponse {
            status,
            headers,
            body,
            strict,
            retries,
        }
    }

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

    /// A documented error status: the operation's variant for it, with the
    /// body decoded, or kept raw when it is not the documented JSON.
    pub fn error<T: DeserializeOwned + Serialize, E, R>(
        self,
        variant: impl FnOnce(ErrorResponseValue<T>) -> E,
    ) -> Result<R, Error<E>> {
        let body = decode_json(&self.body, self.strict).map_err(|e| RawBody {
            content_type: self
                .headers
                .get(CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
            bytes: self.body.clone(),
            reason: e.to_string(),
        });
        let value = ErrorResponseValue::new(self.status, self.headers, body, self.retries);
        Err(Error::Status(variant(value)))
    }

    /// A documented error status whose body is an event stream: its first
    /// event's data, decoded, or the body kept raw.
    pub fn event_error<T: DeserializeOwned + Serialize, E, R>(
        mut self,
        variant: impl FnOnce(ErrorResponseValue<T>) -> E,
    ) -> Result<R, Error<E>> {
        let mut events = std::collections::VecDeque::new();
        let mut parser = EventParser::default();
        parser.push(&self.body, &mut events);
        parser.push(b"\n\n", &mut events);
        if let Some(first) = events.pop_front() {
            if decode_json::<T>(first.data.as_bytes(), self.strict).is_ok() {
                self.body = bytes::Bytes::from(first.data.into_bytes());
            }
        }
        self.error(variant)
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
        Err(self.into_unexpected())
    }

    fn into_unexpected<E>(self) -> Error<E> {
        Error::UnexpectedStatus {
            status: self.status,
            headers: self.headers,
            body: self.body,
            retries: self.retries,
        }
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

