//! With the `tracing` feature: one span per request, its fields recorded as
//! the attempts go (`cargo test -p runtime-tests --features tracing`).
//!
//! A test binary of its own: tracing caches whether a call site is wanted
//! across threads, so spans made by other tests running beside it, with no
//! subscriber, could hide this one's.
#![cfg(feature = "tracing")]

use reqwest::Method;

use runtime_tests::runtime::client::{ApiDefaults, ClientBuilder};
use runtime_tests::runtime::retry::RetryPolicy;

#[path = "../../support/server.rs"]
mod server;
use server::{Reply, TestServer};

#[path = "../../support/trace_capture.rs"]
mod trace_capture;
use trace_capture::Capture;

#[test]
fn each_attempt_and_each_status_is_recorded_on_the_request_s_span() {
    let capture = Capture::default();
    let output = capture.0.clone();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    tracing::subscriber::with_default(capture, || {
        runtime.block_on(async {
            let replies = [
                Reply::text(503, "text/plain", "busy"),
                Reply::text(200, "text/plain", "ok"),
            ];
            let next = std::sync::atomic::AtomicUsize::new(0);
            let server = TestServer::start(move |_| {
                replies[next
                    .fetch_add(1, std::sync::atomic::Ordering::SeqCst)
                    .min(1)]
                .clone()
            })
            .await;
            let quick = RetryPolicy::default().with_backoff(
                std::time::Duration::from_millis(1),
                std::time::Duration::from_millis(1),
                std::time::Duration::from_millis(1),
            );
            let client = ClientBuilder::new(ApiDefaults {
                base_url: None,
                schemes: &[],
                security: &[],
                public_operations: true,
                primary: None,
                user_agent: "runtime-tests",
            })
            .base_url(&server.url)
            .retry_policy(quick)
            .build()
            .expect("a client");
            client
                .request(Method::GET, "/calls/{id}", "/calls/c-42")
                .send()
                .await
                .expect("sent");
        })
    });
    let text = output.lock().expect("lock").clone();
    assert_eq!(text.matches("span http_request:").count(), 1, "{text}");
    assert!(text.contains("method=GET path=\"/calls/{id}\""), "{text}");
    assert!(!text.contains("c-42"), "the filled path stays out: {text}");
    let records: Vec<&str> = text.lines().filter(|l| l.starts_with("record:")).collect();
    let fields: Vec<&str> = records
        .iter()
        .filter_map(|r| r.split_whitespace().nth(1))
        .filter(|f| f.starts_with("attempt=") || f.starts_with("status="))
        .collect();
    assert_eq!(
        fields,
        ["attempt=1", "status=503", "attempt=2", "status=200"],
        "{text}"
    );
    let elapsed = records.iter().filter(|r| r.contains("elapsed_ms=")).count();
    assert_eq!(
        elapsed, 4,
        "the time so far, at each attempt and status: {text}"
    );
}
