//! Streamed success bodies, read as they arrive: server-sent events
//! ([`EventStream`]), JSON lines ([`JsonLines`]) and raw bytes
//! ([`ByteStream`]).
//!
//! Time: a stream's response headers must come within the client's total
//! timeout; after that, no total timeout applies, only the read timeout
//! between two chunks of the body (`ClientBuilder::read_timeout`,
//! `Client::with_read_timeout`).
//!
//! Breaks: a GET event stream that breaks off (a reset connection, a silence
//! longer than the read timeout) is opened again with `Last-Event-ID` after
//! the server's `retry:` time (or the policy's backoff), as many times in a
//! row as the retry policy allows. A stream of any other kind is never sent
//! again: a POST may have acted on the server (an LLM completion, a placed
//! call), and JSON lines or bytes cannot resume where they broke. It ends
//! with [`Error::OutcomeUnknown`] (a POST), [`Error::Transport`] (a GET) or
//! [`Error::StreamTimeout`], after the items that arrived.

// Errors keep the whole response (status, headers, body) for the caller; they
// are the cold path, so their size is not worth a box.
#![allow(clippy::result_large_err)]

use std::collections::VecDeque;
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures_util::stream::{BoxStream, Stream, StreamExt};
use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::client::Client;
use super::decode::decode_json;
use super::error::{DecodeError, Error};
use super::framing::{EventParser, LineParser, RawEvent};
use super::request::{attempt_of, RawResponse, RequestFailure};
use super::response::ResponseValue;

/// The data OpenAI-style APIs send to say a stream is over; it ends the
/// stream when the data type does not admit it.
pub const DONE_SENTINEL: &str = "[DONE]";

/// The event name servers give an error inside a stream; it is an `Err`
/// item ([`Error::ErrorEvent`]) when the data type does not admit it.
pub const ERROR_EVENT: &str = "error";

/// One server-sent event: its data, decoded, and its fields.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Event<T> {
    /// The event's data (its `data:` lines), decoded.
    pub data: T,
    /// The `event:` name; `None` for unnamed (`message`) events.
    pub event: Option<String>,
    /// The last event id the stream set (`id:`), which a reconnection
    /// resumes from.
    pub id: Option<String>,
    /// The reconnection time this event asked for (`retry:`).
    pub retry: Option<Duration>,
}

/// A boxed stream of what a state's `next()` yields, until it yields
/// `None`. The state is boxed too: `unfold` moves it in and out of every
/// step, and it holds the response.
macro_rules! stepped {
    ($state:expr) => {
        futures_util::stream::unfold(Box::new($state), |mut state| async move {
            let item = state.next().await?;
            Some((item, state))
        })
        .boxed()
    };
}

/// A response whose headers have arrived and whose body is still to be
/// read: whole (an error status) or as a stream (a success).
#[doc(hidden)]
pub struct OpenResponse {
    pub(super) client: Client,
    /// The request again, for reconnecting a GET event stream; `None`
    /// when the request may not be sent twice.
    pub(super) again: Option<reqwest::Request>,
    pub(super) response: reqwest::Response,
    pub(super) retries: u32,
    pub(super) idempotent: bool,
}

impl fmt::Debug for OpenResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OpenResponse")
            .field("status", &self.response.status())
            .field("retries", &self.retries)
            .finish_non_exhaustive()
    }
}

impl OpenResponse {
    /// The status as a number, for matching documented statuses.
    pub fn status_code(&self) -> u16 {
        self.response.status().as_u16()
    }

    /// Reads the whole body, for a status whose body is not streamed.
    pub async fn read(self) -> Result<RawResponse, RequestFailure> {
        let (status, headers, retries) = self.head();
        let strict = self.client.inner.strict;
        let mut body = Body::new(self);
        let mut bytes = Vec::new();
        loop {
            match body.chunk().await {
                Ok(Some(chunk)) => bytes.extend_from_slice(&chunk),
                Ok(None) => {
                    let body = bytes::Bytes::from(bytes);
                    return Ok(RawResponse::new(status, headers, body, strict, retries));
                }
                Err(broken) => return Err(body.failure(broken)),
            }
        }
    }

