//! The retry loop on the wire: a real client against the loopback test
//! server, counting what reached it.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use reqwest::Method;

use super::server::{Reply, TestServer};
use crate::runtime::client::{ApiDefaults, Client, ClientBuilder};
use crate::runtime::error::Error;
use crate::runtime::request::RequestFailure;
use crate::runtime::retry::RetryPolicy;
use crate::runtime::upload::Upload;

pub(super) const API: ApiDefaults = ApiDefaults {
    base_url: None,
    schemes: &[],
    security: &[],
    public_operations: true,
    primary: None,
    user_agent: "runtime-tests",
};

/// Short waits, so that retries cost milliseconds.
fn quick(retries: u32) -> RetryPolicy {
    RetryPolicy::default()
        .with_max_retries(retries)
        .with_backoff(
            Duration::from_millis(1),
            Duration::from_millis(2),
            Duration::from_millis(50),
        )
}

pub(super) fn client(url: &str, retries: u32) -> Client {
    ClientBuilder::new(API)
        .base_url(url)
        .retry_policy(quick(retries))
        .build()
        .expect("a client")
}

/// Answers with `replies` in turn, then with the last one.
fn in_turn(replies: Vec<Reply>) -> impl Fn(&super::server::Recorded) -> Reply {
    let next = AtomicUsize::new(0);
    move |_| {
        let i = next.fetch_add(1, Ordering::SeqCst).min(replies.len() - 1);
        replies[i].clone()
    }
}

fn unavailable() -> Reply {
    Reply::text(503, "text/plain", "busy")
}

fn ok() -> Reply {
    Reply::text(200, "text/plain", "done")
}

/// The text body and the retries a successful send took.
async fn sent(client: &Client, method: Method) -> Result<(String, u32), RequestFailure> {
    let response = client.request(method, "/calls", "/calls").send().await?;
    let value = response.text::<()>().expect("a text body");
    Ok((value.body().clone(), value.retries()))
}

