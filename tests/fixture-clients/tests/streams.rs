//! Streamed bodies (tests/fixtures/streams.yaml) against a loopback server
//! that sends them in pieces: items arrive as they are sent, a GET event
//! stream reconnects with `Last-Event-ID`, a POST stream is never sent
//! twice, silence past the read timeout ends a stream, and errors before
//! and inside a stream are told apart.

#[path = "../../support/server.rs"]
mod server;

use std::sync::Arc;
use std::time::Duration;

use fixture_clients::streams_client::operations::{
    CreateCompletionError, StreamMessageError, WatchCallError,
};
use fixture_clients::streams_client::types::{
    CallEvent, CallEventKind, CompletionRequest, MessageEvent,
};
use fixture_clients::streams_client::{Client, Error, RetryPolicy, Upload};
use server::{Chunk, Reply, TestServer};
use tokio::sync::Notify;
use tokio::time::timeout;

const EVENTS: &str = "text/event-stream";

fn client_of(server: &TestServer) -> Client {
    Client::builder()
        .base_url(&server.url)
        .retry_policy(RetryPolicy::default().with_max_retries(2))
        .build()
        .unwrap()
}

fn prompt() -> CompletionRequest {
    CompletionRequest::new("Say hi")
}

/// Waits for a stream's next item, failing the test instead of hanging.
async fn within<T>(what: &str, next: impl std::future::Future<Output = T>) -> T {
    timeout(Duration::from_secs(5), next)
        .await
        .unwrap_or_else(|_| panic!("{what}: nothing came within 5 s"))
}

#[tokio::test]
async fn events_arrive_one_by_one() {
    let gate = Arc::new(Notify::new());
    let chunks = vec![
        Chunk::new("data: {\"token\":\"Hel\"}\n\n"),
        // Sent only after the test has seen the first token: a client that
        // waited for the whole body would never see it.
        Chunk::new("data: {\"token\":\"lo\"}\n\ndata: [DONE]\n\n").gated(gate.clone()),
    ];
    let reply = Reply::streamed(200, EVENTS, chunks);
    let server = TestServer::start(move |_| reply.clone()).await;
    let client = client_of(&server);
    let mut stream = client
        .create_completion_stream(&prompt())
        .await
        .unwrap()
        .into_inner();
    let first = within("the first token", stream.next())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(first.data.token, "Hel");
    gate.notify_one();
    let second = within("the second token", stream.next())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(second.data.token, "lo");
    // `[DONE]` is not a chunk: it ends the stream.
    assert!(within("the end", stream.next()).await.is_none());
    let sent = server.requests();
    assert_eq!(
        sent[0].json()["stream"],
        true,
        "the stream method asks for one"
    );
    assert_eq!(
        sent[0].header("accept"),
        Some("text/event-stream, application/json;q=0.5")
    );
}

#[tokio::test]
async fn the_whole_method_asks_for_one_body() {
    let reply = Reply::json(200, serde_json::json!({"text": "Hello"}));
    let server = TestServer::start(move |_| reply.clone()).await;
    let client = client_of(&server);
    let mut request = prompt();
    request.stream = Some(true);
    let completion = client.create_completion(&request).await.unwrap();
    assert_eq!(completion.text, "Hello");
    assert_eq!(server.requests()[0].json()["stream"], false);
}

