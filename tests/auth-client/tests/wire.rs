//! What reaches the wire for each way of authenticating, and a success whose
//! body depends on the status: a loopback server records the request head of
//! every call and answers.

use std::sync::{Arc, Mutex};

use auth_fixture_client::types::ExportVaultSuccess;
use auth_fixture_client::{Client, ClientBuilder, Error};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// The request line and headers of one request, lower-cased header names.
#[derive(Debug, Clone)]
struct Head {
    target: String,
    headers: Vec<(String, String)>,
}

impl Head {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Answers every request with 204 and keeps its head.
async fn server() -> (String, Arc<Mutex<Vec<Head>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let record = record.clone();
            tokio::spawn(async move {
                let mut buffer = Vec::new();
                let mut chunk = [0u8; 4096];
                // Requests here have no body: the head ends the request.
                while !buffer.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                    }
                }
                let text = String::from_utf8_lossy(&buffer).into_owned();
                let mut lines = text.lines();
                let target = lines
                    .next()
                    .and_then(|l| l.split_whitespace().nth(1))
                    .unwrap_or_default()
                    .to_owned();
                let headers = lines
                    .filter_map(|l| l.split_once(": "))
                    .map(|(n, v)| (n.to_ascii_lowercase(), v.to_owned()))
                    .collect();
                let reply = reply_for(&target);
                record.lock().unwrap().push(Head { target, headers });
                let _ = socket.write_all(reply.as_bytes()).await;
            });
        }
    });
    (url, seen)
}

