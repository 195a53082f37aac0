//! What a request carries on the wire, and how its answer is read.

use std::time::Duration;

use reqwest::Method;
use serde_json::json;

use super::sending::{client, API};
use super::server::{Reply, TestServer};
use crate::runtime::client::ClientBuilder;
use crate::runtime::error::{DecodeError, Error, ErrorResponse, StatusError};
use crate::runtime::request::RequestFailure;
use crate::runtime::response::{ErrorResponseValue, ResponseValue};
use crate::runtime::style::Style;

#[derive(Debug)]
enum Failed {
    Json(ErrorResponseValue<serde_json::Value>),
    Text(ResponseValue<String>),
    Bytes(ResponseValue<bytes::Bytes>),
    Empty(ResponseValue<()>),
}

impl StatusError for Failed {
    fn response(&self) -> &dyn ErrorResponse {
        match self {
            Failed::Json(r) => r,
            Failed::Text(r) => r,
            Failed::Bytes(r) => r,
            Failed::Empty(r) => r,
        }
    }
}

async fn echo() -> TestServer {
    TestServer::start(|_| Reply::json(200, json!({"ok": true}))).await
}

fn invalid(failure: RequestFailure) -> Vec<String> {
    match failure {
        RequestFailure::Invalid(e) => e
            .violations
            .into_iter()
            .map(|v| format!("{}: {}", v.path, v.message))
            .collect(),
        other => panic!("expected an invalid request, got {other:?}"),
    }
}

#[tokio::test]
async fn query_pairs_follow_any_query_in_the_path_and_keep_their_delimiters() {
    let server = echo().await;
    let client = client(&server.url, 0);
    client
        .request(Method::GET, "/calls", "/calls?fixed=1")
        .query_param("ids", &[1, 2], Style::PipeDelimited, false, false)
        .query_param("absent", &None::<u32>, Style::Form, true, false)
        .query_param("q", "a b", Style::Form, true, false)
        .send()
        .await
        .expect("sent");
    assert_eq!(
        server.requests()[0].target,
        "/calls?fixed=1&ids=1|2&q=a%20b"
    );
}

#[test]
fn reserved_characters_and_percent_triples_are_kept_only_when_allowed() {
    use crate::runtime::style::query_pairs;
    let kept = query_pairs("q", "a/b%41%zz100%", Style::Form, true, true).expect("pairs");
    assert_eq!(kept, ["q=a/b%41%25zz100%25"]);
    let encoded = query_pairs("q", "a/b%41", Style::Form, true, false).expect("pairs");
    assert_eq!(encoded, ["q=a%2Fb%2541"]);
}

#[test]
fn an_empty_list_or_object_still_names_the_parameter() {
    use crate::runtime::style::query_pairs;
    let empty_object = query_pairs("q", &json!({}), Style::Form, true, false).expect("pairs");
    let empty_list = query_pairs("q", &json!([]), Style::Form, true, false).expect("pairs");
    assert_eq!(
        (empty_object, empty_list),
        (vec!["q=".to_owned()], vec!["q=".to_owned()])
    );
}

#[tokio::test]
async fn headers_cookies_and_accept_are_sent_with_the_client_s_defaults() {
    let server = echo().await;
    let client = ClientBuilder::new(API)
        .base_url(format!("{}/", server.url))
        .default_header("x-team", "voice")
        .build()
        .expect("a client");
    client
        .request(Method::GET, "/calls", "/calls")
        .header_param("x-ids", &[3, 4], false)
        .header_param("x-none", &None::<String>, false)
        .header("x-trace", 9)
        .cookie_param("session", "s1", true)
        .cookie_param("theme", "dark", true)
        .accept("application/json, text/event-stream;q=0.5")
        .send()
        .await
        .expect("sent");
    let seen = &server.requests()[0];
    assert_eq!(
        seen.target, "/calls",
        "the base URL's trailing slash is dropped"
    );
    assert_eq!(seen.header("x-team"), Some("voice"));
    assert_eq!(seen.header("x-ids"), Some("3,4"));
    assert_eq!(seen.header("x-none"), None);
    assert_eq!(seen.header("x-trace"), Some("9"));
    assert_eq!(seen.header("cookie"), Some("session=s1; theme=dark"));
    assert_eq!(
        seen.header("accept"),
        Some("application/json, text/event-stream;q=0.5")
    );
    assert_eq!(seen.header("user-agent"), Some("runtime-tests"));
}

