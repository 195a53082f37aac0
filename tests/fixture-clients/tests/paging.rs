//! Streams over paged operations (tests/fixtures/pagination.yaml) against a
//! loopback server: every page fetched once, in order, lazily; every item
//! once; an error after the items before it; the end where the body says.

use std::sync::{Arc, Mutex};

use fixture_clients::pagination_client::operations::{
    ListByCursorParams, ListByOffsetParams, ListChargesParams, ListMaybeParams, ListNumbersParams,
};
use fixture_clients::pagination_client::{Client, Error, RetryPolicy};
use futures_util::{StreamExt, TryStreamExt};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A server answering `answer(target)` as (status, JSON body), recording targets.
async fn server(answer: fn(&str) -> (u16, String)) -> (Client, Arc<Mutex<Vec<String>>>) {
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
                loop {
                    while !buffer.windows(4).any(|w| w == b"\r\n\r\n") {
                        match socket.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                        }
                    }
                    let end = buffer.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
                    let head = String::from_utf8_lossy(&buffer[..end]).into_owned();
                    buffer.drain(..end);
                    let target = head
                        .split_whitespace()
                        .nth(1)
                        .unwrap_or_default()
                        .to_owned();
                    let (status, body) = answer(&target);
                    record.lock().unwrap().push(target);
                    let reply = format!(
                        "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
                        body.len()
                    );
                    if socket.write_all(reply.as_bytes()).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    let client = Client::builder()
        .base_url(&url)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    (client, seen)
}

