//! A decoded response with its status and headers.

use std::ops::Deref;

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

/// A decoded response body, with the status and headers it came with.
///
/// Dereferences to the body, so fields can be read directly.
#[derive(Debug, Clone)]
pub struct ResponseValue<T> {
    status: StatusCode,
    headers: HeaderMap,
    body: T,
    retries: u32,
}

impl<T> ResponseValue<T> {
    /// Wraps a body with its status and headers.
    pub fn new(status: StatusCode, headers: HeaderMap, body: T) -> Self {
        Self {
            status,
            headers,
            body,
            retries: 0,
        }
    }

    /// Records how many retries it took.
    pub fn with_retries(mut self, retries: u32) -> Self {
        self.retries = retries;
        self
    }

    /// How many times the request was retried before this response.
    pub fn retries(&self) -> u32 {
        self.retries
    }

    /// The request id the server sent in a header (`x-request-id` and kin).
    pub fn request_id(&self) -> Option<&str> {
        super::error::header_request_id(&self.headers)
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The decoded body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// Takes the decoded body, dropping status and headers.
    pub fn into_inner(self) -> T {
        self.body
    }

    /// Converts the body, keeping status and headers.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> ResponseValue<U> {
        ResponseValue::new(self.status, self.headers, f(self.body)).with_retries(self.retries)
    }
}

impl<T> Deref for ResponseValue<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.body
    }
}

/// A documented error response: status, headers, and the body, decoded when
/// it is the documented JSON and kept as it came when it is not (an HTML
/// page from a proxy, an empty or truncated body). Matching on the variant
/// works either way; [`ErrorResponseValue::body`] reads the decoded body.
#[derive(Debug, Clone)]
pub struct ErrorResponseValue<T> {
    status: StatusCode,
    headers: HeaderMap,
    body: Result<T, RawBody>,
    retries: u32,
}

/// A body that did not decode as documented, as it came.
#[derive(Debug, Clone)]
pub struct RawBody {
    /// The `Content-Type` header, when there was one.
    pub content_type: Option<String>,
    /// The bytes.
    pub bytes: bytes::Bytes,
    /// Why it did not decode.
    pub reason: String,
}

impl<T> ErrorResponseValue<T> {
    /// A decoded body, or the raw one with the reason it did not decode.
    pub fn new(status: StatusCode, headers: HeaderMap, body: Result<T, RawBody>, retries: u32) -> Self {
        Self {
            status,
            headers,
            body,
            retries,
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// How many times the request was retried before this response.
    pub fn retries(&self) -> u32 {
        self.retries
    }

    /// The request id the server sent in a header (`x-request-id` and kin).
    pub fn request_id(&self) -> Option<&str> {
        super::error::header_request_id(&self.headers)
    }

    /// The decoded body; `None` when the body was not the documented JSON
    /// (see [`ErrorResponseValue::raw_body`]).
    pub fn body(&self) -> Option<&T> {
        self.body.as_ref().ok()
    }

    /// Takes the decoded body, or the raw one.
    pub fn into_body(self) -> Result<T, RawBody> {
        self.body
    }

    /// The body as it came, when it did not decode as documented.
    pub fn raw_body(&self) -> Option<&RawBody> {
        self.body.as_ref().err()
    }

    /// A readable message: the server's, from the body (`detail`,
    /// `message`, `error`, validation lists), or what the body was when it
    /// is not the documented JSON.
    pub fn message(&self) -> Option<String>
    where
        T: serde::Serialize,
    {
        super::error::body_message(self)
    }
}

/// What a body is, in a few words: `text/html body (52 bytes): "<html>…"`.
pub fn describe_body(content_type: Option<&str>, bytes: &[u8]) -> String {
    if bytes.is_empty() {
        return "an empty body".to_owned();
    }
    let kind = content_type
        .and_then(|c| c.split(';').next())
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .unwrap_or("untyped");
    let text = String::from_utf8_lossy(bytes);
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut start: String = words.join(" ").chars().take(80).collect();
    if start.chars().count() < words.join(" ").chars().count() {
        start.push('…');
    }
    format!("{kind} body ({} bytes): {start:?}", bytes.len())
}

/// Stands in for a secret (an API key, a token) in `Debug` output.
pub struct Redacted;

impl std::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}
