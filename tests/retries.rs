//! Retries, timeouts, cancellation and extension points of the client
//! runtime, over real HTTP on loopback. Idempotent requests go through the
//! runtime directly (the embedded spec has only a POST); POST behaviour goes
//! through `dispatch_call`.

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::Method;
use serde_json::json;
use slng_agents::operations::DispatchCallError;
use slng_agents::runtime::request::RawResponse;
use slng_agents::types::AgentCallCreate;
use slng_agents::{Client, Error, RetryPolicy};
use support::{fast_retries, Reply, TestServer};

const AGENT: &str = "550e8400-e29b-41d4-a716-446655440000";

fn client(server: &TestServer) -> Client {
    Client::builder()
        .base_url(&server.url)
        .api_key("k")
        .retry_policy(fast_retries())
        .build()
        .unwrap()
}

/// Answers with `statuses` in turn, then 200.
fn scripted(statuses: &'static [u16]) -> impl Fn(&support::Recorded) -> Reply + Send + Sync {
    let calls = AtomicUsize::new(0);
    move |_| {
        let n = calls.fetch_add(1, Ordering::SeqCst);
        match statuses.get(n) {
            Some(&status) => {
                Reply::json(status, json!({"detail": "busy"})).header("retry-after", "0")
            }
            None => Reply::json(200, json!({"ok": true})),
        }
    }
}

async fn get(
    client: &Client,
) -> Result<RawResponse, slng_agents::runtime::request::RequestFailure> {
    client
        .request(Method::GET, "/v1/agents", "/v1/agents")
        .send()
        .await
}

async fn dispatch(client: &Client) -> Result<(), Error<DispatchCallError>> {
    let body = AgentCallCreate {
        phone_number: "+14155550100".into(),
        arguments: None,
    };
    client
        .dispatch_call(AGENT.parse().unwrap(), &body)
        .await
        .map(|_| ())
}

