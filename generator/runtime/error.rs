//! Errors returned by every operation of the client.

use std::fmt;

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use super::response::{describe_body, ErrorResponseValue, RawBody, ResponseValue};

/// A documented error response of one operation.
///
/// Each operation has its own enum with one variant per documented status;
/// this trait lets [`Error`] describe any of them.
pub trait StatusError: fmt::Debug {
    /// The response of the variant: what every other method reads. This is
    /// the one method each error enum implements (one `match`); the rest
    /// are provided.
    fn response(&self) -> &dyn ErrorResponse;

    /// The HTTP status of the response.
    fn status(&self) -> StatusCode {
        self.response().status()
    }

    /// The response headers.
    fn headers(&self) -> &HeaderMap {
        self.response().headers()
    }

    /// A readable message taken from the body, when it has one.
    fn message(&self) -> Option<String> {
        self.response().message()
    }

    /// How many times the request was retried.
    fn retries(&self) -> u32 {
        self.response().retries()
    }

    /// The request id, from a header or from the body (`request_id`, `slng_request_id`).
    fn request_id(&self) -> Option<String> {
        self.response().request_id()
    }
}

/// A documented error response of any body type, seen the same way.
pub trait ErrorResponse {
    /// The HTTP status.
    fn status(&self) -> StatusCode;
    /// The response headers.
    fn headers(&self) -> &HeaderMap;
    /// A readable message from the body, when it has one.
    fn message(&self) -> Option<String>;
    /// How many times the request was retried.
    fn retries(&self) -> u32;
    /// The request id, from a header (or from a JSON body).
    fn request_id(&self) -> Option<String>;
}

/// A JSON error body, decoded or kept raw.
impl<T: serde::Serialize> ErrorResponse for ErrorResponseValue<T> {
    fn status(&self) -> StatusCode {
        ErrorResponseValue::status(self)
    }
    fn headers(&self) -> &HeaderMap {
        ErrorResponseValue::headers(self)
    }
    fn message(&self) -> Option<String> {
        body_message(self)
    }
    fn retries(&self) -> u32 {
        ErrorResponseValue::retries(self)
    }
    fn request_id(&self) -> Option<String> {
        response_request_id(self)
    }
}

/// The bodies that are not JSON: text (its own message), bytes and none.
pub trait PlainBody {
    /// A readable message, when the body is one.
    fn message(&self) -> Option<String>;
}

impl PlainBody for String {
    fn message(&self) -> Option<String> {
        Some(self.clone())
    }
}

impl PlainBody for bytes::Bytes {
    fn message(&self) -> Option<String> {
        None
    }
}

impl PlainBody for () {
    fn message(&self) -> Option<String> {
        None
    }
}

impl<T: PlainBody> ErrorResponse for ResponseValue<T> {
    fn status(&self) -> StatusCode {
        ResponseValue::status(self)
    }
    fn headers(&self) -> &HeaderMap {
        ResponseValue::headers(self)
    }
    fn message(&self) -> Option<String> {
        self.body().message()
    }
    fn retries(&self) -> u32 {
        ResponseValue::retries(self)
    }
    fn request_id(&self) -> Option<String> {
        ResponseValue::request_id(self).map(str::to_owned)
    }
}

