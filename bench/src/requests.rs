//! Per-request cost: the generated client's `dispatch_call` against the same
//! request written by hand with reqwest, on one loopback server, interleaved
//! in rounds so both see the same machine state.

use std::time::{Duration, Instant};

use slng_agents_client::types::{AgentCallCreate, AgentCallResponse};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const ROUNDS: usize = 7;
const PER_ROUND: usize = 1000;

const REPLY: &str = r#"{"call_id":"7d444840-9dc0-11d1-b245-5ffdce74fad2","message":"Call dispatched successfully"}"#;

/// A keep-alive HTTP/1.1 server that answers every request with `REPLY`.
async fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buffer = Vec::new();
                let mut chunk = [0u8; 8192];
                loop {
                    let Some(end) = request_end(&buffer) else {
                        match stream.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                        }
                        continue;
                    };
                    buffer.drain(..end);
                    let response = format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{REPLY}",
                        REPLY.len()
                    );
                    if stream.write_all(response.as_bytes()).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    url
}

/// Where the first complete request in `buffer` ends (head + content-length body).
pub fn request_end(buffer: &[u8]) -> Option<usize> {
    let head = buffer.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let text = String::from_utf8_lossy(&buffer[..head]).to_ascii_lowercase();
    let length: usize = text
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    (buffer.len() >= head + length).then_some(head + length)
}

fn body() -> AgentCallCreate {
    AgentCallCreate {
        phone_number: "+14155550100".into(),
        arguments: None,
    }
}

async fn generated_round(client: &slng_agents_client::Client, agent: uuid::Uuid) -> Duration {
    let started = Instant::now();
    for _ in 0..PER_ROUND {
        let response = client
            .dispatch_call(agent, &body())
            .await
            .expect("generated client");
        assert_eq!(response.message, "Call dispatched successfully");
    }
    started.elapsed()
}

async fn handwritten_round(http: &reqwest::Client, url: &str, agent: uuid::Uuid) -> Duration {
    let started = Instant::now();
    for _ in 0..PER_ROUND {
        let response = http
            .post(format!("{url}/v1/agents/{agent}/calls"))
            .header("authorization", "Bearer k")
            .header("content-type", "application/json")
            .body(serde_json::to_vec(&body()).expect("encode"))
            .send()
            .await
            .expect("hand-written");
        let bytes = response.bytes().await.expect("body");
        let decoded: AgentCallResponse = serde_json::from_slice(&bytes).expect("decode");
        assert_eq!(decoded.message, "Call dispatched successfully");
    }
    started.elapsed()
}

pub fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values[values.len() / 2]
}

/// Prints the per-request comparison.
pub fn report() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let url = serve().await;
        let agent: uuid::Uuid = "550e8400-e29b-41d4-a716-446655440000".parse().expect("uuid");
        let client = slng_agents_client::Client::builder().base_url(&url).api_key("k").build().expect("client");
        let http = reqwest::Client::builder().build().expect("reqwest");
        generated_round(&client, agent).await;
        handwritten_round(&http, &url, agent).await;
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        for _ in 0..ROUNDS {
            ours.push(generated_round(&client, agent).await);
            theirs.push(handwritten_round(&http, &url, agent).await);
        }
        let per = |d: Duration| d.as_secs_f64() * 1e6 / PER_ROUND as f64;
        let (ours, theirs) = (per(median(ours)), per(median(theirs)));
        println!("\nper request, dispatch_call on loopback (median of {ROUNDS} rounds of {PER_ROUND}, sequential)\n");
        println!("generated client     {ours:>8.1} µs");
        println!("hand-written reqwest {theirs:>8.1} µs");
        println!("ratio                {:>8.3}x", ours / theirs);
    });
}
