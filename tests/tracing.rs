//! With the `tracing` feature: one span per request naming the method, the
//! path template, the status, the attempt and the elapsed time, and nothing
//! secret (no key, no phone number, no template argument, no filled path).
//! Run with `cargo test --features tracing --test tracing`.
#![cfg(feature = "tracing")]

mod support;

use std::collections::BTreeMap;

use serde_json::json;
use slng_agents::types::AgentCallCreate;
use slng_agents::Client;
use support::trace_capture::Capture;
use support::{Reply, TestServer};

#[test]
fn one_span_per_request_with_no_secret() {
    let capture = Capture::default();
    let output = capture.0.clone();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    tracing::subscriber::with_default(capture, || {
        runtime.block_on(async {
            let reply = json!({"call_id": "7d444840-9dc0-11d1-b245-5ffdce74fad2", "message": "ok"});
            let server = TestServer::start(move |_| Reply::json(200, reply.clone())).await;
            let client = Client::builder()
                .base_url(&server.url)
                .api_key("sk-secret-key")
                .build()
                .unwrap();
            let arguments =
                BTreeMap::from([("customer_name".to_owned(), "Ada Lovelace".to_owned())]);
            let call = AgentCallCreate {
                phone_number: "+14155550100".into(),
                arguments: Some(arguments),
            };
            let agent = "550e8400-e29b-41d4-a716-446655440000".parse().unwrap();
            client.dispatch_call(agent, &call).await.unwrap();
        })
    });
    let text = output.lock().unwrap().clone();
    assert_eq!(text.matches("span http_request:").count(), 1, "{text}");
    assert!(text.contains("method=POST"), "{text}");
    assert!(
        text.contains("path=\"/v1/agents/{agent_id}/calls\""),
        "{text}"
    );
    assert!(text.contains("status=200"), "{text}");
    assert!(text.contains("attempt=1"), "{text}");
    assert!(text.contains("elapsed_ms="), "{text}");
    for secret in ["sk-secret-key", "+14155550100", "Ada Lovelace", "550e8400"] {
        assert!(
            !text.contains(secret),
            "{secret} leaked into traces:\n{text}"
        );
    }
}