/// Everything that can go wrong when calling an operation.
///
/// `E` is the operation's own enum of documented error responses.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The server answered with a status the API documents for this
    /// operation: its variant, whatever the body (decoded when it is the
    /// documented JSON, kept raw when not).
    Status(E),
    /// The server answered with a status the API does not document for this operation.
    UnexpectedStatus {
        /// The HTTP status.
        status: StatusCode,
        /// The response headers.
        headers: HeaderMap,
        /// The raw response body.
        body: bytes::Bytes,
        /// Retries taken before this response.
        retries: u32,
    },
    /// The response body did not match the documented schema; the raw bytes are kept.
    Decode {
        /// The HTTP status.
        status: StatusCode,
        /// The response headers.
        headers: HeaderMap,
        /// The raw response body.
        body: bytes::Bytes,
        /// What went wrong.
        source: DecodeError,
        /// Retries taken before this response.
        retries: u32,
    },
    /// The request broke a constraint of the API's schema; nothing was sent.
    InvalidRequest(ValidationError),
    /// The request could not be encoded; nothing was sent.
    Encode(serde_json::Error),
    /// The request timed out (connecting, or waiting for the whole response).
    Timeout {
        /// The underlying error.
        source: reqwest::Error,
        /// Retries taken before giving up.
        retries: u32,
    },
    /// The server could not be reached, or the connection failed.
    Transport {
        /// The underlying error.
        source: reqwest::Error,
        /// Retries taken before giving up.
        retries: u32,
    },
    /// A request that is not idempotent (POST, PATCH) failed after it may
    /// have reached the server (a timeout, a reset connection). It was not
    /// retried: the server may have acted on it. Check before sending it
    /// again (for a dispatched call: the agent's call list).
    OutcomeUnknown {
        /// The underlying error.
        source: reqwest::Error,
        /// Retries taken (only for attempts that were never sent).
        retries: u32,
    },
    /// A stream's response headers did not come within the total timeout,
    /// or its body stayed silent longer than the read timeout. Items that
    /// came before it were delivered. The request may have reached the
    /// server: check before sending a POST again.
    StreamTimeout {
        /// How long the client waited.
        waited: std::time::Duration,
        /// Retries (for a GET event stream, reconnections) taken.
        retries: u32,
    },
    /// The server sent an event named `error` inside a stream whose data
    /// is not one of the stream's documented items.
    ErrorEvent {
        /// The event's data, as sent.
        data: String,
        /// The last event id before it.
        id: Option<String>,
    },
}

impl<E: StatusError> Error<E> {
    /// The HTTP status, when a response was received.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Status(e) => Some(e.status()),
            Error::UnexpectedStatus { status, .. } | Error::Decode { status, .. } => Some(*status),
            Error::Timeout { .. } | Error::Transport { .. } | Error::OutcomeUnknown { .. } => None,
            Error::InvalidRequest(_) | Error::Encode(_) => None,
            Error::StreamTimeout { .. } | Error::ErrorEvent { .. } => None,
        }
    }

    /// How many times the request was retried before this error.
    pub fn retries(&self) -> u32 {
        match self {
            Error::Status(e) => e.retries(),
            Error::UnexpectedStatus { retries, .. }
            | Error::Decode { retries, .. }
            | Error::Timeout { retries, .. }
            | Error::Transport { retries, .. }
            | Error::OutcomeUnknown { retries, .. }
            | Error::StreamTimeout { retries, .. } => *retries,
            Error::InvalidRequest(_) | Error::Encode(_) | Error::ErrorEvent { .. } => 0,
        }
    }

    /// The request id the server gave, from a header or the body, when it gave one.
    pub fn request_id(&self) -> Option<String> {
        match self {
            Error::Status(e) => e.request_id(),
            Error::UnexpectedStatus { headers, body, .. } | Error::Decode { headers, body, .. } => {
                header_request_id(headers).map(str::to_owned).or_else(|| {
                    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
                    body_request_id(&value)
                })
            }
            _ => None,
        }
    }

    /// A readable message from the server, when the response carried one.
    pub fn message(&self) -> Option<String> {
        match self {
            Error::Status(e) => e.message(),
            Error::UnexpectedStatus { body, .. } | Error::Decode { body, .. } => {
                message_from_bytes(body)
            }
            Error::ErrorEvent { data, .. } => {
                Some(message_from_bytes(data.as_bytes()).unwrap_or_else(|| data.clone()))
            }
            _ => None,
        }
    }
}