#[tokio::test]
async fn an_idempotent_request_is_retried_until_it_succeeds() {
    let server = TestServer::start(in_turn(vec![unavailable(), unavailable(), ok()])).await;
    let (body, retries) = sent(&client(&server.url, 2), Method::GET)
        .await
        .expect("the third attempt succeeds");
    assert_eq!((body.as_str(), retries), ("done", 2));
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn the_last_attempt_s_answer_is_returned_when_retries_run_out() {
    let server = TestServer::start(in_turn(vec![unavailable()])).await;
    let response = client(&server.url, 1)
        .request(Method::PUT, "/calls", "/calls")
        .send()
        .await
        .expect("an answer");
    assert_eq!(response.status_code(), 503);
    let failure = response.unexpected::<(), ()>().expect_err("not documented");
    assert!(
        matches!(failure, Error::UnexpectedStatus { retries: 1, .. }),
        "{failure:?}"
    );
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_post_answered_with_a_server_fault_is_not_sent_again() {
    let server = TestServer::start(in_turn(vec![unavailable(), ok()])).await;
    let response = client(&server.url, 3)
        .request(Method::POST, "/calls", "/calls")
        .send()
        .await
        .expect("an answer");
    assert_eq!(response.status_code(), 503);
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_post_refused_with_429_and_retry_after_is_sent_again() {
    let throttled = Reply::text(429, "text/plain", "slow down").header("Retry-After", "0");
    let server = TestServer::start(in_turn(vec![throttled, ok()])).await;
    let (_, retries) = sent(&client(&server.url, 2), Method::POST)
        .await
        .expect("the second attempt succeeds");
    assert_eq!(retries, 1);
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_post_cut_off_after_sending_has_an_unknown_outcome() {
    let server = TestServer::start(in_turn(vec![Reply::hang_up(), ok()])).await;
    let failure = sent(&client(&server.url, 3), Method::POST)
        .await
        .expect_err("the connection broke");
    assert!(
        matches!(failure, RequestFailure::OutcomeUnknown(_, 0)),
        "{failure:?}"
    );
    assert_eq!(server.requests().len(), 1, "never sent twice");
}

#[tokio::test]
async fn a_get_cut_off_is_retried_and_then_a_transport_error() {
    let server = TestServer::start(in_turn(vec![Reply::hang_up()])).await;
    let failure = sent(&client(&server.url, 2), Method::GET)
        .await
        .expect_err("every attempt broke");
    assert!(
        matches!(failure, RequestFailure::Transport(_, 2)),
        "{failure:?}"
    );
    assert_eq!(server.requests().len(), 3);

    let server = TestServer::start(in_turn(vec![Reply::hang_up(), ok()])).await;
    let (_, retries) = sent(&client(&server.url, 2), Method::DELETE)
        .await
        .expect("the second attempt succeeds");
    assert_eq!(retries, 1);
}

#[tokio::test]
async fn a_refused_connection_is_retried_even_for_a_post() {
    // Nothing listens on a port just released: the request never left.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let failure = sent(
        &client(&format!("http://127.0.0.1:{port}"), 2),
        Method::POST,
    )
    .await
    .expect_err("nothing listens");
    assert!(
        matches!(failure, RequestFailure::Transport(_, 2)),
        "{failure:?}"
    );
}

#[tokio::test]
async fn a_slow_answer_is_a_timeout_after_the_retries() {
    let server = TestServer::start(in_turn(vec![ok().after(Duration::from_millis(400))])).await;
    let client = client(&server.url, 1).with_timeout(Duration::from_millis(50));
    let failure = sent(&client, Method::GET).await.expect_err("too slow");
    assert!(
        matches!(failure, RequestFailure::Timeout(_, 1)),
        "{failure:?}"
    );
    let error: Error<()> = failure.into();
    assert!(
        matches!(error, Error::Timeout { retries: 1, .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_streamed_upload_is_sent_once_even_when_retries_are_allowed() {
    let server = TestServer::start(in_turn(vec![unavailable(), ok()])).await;
    let chunks = futures_util::stream::iter(vec![Ok::<_, std::io::Error>(
        bytes::Bytes::from_static(b"audio"),
    )]);
    let response = client(&server.url, 3)
        .request(Method::PUT, "/audio", "/audio")
        .raw_body(Upload::stream(chunks), "audio/wav")
        .send()
        .await
        .expect("an answer");
    assert_eq!(response.status_code(), 503);
    assert_eq!(server.requests().len(), 1);
    assert_eq!(server.requests()[0].body, b"audio");
}

#[tokio::test]
async fn bytes_uploaded_are_sent_again_on_each_retry() {
    let server = TestServer::start(in_turn(vec![unavailable(), ok()])).await;
    let (_, retries) = {
        let response = client(&server.url, 3)
            .request(Method::PUT, "/audio", "/audio")
            .raw_body(b"audio".to_vec(), "audio/wav")
            .send()
            .await
            .expect("an answer");
        let value = response.text::<()>().expect("text");
        (value.body().clone(), value.retries())
    };
    assert_eq!(retries, 1);
    let bodies: Vec<Vec<u8>> = server.requests().into_iter().map(|r| r.body).collect();
    assert_eq!(bodies, [b"audio".to_vec(), b"audio".to_vec()]);
}

#[tokio::test]
async fn the_before_send_hook_runs_on_every_attempt() {
    let server = TestServer::start(in_turn(vec![unavailable(), ok()])).await;
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = calls.clone();
    let client = ClientBuilder::new(API)
        .base_url(&server.url)
        .retry_policy(quick(2))
        .before_send(move |request| {
            let n = seen.fetch_add(1, Ordering::SeqCst);
            request.headers_mut().insert(
                "x-attempt",
                reqwest::header::HeaderValue::from_str(&n.to_string()).expect("a value"),
            );
        })
        .build()
        .expect("a client");
    sent(&client, Method::GET).await.expect("succeeds");
    let attempts: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.header("x-attempt").unwrap_or_default().to_owned())
        .collect();
    assert_eq!(attempts, ["0", "1"]);
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}