    /// The body as server-sent events whose data is JSON of `T`. When `T`
    /// is a union tagged by `tag` and an event's data leaves the tag out,
    /// the event's name stands for it.
    /// `errors` reads an error status answered to a reconnection, as the
    /// operation reads its first response's.
    pub fn events<T, E>(
        self,
        tag: Option<&'static str>,
        errors: StatusErrors<E>,
    ) -> ResponseValue<EventStream<T, E>>
    where
        T: DeserializeOwned + Serialize + Send + 'static,
        E: Send + 'static,
    {
        let strict = self.client.inner.strict;
        self.event_stream(move |event: &RawEvent| decode_event(event, tag, strict), errors)
    }

    /// The body as server-sent events whose data is text.
    pub fn text_events<E: Send + 'static>(
        self,
        errors: StatusErrors<E>,
    ) -> ResponseValue<EventStream<String, E>> {
        self.event_stream(|event: &RawEvent| Ok(event.data.clone()), errors)
    }

    /// The body as JSON lines of `T`.
    pub fn json_lines<T, E>(self) -> ResponseValue<JsonLines<T, E>>
    where
        T: DeserializeOwned + Serialize + Send + 'static,
        E: Send + 'static,
    {
        let strict = self.client.inner.strict;
        self.line_stream(move |line: &[u8]| decode_json(line, strict))
    }

    /// The body as lines of text.
    pub fn text_lines<E: Send + 'static>(self) -> ResponseValue<JsonLines<String, E>> {
        self.line_stream(|line: &[u8]| {
            let text = std::str::from_utf8(line).map_err(DecodeError::Utf8)?;
            Ok(text.trim_end_matches('\r').to_owned())
        })
    }

    /// The body as chunks of bytes, as they arrive.
    pub fn byte_stream<E: Send + 'static>(self) -> ResponseValue<ByteStream<E>> {
        let (status, headers, retries) = self.head();
        let body = Some(Box::new(Body::new(self)));
        let inner = futures_util::stream::unfold(body, |body| async move {
            let mut body = body?;
            match body.chunk().await {
                Ok(Some(bytes)) => Some((Ok(bytes), Some(body))),
                Ok(None) => None,
                Err(broken) => Some((Err(body.failure(broken).into()), None)),
            }
        });
        let stream = ByteStream {
            inner: inner.boxed(),
        };
        ResponseValue::new(status, headers, stream).with_retries(retries)
    }

    fn head(&self) -> (StatusCode, HeaderMap, u32) {
        let response = &self.response;
        (response.status(), response.headers().clone(), self.retries)
    }

    fn event_stream<T, E>(
        self,
        decode: impl Fn(&RawEvent) -> Result<T, DecodeError> + Send + 'static,
        errors: StatusErrors<E>,
    ) -> ResponseValue<EventStream<T, E>>
    where
        T: Send + 'static,
        E: Send + 'static,
    {
        let (status, headers, retries) = self.head();
        let inner = stepped!(EventState {
            body: Body::new(self),
            parser: EventParser::default(),
            queue: VecDeque::new(),
            decode: Box::new(decode),
            errors,
            done: false,
        });
        ResponseValue::new(status, headers, EventStream { inner }).with_retries(retries)
    }

    fn line_stream<T, E>(
        self,
        decode: impl Fn(&[u8]) -> Result<T, DecodeError> + Send + 'static,
    ) -> ResponseValue<JsonLines<T, E>>
    where
        T: Send + 'static,
        E: Send + 'static,
    {
        let (status, headers, retries) = self.head();
        let inner = stepped!(LineState {
            body: Body::new(self),
            parser: LineParser::default(),
            queue: VecDeque::new(),
            decode: Box::new(decode),
            done: false,
        });
        ResponseValue::new(status, headers, JsonLines { inner }).with_retries(retries)
    }
}