impl<E: StatusError> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Status(e) => write_status(f, "", e.status(), e.message()),
            Error::UnexpectedStatus { status, body, .. } => {
                write_status(f, "unexpected ", *status, message_from_bytes(body))
            }
            Error::Decode {
                status,
                headers,
                body,
                source,
                ..
            } => {
                let content_type = headers
                    .get(reqwest::header::CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok());
                write!(
                    f,
                    "could not decode the {status} response, {}, as documented: {source}",
                    describe_body(content_type, body)
                )
            }
            Error::InvalidRequest(e) => write!(f, "invalid request, nothing was sent: {e}"),
            Error::Encode(e) => write!(f, "could not encode the request, nothing was sent: {e}"),
            Error::Timeout { retries, .. } => write!(f, "the request timed out{}", after(*retries)),
            Error::Transport { retries, .. } => {
                write!(
                    f,
                    "the request failed before a response arrived{}",
                    after(*retries)
                )
            }
            Error::OutcomeUnknown { .. } => f.write_str(
                "the request failed after it may have reached the server; it was not retried, \
                 check whether it took effect before sending it again",
            ),
            Error::StreamTimeout { waited, retries } => write!(
                f,
                "the stream stayed silent for {} ms{}",
                waited.as_millis(),
                after(*retries)
            ),
            Error::ErrorEvent { data, .. } => {
                let message = message_from_bytes(data.as_bytes()).unwrap_or_else(|| data.clone());
                write!(f, "the stream sent an error event: {message}")
            }
        }
    }
}

fn after(retries: u32) -> String {
    match retries {
        0 => String::new(),
        1 => " (after 1 retry)".to_owned(),
        n => format!(" (after {n} retries)"),
    }
}

fn write_status(
    f: &mut fmt::Formatter<'_>,
    prefix: &str,
    status: StatusCode,
    message: Option<String>,
) -> fmt::Result {
    write!(f, "{prefix}status {status}")?;
    match message {
        Some(message) => write!(f, ": {message}"),
        None => Ok(()),
    }
}

impl<E: StatusError> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Decode { source, .. } => Some(source),
            Error::InvalidRequest(e) => Some(e),
            Error::Encode(e) => Some(e),
            Error::Timeout { source, .. }
            | Error::Transport { source, .. }
            | Error::OutcomeUnknown { source, .. } => Some(source),
            Error::Status(_) | Error::UnexpectedStatus { .. } => None,
            Error::StreamTimeout { .. } | Error::ErrorEvent { .. } => None,
        }
    }
}

impl<E> From<reqwest::Error> for Error<E> {
    fn from(error: reqwest::Error) -> Self {
        if error.is_timeout() {
            Error::Timeout {
                source: error,
                retries: 0,
            }
        } else {
            Error::Transport {
                source: error,
                retries: 0,
            }
        }
    }
}

/// A response body that did not match its schema.
#[derive(Debug)]
#[non_exhaustive]
pub enum DecodeError {
    /// The body is not valid JSON of the expected shape.
    Json(serde_json::Error),
    /// Strict mode: the body holds a field the schema does not know.
    UnknownField {
        /// JSON pointer of the field in the body.
        pointer: String,
    },
    /// A text body was not valid UTF-8.
    Utf8(std::str::Utf8Error),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Json(e) => write!(f, "{e}"),
            DecodeError::UnknownField { pointer } => {
                write!(f, "strict mode: `{pointer}` is not in the schema")
            }
            DecodeError::Utf8(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            DecodeError::Json(e) => Some(e),
            DecodeError::Utf8(e) => Some(e),
            DecodeError::UnknownField { .. } => None,
        }
    }
}

/// One broken schema constraint of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Where in the request, as a path such as `body.arguments.name`.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

/// The schema constraints a request broke; nothing was sent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ValidationError {
    /// Every broken constraint, in the order they were found.
    pub violations: Vec<Violation>,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, v) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{}: {}", v.path, v.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

