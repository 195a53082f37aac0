//! Polymorphism declared on the parent (tests/fixtures/fidelity.yaml: `Pet`
//! with a `discriminator` mapping to `Cat` and `Dog`, which `allOf` it),
//! against a loopback server: a response with both children decodes to the
//! right variants with every field, a tag this client does not know is
//! kept, and a request with a child sends its fields and the tag.

use std::sync::{Arc, Mutex};

use fixture_clients::fidelity_client::types::{
    Cat, ContactCreate, Dog, DogPart2Bark, Pet, Report, ReportPart2, Severity, StationPage,
};
use fixture_clients::fidelity_client::{Client, Error, RetryPolicy};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A server answering every request with `body` (200, JSON), recording the
/// request bodies it received.
async fn server(body: &'static str) -> (Client, Arc<Mutex<Vec<String>>>) {
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
                let end = loop {
                    if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                        break at + 4;
                    }
                    match socket.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                    }
                };
                let head = String::from_utf8_lossy(&buffer[..end]).to_ascii_lowercase();
                let length: usize = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .map_or(0, |n| n.trim().parse().unwrap());
                while buffer.len() < end + length {
                    match socket.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                    }
                }
                let sent = String::from_utf8_lossy(&buffer[end..end + length]).into_owned();
                record.lock().unwrap().push(sent);
                let (status, body) = if length > 0 { (204, "") } else { (200, body) };
                let reply = format!(
                    "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
                    body.len()
                );
                let _ = socket.write_all(reply.as_bytes()).await;
            });
        }
    });
    let client = Client::builder()
        .base_url(&url)
        .api_key("key")
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    (client, seen)
}

#[tokio::test]
async fn a_response_of_two_children_decodes_to_the_right_variants() {
    let (client, _) = server(
        r#"[{"pet_type": "cat", "name": "Tom", "lives": 9},
            {"pet_type": "dog", "name": "Rex", "bark": "loud"},
            {"pet_type": "parrot", "name": "Polly", "words": 40}]"#,
    )
    .await;
    let pets = client.list_pets().await.unwrap().into_inner();
    assert_eq!(pets.len(), 3);
    match &pets[0] {
        Pet::Cat(cat) => assert_eq!((cat.name.as_str(), cat.lives), ("Tom", Some(9))),
        other => panic!("a cat decoded as {other:?}"),
    }
    match &pets[1] {
        Pet::Dog(dog) => {
            assert_eq!(dog.name, "Rex");
            assert_eq!(dog.bark, DogPart2Bark::Loud);
        }
        other => panic!("a dog decoded as {other:?}"),
    }
    // A kind this client does not know is kept whole, not refused.
    match &pets[2] {
        Pet::Unknown(value) => assert_eq!(value["words"], json!(40)),
        other => panic!("a parrot decoded as {other:?}"),
    }
}

#[tokio::test]
async fn a_request_with_a_child_sends_its_fields_and_the_tag() {
    let (client, seen) = server("").await;
    let dog = Pet::Dog(Dog::new("Rex", DogPart2Bark::Soft));
    client.adopt_pet(&dog).await.unwrap();
    let sent: serde_json::Value = serde_json::from_str(&seen.lock().unwrap()[0]).unwrap();
    assert_eq!(
        sent,
        json!({"pet_type": "dog", "name": "Rex", "bark": "soft"})
    );
    let cat = serde_json::to_value(Pet::Cat(Cat::new("Tom").with_lives(3))).unwrap();
    assert_eq!(cat, json!({"pet_type": "cat", "name": "Tom", "lives": 3}));
}

#[test]
fn an_all_of_that_narrows_a_property_types_it() {
    let page: StationPage =
        serde_json::from_value(json!({"total": 1, "data": [{"id": "s1", "name": "Central"}]}))
            .unwrap();
    assert_eq!(page.data[0].id, "s1");
    assert_eq!(page.data[0].name.as_deref(), Some("Central"));
    // The base's loose `data: [object]` is not what a station page holds.
    let wrong = serde_json::from_value::<StationPage>(json!({"total": 1, "data": [{"name": 3}]}));
    assert!(wrong.is_err());
}

#[test]
fn properties_beside_an_any_of_keep_both() {
    let report = Report::new(
        "Outage",
        ReportPart2::Severity(Severity::new("high").with_region("eu")),
    );
    let sent = serde_json::to_value(&report).unwrap();
    assert_eq!(
        sent,
        json!({"title": "Outage", "severity": "high", "region": "eu"})
    );
    let back: Report = serde_json::from_value(sent).unwrap();
    assert_eq!(back, report);
    // Branches that only say which fields are required add no shape.
    let contact = ContactCreate::default().with_email("a@example.com");
    assert_eq!(
        serde_json::to_value(contact).unwrap(),
        json!({"email": "a@example.com"})
    );
}

#[tokio::test]
async fn branches_that_only_require_are_checked_before_sending() {
    let (client, seen) = server("").await;
    // Neither `email` nor `external_id`: refused, nothing sent.
    let nameless = ContactCreate::default().with_name("Ada");
    match client.create_contact(&nameless).await {
        Err(Error::InvalidRequest(invalid)) => {
            let text = invalid.to_string();
            assert!(
                text.contains("`email`") && text.contains("`external_id`"),
                "{text}"
            );
        }
        other => panic!("sent a contact with neither: {other:?}"),
    }
    assert!(seen.lock().unwrap().is_empty());
    // Either one is enough.
    let by_id = ContactCreate::default().with_external_id("x1");
    client.create_contact(&by_id).await.unwrap();
    assert_eq!(seen.lock().unwrap().len(), 1);
}