/// How an event stream reads an error status answered to its
/// reconnection: the generated method's own `match` on the documented
/// statuses, the same as for its first response.
pub type StatusErrors<E> = fn(RawResponse) -> Result<std::convert::Infallible, Error<E>>;

/// How one event or line becomes an item.
type Decoder<Input, T> = Box<dyn Fn(&Input) -> Result<T, DecodeError> + Send>;

/// The item type of an event stream's data; `E` is the operation's error enum.
type EventItem<T, E> = Result<Event<T>, Error<E>>;

macro_rules! stream_type {
    ($(#[$doc:meta])* $name:ident<$($param:ident),*>, $item:ty) => {
        $(#[$doc])*
        pub struct $name<$($param),*> {
            inner: BoxStream<'static, $item>,
        }

        impl<$($param),*> $name<$($param),*> {
            /// The next item; `None` once the stream has ended. The same as
            /// `StreamExt::next`, without importing it.
            pub async fn next(&mut self) -> Option<$item> {
                self.inner.next().await
            }
        }

        impl<$($param),*> Stream for $name<$($param),*> {
            type Item = $item;

            fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<$item>> {
                self.inner.as_mut().poll_next(cx)
            }
        }

        impl<$($param),*> fmt::Debug for $name<$($param),*> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($name)).finish_non_exhaustive()
            }
        }
    };
}

stream_type!(
    /// Server-sent events, each with its data decoded as `T`, as they
    /// arrive. Comments and keep-alives are skipped; a `[DONE]` data ends
    /// the stream; an event named `error` is an `Err` item. A decode
    /// failure of one event is an `Err` item, and the stream goes on.
    EventStream<T, E>,
    EventItem<T, E>
);

stream_type!(
    /// JSON lines (one JSON value per line), each decoded as `T`, as they
    /// arrive. A decode failure of one line is an `Err` item, and the
    /// stream goes on.
    JsonLines<T, E>,
    Result<T, Error<E>>
);

stream_type!(
    /// A body as chunks of bytes, as they arrive, never held whole.
    ByteStream<E>,
    Result<bytes::Bytes, Error<E>>
);

/// Why a body stopped before its end.
enum Broken {
    Transport(reqwest::Error),
    Silent,
}

/// A response body read chunk by chunk, within the read timeout.
struct Body {
    open: OpenResponse,
    status: StatusCode,
    headers: HeaderMap,
    /// Reconnections since the last event that arrived.
    reconnects: u32,
}

impl Body {
    fn new(open: OpenResponse) -> Self {
        let (status, headers) = (open.response.status(), open.response.headers().clone());
        Body {
            open,
            status,
            headers,
            reconnects: 0,
        }
    }

    async fn chunk(&mut self) -> Result<Option<bytes::Bytes>, Broken> {
        let idle = self.open.client.options.read_timeout;
        match tokio::time::timeout(idle, self.open.response.chunk()).await {
            Ok(Ok(chunk)) => Ok(chunk),
            Ok(Err(error)) => Err(Broken::Transport(error)),
            Err(_) => Err(Broken::Silent),
        }
    }

    /// The error a break ends the stream with.
    fn failure(&self, broken: Broken) -> RequestFailure {
        let retries = self.open.retries + self.reconnects;
        match broken {
            Broken::Silent => {
                RequestFailure::StreamTimeout(self.open.client.options.read_timeout, retries)
            }
            Broken::Transport(error) if self.open.idempotent => {
                RequestFailure::Transport(error, retries)
            }
            Broken::Transport(error) => RequestFailure::OutcomeUnknown(error, retries),
        }
    }

