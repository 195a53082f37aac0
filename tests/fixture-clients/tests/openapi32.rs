//! What OpenAPI 3.2 adds, on the wire (tests/fixtures/openapi32.yaml) against
//! a loopback server: the QUERY method with its body, a method of
//! `additionalOperations`, a form `querystring` as the query string itself,
//! the `cookie` style, and streams described by `itemSchema`.

#[path = "../../support/server.rs"]
mod server;

use fixture_clients::openapi32_client::operations::ListItemsParams;
use fixture_clients::openapi32_client::types::{ChangeKind, Event, Filter, ListItemsFilter, Shape};
use fixture_clients::openapi32_client::{Client, RetryPolicy};
use futures_util::TryStreamExt;
use server::{Reply, TestServer};

fn client_of(server: &TestServer) -> Client {
    Client::builder()
        .base_url(&server.url)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
}

fn items() -> Reply {
    Reply::json(
        200,
        serde_json::json!([{"id": "1", "name": "pen", "price": 3}]),
    )
}

#[tokio::test]
async fn query_sends_its_method_and_body_and_reads_the_answer() {
    let server = TestServer::start(|_| items()).await;
    let filter = Filter::default().with_max_price(10);
    let found = client_of(&server).find_items(&filter).await.unwrap();
    assert_eq!(found.into_inner()[0].name, "pen");
    let sent = &server.requests()[0];
    assert_eq!(
        (sent.method.as_str(), sent.target.as_str()),
        ("QUERY", "/items")
    );
    assert_eq!(sent.header("content-type"), Some("application/json"));
    assert_eq!(sent.body, br#"{"max_price":10}"#);
}

#[tokio::test]
async fn a_method_of_additional_operations_is_sent_as_the_spec_names_it() {
    let server =
        TestServer::start(|_| Reply::json(201, serde_json::json!({"id": "2", "name": "pen"})))
            .await;
    let copy = client_of(&server).copy_item("1").await.unwrap();
    assert_eq!(copy.into_inner().id, "2");
    let sent = &server.requests()[0];
    assert_eq!(
        (sent.method.as_str(), sent.target.as_str()),
        ("COPY", "/items/1")
    );
}

#[tokio::test]
async fn a_form_querystring_is_the_query_string_and_the_cookie_style_a_cookie() {
    let server = TestServer::start(|_| items()).await;
    let filter = ListItemsFilter::default()
        .with_name("blue pen")
        .with_max_price(10);
    let params = ListItemsParams::default()
        .with_filter(filter)
        .with_session("s1");
    client_of(&server).list_items(&params).await.unwrap();
    let sent = &server.requests()[0];
    assert_eq!(sent.target, "/items?name=blue%20pen&max_price=10");
    assert_eq!(sent.header("cookie"), Some("session=s1"));
}

#[tokio::test]
async fn an_event_streams_item_schema_gives_the_type_of_its_data() {
    let events = "event: change\ndata: {\"id\": \"1\", \"kind\": \"added\"}\n\n";
    let server = TestServer::start(move |_| Reply::text(200, "text/event-stream", events)).await;
    let stream = client_of(&server).watch_items().await.unwrap().into_inner();
    let changes: Vec<_> = stream.try_collect().await.unwrap();
    assert_eq!(changes[0].data.id, "1");
    assert_eq!(changes[0].data.kind, ChangeKind::Added);
    assert_eq!(changes[0].event.as_deref(), Some("change"));
}

#[tokio::test]
async fn a_shared_media_types_item_schema_gives_the_type_of_each_line() {
    let lines = "{\"id\": \"1\", \"name\": \"pen\"}\n{\"id\": \"2\", \"name\": \"ink\"}\n";
    let server = TestServer::start(move |_| Reply::text(200, "application/jsonl", lines)).await;
    let stream = client_of(&server)
        .export_items()
        .await
        .unwrap()
        .into_inner();
    let items: Vec<_> = stream.try_collect().await.unwrap();
    let names: Vec<&str> = items.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["pen", "ink"]);
}

#[tokio::test]
async fn events_of_an_unlisted_kind_or_none_read_as_the_default_mapping_and_keep_their_kind() {
    let events = serde_json::json!([
        {"kind": "priced", "price": 12},
        {"kind": "renamed", "text": "Blue pen"},
        {"text": "Restocked"},
    ]);
    let answer = events.clone();
    let server = TestServer::start(move |_| Reply::json(200, answer.clone())).await;
    let history = client_of(&server)
        .item_history("1")
        .await
        .unwrap()
        .into_inner();
    assert!(
        matches!(&history[0], Event::Priced(p) if p.price == 12),
        "{history:?}"
    );
    let Event::Note(renamed) = &history[1] else {
        panic!("{history:?}");
    };
    assert_eq!(renamed.kind.as_deref(), Some("renamed"));
    assert!(
        matches!(&history[2], Event::Note(n) if n.kind.is_none()),
        "{history:?}"
    );
    // Sent back as received: the default variant's tag is its own field.
    assert_eq!(serde_json::to_value(&history).unwrap(), events);
}

#[test]
fn a_polymorphic_base_reads_an_unmapped_child_as_its_default_mapping() {
    let hexagon: Shape =
        serde_json::from_value(serde_json::json!({"shape": "hexagon", "sides": 6})).unwrap();
    let Shape::Polygon(polygon) = &hexagon else {
        panic!("{hexagon:?}");
    };
    assert_eq!(
        (polygon.shape.as_str(), polygon.sides),
        ("hexagon", Some(6))
    );
    // A mapping value may be a bare schema name (`circle: Circle`).
    let circle: Shape =
        serde_json::from_value(serde_json::json!({"shape": "circle", "radius": 2.5})).unwrap();
    assert!(matches!(circle, Shape::Circle(c) if c.radius == Some(2.5)));
}