#[tokio::test]
async fn bodies_are_sent_with_their_content_types() {
    let server = echo().await;
    let client = client(&server.url, 0);
    let body = json!({"phone_number": "+1", "stream": true});
    client
        .request(Method::POST, "/calls", "/calls")
        .json(&body)
        .expect("encodes")
        .send()
        .await
        .expect("sent");
    client
        .request(Method::POST, "/calls", "/calls")
        .json_switched(&body, "stream", false)
        .expect("encodes")
        .send()
        .await
        .expect("sent");
    client
        .request(Method::POST, "/calls", "/calls")
        .json_switched(&json!([1]), "stream", true)
        .expect("encodes")
        .send()
        .await
        .expect("sent");
    client
        .request(Method::POST, "/calls", "/calls")
        .form(&[("to", "+1 2"), ("from", "a&b")])
        .expect("encodes")
        .send()
        .await
        .expect("sent");
    let seen = server.requests();
    assert_eq!(seen[0].header("content-type"), Some("application/json"));
    assert_eq!(seen[0].json(), body);
    assert_eq!(
        seen[1].json(),
        json!({"phone_number": "+1", "stream": false})
    );
    assert_eq!(seen[2].json(), json!([1]), "only an object gets the switch");
    assert_eq!(
        seen[3].header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(seen[3].body, b"to=%2B1+2&from=a%26b");
}

#[tokio::test]
async fn a_request_with_bad_parts_is_refused_before_sending() {
    let server = echo().await;
    let client = client(&server.url, 0);
    let failure = client
        .request(Method::GET, "/calls", "/calls")
        .header("x-bad", "line\nbreak")
        .accept("text/\u{7f}")
        .query_param(
            "nested",
            &std::collections::BTreeMap::from([(vec![1u8], 1)]),
            Style::Form,
            true,
            false,
        )
        .send()
        .await
        .expect_err("refused");
    let violations = invalid(failure);
    assert_eq!(violations.len(), 3, "{violations:?}");
    assert_eq!(violations[0], "header x-bad: not a valid HTTP header value");
    assert_eq!(
        violations[1],
        "accept: the response media types are not valid in a header"
    );
    assert!(
        violations[2].starts_with("nested: cannot be serialized: "),
        "{violations:?}"
    );
    let bad_type = client
        .request(Method::PUT, "/audio", "/audio")
        .raw_body(b"x".to_vec(), "audio/\n")
        .send()
        .await
        .expect_err("refused");
    assert_eq!(
        invalid(bad_type),
        ["body: the content type \"audio/\\n\" is not valid in a header"]
    );
    let bad_url = client
        .request(Method::GET, "/x", ":not a url")
        .send()
        .await
        .expect_err("refused");
    assert!(invalid(bad_url)[0].starts_with("url: "));
    assert!(server.requests().is_empty(), "nothing was sent");
}

#[tokio::test]
async fn answers_are_read_as_json_text_bytes_or_nothing() {
    let server = TestServer::start(|r| match r.target.as_str() {
        "/json" => Reply::json(200, json!({"n": 1})),
        "/latin" => Reply {
            body: vec![0xe9],
            ..Reply::text(200, "text/plain", "")
        },
        _ => Reply::text(201, "text/plain", "plain"),
    })
    .await;
    let client = client(&server.url, 0);
    let get = |path: &'static str| client.request(Method::GET, path, path).send();
    let json = get("/json")
        .await
        .expect("sent")
        .json::<serde_json::Value, Failed>();
    assert_eq!(json.expect("decodes").into_inner(), json!({"n": 1}));
    let text = get("/text")
        .await
        .expect("sent")
        .text::<Failed>()
        .expect("text");
    assert_eq!(
        (text.status().as_u16(), text.body().as_str()),
        (201, "plain")
    );
    let bytes = get("/text")
        .await
        .expect("sent")
        .bytes::<Failed>()
        .expect("bytes");
    assert_eq!(bytes.body().as_ref(), b"plain");
    let empty = get("/text")
        .await
        .expect("sent")
        .empty::<Failed>()
        .expect("empty");
    assert_eq!(empty.status().as_u16(), 201);
    let latin = get("/latin").await.expect("sent").text::<Failed>();
    assert!(
        matches!(
            latin,
            Err(Error::Decode {
                source: DecodeError::Utf8(_),
                ..
            })
        ),
        "{latin:?}"
    );
    let wrong = get("/text").await.expect("sent").json::<u32, Failed>();
    assert!(
        matches!(&wrong, Err(Error::Decode { body, .. }) if body.as_ref() == b"plain"),
        "{wrong:?}"
    );
}

#[tokio::test]
async fn strict_clients_refuse_fields_the_schema_does_not_know() {
    let server = TestServer::start(|_| Reply::json(200, json!({"n": 1, "extra": 2}))).await;
    #[derive(Debug, serde::Serialize, serde::Deserialize)]
    struct N {
        n: u32,
    }
    let strict = ClientBuilder::new(API)
        .base_url(&server.url)
        .strict_responses(true)
        .build()
        .expect("a client");
    let refused = strict
        .request(Method::GET, "/n", "/n")
        .send()
        .await
        .expect("sent")
        .json::<N, Failed>();
    assert!(
        matches!(&refused, Err(Error::Decode { source: DecodeError::UnknownField { pointer }, .. }) if pointer == "/extra"),
        "{refused:?}"
    );
    let tolerant = client(&server.url, 0)
        .request(Method::GET, "/n", "/n")
        .send()
        .await
        .expect("sent")
        .json::<N, Failed>();
    assert_eq!(tolerant.expect("decodes").n, 1);
}

#[tokio::test]
async fn documented_errors_become_their_variant_with_the_body_decoded_or_kept() {
    let server = TestServer::start(|r| match r.target.as_str() {
        "/json" => Reply::json(404, json!({"detail": "no call"})).header("x-request-id", "r1"),
        "/html" => Reply::text(404, "text/html", "<h1>gone</h1>"),
        "/events" => Reply::text(
            422,
            "text/event-stream",
            "event: error\ndata: {\"detail\": \"bad\"}\n\n",
        ),
        "/junk-events" => Reply::text(422, "text/event-stream", "data: nope\n\n"),
        _ => Reply::text(410, "text/plain", "ended"),
    })
    .await;
    let client = client(&server.url, 0);
    let get = |path: &'static str| client.request(Method::GET, path, path).send();
    let json = get("/json")
        .await
        .expect("sent")
        .error::<serde_json::Value, _, ()>(Failed::Json);
    let Err(Error::Status(Failed::Json(value))) = json else {
        panic!("{json:?}")
    };
    assert_eq!(value.body(), Some(&json!({"detail": "no call"})));
    assert_eq!(value.request_id(), Some("r1"));
    assert_eq!(value.headers()["x-request-id"], "r1");
    assert_eq!(value.message().as_deref(), Some("no call"));
    let html = get("/html")
        .await
        .expect("sent")
        .error::<serde_json::Value, _, ()>(Failed::Json);
    let Err(Error::Status(Failed::Json(value))) = html else {
        panic!("{html:?}")
    };
    let raw = value.raw_body().expect("kept raw");
    assert_eq!(
        (raw.content_type.as_deref(), raw.bytes.as_ref()),
        (Some("text/html"), b"<h1>gone</h1>".as_slice())
    );
    let event = get("/events")
        .await
        .expect("sent")
        .event_error::<serde_json::Value, _, ()>(Failed::Json);
    let Err(Error::Status(Failed::Json(value))) = event else {
        panic!("{event:?}")
    };
    assert_eq!(value.body(), Some(&json!({"detail": "bad"})));
    let junk = get("/junk-events")
        .await
        .expect("sent")
        .event_error::<serde_json::Value, _, ()>(Failed::Json);
    let Err(Error::Status(Failed::Json(value))) = junk else {
        panic!("{junk:?}")
    };
    assert_eq!(
        value.raw_body().expect("kept raw").bytes.as_ref(),
        b"data: nope\n\n"
    );
    let text = get("/text")
        .await
        .expect("sent")
        .text_error::<_, ()>(Failed::Text);
    assert!(
        matches!(&text, Err(Error::Status(Failed::Text(v))) if v.body() == "ended"),
        "{text:?}"
    );
    let bytes = get("/text")
        .await
        .expect("sent")
        .bytes_error::<_, ()>(Failed::Bytes);
    assert!(
        matches!(&bytes, Err(Error::Status(Failed::Bytes(v))) if v.body().as_ref() == b"ended"),
        "{bytes:?}"
    );
    let empty = get("/text")
        .await
        .expect("sent")
        .empty_error::<_, ()>(Failed::Empty);
    assert!(
        matches!(&empty, Err(Error::Status(Failed::Empty(v))) if v.status().as_u16() == 410),
        "{empty:?}"
    );
}

#[tokio::test]
async fn the_total_timeout_covers_a_slow_body_when_read_whole() {
    let slow_body = Reply::streamed(
        200,
        "text/plain",
        vec![
            super::server::Chunk::new("a"),
            super::server::Chunk::new("b").after(Duration::from_millis(500)),
        ],
    );
    let server = TestServer::start(move |_| slow_body.clone()).await;
    let client = client(&server.url, 0).with_timeout(Duration::from_millis(100));
    let failure = client
        .request(Method::GET, "/slow", "/slow")
        .send()
        .await
        .expect_err("the body came too late");
    assert!(
        matches!(failure, RequestFailure::Timeout(_, 0)),
        "{failure:?}"
    );
}
