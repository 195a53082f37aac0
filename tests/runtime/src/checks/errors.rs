//! What an error tells its reader: the server's message, the request id,
//! the status, the retries, the cause.

use std::error::Error as _;
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::StatusCode;
use serde_json::json;

use crate::runtime::error::{
    body_request_id, error_message, header_request_id, DecodeError, Error, ErrorResponse,
    StatusError, ValidationError, Violation,
};
use crate::runtime::response::{describe_body, ErrorResponseValue, RawBody, ResponseValue};

/// An operation's documented errors, as generated: one variant per status.
#[derive(Debug)]
enum CallError {
    NotFound(ErrorResponseValue<serde_json::Value>),
    Gone(ResponseValue<String>),
}

impl StatusError for CallError {
    fn response(&self) -> &dyn ErrorResponse {
        match self {
            CallError::NotFound(r) => r,
            CallError::Gone(r) => r,
        }
    }
}

fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.insert(*name, HeaderValue::from_str(value).expect("a value"));
    }
    map
}

fn not_found(body: Result<serde_json::Value, RawBody>, retries: u32) -> Error<CallError> {
    Error::Status(CallError::NotFound(ErrorResponseValue::new(
        StatusCode::NOT_FOUND,
        headers(&[]),
        body,
        retries,
    )))
}

