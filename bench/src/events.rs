//! Per-event cost of a server-sent events stream: the generated client's
//! `create_completion_stream` (tests/fixtures/streams.yaml, through the
//! fixture-clients crate) against a hand-written loop over reqwest's chunks
//! that splits events on blank lines and decodes each `data:` line, on one
//! loopback server, interleaved in rounds.

use std::time::{Duration, Instant};

use fixture_clients::streams_client::types::CompletionRequest;
use fixture_clients::streams_client::Client;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const ROUNDS: usize = 11;
const EVENTS: usize = 20_000;
/// Events per chunk the server writes: a token stream's bursts.
const PER_CHUNK: usize = 16;

/// One stream of `EVENTS` token events per request, chunked.
async fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    let event = "data: {\"token\":\"hello\"}\n\n".repeat(PER_CHUNK);
    let chunk = format!("{:x}\r\n{event}\r\n", event.len()).into_bytes();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let chunk = chunk.clone();
            tokio::spawn(async move {
                let mut buffer = Vec::new();
                let mut read = [0u8; 8192];
                loop {
                    let Some(end) = super::requests::request_end(&buffer) else {
                        match stream.read(&mut read).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buffer.extend_from_slice(&read[..n]),
                        }
                        continue;
                    };
                    buffer.drain(..end);
                    let head = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n";
                    if stream.write_all(head.as_bytes()).await.is_err() {
                        return;
                    }
                    for _ in 0..EVENTS / PER_CHUNK {
                        if stream.write_all(&chunk).await.is_err() {
                            return;
                        }
                    }
                    if stream.write_all(b"0\r\n\r\n").await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    url
}

#[derive(serde::Deserialize)]
struct Token {
    token: String,
}

async fn generated_round(client: &Client) -> Duration {
    let started = Instant::now();
    let request = CompletionRequest::new("Say hi");
    let response = client
        .create_completion_stream(&request)
        .await
        .expect("stream");
    let mut events = response.into_inner();
    let mut count = 0;
    while let Some(event) = events.next().await {
        assert_eq!(event.expect("event").data.token, "hello");
        count += 1;
    }
    assert_eq!(count, EVENTS);
    started.elapsed()
}

/// The loop a user would write with reqwest alone: events end at a blank
/// line, data lines start with `data: `.
async fn handwritten_round(http: &reqwest::Client, url: &str) -> Duration {
    let started = Instant::now();
    let mut response = http
        .post(format!("{url}/completions"))
        .header("accept", "text/event-stream")
        .header("content-type", "application/json")
        .body(r#"{"prompt":"Say hi","stream":true}"#)
        .send()
        .await
        .expect("send");
    let mut pending: Vec<u8> = Vec::new();
    let mut count = 0;
    while let Some(chunk) = response.chunk().await.expect("chunk") {
        pending.extend_from_slice(&chunk);
        while let Some(end) = pending.windows(2).position(|w| w == b"\n\n") {
            let event: Vec<u8> = pending.drain(..end + 2).collect();
            let data = event.strip_prefix(b"data: ").expect("data line");
            let token: Token = serde_json::from_slice(&data[..data.len() - 2]).expect("decode");
            assert_eq!(token.token, "hello");
            count += 1;
        }
    }
    assert_eq!(count, EVENTS);
    started.elapsed()
}

/// Prints the per-event comparison.
pub fn report() {
    // One thread for the server and both clients: the machine's other load
    // moves threads around less, and each round costs what its code costs.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let url = serve().await;
        let client = Client::builder().base_url(&url).build().expect("client");
        let http = reqwest::Client::builder().build().expect("reqwest");
        generated_round(&client).await;
        handwritten_round(&http, &url).await;
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        for _ in 0..ROUNDS {
            ours.push(generated_round(&client).await);
            theirs.push(handwritten_round(&http, &url).await);
        }
        let per = |d: Duration| d.as_secs_f64() * 1e9 / EVENTS as f64;
        let (ours, theirs) = (
            per(super::requests::median(ours)),
            per(super::requests::median(theirs)),
        );
        println!("\nper event, a server-sent token stream on loopback (median of {ROUNDS} streams of {EVENTS} events)\n");
        println!("generated client     {ours:>8.0} ns");
        println!("hand-written reqwest {theirs:>8.0} ns");
        println!("ratio                {:>8.3}x", ours / theirs);
    });
}
