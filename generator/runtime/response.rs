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

/// Stands in for a secret (an API key, a token) in `Debug` output.
pub struct Redacted;

impl std::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}
