//! Streamed bodies read as they arrive: events, lines, bytes; breaks,
//! reconnections and silences.

// As in generated code: `Error` holds the whole response, by design.
#![allow(clippy::result_large_err)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::sending::client;
use super::server::{Chunk, Recorded, Reply, TestServer};
use crate::runtime::client::Client;
use crate::runtime::error::{DecodeError, Error, ErrorResponse, StatusError};
use crate::runtime::response::ErrorResponseValue;
use crate::runtime::stream::{ByteStream, Event, EventStream, JsonLines};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Token {
    text: String,
}

/// A tagged union, as generated for `oneOf` with a discriminator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Message {
    Start { id: u32 },
    Delta { text: String },
}

fn events(body: &str) -> Reply {
    Reply::text(200, "text/event-stream", body)
}

fn chunks(parts: &[&str]) -> Vec<Chunk> {
    parts
        .iter()
        .map(|p| Chunk::new(p.as_bytes().to_vec()))
        .collect()
}

/// Answers with `replies` in turn, then with the last one.
fn in_turn(replies: Vec<Reply>) -> impl Fn(&Recorded) -> Reply {
    let next = AtomicUsize::new(0);
    move |_| {
        let i = next.fetch_add(1, Ordering::SeqCst).min(replies.len() - 1);
        replies[i].clone()
    }
}

async fn open_events<T>(
    client: &Client,
    method: Method,
    tag: Option<&'static str>,
) -> EventStream<T, ()>
where
    T: serde::de::DeserializeOwned + Serialize + Send + 'static,
{
    client
        .request(method, "/events", "/events")
        .accept("text/event-stream")
        .open()
        .await
        .expect("opened")
        .events::<T, ()>(tag, |raw| raw.unexpected())
        .into_inner()
}

async fn all<T>(mut stream: EventStream<T, ()>) -> Vec<Result<Event<T>, Error<()>>> {
    let mut items = Vec::new();
    while let Some(item) = stream.next().await {
        items.push(item);
    }
    items
}

fn data<T: Clone>(items: &[Result<Event<T>, Error<()>>]) -> Vec<T> {
    items
        .iter()
        .filter_map(|i| i.as_ref().ok())
        .map(|e| e.data.clone())
        .collect()
}

#[tokio::test]
async fn events_carry_their_data_name_id_and_retry() {
    let body = "id: 1\nevent: token\nretry: 250\ndata: {\"text\": \"a\"}\n\n: keep-alive\n\ndata: {\"text\": \"b\"}\n\n";
    let server = TestServer::start(move |_| events(body)).await;
    let items = all(open_events::<Token>(&client(&server.url, 0), Method::GET, None).await).await;
    let first = items[0].as_ref().expect("an event");
    assert_eq!(first.data.text, "a");
    assert_eq!(first.event.as_deref(), Some("token"));
    assert_eq!(first.id.as_deref(), Some("1"));
    assert_eq!(first.retry, Some(Duration::from_millis(250)));
    let second = items[1].as_ref().expect("an event");
    assert_eq!(
        (second.event.as_deref(), second.id.as_deref()),
        (None, Some("1"))
    );
    assert_eq!(items.len(), 2);
}

#[tokio::test]
async fn done_ends_the_stream_and_a_bad_event_is_an_error_the_stream_survives() {
    let body = "data: {\"text\": \"a\"}\n\ndata: {\"nope\": 1}\n\ndata: {\"text\": \"b\"}\n\ndata: [DONE]\n\ndata: {\"text\": \"never\"}\n\n";
    let server = TestServer::start(move |_| events(body)).await;
    let items = all(open_events::<Token>(&client(&server.url, 0), Method::GET, None).await).await;
    assert_eq!(items.len(), 3, "{items:?}");
    assert!(
        matches!(&items[1], Err(Error::Decode { body, status, .. }) if body.as_ref() == b"{\"nope\": 1}" && status.as_u16() == 200),
        "{items:?}"
    );
    assert_eq!(
        data(&items),
        [Token { text: "a".into() }, Token { text: "b".into() }]
    );
}