#[tokio::test]
async fn a_get_stream_reconnects_with_the_last_event_id() {
    let server = TestServer::start(|request| {
        let chunks = match request.header("last-event-id") {
            None => vec![Chunk::new(
                "retry: 10\nid: 1\ndata: {\"kind\":\"ringing\",\"at\":\"2026-01-01T00:00:00Z\"}\n\n",
            )],
            Some(_) => vec![Chunk::new(
                "id: 2\ndata: {\"kind\":\"answered\",\"at\":\"2026-01-01T00:00:05Z\"}\n\n",
            )],
        };
        let reply = Reply::streamed(200, EVENTS, chunks);
        match request.header("last-event-id") {
            None => reply.cut(),
            Some(_) => reply,
        }
    })
    .await;
    let client = client_of(&server);
    let mut stream = client.watch_call("c1").await.unwrap().into_inner();
    let mut kinds = Vec::new();
    while let Some(event) = within("an event", stream.next()).await {
        let event = event.unwrap();
        kinds.push((event.data.kind, event.id));
    }
    assert_eq!(
        kinds,
        [
            (CallEventKind::Ringing, Some("1".to_owned())),
            (CallEventKind::Answered, Some("2".to_owned()))
        ]
    );
    let sent = server.requests();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].header("last-event-id"), None);
    assert_eq!(sent[1].header("last-event-id"), Some("1"));
}

#[tokio::test]
async fn a_post_stream_cut_short_is_an_unknown_outcome_and_is_sent_once() {
    let chunks = vec![Chunk::new("data: {\"token\":\"Hel\"}\n\n")];
    let reply = Reply::streamed(200, EVENTS, chunks).cut();
    let server = TestServer::start(move |_| reply.clone()).await;
    let client = client_of(&server);
    let mut stream = client
        .create_completion_stream(&prompt())
        .await
        .unwrap()
        .into_inner();
    let first = within("the token", stream.next()).await.unwrap().unwrap();
    assert_eq!(first.data.token, "Hel");
    let broken = within("the break", stream.next()).await.unwrap();
    assert!(
        matches!(broken, Err(Error::OutcomeUnknown { .. })),
        "{broken:?}"
    );
    assert!(within("the end", stream.next()).await.is_none());
    assert_eq!(
        server.requests().len(),
        1,
        "a POST stream is never sent again"
    );
}

