//! Decoding response bodies: tolerant by default, strict on request.

use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::runtime::decode::{decode_json, is_strict, same_json};
use crate::runtime::error::DecodeError;

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Call {
    id: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    legs: Vec<Leg>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Leg {
    to: String,
}

/// Records whether it was decoded strictly.
#[derive(Debug, Serialize)]
struct SeesStrictness(bool);

impl<'de> Deserialize<'de> for SeesStrictness {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(deserializer)?;
        Ok(Self(is_strict()))
    }
}

fn unknown_field<T: serde::de::DeserializeOwned + Serialize + std::fmt::Debug>(
    body: serde_json::Value,
) -> String {
    match decode_json::<T>(body.to_string().as_bytes(), true) {
        Err(DecodeError::UnknownField { pointer }) => pointer,
        other => panic!("expected an unknown field, got {other:?}"),
    }
}

#[test]
fn tolerant_decoding_skips_unknown_fields() {
    let body = br#"{"id": 7, "extra": true}"#;
    let call: Call = decode_json(body, false).expect("decodes");
    assert_eq!(call.id, 7);
}

#[test]
fn an_empty_body_is_null_when_tolerant_and_an_error_when_strict() {
    let none: Option<Call> = decode_json(b"", false).expect("null");
    assert_eq!(none, None);
    assert!(matches!(
        decode_json::<Option<Call>>(b"", true),
        Err(DecodeError::Json(_))
    ));
    assert!(matches!(
        decode_json::<Call>(b"{", false),
        Err(DecodeError::Json(_))
    ));
}

#[test]
fn strict_decoding_names_the_first_unknown_field_by_pointer() {
    assert_eq!(
        unknown_field::<Call>(json!({"id": 1, "extra": 2})),
        "/extra"
    );
    assert_eq!(
        unknown_field::<Call>(json!({"id": 1, "legs": [{"to": "a"}, {"to": "b", "via": "c"}]})),
        "/legs/1/via"
    );
    // Pointer escaping: `~` as `~0` and `/` as `~1`.
    assert_eq!(
        unknown_field::<Call>(json!({"id": 1, "a/b~c": 0})),
        "/a~1b~0c"
    );
}

#[test]
fn strict_decoding_accepts_known_fields_and_null_for_absent_ones() {
    let call: Call = decode_json(
        json!({"id": 1, "note": null, "legs": [{"to": "a"}], "later": null})
            .to_string()
            .as_bytes(),
        true,
    )
    .expect("a null the type leaves out is not a lost field");
    assert_eq!(call.legs, [Leg { to: "a".into() }]);
    assert!(matches!(
        decode_json::<Call>(br#"{"note": "x"}"#, true),
        Err(DecodeError::Json(_))
    ));
}

#[test]
fn types_see_strictness_only_while_decoded_strictly() {
    assert!(!is_strict());
    let strict: SeesStrictness = decode_json(b"1", true).expect("decodes");
    assert!(strict.0);
    assert!(!is_strict(), "the flag is put back after a strict decode");
    let tolerant: SeesStrictness = decode_json(b"1", false).expect("decodes");
    assert!(!tolerant.0);
}

#[test]
fn a_nullable_field_tells_absent_from_null_from_a_value() {
    #[derive(Debug, Deserialize)]
    struct Patch {
        #[serde(default, deserialize_with = "crate::runtime::nullable::deserialize")]
        name: Option<Option<u32>>,
    }
    let read = |text: &str| serde_json::from_str::<Patch>(text).expect("decodes").name;
    assert_eq!(read("{}"), None);
    assert_eq!(read(r#"{"name": null}"#), Some(None));
    assert_eq!(read(r#"{"name": 4}"#), Some(Some(4)));
}

#[test]
fn same_json_compares_numbers_by_value_and_everything_else_exactly() {
    assert!(same_json(&json!(1), &json!(1.0)));
    assert!(same_json(
        &json!({"a": [1, 2.5]}),
        &json!({"a": [1.0, 2.5]})
    ));
    assert!(!same_json(&json!(1), &json!(2)));
    assert!(!same_json(&json!([1, 2]), &json!([1])));
    assert!(!same_json(&json!([1, 2]), &json!([1, 3])));
    assert!(!same_json(&json!({"a": 1}), &json!({"a": 1, "b": 2})));
    assert!(!same_json(&json!({"a": 1}), &json!({"b": 1})));
    assert!(!same_json(&json!({"a": 1}), &json!({"a": 2})));
    assert!(same_json(&json!("x"), &json!("x")));
    assert!(!same_json(&json!("1"), &json!(1)));
}