#[tokio::test]
async fn text_events_keep_done_and_everything_else_as_text() {
    let server = TestServer::start(|_| events("data: hello\n\ndata: [DONE]\n\n")).await;
    let stream = client(&server.url, 0)
        .request(Method::GET, "/t", "/t")
        .open()
        .await
        .expect("opened")
        .text_events::<()>(|raw| raw.unexpected())
        .into_inner();
    assert_eq!(data(&all(stream).await), ["hello", "[DONE]"]);
}

#[tokio::test]
async fn an_error_event_is_an_error_item() {
    let body =
        "data: {\"text\": \"a\"}\n\nid: 9\nevent: error\ndata: {\"message\": \"overloaded\"}\n\n";
    let server = TestServer::start(move |_| events(body)).await;
    let items = all(open_events::<Token>(&client(&server.url, 0), Method::GET, None).await).await;
    let Err(Error::ErrorEvent { data, id }) = &items[1] else {
        panic!("{items:?}")
    };
    assert_eq!(
        (data.as_str(), id.as_deref()),
        ("{\"message\": \"overloaded\"}", Some("9"))
    );
}

#[tokio::test]
async fn the_event_name_stands_for_a_tag_the_data_leaves_out() {
    let body = "event: start\ndata: {\"id\": 1}\n\nevent: delta\ndata: {\"type\": \"delta\", \"text\": \"x\"}\n\nevent: delta\ndata: {\"type\": \"start\", \"id\": 2}\n\nevent: error\ndata: {\"text\": \"e\"}\n\nevent: delta\ndata: [1]\n\n";
    let server = TestServer::start(move |_| events(body)).await;
    let items =
        all(open_events::<Message>(&client(&server.url, 0), Method::GET, Some("type")).await).await;
    assert_eq!(
        data(&items),
        [
            Message::Start { id: 1 },
            Message::Delta { text: "x".into() },
            Message::Start { id: 2 }
        ],
        "a tag the data gives wins over the name"
    );
    assert!(
        matches!(items[3], Err(Error::ErrorEvent { .. })),
        "{items:?}"
    );
    assert!(matches!(items[4], Err(Error::Decode { .. })), "{items:?}");
    let untagged = TestServer::start(|_| events("event: start\ndata: {\"id\": 1}\n\n")).await;
    let items =
        all(open_events::<Message>(&client(&untagged.url, 0), Method::GET, None).await).await;
    assert!(
        matches!(items[0], Err(Error::Decode { .. })),
        "no tag, no guessing: {items:?}"
    );
}

#[tokio::test]
async fn a_get_stream_reconnects_with_the_last_event_id() {
    let first = Reply::streamed(
        200,
        "text/event-stream",
        chunks(&[
            "retry: 5\nid: 1\ndata: {\"text\": \"a\"}\n\n",
            "id: 2\ndata: {\"text\": \"b\"}\n\n",
        ]),
    )
    .cut();
    let second = events("data: {\"text\": \"c\"}\n\n");
    let server = TestServer::start(in_turn(vec![first, second])).await;
    let items = all(open_events::<Token>(&client(&server.url, 1), Method::GET, None).await).await;
    let texts: Vec<String> = data(&items).into_iter().map(|t| t.text).collect();
    assert_eq!(texts, ["a", "b", "c"], "{items:?}");
    assert_eq!(
        items[2].as_ref().expect("an event").id.as_deref(),
        Some("2"),
        "the id carries over"
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].header("last-event-id"), None);
    assert_eq!(requests[1].header("last-event-id"), Some("2"));
}