    /// Opens a GET event stream again after a break, resuming after
    /// `last_id`; `Ok(false)`: the server said the stream is over (204).
    async fn reconnect(
        &mut self,
        last_id: Option<&str>,
        wait: Option<Duration>,
    ) -> Result<bool, RequestFailure> {
        let policy = self.open.client.options.retry.clone();
        let Some(again) = &self.open.again else {
            return Ok(false); // Never reached: `may_reconnect` asks first.
        };
        let mut request = attempt_of(&self.open.client, again)?;
        if let Some(id) = last_id.and_then(|id| HeaderValue::from_str(id).ok()) {
            request.headers_mut().insert("last-event-id", id);
        }
        tokio::time::sleep(wait.unwrap_or_else(|| policy.delay(self.reconnects, None))).await;
        self.reconnects += 1;
        let retries = self.open.retries + self.reconnects;
        let sent = self.open.client.inner.http.execute(request);
        let response = match tokio::time::timeout(self.open.client.options.read_timeout, sent).await {
            Ok(Ok(response)) => response,
            Ok(Err(error)) => return Err(RequestFailure::Transport(error, retries)),
            Err(_) => {
                let idle = self.open.client.options.read_timeout;
                return Err(RequestFailure::StreamTimeout(idle, retries));
            }
        };
        match response.status() {
            StatusCode::NO_CONTENT => Ok(false),
            status if status.is_success() => {
                self.open.response = response;
                Ok(true)
            }
            _ => {
                let open = OpenResponse {
                    client: self.open.client.clone(),
                    again: None,
                    response,
                    retries,
                    idempotent: true,
                };
                Err(RequestFailure::Reopened(Box::new(open.read().await?)))
            }
        }
    }

    /// Whether a break may be mended by opening the stream again.
    fn may_reconnect(&self) -> bool {
        self.open.again.is_some() && self.reconnects < self.open.client.options.retry.max_retries
    }
}

struct EventState<T, E> {
    body: Body,
    parser: EventParser,
    queue: VecDeque<RawEvent>,
    decode: Decoder<RawEvent, T>,
    errors: StatusErrors<E>,
    done: bool,
}

impl<T, E> EventState<T, E> {
    async fn next(&mut self) -> Option<EventItem<T, E>> {
        loop {
            if let Some(raw) = self.queue.pop_front() {
                match self.item(raw) {
                    Some(item) => return Some(item),
                    None => {
                        self.done = true;
                        return None;
                    }
                }
            }
            if self.done {
                return None;
            }
            let broken = match self.body.chunk().await {
                Ok(Some(chunk)) => {
                    self.parser.push(&chunk, &mut self.queue);
                    continue;
                }
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(broken) => broken,
            };
            if let Err(failure) = self.mend(broken).await {
                self.done = true;
                return Some(Err(match failure {
                    RequestFailure::Reopened(response) => match (self.errors)(*response) {
                        Err(error) => error,
                        Ok(never) => match never {},
                    },
                    other => other.into(),
                }));
            }
        }
    }

    /// Reconnects after a break, as often as the policy allows.
    async fn mend(&mut self, mut broken: Broken) -> Result<(), RequestFailure> {
        loop {
            if !self.body.may_reconnect() {
                return Err(self.body.failure(broken));
            }
            let wait = self.parser.reconnect();
            let last_id = self.parser.last_id().map(str::to_owned);
            match self.body.reconnect(last_id.as_deref(), wait).await {
                Ok(true) => {
                    let mut parser = EventParser::resuming(last_id);
                    std::mem::swap(&mut parser, &mut self.parser);
                    return Ok(());
                }
                Ok(false) => {
                    self.done = true;
                    return Ok(());
                }
                Err(RequestFailure::Transport(error, _)) => broken = Broken::Transport(error),
                Err(RequestFailure::StreamTimeout(..)) => broken = Broken::Silent,
                Err(other) => return Err(other),
            }
        }
    }

    /// The item of one event; `None` for the `[DONE]` sentinel.
    fn item(&mut self, raw: RawEvent) -> Option<EventItem<T, E>> {
        self.body.reconnects = 0;
        let decoded = (self.decode)(&raw);
        let data = match decoded {
            Ok(data) => data,
            Err(_) if raw.data.trim() == DONE_SENTINEL => return None,
            Err(_) if raw.event.as_deref() == Some(ERROR_EVENT) => {
                return Some(Err(Error::ErrorEvent {
                    data: raw.data,
                    id: raw.id,
                }));
            }
            Err(source) => {
                return Some(Err(Error::Decode {
                    status: self.body.status,
                    headers: self.body.headers.clone(),
                    body: bytes::Bytes::from(raw.data.into_bytes()),
                    source,
                    retries: self.body.open.retries,
                }));
            }
        };
        Some(Ok(Event {
            data,
            event: raw.event,
            id: raw.id,
            retry: raw.retry,
        }))
    }
}