fn numbers(target: &str) -> (u16, String) {
    let page: u32 = target
        .split("page=")
        .nth(1)
        .and_then(|p| p.split('&').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or(1);
    let items: Vec<u32> = (1..=2).map(|i| page * 10 + i).collect();
    (
        200,
        format!(r#"{{"items": {items:?}, "meta": {{"pages": 3}}}}"#),
    )
}

#[tokio::test]
async fn three_pages_are_fetched_once_each_in_order_and_every_item_comes_once() {
    let (client, seen) = server(numbers).await;
    let stream = client.list_numbers_stream(ListNumbersParams::default());
    let items: Vec<i64> = stream.try_collect().await.unwrap();
    assert_eq!(items, [11, 12, 21, 22, 31, 32]);
    assert_eq!(
        *seen.lock().unwrap(),
        ["/numbers", "/numbers?page=2", "/numbers?page=3"]
    );
}

#[tokio::test]
async fn pages_are_fetched_only_when_the_stream_reaches_them() {
    let (client, seen) = server(numbers).await;
    let mut stream = Box::pin(client.list_numbers_stream(ListNumbersParams::default()));
    assert!(
        seen.lock().unwrap().is_empty(),
        "nothing before the first read"
    );
    assert_eq!(stream.next().await.unwrap().unwrap(), 11);
    assert_eq!(stream.next().await.unwrap().unwrap(), 12);
    assert_eq!(
        seen.lock().unwrap().len(),
        1,
        "the second page is not asked for yet"
    );
    assert_eq!(stream.next().await.unwrap().unwrap(), 21);
    assert_eq!(seen.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn an_error_on_page_two_comes_after_the_items_of_page_one() {
    fn failing(target: &str) -> (u16, String) {
        if target.contains("page=2") {
            (500, r#"{"detail": "database down"}"#.to_owned())
        } else {
            numbers(target)
        }
    }
    let (client, _) = server(failing).await;
    let results: Vec<_> = client
        .list_numbers_stream(ListNumbersParams::default())
        .collect()
        .await;
    assert_eq!(results.len(), 3, "two items, then the error, then the end");
    assert_eq!(results[0].as_ref().unwrap(), &11);
    assert_eq!(results[1].as_ref().unwrap(), &12);
    let Err(error) = &results[2] else {
        panic!("{:?}", results[2])
    };
    assert_eq!(error.message().as_deref(), Some("database down"));
    assert!(matches!(error, Error::Status(_)));
}

#[tokio::test]
async fn a_stream_starts_at_the_page_asked_for() {
    let (client, seen) = server(numbers).await;
    let params = ListNumbersParams {
        page: Some(3),
        per_page: Some(2),
    };
    let items: Vec<i64> = client
        .list_numbers_stream(params)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items, [31, 32]);
    assert_eq!(*seen.lock().unwrap(), ["/numbers?page=3&per_page=2"]);
}

#[tokio::test]
async fn offsets_advance_by_the_items_received_until_the_total() {
    fn offsets(target: &str) -> (u16, String) {
        let offset: usize = target
            .split("offset=")
            .nth(1)
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        let names = ["a", "b", "c", "d", "e"];
        let page: Vec<&str> = names.iter().skip(offset).take(2).copied().collect();
        (200, format!(r#"{{"data": {page:?}, "total": 5}}"#))
    }
    let (client, seen) = server(offsets).await;
    let items: Vec<String> = client
        .list_by_offset_stream(ListByOffsetParams::default())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items, ["a", "b", "c", "d", "e"]);
    assert_eq!(
        *seen.lock().unwrap(),
        ["/offsets", "/offsets?offset=2", "/offsets?offset=4"]
    );
}

#[tokio::test]
async fn cursors_are_followed_until_the_body_has_none() {
    fn cursors(target: &str) -> (u16, String) {
        let body = match target {
            "/cursors" => r#"{"results": [{"id": "1"}], "next_cursor": "c2"}"#,
            "/cursors?cursor=c2" => r#"{"results": [{"id": "2"}], "next_cursor": "c3"}"#,
            _ => r#"{"results": [{"id": "3"}], "next_cursor": null}"#,
        };
        (200, body.to_owned())
    }
    let (client, seen) = server(cursors).await;
    let things: Vec<String> = client
        .list_by_cursor_stream(ListByCursorParams::default())
        .map_ok(|thing| thing.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(things, ["1", "2", "3"]);
    assert_eq!(seen.lock().unwrap().len(), 3);
}

#[tokio::test]
async fn the_next_page_starts_after_the_last_items_id_while_has_more() {
    fn charges(target: &str) -> (u16, String) {
        let body = match target {
            "/charges?limit=2" => r#"{"data": [{"id": "ch_1"}, {"id": "ch_2"}], "has_more": true}"#,
            "/charges?limit=2&starting_after=ch_2" => {
                r#"{"data": [{"id": "ch_3"}], "has_more": false}"#
            }
            _ => return (500, "{}".to_owned()),
        };
        (200, body.to_owned())
    }
    let (client, seen) = server(charges).await;
    let charges: Vec<String> = client
        .list_charges_stream(ListChargesParams::default().with_limit(2))
        .map_ok(|charge| charge.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(charges, ["ch_1", "ch_2", "ch_3"]);
    // `has_more: false` ends it: no request for an empty page.
    assert_eq!(
        *seen.lock().unwrap(),
        ["/charges?limit=2", "/charges?limit=2&starting_after=ch_2"]
    );
}

#[test]
fn operations_that_do_not_page_have_no_stream() {
    let source = include_str!(concat!(env!("OUT_DIR"), "/pagination_client.rs"));
    assert!(source.contains("fn list_numbers_stream"));
    assert!(
        !source.contains("fn list_plain_stream"),
        "x-oas-gen-paginate: false"
    );
    assert!(!source.contains("fn list_unrecognised_stream"));
}

#[tokio::test]
async fn without_a_total_an_offset_stream_ends_at_an_empty_page() {
    fn skips(target: &str) -> (u16, String) {
        let skip: usize = target
            .split("skip=")
            .nth(1)
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        let page: Vec<usize> = (skip..5).take(2).collect();
        (200, format!(r#"{{"records": {page:?}}}"#))
    }
    let (client, seen) = server(skips).await;
    let items: Vec<i64> = client
        .list_by_skip_stream(Default::default())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items, [0, 1, 2, 3, 4]);
    assert_eq!(
        seen.lock().unwrap().len(),
        4,
        "three pages and the empty one"
    );
}

#[tokio::test]
async fn an_operation_named_like_the_stream_keeps_its_name_and_the_stream_takes_another() {
    fn maybe(target: &str) -> (u16, String) {
        match target {
            "/maybe/stream" => (204, String::new()),
            "/maybe?page=1" => (200, r#"{"items": [1, 2], "has_more": true}"#.to_owned()),
            "/maybe?page=2" => (200, r#"{"items": null, "has_more": false}"#.to_owned()),
            _ => (500, "{}".to_owned()),
        }
    }
    let (client, seen) = server(maybe).await;
    // `listMaybeStream` is the spec's own operation, under its own name.
    client.list_maybe_stream().await.unwrap();
    let items: Vec<i64> = client
        .list_maybe_stream2(ListMaybeParams::new(1))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items, [1, 2]);
    assert_eq!(
        *seen.lock().unwrap(),
        ["/maybe/stream", "/maybe?page=1", "/maybe?page=2"]
    );
}