#[tokio::test]
async fn idempotent_requests_are_retried_on_retryable_statuses() {
    let server = TestServer::start(scripted(&[503, 502])).await;
    let response = get(&client(&server)).await.unwrap();
    assert_eq!(response.status_code(), 200);
    let value = response.json::<serde_json::Value, ()>().unwrap();
    assert_eq!(value.retries(), 2);
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn retries_stop_at_the_limit_and_the_error_says_how_many() {
    let server = TestServer::start(scripted(&[503, 503, 503, 503])).await;
    let response = get(&client(&server)).await.unwrap();
    assert_eq!(response.status_code(), 503, "the last answer is returned");
    let error = response.unexpected::<(), ()>().unwrap_err();
    assert!(
        matches!(error, Error::UnexpectedStatus { retries: 2, .. }),
        "{error:?}"
    );
    assert_eq!(server.requests().len(), 3, "1 attempt + 2 retries");
}

#[tokio::test]
async fn conflicts_and_other_statuses_are_never_retried() {
    let server = TestServer::start(scripted(&[409])).await;
    assert_eq!(get(&client(&server)).await.unwrap().status_code(), 409);
    let server = TestServer::start(scripted(&[404])).await;
    assert_eq!(get(&client(&server)).await.unwrap().status_code(), 404);
    assert_eq!(server.requests().len(), 1);
    let server = TestServer::start(scripted(&[409])).await;
    let all = client(&server).with_retry_policy(fast_retries().with_statuses(&[409, 404]));
    assert_eq!(get(&all).await.unwrap().status_code(), 409);
    assert_eq!(
        server.requests().len(),
        1,
        "409 is never retried, even when asked"
    );
}

#[tokio::test]
async fn the_policy_can_be_turned_off_per_client_and_per_request() {
    let server = TestServer::start(scripted(&[503])).await;
    let off = client(&server).with_retry_policy(RetryPolicy::none());
    assert_eq!(get(&off).await.unwrap().status_code(), 503);
    assert_eq!(server.requests().len(), 1);
    let server = TestServer::start(scripted(&[503, 503, 503])).await;
    let three = Client::builder()
        .base_url(&server.url)
        .api_key("k")
        .retry_policy(fast_retries().with_max_retries(3))
        .build()
        .unwrap();
    assert_eq!(get(&three).await.unwrap().status_code(), 200);
    assert_eq!(server.requests().len(), 4);
}

#[tokio::test]
async fn dispatch_call_is_not_resent_after_a_5xx_or_a_reset() {
    let server = TestServer::start(scripted(&[503, 503])).await;
    let error = dispatch(&client(&server)).await.unwrap_err();
    assert!(
        matches!(error, Error::UnexpectedStatus { retries: 0, .. }),
        "{error:?}"
    );
    assert_eq!(
        server.requests().len(),
        1,
        "a 5xx to a POST is never retried"
    );

    let server = TestServer::start(|_| Reply::hang_up()).await;
    let error = dispatch(&client(&server)).await.unwrap_err();
    assert!(
        matches!(error, Error::OutcomeUnknown { retries: 0, .. }),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("may have reached the server"),
        "{error}"
    );
    assert_eq!(
        server.requests().len(),
        1,
        "a reset after sending is never retried"
    );
}

#[tokio::test]
async fn a_refused_429_with_retry_after_is_retried_even_for_post() {
    let server = TestServer::start(scripted(&[429])).await;
    let error = dispatch(&client(&server)).await.unwrap_err();
    // The retried request got 200 with a body that is not an AgentCallResponse.
    assert!(
        matches!(error, Error::Decode { retries: 1, .. }),
        "{error:?}"
    );
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_post_whose_connection_failed_is_retried_once_the_server_is_up() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let policy = RetryPolicy::default().with_backoff(
        Duration::from_millis(200),
        Duration::from_millis(200),
        Duration::ZERO,
    );
    let client = Client::builder()
        .base_url(format!("http://{address}"))
        .api_key("k")
        .retry_policy(policy)
        .build()
        .unwrap();
    let late = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(20)).await;
        let listener = tokio::net::TcpListener::bind(address).await.unwrap();
        let (mut stream, _) = listener.accept().await.unwrap();
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut buffer = vec![0u8; 65536];
        let _ = stream.read(&mut buffer).await.unwrap();
        let body = r#"{"call_id":"7d444840-9dc0-11d1-b245-5ffdce74fad2","message":"ok"}"#;
        let reply = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(reply.as_bytes()).await.unwrap();
    });
    let body = AgentCallCreate {
        phone_number: "+1".into(),
        arguments: None,
    };
    let response = client
        .dispatch_call(AGENT.parse().unwrap(), &body)
        .await
        .unwrap();
    assert!(response.retries() >= 1, "the first attempt found no server");
    late.await.unwrap();
}

#[tokio::test]
async fn per_request_timeouts_and_cancellation() {
    let server =
        TestServer::start(|_| Reply::json(200, json!({})).after(Duration::from_secs(5))).await;
    let quick = client(&server)
        .with_retry_policy(RetryPolicy::none())
        .with_timeout(Duration::from_millis(100));
    let error = get(&quick).await.unwrap_err();
    assert!(
        matches!(
            error,
            slng_agents::runtime::request::RequestFailure::Timeout(_, 0)
        ),
        "{error:?}"
    );

    // Dropping the future cancels the request: nothing waits for the slow server.
    let slow = client(&server);
    let cancelled = tokio::time::timeout(Duration::from_millis(100), get(&slow)).await;
    assert!(cancelled.is_err());
}

#[tokio::test]
async fn default_headers_and_the_before_send_hook_apply_to_every_attempt() {
    let server = TestServer::start(scripted(&[503])).await;
    let signed = Arc::new(AtomicUsize::new(0));
    let count = signed.clone();
    let client = Client::builder()
        .base_url(&server.url)
        .api_key("k")
        .retry_policy(fast_retries())
        .default_header("x-team", "voice")
        .before_send(move |request| {
            let n = count.fetch_add(1, Ordering::SeqCst);
            request.headers_mut().insert(
                "x-signature",
                HeaderValue::from_str(&format!("sig-{n}")).unwrap(),
            );
        })
        .build()
        .unwrap();
    get(&client).await.unwrap();
    let requests = server.requests();
    assert_eq!(signed.load(Ordering::SeqCst), 2);
    assert_eq!(requests[0].header("x-signature"), Some("sig-0"));
    assert_eq!(requests[1].header("x-signature"), Some("sig-1"));
    assert!(requests.iter().all(|r| r.header("x-team") == Some("voice")));
}