fn unexpected(body: &str, pairs: &[(&'static str, &str)]) -> Error<CallError> {
    Error::UnexpectedStatus {
        status: StatusCode::BAD_GATEWAY,
        headers: headers(pairs),
        body: Bytes::from(body.to_owned()),
        retries: 2,
    }
}

fn transport() -> reqwest::Error {
    // A URL reqwest refuses to send to: an error made without a network.
    let client = reqwest::Client::new();
    let request = client.get("http://[::1]:99999/").build();
    request.expect_err("an invalid port")
}

#[test]
fn messages_are_read_from_every_common_error_shape() {
    let cases = [
        (json!({"detail": "no such call"}), Some("no such call")),
        (json!({"message": "bad key"}), Some("bad key")),
        (json!({"error": "denied"}), Some("denied")),
        (json!({"title": "Not Found"}), Some("Not Found")),
        (json!({"error": {"message": "nested"}}), Some("nested")),
        (
            json!({"error": {"code": 4}, "message": "after"}),
            Some("after"),
        ),
        (
            json!({"detail": "first", "message": "second"}),
            Some("first"),
        ),
        (
            json!({"detail": [], "message": "fallback"}),
            Some("fallback"),
        ),
        (json!({"detail": 4}), None),
        (json!({"code": 4}), None),
        (json!("text"), None),
    ];
    for (body, expected) in cases {
        assert_eq!(error_message(&body).as_deref(), expected, "{body}");
    }
}

#[test]
fn validation_lists_become_one_line_per_problem() {
    let body = json!({"detail": [
        {"loc": ["body", "phone_number"], "msg": "field required"},
        {"loc": ["query", 0], "message": "too long"},
        {"msg": "no location"},
        {"loc": ["x"]}
    ]});
    assert_eq!(
        error_message(&body).as_deref(),
        Some(
            "body.phone_number: field required\nquery.0: too long\nno location\nx: {\"loc\":[\"x\"]}"
        )
    );
}

#[test]
fn request_ids_come_from_the_usual_headers_and_body_keys() {
    for name in [
        "x-request-id",
        "request-id",
        "x-correlation-id",
        "x-amzn-requestid",
    ] {
        assert_eq!(
            header_request_id(&headers(&[(name, "r1")])),
            Some("r1"),
            "{name}"
        );
    }
    assert_eq!(header_request_id(&headers(&[("x-other", "r1")])), None);
    for key in ["request_id", "slng_request_id", "requestId"] {
        assert_eq!(
            body_request_id(&json!({key: "b1"})).as_deref(),
            Some("b1"),
            "{key}"
        );
    }
    assert_eq!(body_request_id(&json!({"request_id": 5})), None);
}

#[test]
fn a_documented_error_tells_its_status_message_retries_and_request_id() {
    let error = not_found(Ok(json!({"detail": "no call", "request_id": "b7"})), 3);
    assert_eq!(error.status(), Some(StatusCode::NOT_FOUND));
    assert_eq!(error.message().as_deref(), Some("no call"));
    assert_eq!(error.retries(), 3);
    assert_eq!(error.request_id().as_deref(), Some("b7"));
    assert_eq!(error.to_string(), "status 404 Not Found: no call");
    assert!(error.source().is_none());

    let with_header = Error::Status(CallError::NotFound(ErrorResponseValue::new(
        StatusCode::NOT_FOUND,
        headers(&[("x-request-id", "h1")]),
        Ok(json!({"request_id": "b7"})),
        0,
    )));
    assert_eq!(
        with_header.request_id().as_deref(),
        Some("h1"),
        "the header first"
    );
    assert_eq!(with_header.to_string(), "status 404 Not Found");
    let Error::Status(variant) = &with_header else {
        unreachable!()
    };
    assert_eq!(variant.headers()["x-request-id"], "h1");
}

#[test]
fn a_documented_error_whose_body_did_not_decode_says_what_came() {
    let html = RawBody {
        content_type: Some("text/html; charset=utf-8".into()),
        bytes: Bytes::from_static(b"<html>\n  <b>Bad   gateway</b>\n</html>"),
        reason: "expected value".into(),
    };
    let error = not_found(Err(html), 0);
    assert_eq!(
        error.message().as_deref(),
        Some("text/html body (37 bytes): \"<html> <b>Bad gateway</b> </html>\", not the documented JSON")
    );
    let other_json = RawBody {
        content_type: Some("application/json".into()),
        bytes: Bytes::from_static(br#"{"message": "quota", "requestId": "q1"}"#),
        reason: "missing field".into(),
    };
    let error = not_found(Err(other_json), 0);
    assert_eq!(error.message().as_deref(), Some("quota"));
    assert_eq!(error.request_id().as_deref(), Some("q1"));
    let empty = RawBody {
        content_type: None,
        bytes: Bytes::new(),
        reason: "EOF".into(),
    };
    assert_eq!(not_found(Err(empty), 0).request_id(), None);
}

#[test]
fn a_text_error_body_is_its_own_message() {
    let gone = Error::Status(CallError::Gone(
        ResponseValue::new(
            StatusCode::GONE,
            headers(&[("request-id", "g1")]),
            "ended".to_owned(),
        )
        .with_retries(3),
    ));
    assert_eq!(gone.message().as_deref(), Some("ended"));
    assert_eq!(gone.retries(), 3);
    assert_eq!(gone.request_id().as_deref(), Some("g1"));
    assert_eq!(gone.status(), Some(StatusCode::GONE));
    let Error::Status(variant) = &gone else {
        unreachable!()
    };
    assert_eq!(variant.headers()["request-id"], "g1");
}

#[test]
fn byte_and_empty_error_bodies_have_no_message() {
    #[derive(Debug)]
    enum Plain {
        Bytes(ResponseValue<Bytes>),
        Empty(ResponseValue<()>),
    }
    impl StatusError for Plain {
        fn response(&self) -> &dyn ErrorResponse {
            match self {
                Plain::Bytes(r) => r,
                Plain::Empty(r) => r,
            }
        }
    }
    let bytes = Error::Status(Plain::Bytes(ResponseValue::new(
        StatusCode::IM_A_TEAPOT,
        headers(&[]),
        Bytes::from_static(b"{\"detail\": \"binary\"}"),
    )));
    assert_eq!(bytes.message(), None);
    assert_eq!(bytes.to_string(), "status 418 I'm a teapot");
    let empty = Error::Status(Plain::Empty(ResponseValue::new(
        StatusCode::NOT_FOUND,
        headers(&[]),
        (),
    )));
    assert_eq!(empty.message(), None);
}

#[test]
fn an_undocumented_status_keeps_its_body_for_message_and_request_id() {
    let error = unexpected(r#"{"error": "upstream", "request_id": "u1"}"#, &[]);
    assert_eq!(error.status(), Some(StatusCode::BAD_GATEWAY));
    assert_eq!(error.message().as_deref(), Some("upstream"));
    assert_eq!(error.request_id().as_deref(), Some("u1"));
    assert_eq!(error.retries(), 2);
    assert_eq!(
        error.to_string(),
        "unexpected status 502 Bad Gateway: upstream"
    );
    let plain = unexpected("oops", &[("x-correlation-id", "c9")]);
    assert_eq!(plain.request_id().as_deref(), Some("c9"));
    assert_eq!(plain.message(), None);
    assert_eq!(plain.to_string(), "unexpected status 502 Bad Gateway");
    assert_eq!(unexpected("oops", &[]).request_id(), None);
}

#[test]
fn a_body_that_did_not_decode_is_described_with_its_cause() {
    let cause = serde_json::from_str::<u32>("\"x\"").expect_err("not a number");
    let error: Error<CallError> = Error::Decode {
        status: StatusCode::OK,
        headers: headers(&[("content-type", "text/plain")]),
        body: Bytes::from_static(br#"{"detail": "d", "request_id": "d1"}"#),
        source: DecodeError::Json(cause),
        retries: 1,
    };
    assert_eq!(error.status(), Some(StatusCode::OK));
    assert_eq!(error.retries(), 1);
    assert_eq!(error.message().as_deref(), Some("d"));
    assert_eq!(error.request_id().as_deref(), Some("d1"));
    let text = error.to_string();
    assert!(
        text.starts_with(
            "could not decode the 200 OK response, text/plain body (35 bytes): \"{\\\"detail\\\""
        ),
        "{text}"
    );
    assert!(text.contains("as documented: invalid type"), "{text}");
    assert!(error.source().is_some());
}

#[test]
fn errors_without_a_response_say_what_happened_and_after_how_many_retries() {
    let timeout: Error<CallError> = Error::Timeout {
        source: transport(),
        retries: 0,
    };
    assert_eq!(timeout.to_string(), "the request timed out");
    assert_eq!(timeout.status(), None);
    assert!(timeout.source().is_some());
    let failed: Error<CallError> = Error::Transport {
        source: transport(),
        retries: 1,
    };
    assert_eq!(
        failed.to_string(),
        "the request failed before a response arrived (after 1 retry)"
    );
    assert_eq!(failed.retries(), 1);
    assert!(failed.source().is_some());
    assert_eq!(failed.request_id(), None);
    assert_eq!(failed.message(), None);
    let unknown: Error<CallError> = Error::OutcomeUnknown {
        source: transport(),
        retries: 2,
    };
    assert!(unknown
        .to_string()
        .starts_with("the request failed after it may have reached"));
    assert_eq!(unknown.retries(), 2);
    assert!(unknown.source().is_some());
    let silent: Error<CallError> = Error::StreamTimeout {
        waited: Duration::from_millis(1500),
        retries: 3,
    };
    assert_eq!(
        silent.to_string(),
        "the stream stayed silent for 1500 ms (after 3 retries)"
    );
    assert_eq!(silent.retries(), 3);
    assert!(silent.source().is_none());
}

#[test]
fn errors_before_sending_carry_their_cause() {
    let invalid: Error<CallError> = Error::InvalidRequest(ValidationError {
        violations: vec![
            Violation {
                path: "body.name".into(),
                message: "too long".into(),
            },
            Violation {
                path: "limit".into(),
                message: "too big".into(),
            },
        ],
    });
    assert_eq!(
        invalid.to_string(),
        "invalid request, nothing was sent: body.name: too long; limit: too big"
    );
    assert!(invalid.source().is_some());
    assert_eq!((invalid.retries(), invalid.status()), (0, None));
    let encode: Error<CallError> =
        Error::Encode(serde_json::from_str::<u32>("x").expect_err("not JSON"));
    assert!(encode
        .to_string()
        .starts_with("could not encode the request, nothing was sent: "));
    assert!(encode.source().is_some());
}

#[test]
fn an_error_event_reads_its_message_from_json_or_keeps_its_text() {
    let json_event: Error<CallError> = Error::ErrorEvent {
        data: r#"{"error": {"message": "overloaded"}}"#.into(),
        id: Some("7".into()),
    };
    assert_eq!(json_event.message().as_deref(), Some("overloaded"));
    assert_eq!(
        json_event.to_string(),
        "the stream sent an error event: overloaded"
    );
    let text_event: Error<CallError> = Error::ErrorEvent {
        data: "model crashed".into(),
        id: None,
    };
    assert_eq!(text_event.message().as_deref(), Some("model crashed"));
    assert_eq!(
        text_event.to_string(),
        "the stream sent an error event: model crashed"
    );
    assert_eq!((text_event.retries(), text_event.status()), (0, None));
    assert!(text_event.source().is_none());
}

#[test]
fn a_reqwest_error_becomes_a_transport_error_unless_it_timed_out() {
    let error: Error<CallError> = transport().into();
    assert!(
        matches!(error, Error::Transport { retries: 0, .. }),
        "{error:?}"
    );
}

#[test]
fn decode_errors_say_which_field_and_keep_their_cause() {
    let unknown = DecodeError::UnknownField {
        pointer: "/legs/0/via".into(),
    };
    assert_eq!(
        unknown.to_string(),
        "strict mode: `/legs/0/via` is not in the schema"
    );
    assert!(unknown.source().is_none());
    let bytes = vec![0xff_u8];
    let utf8 = std::str::from_utf8(&bytes).expect_err("not UTF-8");
    let error = DecodeError::Utf8(utf8);
    assert_eq!(error.to_string(), utf8.to_string());
    assert!(error.source().is_some());
    let json = DecodeError::Json(serde_json::from_str::<u32>("x").expect_err("not JSON"));
    assert!(json.source().is_some());
}

#[test]
fn a_secret_field_shows_as_redacted() {
    // Generated Debug impls put this in place of fields marked secret.
    let shown = format!("{:?}", crate::runtime::response::Redacted);
    assert_eq!(shown, "<redacted>");
}

#[test]
fn bodies_are_described_by_type_size_and_a_short_start() {
    assert_eq!(describe_body(Some("text/html"), b""), "an empty body");
    assert_eq!(describe_body(None, b"hi"), "untyped body (2 bytes): \"hi\"");
    assert_eq!(
        describe_body(Some(" ; x"), b"hi"),
        "untyped body (2 bytes): \"hi\""
    );
    let long = "word ".repeat(40);
    let described = describe_body(Some("text/plain"), long.as_bytes());
    let start: String = long
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(80)
        .collect();
    assert_eq!(
        described,
        format!("text/plain body (200 bytes): {:?}", format!("{start}…"))
    );
    let exact = "a".repeat(80);
    assert_eq!(
        describe_body(Some("text/plain"), exact.as_bytes()),
        format!("text/plain body (80 bytes): {exact:?}")
    );
}