/// A readable message from an error body of any common shape.
///
/// Understands `{"detail": "..."}`, validation lists
/// (`{"detail": [{"loc": [...], "msg": "..."}]}`, one `loc: msg` line each),
/// `{"error": "..."}`, `{"error": {"message": "..."}}` and `{"message": "..."}`.
pub fn error_message(body: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    let object = body.as_object()?;
    for key in ["detail", "message", "error", "title"] {
        match object.get(key) {
            Some(Value::String(text)) => return Some(text.clone()),
            Some(Value::Array(items)) if !items.is_empty() => return Some(validation_lines(items)),
            Some(nested @ Value::Object(_)) => {
                if let Some(text) = error_message(nested) {
                    return Some(text);
                }
            }
            _ => {}
        }
    }
    None
}

fn validation_lines(items: &[serde_json::Value]) -> String {
    let lines: Vec<String> = items.iter().map(validation_line).collect();
    lines.join("\n")
}

fn validation_line(item: &serde_json::Value) -> String {
    let message = item
        .get("msg")
        .or_else(|| item.get("message"))
        .and_then(|m| m.as_str())
        .map(str::to_owned)
        .unwrap_or_else(|| item.to_string());
    let location = item.get("loc").and_then(|l| l.as_array()).map(|parts| {
        let parts: Vec<String> = parts
            .iter()
            .map(|p| {
                p.as_str()
                    .map(str::to_owned)
                    .unwrap_or_else(|| p.to_string())
            })
            .collect();
        parts.join(".")
    });
    match location {
        Some(location) => format!("{location}: {message}"),
        None => message,
    }
}

fn message_from_bytes(body: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    error_message(&value)
}

/// The readable message of a documented error response, for
/// [`StatusError::message`]: from the decoded body, or, when the body was not
/// the documented JSON, what it was instead (`text/html body (52 bytes), not
/// the documented JSON: "<html>…"`).
pub fn body_message<T: serde::Serialize>(response: &ErrorResponseValue<T>) -> Option<String> {
    match response.body() {
        Some(body) => match serde_json::to_value(body).ok()? {
            serde_json::Value::String(text) => Some(text),
            other => error_message(&other),
        },
        None => response.raw_body().map(raw_message),
    }
}

/// A message for a body that did not decode: the server's own message when
/// it is JSON of another shape, else what the body was.
fn raw_message(raw: &RawBody) -> String {
    message_from_bytes(&raw.bytes).unwrap_or_else(|| {
        format!(
            "{}, not the documented JSON",
            describe_body(raw.content_type.as_deref(), &raw.bytes)
        )
    })
}

/// Header names servers use for request ids.
const REQUEST_ID_HEADERS: &[&str] = &[
    "x-request-id",
    "request-id",
    "x-correlation-id",
    "x-amzn-requestid",
];

/// The request id in response headers.
pub fn header_request_id(headers: &HeaderMap) -> Option<&str> {
    REQUEST_ID_HEADERS
        .iter()
        .find_map(|name| headers.get(*name)?.to_str().ok())
}

/// The request id in an error body (`request_id`, `slng_request_id`, `requestId`).
pub fn body_request_id(body: &serde_json::Value) -> Option<String> {
    ["request_id", "slng_request_id", "requestId"]
        .iter()
        .find_map(|key| body.get(*key)?.as_str().map(str::to_owned))
}

/// The request id of a documented error response: header first, then body.
pub fn response_request_id<T: serde::Serialize>(
    response: &ErrorResponseValue<T>,
) -> Option<String> {
    if let Some(id) = response.request_id() {
        return Some(id.to_owned());
    }
    let body = match (response.body(), response.raw_body()) {
        (Some(body), _) => serde_json::to_value(body).ok()?,
        (None, Some(raw)) => serde_json::from_slice(&raw.bytes).ok()?,
        (None, None) => return None,
    };
    body_request_id(&body)
}
