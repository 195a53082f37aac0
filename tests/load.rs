//! A bounded load test: 10,000 requests, 256 at a time, against a loopback
//! server. Every request succeeds, and connections are reused (the server
//! counts its accepts). Counts only; no timing is asserted.

mod support;

use std::sync::Arc;

use reqwest::Method;
use serde_json::json;
use slng_agents::Client;
use support::{Reply, TestServer};

const REQUESTS: usize = 10_000;
const CONCURRENCY: usize = 256;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_requests_at_256_concurrent_reuse_connections() {
    let server = TestServer::start(|_| Reply::json(200, json!({"ok": true}))).await;
    let client = Client::builder()
        .base_url(&server.url)
        .api_key("k")
        .build()
        .unwrap();
    let client = Arc::new(client);
    let workers: Vec<_> = (0..CONCURRENCY)
        .map(|worker| {
            let client = client.clone();
            tokio::spawn(async move {
                let mut ok = 0;
                for _ in (worker..REQUESTS).step_by(CONCURRENCY) {
                    let response = client
                        .request(Method::GET, "/v1/ping", "/v1/ping")
                        .send()
                        .await
                        .unwrap();
                    let body = response.json::<serde_json::Value, ()>().unwrap();
                    ok += usize::from(body.into_inner()["ok"] == true);
                }
                ok
            })
        })
        .collect();
    let mut ok = 0;
    for worker in workers {
        ok += worker.await.unwrap();
    }
    assert_eq!(ok, REQUESTS, "every request succeeds");
    assert_eq!(server.requests().len(), REQUESTS);
    let accepts = server.accepts();
    // hyper may open a spare connection while a request waits for an idle
    // one (more of them on a busy machine); without reuse there would be one
    // accept per request. At least nine requests in ten reuse a connection.
    assert!(
        accepts <= REQUESTS / 10,
        "connections are reused: {accepts} accepts for {REQUESTS} requests"
    );
}