#[tokio::test]
async fn a_silent_stream_ends_after_the_read_timeout() {
    let gate = Arc::new(Notify::new());
    let chunks = vec![
        Chunk::new(": keep-alive\n\nevent: content_delta\ndata: {\"text\":\"a\"}\n\n"),
        Chunk::new("data: {\"type\":\"message_stop\"}\n\n").gated(gate),
    ];
    let reply = Reply::streamed(200, EVENTS, chunks);
    let server = TestServer::start(move |_| reply.clone()).await;
    let client = client_of(&server).with_read_timeout(Duration::from_millis(200));
    let mut stream = client.stream_message(&prompt()).await.unwrap().into_inner();
    let first = within("the delta", stream.next()).await.unwrap().unwrap();
    assert!(matches!(first.data, MessageEvent::ContentDelta(ref d) if d.text == "a"));
    let silent = within("the timeout", stream.next()).await.unwrap();
    match silent {
        Err(Error::StreamTimeout { waited, .. }) => assert_eq!(waited, Duration::from_millis(200)),
        other => panic!("not a stream timeout: {other:?}"),
    }
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn named_events_are_the_union_s_variants_and_an_error_event_is_an_error() {
    let body = "event: message_start\ndata: {\"id\":\"m1\"}\n\n\
                event: content_delta\ndata: {\"text\":\"Hi\"}\n\n\
                event: error\ndata: {\"detail\":\"overloaded\"}\n\n\
                event: message_stop\ndata: {}\n\n";
    let reply = Reply::streamed(200, EVENTS, vec![Chunk::new(body)]);
    let server = TestServer::start(move |_| reply.clone()).await;
    let client = client_of(&server);
    let mut stream = client.stream_message(&prompt()).await.unwrap().into_inner();
    let mut seen = Vec::new();
    while let Some(item) = within("an event", stream.next()).await {
        seen.push(item);
    }
    assert!(
        matches!(&seen[0], Ok(e) if matches!(&e.data, MessageEvent::MessageStart(s) if s.id == "m1"))
    );
    assert!(matches!(&seen[1], Ok(e) if e.event.as_deref() == Some("content_delta")));
    match &seen[2] {
        Err(error @ Error::ErrorEvent { .. }) => {
            assert_eq!(error.message().as_deref(), Some("overloaded"));
        }
        other => panic!("not an error event: {other:?}"),
    }
    assert!(matches!(&seen[3], Ok(e) if matches!(e.data, MessageEvent::MessageStop(_))));
    assert_eq!(seen.len(), 4);
}

#[tokio::test]
async fn errors_before_the_stream_are_the_operation_s() {
    let server = TestServer::start(|request| {
        if request.target.starts_with("/calls") {
            Reply::json(404, serde_json::json!({"detail": "no such call"}))
        } else {
            Reply::text(
                422,
                EVENTS,
                "event: error\ndata: {\"detail\":\"empty prompt\"}\n\n",
            )
        }
    })
    .await;
    let client = client_of(&server);
    match client.watch_call("gone").await {
        Err(Error::Status(WatchCallError::NotFound(response))) => {
            assert_eq!(response.body().unwrap().detail, "no such call");
        }
        other => panic!("not the documented 404: {other:?}"),
    }
    match client.stream_message(&prompt()).await {
        Err(Error::Status(StreamMessageError::UnprocessableEntity(response))) => {
            assert_eq!(response.body().unwrap().detail, "empty prompt");
        }
        other => panic!("not the documented 422: {other:?}"),
    }
}

#[tokio::test]
async fn a_documented_error_on_reconnection_is_the_operation_s_too() {
    let server = TestServer::start(|request| match request.header("last-event-id") {
        None => Reply::streamed(
            200,
            EVENTS,
            vec![Chunk::new(
                "id: 1\ndata: {\"kind\":\"ringing\",\"at\":\"2026-01-01T00:00:00Z\"}\n\n",
            )],
        )
        .cut(),
        Some(_) => Reply::json(404, serde_json::json!({"detail": "the call ended"})),
    })
    .await;
    let client = client_of(&server);
    let mut stream = client.watch_call("c1").await.unwrap().into_inner();
    let first = within("the first event", stream.next()).await.unwrap();
    assert_eq!(first.unwrap().data.kind, CallEventKind::Ringing);
    match within("the error", stream.next()).await {
        Some(Err(Error::Status(WatchCallError::NotFound(response)))) => {
            assert_eq!(response.body().unwrap().detail, "the call ended");
        }
        other => panic!("not the documented 404: {other:?}"),
    }
    assert!(within("the end", stream.next()).await.is_none());
}

#[tokio::test]
async fn text_events_keep_their_data_and_skip_comments() {
    let chunks = vec![
        Chunk::new(": hello\n\ndata: 101"),
        Chunk::new(".5\n\n:\n\ndata: 102\ndata: 103\n\n"),
    ];
    let reply = Reply::streamed(200, EVENTS, chunks);
    let server = TestServer::start(move |_| reply.clone()).await;
    let client = client_of(&server);
    let mut stream = client.ticker().await.unwrap().into_inner();
    let mut prices = Vec::new();
    while let Some(event) = within("a price", stream.next()).await {
        prices.push(event.unwrap().data);
    }
    assert_eq!(prices, ["101.5", "102\n103"]);
}

#[tokio::test]
async fn json_lines_decode_line_by_line() {
    let chunks = vec![
        Chunk::new("{\"level\":\"info\",\"message\":\"up\"}\n{\"level\":\"wa"),
        Chunk::new(
            "rn\",\"message\":\"slow\"}\nnot json\n{\"level\":\"info\",\"message\":\"end\"}",
        ),
    ];
    let reply = Reply::streamed(200, "application/x-ndjson", chunks);
    let server = TestServer::start(move |_| reply.clone()).await;
    let client = client_of(&server);
    let mut lines = client.export_logs().await.unwrap().into_inner();
    let mut got = Vec::new();
    while let Some(line) = within("a line", lines.next()).await {
        got.push(line.map(|l| l.message));
    }
    assert_eq!(got.len(), 4);
    assert_eq!(got[0].as_deref().unwrap(), "up");
    assert_eq!(got[1].as_deref().unwrap(), "slow");
    assert!(matches!(got[2], Err(Error::Decode { ref body, .. }) if &body[..] == b"not json"));
    assert_eq!(
        got[3].as_deref().unwrap(),
        "end",
        "the last line needs no newline"
    );
    assert_eq!(
        server.requests()[0].header("accept"),
        Some("application/x-ndjson")
    );
}

#[tokio::test]
async fn a_download_streams_in_chunks() {
    let piece = vec![7u8; 64 * 1024];
    let chunks = (0..4).map(|_| Chunk::new(piece.clone())).collect();
    let reply = Reply::streamed(200, "audio/wav", chunks);
    let server = TestServer::start(move |_| reply.clone()).await;
    let client = client_of(&server);
    let mut body = client
        .download_recording_stream("r1")
        .await
        .unwrap()
        .into_inner();
    let mut total = 0;
    let mut pieces = 0;
    while let Some(chunk) = within("a chunk", body.next()).await {
        let chunk = chunk.unwrap();
        assert!(chunk.iter().all(|&b| b == 7));
        total += chunk.len();
        pieces += 1;
    }
    assert_eq!(total, 4 * 64 * 1024);
    assert!(pieces > 1, "the body came in one piece");
    // The whole method still reads it whole.
    let whole = client.download_recording("r1").await.unwrap();
    assert_eq!(whole.len(), 4 * 64 * 1024);
}

#[tokio::test]
async fn an_upload_streams_its_chunks_and_is_sent_once() {
    // 503 is retried for a PUT whose body can be sent again; a streamed
    // body cannot, so the first answer is the outcome.
    let server = TestServer::start(|_| Reply::text(503, "text/plain", "busy")).await;
    let client = client_of(&server);
    let chunks = ["RIFF", "....", "WAVE"].map(|c| Ok::<_, std::io::Error>(bytes::Bytes::from(c)));
    let upload = Upload::stream(futures_util::stream::iter(chunks));
    let failed = client.upload_recording("r1", upload).await;
    assert!(
        matches!(failed, Err(Error::UnexpectedStatus { ref status, .. }) if status.as_u16() == 503)
    );
    let sent = server.requests();
    assert_eq!(sent.len(), 1, "a streamed body is never sent twice");
    assert_eq!(sent[0].body, b"RIFF....WAVE");
    assert_eq!(sent[0].header("transfer-encoding"), Some("chunked"));
    // The same body as bytes is retried as any PUT is.
    let retried = client.upload_recording("r1", b"RIFF....WAVE").await;
    assert!(retried.is_err());
    assert_eq!(server.requests().len(), 1 + 3, "bytes are sent again");
}

/// The README's streaming example.
async fn completion_text(client: &Client) -> Result<String, Error<CreateCompletionError>> {
    let request = CompletionRequest::new("Say hi");
    let response = client.create_completion_stream(&request).await?;
    let mut tokens = response.into_inner();
    let mut text = String::new();
    while let Some(event) = tokens.next().await {
        text.push_str(&event?.data.token);
    }
    Ok(text)
}

#[tokio::test]
async fn the_readme_example_reads_a_token_stream() {
    let chunks = vec![
        Chunk::new("data: {\"token\":\"Hel\"}\n\n"),
        Chunk::new(": keep-alive\n\ndata: {\"token\":\"lo\"}\n\n").after(Duration::from_millis(20)),
        Chunk::new("data: [DONE]\n\n"),
    ];
    let reply = Reply::streamed(200, EVENTS, chunks);
    let server = TestServer::start(move |_| reply.clone()).await;
    let text = completion_text(&client_of(&server)).await.unwrap();
    assert_eq!(text, "Hello");
}

#[test]
fn a_call_event_is_what_the_stream_yields() {
    // The item type is the schema's, not any JSON.
    let event: CallEvent =
        serde_json::from_str(r#"{"kind":"ended","at":"2026-01-01T00:00:00Z"}"#).unwrap();
    assert_eq!(event.kind, CallEventKind::Ended);
}