struct LineState<T> {
    body: Body,
    parser: LineParser,
    queue: VecDeque<Vec<u8>>,
    decode: Decoder<[u8], T>,
    done: bool,
}

impl<T> LineState<T> {
    async fn next<E>(&mut self) -> Option<Result<T, Error<E>>> {
        loop {
            if let Some(line) = self.queue.pop_front() {
                return Some((self.decode)(&line).map_err(|source| Error::Decode {
                    status: self.body.status,
                    headers: self.body.headers.clone(),
                    body: bytes::Bytes::from(line),
                    source,
                    retries: self.body.open.retries,
                }));
            }
            if self.done {
                return None;
            }
            match self.body.chunk().await {
                Ok(Some(chunk)) => self.parser.push(&chunk, &mut self.queue),
                Ok(None) => {
                    self.parser.finish(&mut self.queue);
                    self.done = true;
                }
                Err(broken) => {
                    self.done = true;
                    return Some(Err(self.body.failure(broken).into()));
                }
            }
        }
    }
}

/// Decodes an event's data as JSON of `T`; when that fails, `T` is a
/// union tagged by `tag`, and the data is an object without the tag, the
/// event's name (but `error`) is tried as the tag (`event: message_start`
/// with data `{"message": …}`).
fn decode_event<T: DeserializeOwned + Serialize>(
    event: &RawEvent,
    tag: Option<&str>,
    strict: bool,
) -> Result<T, DecodeError> {
    let error = match decode_json(event.data.as_bytes(), strict) {
        Ok(data) => return Ok(data),
        Err(error) => error,
    };
    // An `error` event does not name a variant: when its data is not one,
    // it is the stream's error (an open union would take it as unknown).
    let name = event.event.as_deref().filter(|name| *name != ERROR_EVENT);
    let (Some(tag), Some(name)) = (tag, name) else {
        return Err(error);
    };
    let Ok(serde_json::Value::Object(mut object)) = serde_json::from_str(&event.data) else {
        return Err(error);
    };
    if object.contains_key(tag) {
        return Err(error);
    }
    object.insert(tag.to_owned(), serde_json::Value::String(name.to_owned()));
    let named = serde_json::to_vec(&object).map_err(DecodeError::Json)?;
    decode_json(&named, strict).map_err(|_| error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Deserialize, serde::Serialize)]
    #[serde(tag = "type")]
    enum Delta {
        #[serde(rename = "start")]
        Start { id: u32 },
        #[serde(rename = "text")]
        Text { text: String },
    }

    fn raw(event: Option<&str>, data: &str) -> RawEvent {
        RawEvent {
            event: event.map(str::to_owned),
            data: data.to_owned(),
            id: None,
            retry: None,
        }
    }

    #[test]
    fn the_event_name_stands_for_a_missing_tag() {
        let named = raw(Some("text"), r#"{"text":"hi"}"#);
        let decoded: Delta = decode_event(&named, Some("type"), false).unwrap();
        assert_eq!(decoded, Delta::Text { text: "hi".into() });
        let tagged = raw(Some("text"), r#"{"type":"start","id":1}"#);
        let decoded: Delta = decode_event(&tagged, Some("type"), false).unwrap();
        assert_eq!(decoded, Delta::Start { id: 1 }, "the data's own tag wins");
        let untagged_union = decode_event::<Delta>(&named, None, false);
        assert!(untagged_union.is_err());
        let unnamed = decode_event::<Delta>(&raw(None, r#"{"text":"hi"}"#), Some("type"), false);
        assert!(unnamed.is_err());
        let error = raw(Some("error"), r#"{"text":"overloaded"}"#);
        assert!(decode_event::<Delta>(&error, Some("type"), false).is_err());
    }
}