#[tokio::test]
async fn reconnections_stop_at_the_policy_s_limit_and_restart_after_each_event() {
    let cut_after = |text: &str| {
        Reply::streamed(
            200,
            "text/event-stream",
            chunks(&[&format!("data: {{\"text\": \"{text}\"}}\n\n")]),
        )
        .cut()
    };
    let broken = Reply::streamed(200, "text/event-stream", chunks(&[": nothing\n\n"])).cut();
    // Each reconnection brings an event, so two in a row never happen:
    // the stream goes on past max_retries reconnections in all.
    let server = TestServer::start(in_turn(vec![
        cut_after("a"),
        cut_after("b"),
        cut_after("c"),
        broken.clone(),
        broken,
    ]))
    .await;
    let items = all(open_events::<Token>(&client(&server.url, 1), Method::GET, None).await).await;
    let texts: Vec<String> = data(&items).into_iter().map(|t| t.text).collect();
    assert_eq!(texts, ["a", "b", "c"], "{items:?}");
    assert!(
        matches!(items.last(), Some(Err(Error::Transport { .. }))),
        "{items:?}"
    );
    assert_eq!(
        server.requests().len(),
        4,
        "one reconnection after the last event, then none"
    );
}

#[tokio::test]
async fn a_204_on_reconnection_ends_the_stream() {
    let first = Reply::streamed(
        200,
        "text/event-stream",
        chunks(&["data: {\"text\": \"a\"}\n\n"]),
    )
    .cut();
    let server = TestServer::start(in_turn(vec![first, Reply::text(204, "text/plain", "")])).await;
    let items = all(open_events::<Token>(&client(&server.url, 2), Method::GET, None).await).await;
    assert_eq!(items.len(), 1, "{items:?}");
    assert!(items[0].is_ok());
}

#[tokio::test]
async fn a_refusal_on_reconnection_is_an_unexpected_status() {
    let first = Reply::streamed(
        200,
        "text/event-stream",
        chunks(&["data: {\"text\": \"a\"}\n\n"]),
    )
    .cut();
    let server =
        TestServer::start(in_turn(vec![first, Reply::text(403, "text/plain", "no")])).await;
    let items = all(open_events::<Token>(&client(&server.url, 2), Method::GET, None).await).await;
    assert!(
        matches!(&items[1], Err(Error::UnexpectedStatus { status, body, retries: 1, .. }) if status.as_u16() == 403 && body.as_ref() == b"no"),
        "{items:?}"
    );
}

/// A documented error of an event stream's operation, as generated.
#[derive(Debug)]
enum Gone {
    NotFound(ErrorResponseValue<serde_json::Value>),
}

impl StatusError for Gone {
    fn response(&self) -> &dyn ErrorResponse {
        match self {
            Gone::NotFound(r) => r,
        }
    }
}

#[tokio::test]
async fn a_documented_error_on_reconnection_is_read_as_the_operation_reads_it() {
    let first = Reply::streamed(
        200,
        "text/event-stream",
        chunks(&["data: {\"text\": \"a\"}\n\n"]),
    )
    .cut();
    let gone = Reply::json(404, serde_json::json!({"detail": "the call ended"}));
    let server = TestServer::start(in_turn(vec![first, gone])).await;
    let mut stream = client(&server.url, 2)
        .request(Method::GET, "/events", "/events")
        .open()
        .await
        .expect("opened")
        .events::<Token, Gone>(None, |raw| match raw.status_code() {
            404 => raw.error(Gone::NotFound),
            _ => raw.unexpected(),
        })
        .into_inner();
    assert_eq!(stream.next().await.unwrap().unwrap().data.text, "a");
    let Some(Err(Error::Status(Gone::NotFound(response)))) = stream.next().await else {
        panic!("not the documented error");
    };
    assert_eq!(response.status().as_u16(), 404);
    assert_eq!(response.message().as_deref(), Some("the call ended"));
    assert_eq!(response.retries(), 1, "the reconnection is counted");
    assert!(stream.next().await.is_none());
}