/// 204 for everything but the export, whose status says which body it is.
fn reply_for(target: &str) -> String {
    let (status, body) = match target {
        // Fits both bodies: only the status can pick the variant.
        "/export" => ("202 Accepted", r#"{"job_id":"j-7","items":["a"]}"#),
        _ => return "HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n".to_owned(),
    };
    format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
}

fn builder(url: &str) -> ClientBuilder {
    Client::builder().base_url(url)
}

fn last(seen: &Arc<Mutex<Vec<Head>>>) -> Head {
    seen.lock().unwrap().last().cloned().expect("a request")
}

#[tokio::test]
async fn basic_authentication_sends_the_key_as_username() {
    let (url, seen) = server().await;
    let client = builder(&url).api_key("sk_test_1").build().unwrap();
    client.list_items().await.unwrap();
    // base64("sk_test_1:")
    assert_eq!(
        last(&seen).header("authorization"),
        Some("Basic c2tfdGVzdF8xOg==")
    );
    let client = builder(&url).secret_key("ada", "pa:ss").build().unwrap();
    client.list_items().await.unwrap();
    // base64("ada:pa:ss")
    assert_eq!(
        last(&seen).header("authorization"),
        Some("Basic YWRhOnBhOnNz")
    );
}

#[tokio::test]
async fn the_second_alternative_is_used_when_only_it_is_given() {
    let (url, seen) = server().await;
    let client = builder(&url).token_auth("t-1").build().unwrap();
    client.list_items().await.unwrap();
    assert_eq!(last(&seen).header("authorization"), Some("Bearer t-1"));
}

#[tokio::test]
async fn public_operations_send_no_credentials() {
    let (url, seen) = server().await;
    let client = builder(&url)
        .api_key("sk_test_1")
        .session_cookie("c-1")
        .query_key("q-1")
        .build()
        .unwrap();
    client.health().await.unwrap();
    let head = last(&seen);
    assert_eq!(head.target, "/health");
    assert_eq!(head.header("authorization"), None);
    assert_eq!(head.header("cookie"), None);
}

#[tokio::test]
async fn query_and_cookie_keys_go_where_the_scheme_says() {
    let (url, seen) = server().await;
    let client = builder(&url)
        .api_key("sk_test_1")
        .query_key("q 1&x")
        .session_cookie("c-1")
        .build()
        .unwrap();
    client.search().await.unwrap();
    let head = last(&seen);
    // Encoded as every query value is (RFC 3986: a space is %20).
    assert_eq!(head.target, "/search?api_key=q%201%26x");
    assert_eq!(head.header("authorization"), None, "only the query key");
    client.session().await.unwrap();
    let head = last(&seen);
    assert_eq!(head.header("cookie"), Some("vault_session=c-1"));
    assert_eq!(head.header("authorization"), None);
}

#[tokio::test]
async fn two_credentials_together_or_an_oauth_token_from_a_callback() {
    let (url, seen) = server().await;
    let client = builder(&url)
        .api_key("sk_test_1")
        .tenant_key("acme")
        .build()
        .unwrap();
    client.admin_action().await.unwrap();
    let head = last(&seen);
    assert_eq!(head.header("authorization"), Some("Basic c2tfdGVzdF8xOg=="));
    assert_eq!(head.header("x-tenant"), Some("acme"));

    let calls = Arc::new(Mutex::new(0));
    let counter = calls.clone();
    let client = builder(&url)
        .token_auth("t-1")
        .oauth_callback(move || {
            let mut n = counter.lock().unwrap();
            *n += 1;
            format!("fresh-{n}")
        })
        .build()
        .unwrap();
    client.admin_action().await.unwrap();
    client.admin_action().await.unwrap();
    assert_eq!(last(&seen).header("authorization"), Some("Bearer fresh-2"));
    assert_eq!(*calls.lock().unwrap(), 2, "asked once per request");
}

#[tokio::test]
async fn optional_credentials_are_sent_when_given() {
    let (url, seen) = server().await;
    let without = builder(&url).api_key("sk").build().unwrap();
    without.maybe_authenticated().await.unwrap();
    assert_eq!(last(&seen).header("authorization"), None);
    let with = builder(&url).token_auth("t-2").build().unwrap();
    with.maybe_authenticated().await.unwrap();
    assert_eq!(last(&seen).header("authorization"), Some("Bearer t-2"));
}

#[tokio::test]
async fn a_missing_credential_is_refused_before_sending_and_named() {
    let (url, seen) = server().await;
    let client = builder(&url).api_key("sk").build().unwrap();
    let error = client.search().await.unwrap_err();
    let Error::InvalidRequest(invalid) = error else {
        panic!("{error:?}");
    };
    let text = invalid.to_string();
    assert!(text.contains("`queryKey` (VAULT_QUERY_KEY)"), "{text}");
    assert!(seen.lock().unwrap().is_empty(), "nothing was sent");
}

#[tokio::test]
async fn a_client_without_credentials_calls_the_public_operations_only() {
    // `health` is `security: []`, so a client without credentials is of
    // use; the operations that need one refuse to send.
    let (url, seen) = server().await;
    let client = builder(&url).build().unwrap();
    client.health().await.unwrap();
    assert_eq!(last(&seen).target, "/health");
    let error = client.list_items().await.unwrap_err();
    let Error::InvalidRequest(invalid) = error else {
        panic!("{error:?}");
    };
    assert!(invalid.to_string().contains("VAULT_API_KEY"), "{invalid}");
    assert_eq!(seen.lock().unwrap().len(), 1, "nothing more was sent");
}

#[test]
fn credentials_never_show_in_debug_output() {
    let builder = Client::builder()
        .api_key("sk_secret_1")
        .token_auth("tok_secret_2")
        .tenant_key("tenant_secret_3")
        .oauth_callback(|| "cb_secret_4".to_owned());
    let client = builder.build().unwrap();
    let debug = format!("{client:?}");
    for secret in [
        "sk_secret_1",
        "tok_secret_2",
        "tenant_secret_3",
        "cb_secret_4",
    ] {
        assert!(!debug.contains(secret), "{debug}");
    }
    assert!(debug.contains("<redacted>"), "{debug}");
}

#[tokio::test]
async fn a_success_body_is_decoded_as_its_status_says() {
    let (url, _seen) = server().await;
    let client = builder(&url).api_key("sk").build().unwrap();
    let response = client.export_vault().await.unwrap();
    assert_eq!(response.status().as_u16(), 202);
    match response.into_inner() {
        ExportVaultSuccess::Accepted(job) => assert_eq!(job.job_id, "j-7"),
        other => panic!("{other:?}"),
    }
}
