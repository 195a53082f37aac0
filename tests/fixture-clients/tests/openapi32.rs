//! What OpenAPI 3.2 adds, on the wire (tests/fixtures/openapi32.yaml) against
//! a loopback server: the QUERY method with its body, a method of
//! `additionalOperations`, a form `querystring` as the query string itself,
//! the `cookie` style, and streams described by `itemSchema`.

use std::sync::{Arc, Mutex};

use fixture_clients::openapi32_client::operations::ListItemsParams;
use fixture_clients::openapi32_client::types::{ChangeKind, Filter, ListItemsFilter};
use fixture_clients::openapi32_client::{Client, RetryPolicy};
use futures_util::TryStreamExt;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// One request as the server read it: its head (request line and headers,
/// lower-cased names) and its body.
#[derive(Debug, Clone)]
struct Seen {
    head: String,
    body: String,
}

impl Seen {
    fn line(&self) -> &str {
        self.head.lines().next().unwrap_or_default()
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }
}

/// A server answering every request with `status`, `content_type` and
/// `body`, one request per connection, recording what it read.
async fn server(status: u16, content_type: &str, body: &str) -> (Client, Arc<Mutex<Vec<Seen>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    let reply = format!(
        "HTTP/1.1 {status} X\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut buffer = Vec::new();
            let mut chunk = [0u8; 4096];
            let end = loop {
                if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                    break at + 4;
                }
                match socket.read(&mut chunk).await {
                    Ok(0) | Err(_) => return,
                    Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                }
            };
            let head = String::from_utf8_lossy(&buffer[..end]).into_owned();
            let length: usize = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse().unwrap())
                })
                .unwrap_or(0);
            while buffer.len() < end + length {
                match socket.read(&mut chunk).await {
                    Ok(0) | Err(_) => return,
                    Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                }
            }
            let body = String::from_utf8_lossy(&buffer[end..end + length]).into_owned();
            record.lock().unwrap().push(Seen { head, body });
            let _ = socket.write_all(reply.as_bytes()).await;
        }
    });
    let client = Client::builder()
        .base_url(&url)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    (client, seen)
}

const ITEMS: &str = r#"[{"id": "1", "name": "pen", "price": 3}]"#;

#[tokio::test]
async fn query_sends_its_method_and_body_and_reads_the_answer() {
    let (client, seen) = server(200, "application/json", ITEMS).await;
    let filter = Filter::default().with_max_price(10);
    let items = client.find_items(&filter).await.unwrap().into_inner();
    assert_eq!(items[0].name, "pen");
    let seen = seen.lock().unwrap();
    assert_eq!(seen[0].line(), "QUERY /items HTTP/1.1");
    assert_eq!(seen[0].header("content-type"), Some("application/json"));
    assert_eq!(seen[0].body, r#"{"max_price":10}"#);
}

#[tokio::test]
async fn a_method_of_additional_operations_is_sent_as_the_spec_names_it() {
    let item = r#"{"id": "2", "name": "pen"}"#;
    let (client, seen) = server(201, "application/json", item).await;
    let copy = client.copy_item("1").await.unwrap().into_inner();
    assert_eq!(copy.id, "2");
    assert_eq!(seen.lock().unwrap()[0].line(), "COPY /items/1 HTTP/1.1");
}

#[tokio::test]
async fn a_form_querystring_is_the_query_string_and_the_cookie_style_a_cookie() {
    let (client, seen) = server(200, "application/json", ITEMS).await;
    let filter = ListItemsFilter::default()
        .with_name("blue pen")
        .with_max_price(10);
    let params = ListItemsParams::default()
        .with_filter(filter)
        .with_session("s1");
    client.list_items(&params).await.unwrap();
    let seen = seen.lock().unwrap();
    assert_eq!(
        seen[0].line(),
        "GET /items?name=blue%20pen&max_price=10 HTTP/1.1"
    );
    assert_eq!(seen[0].header("cookie"), Some("session=s1"));
}

#[tokio::test]
async fn an_event_streams_item_schema_gives_the_type_of_its_data() {
    let events = "event: change\ndata: {\"id\": \"1\", \"kind\": \"added\"}\n\n";
    let (client, _) = server(200, "text/event-stream", events).await;
    let stream = client.watch_items().await.unwrap().into_inner();
    let changes: Vec<_> = stream.try_collect().await.unwrap();
    assert_eq!(changes[0].data.id, "1");
    assert_eq!(changes[0].data.kind, ChangeKind::Added);
    assert_eq!(changes[0].event.as_deref(), Some("change"));
}

#[tokio::test]
async fn a_shared_media_types_item_schema_gives_the_type_of_each_line() {
    let lines = "{\"id\": \"1\", \"name\": \"pen\"}\n{\"id\": \"2\", \"name\": \"ink\"}\n";
    let (client, _) = server(200, "application/jsonl", lines).await;
    let stream = client.export_items().await.unwrap().into_inner();
    let items: Vec<_> = stream.try_collect().await.unwrap();
    let names: Vec<&str> = items.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["pen", "ink"]);
}