#[tokio::test]
async fn a_post_stream_that_breaks_is_never_sent_again() {
    let cut = Reply::streamed(
        200,
        "text/event-stream",
        chunks(&["data: {\"text\": \"a\"}\n\n"]),
    )
    .cut();
    let server = TestServer::start(move |_| cut.clone()).await;
    let items = all(open_events::<Token>(&client(&server.url, 3), Method::POST, None).await).await;
    assert!(items[0].is_ok());
    assert!(
        matches!(items[1], Err(Error::OutcomeUnknown { retries: 0, .. })),
        "{items:?}"
    );
    assert_eq!(items.len(), 2);
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn silence_longer_than_the_read_timeout_ends_a_stream() {
    let slow = Reply::streamed(
        200,
        "text/event-stream",
        vec![
            Chunk::new(b"data: {\"text\": \"a\"}\n\n".to_vec()),
            Chunk::new(b"data: {\"text\": \"b\"}\n\n".to_vec()).after(Duration::from_millis(600)),
        ],
    );
    let server = TestServer::start(move |_| slow.clone()).await;
    let client = client(&server.url, 0).with_read_timeout(Duration::from_millis(100));
    let items = all(open_events::<Token>(&client, Method::POST, None).await).await;
    assert!(items[0].is_ok());
    assert!(
        matches!(items[1], Err(Error::StreamTimeout { waited, retries: 0 }) if waited == Duration::from_millis(100)),
        "{items:?}"
    );
}

#[tokio::test]
async fn a_silence_after_a_reconnection_counts_that_reconnection() {
    let first = Reply::streamed(
        200,
        "text/event-stream",
        chunks(&["data: {\"text\": \"a\"}\n\n"]),
    )
    .cut();
    let silent = Reply::streamed(
        200,
        "text/event-stream",
        vec![Chunk::new(b": late\n\n".to_vec()).after(Duration::from_millis(600))],
    );
    let server = TestServer::start(in_turn(vec![first, silent])).await;
    let client = client(&server.url, 1).with_read_timeout(Duration::from_millis(100));
    let items = all(open_events::<Token>(&client, Method::GET, None).await).await;
    assert!(items[0].is_ok());
    assert!(
        matches!(items[1], Err(Error::StreamTimeout { retries: 1, .. })),
        "{items:?}"
    );
}

#[tokio::test]
async fn a_stream_only_needs_its_headers_within_the_total_timeout() {
    let slow_headers = Reply::text(200, "text/event-stream", "").after(Duration::from_millis(400));
    let server = TestServer::start(move |_| slow_headers.clone()).await;
    let failure = client(&server.url, 0)
        .with_timeout(Duration::from_millis(100))
        .request(Method::GET, "/e", "/e")
        .open()
        .await
        .expect_err("no headers in time");
    assert!(
        matches!(failure, crate::runtime::request::RequestFailure::StreamTimeout(waited, 0) if waited == Duration::from_millis(100)),
        "{failure:?}"
    );
    let slow_body = Reply::streamed(
        200,
        "text/event-stream",
        vec![Chunk::new(b"data: {\"text\": \"late\"}\n\n".to_vec())
            .after(Duration::from_millis(300))],
    );
    let server = TestServer::start(move |_| slow_body.clone()).await;
    let client = client(&server.url, 0).with_timeout(Duration::from_millis(100));
    let items = all(open_events::<Token>(&client, Method::GET, None).await).await;
    assert_eq!(
        data(&items),
        [Token {
            text: "late".into()
        }],
        "{items:?}"
    );
}

#[tokio::test]
async fn json_lines_split_anywhere_decode_one_by_one() {
    let body = Reply::streamed(
        200,
        "application/x-ndjson",
        chunks(&[
            "{\"text\": \"a\"}\n{\"te",
            "xt\": \"b\"}\nnot json\n",
            "{\"text\": \"c\"}",
        ]),
    );
    let server = TestServer::start(move |_| body.clone()).await;
    let mut stream: JsonLines<Token, ()> = client(&server.url, 0)
        .request(Method::GET, "/l", "/l")
        .open()
        .await
        .expect("opened")
        .json_lines()
        .into_inner();
    let mut items = Vec::new();
    while let Some(item) = stream.next().await {
        items.push(item);
    }
    assert_eq!(items.len(), 4, "{items:?}");
    assert!(matches!(&items[2], Err(Error::Decode { body, .. }) if body.as_ref() == b"not json"));
    let texts: Vec<String> = items
        .into_iter()
        .filter_map(Result::ok)
        .map(|t| t.text)
        .collect();
    assert_eq!(texts, ["a", "b", "c"]);
}

#[tokio::test]
async fn text_lines_drop_carriage_returns_and_refuse_bad_text() {
    let body = Reply::streamed(200, "text/plain", chunks(&["one\r\ntwo\n", "\u{0}"]));
    let bad = Reply {
        chunks: vec![Chunk::new(vec![b'o', b'k', b'\n', 0xff, b'\n'])],
        ..body.clone()
    };
    let server = TestServer::start(in_turn(vec![body, bad])).await;
    let client = client(&server.url, 0);
    let lines = |client: Client| async move {
        let mut stream: JsonLines<String, ()> = client
            .request(Method::GET, "/l", "/l")
            .open()
            .await
            .expect("opened")
            .text_lines()
            .into_inner();
        let mut items = Vec::new();
        while let Some(item) = stream.next().await {
            items.push(item);
        }
        items
    };
    let good = lines(client.clone()).await;
    let texts: Vec<String> = good.into_iter().map(|l| l.expect("text")).collect();
    assert_eq!(texts, ["one", "two", "\u{0}"]);
    let bad = lines(client).await;
    assert!(bad[0].is_ok());
    assert!(
        matches!(
            &bad[1],
            Err(Error::Decode {
                source: DecodeError::Utf8(_),
                ..
            })
        ),
        "{bad:?}"
    );
}

#[tokio::test]
async fn a_line_stream_that_breaks_ends_with_an_error() {
    let cut = Reply::streamed(
        200,
        "application/x-ndjson",
        chunks(&["{\"text\": \"a\"}\n"]),
    )
    .cut();
    let server = TestServer::start(move |_| cut.clone()).await;
    for (method, transport) in [(Method::GET, true), (Method::POST, false)] {
        let mut stream: JsonLines<Token, ()> = client(&server.url, 3)
            .request(method.clone(), "/l", "/l")
            .open()
            .await
            .expect("opened")
            .json_lines()
            .into_inner();
        assert!(stream.next().await.expect("a line").is_ok());
        let end = stream.next().await.expect("an error");
        if transport {
            assert!(
                matches!(end, Err(Error::Transport { .. })),
                "{method}: {end:?}"
            );
        } else {
            assert!(
                matches!(end, Err(Error::OutcomeUnknown { .. })),
                "{method}: {end:?}"
            );
        }
        assert!(stream.next().await.is_none(), "nothing after the error");
    }
    assert_eq!(server.requests().len(), 2, "never sent again");
}

#[tokio::test]
async fn bytes_arrive_chunk_by_chunk_and_a_break_is_an_error() {
    let body = Reply::streamed(200, "audio/wav", chunks(&["RIFF", "data"]));
    let server = TestServer::start(in_turn(vec![body.clone(), body.cut()])).await;
    let client = client(&server.url, 0);
    let read = |client: Client| async move {
        let mut stream: ByteStream<()> = client
            .request(Method::GET, "/b", "/b")
            .open()
            .await
            .expect("opened")
            .byte_stream()
            .into_inner();
        let mut items = Vec::new();
        while let Some(item) = stream.next().await {
            items.push(item);
        }
        items
    };
    let whole = read(client.clone()).await;
    let joined: Vec<u8> = whole
        .iter()
        .flat_map(|c| c.as_ref().expect("bytes").to_vec())
        .collect();
    assert_eq!(joined, b"RIFFdata");
    let broken = read(client).await;
    assert!(
        matches!(broken.last(), Some(Err(Error::Transport { .. }))),
        "{broken:?}"
    );
}

#[tokio::test]
async fn an_error_status_before_a_stream_is_read_whole() {
    let server = TestServer::start(|_| Reply::json(404, serde_json::json!({"detail": "no"}))).await;
    let open = client(&server.url, 0)
        .request(Method::GET, "/e", "/e")
        .open()
        .await
        .expect("opened");
    assert_eq!(open.status_code(), 404);
    assert_eq!(
        format!("{open:?}"),
        "OpenResponse { status: 404, retries: 0, .. }"
    );
    let whole = open.read().await.expect("read");
    assert_eq!(whole.status_code(), 404);
    let value = whole.json::<serde_json::Value, ()>().expect("JSON");
    assert_eq!(value.into_inner(), serde_json::json!({"detail": "no"}));
}
