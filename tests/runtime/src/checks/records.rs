//! Structs read and written through `record!`, as generated types are.

use std::collections::BTreeMap;

use serde_json::json;

use crate::types::{Call, Open};

fn read<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<T, String> {
    serde_json::from_value(value).map_err(|e| e.to_string())
}

#[test]
fn fields_are_read_by_wire_name_and_unknown_keys_skipped() {
    let call: Call = read(json!({"ended_at": "t", "call-id": "c1", "other": [1], "note": "n"}))
        .expect("decodes");
    assert_eq!(call.id, "c1");
    assert_eq!(call.note, Some("n".into()));
    assert_eq!(call.ended, Some("t".into()));
}

#[test]
fn unknown_keys_of_any_shape_are_skipped_in_text_too() {
    // Read from text, a skipped value must be consumed before the next key.
    let text = r#"{"other": {"a": [1, {"b": null}]}, "call-id": "c", "more": [[]], "note": "n"}"#;
    let call: Call = serde_json::from_str(text).expect("decodes");
    assert_eq!((call.id.as_str(), call.note.as_deref()), ("c", Some("n")));
    let open: Open = serde_json::from_str(r#"{"name": "n", "z": [1]}"#).expect("decodes");
    assert_eq!(open.extra.len(), 1);
}

#[test]
fn a_missing_required_field_and_a_repeated_key_are_errors() {
    let missing = read::<Call>(json!({"note": "n"})).expect_err("no id");
    assert!(missing.contains("missing field `call-id`"), "{missing}");
    let repeated = serde_json::from_str::<Call>(r#"{"call-id": "a", "call-id": "b"}"#)
        .expect_err("a repeated key")
        .to_string();
    assert!(repeated.contains("duplicate field `call-id`"), "{repeated}");
}

#[test]
fn nullable_and_optional_fields_tell_absent_from_null() {
    let absent: Call = read(json!({"call-id": "c"})).expect("decodes");
    assert_eq!((absent.note, absent.ended, absent.hint), (None, None, None));
    let nulls: Call =
        read(json!({"call-id": "c", "ended_at": null, "hint": null})).expect("decodes");
    assert_eq!(nulls.ended, None);
    assert_eq!(
        nulls.hint,
        Some(None),
        "an optional nullable field keeps its null"
    );
}

#[test]
fn writing_leaves_out_absent_optional_fields_only() {
    let call = Call {
        id: "c".into(),
        note: None,
        ended: None,
        hint: Some(None),
    };
    assert_eq!(
        serde_json::to_value(&call).expect("encodes"),
        json!({"call-id": "c", "ended_at": null, "hint": null})
    );
    let full = Call {
        id: "c".into(),
        note: Some("n".into()),
        ended: Some("t".into()),
        hint: Some(Some(3)),
    };
    let text = serde_json::to_string(&full).expect("encodes");
    assert_eq!(
        text,
        r#"{"call-id":"c","note":"n","ended_at":"t","hint":3}"#
    );
}

#[test]
fn an_open_struct_keeps_other_keys_and_writes_them_after_its_fields() {
    let open: Open = read(json!({"z": 1, "name": "n", "a": {"b": 2}})).expect("decodes");
    assert_eq!(open.name, Some("n".into()));
    assert_eq!(
        open.extra,
        BTreeMap::from([
            ("a".to_owned(), json!({"b": 2})),
            ("z".to_owned(), json!(1))
        ])
    );
    assert_eq!(
        serde_json::to_string(&open).expect("encodes"),
        r#"{"name":"n","a":{"b":2},"z":1}"#
    );
    let repeated = serde_json::from_str::<Open>(r#"{"name": "a", "name": "b"}"#)
        .expect_err("a repeated key")
        .to_string();
    assert!(repeated.contains("duplicate field `name`"), "{repeated}");
}

#[test]
fn a_struct_is_read_from_a_flattening_parent_s_keys() {
    #[derive(Debug, serde::Deserialize)]
    struct Parent {
        kind: String,
        #[serde(flatten)]
        call: Call,
    }
    let parent: Parent = read(json!({"kind": "k", "call-id": "c", "note": "n"})).expect("decodes");
    assert_eq!((parent.kind.as_str(), parent.call.id.as_str()), ("k", "c"));
    let expecting = read::<Call>(json!([1])).expect_err("not an object");
    assert!(expecting.contains("struct Call"), "{expecting}");
    let keys = read::<Open>(json!("text")).expect_err("not an object");
    assert!(keys.contains("struct Open"), "{keys}");
}

#[test]
fn keys_given_as_bytes_are_matched_too() {
    // A deserializer may hand keys over as bytes (a binary format does);
    // they name fields as text keys do.
    use serde::de::value::{BytesDeserializer, MapDeserializer};
    use serde::de::IntoDeserializer;
    let entries = vec![
        (
            BytesDeserializer::<serde::de::value::Error>::new(b"call-id"),
            "c".into_deserializer(),
        ),
        (BytesDeserializer::new(b"note"), "n".into_deserializer()),
    ];
    let call: Call = serde::Deserialize::deserialize(MapDeserializer::new(entries.into_iter()))
        .expect("decodes");
    assert_eq!((call.id.as_str(), call.note.as_deref()), ("c", Some("n")));
}

#[test]
fn a_key_that_is_not_text_is_refused_with_what_was_expected() {
    use serde::de::value::{Error, MapDeserializer};
    use serde::de::IntoDeserializer;
    let entries = || vec![(7u32.into_deserializer(), "c".into_deserializer())].into_iter();
    let closed =
        <Call as serde::Deserialize>::deserialize(MapDeserializer::<_, Error>::new(entries()))
            .expect_err("a number is no key")
            .to_string();
    assert!(closed.contains("expected a field name"), "{closed}");
    let open =
        <Open as serde::Deserialize>::deserialize(MapDeserializer::<_, Error>::new(entries()))
            .expect_err("a number is no key")
            .to_string();
    assert!(open.contains("expected a property name"), "{open}");
    let not_utf8 = vec![(
        serde::de::value::BytesDeserializer::<Error>::new(&[0xff]),
        "c".into_deserializer(),
    )];
    let bytes =
        <Open as serde::Deserialize>::deserialize(MapDeserializer::new(not_utf8.into_iter()))
            .expect_err("not UTF-8")
            .to_string();
    assert!(bytes.contains("expected a property name"), "{bytes}");
}