#[test]
fn backoff_doubles_with_jitter_up_to_the_cap_and_honours_retry_after() {
    let policy = RetryPolicy::default();
    for retry in 0..8 {
        let full = Duration::from_millis(500)
            .saturating_mul(1 << retry)
            .min(Duration::from_secs(8));
        let delay = policy.delay(retry, None);
        assert!(
            delay >= full / 2 && delay <= full,
            "retry {retry}: {delay:?} not in [{:?}, {full:?}]",
            full / 2
        );
    }
    let mut headers = HeaderMap::new();
    headers.insert("retry-after", HeaderValue::from_static("7"));
    assert_eq!(policy.delay(0, Some(&headers)), Duration::from_secs(7));
    headers.insert("retry-after", HeaderValue::from_static("3600"));
    assert_eq!(
        policy.delay(0, Some(&headers)),
        Duration::from_secs(60),
        "capped at 60 s"
    );
    headers.insert(
        "retry-after",
        HeaderValue::from_static("Thu, 01 Jan 1970 00:00:00 GMT"),
    );
    assert_eq!(
        policy.delay(0, Some(&headers)),
        Duration::ZERO,
        "a date in the past means now"
    );
    headers.insert(
        "retry-after",
        HeaderValue::from_static("Fri, 01 Jan 2100 00:00:00 GMT"),
    );
    assert_eq!(
        policy.delay(0, Some(&headers)),
        Duration::from_secs(60),
        "a far date is capped"
    );
}

/// Answers 503 with `Retry-After: {seconds}` once, then 200.
fn retry_after_once(seconds: &'static str) -> impl Fn(&support::Recorded) -> Reply + Send + Sync {
    let calls = AtomicUsize::new(0);
    move |_| match calls.fetch_add(1, Ordering::SeqCst) {
        0 => Reply::json(503, json!({})).header("retry-after", seconds),
        _ => Reply::json(200, json!({"ok": true})),
    }
}

/// A client without reqwest timeouts: with a paused clock, tokio jumps to the
/// next timer whenever it waits, and a timeout timer would fire at once.
fn paused_clock_client(server: &TestServer, policy: RetryPolicy) -> Client {
    let http = reqwest::Client::builder().build().unwrap();
    Client::builder()
        .base_url(&server.url)
        .api_key("k")
        .http_client(http)
        .retry_policy(policy)
        .build()
        .unwrap()
}

#[tokio::test(start_paused = true)]
async fn retry_after_is_waited_for_on_the_tokio_clock() {
    let server = TestServer::start(retry_after_once("7")).await;
    let client = paused_clock_client(&server, RetryPolicy::default());
    let started = tokio::time::Instant::now();
    let response = get(&client).await.unwrap();
    assert_eq!(response.status_code(), 200);
    assert!(
        started.elapsed() >= Duration::from_secs(7),
        "waited {:?}",
        started.elapsed()
    );
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test(start_paused = true)]
async fn backoff_waits_at_least_half_the_doubled_delay_on_the_tokio_clock() {
    // No `Retry-After` here (scripted() sends one), so the backoff decides.
    let calls = AtomicUsize::new(0);
    let server = TestServer::start(move |_| match calls.fetch_add(1, Ordering::SeqCst) {
        0 | 1 => Reply::json(503, json!({})),
        _ => Reply::json(200, json!({})),
    })
    .await;
    let client = paused_clock_client(&server, RetryPolicy::default());
    let started = tokio::time::Instant::now();
    let response = get(&client).await.unwrap();
    assert_eq!(response.status_code(), 200);
    // 0.5 s then 1 s, each with jitter in [half, all]: at least 0.75 s in all.
    assert!(
        started.elapsed() >= Duration::from_millis(750),
        "waited {:?}",
        started.elapsed()
    );
    assert_eq!(server.requests().len(), 3);
}
