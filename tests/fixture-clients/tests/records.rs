//! How generated structs read objects through the runtime's `record!`
//! (tests/fixtures/records.yaml): the derive's behaviour, kept.

use fixture_clients::records_client::types::{Dog, Labels, OwnedPet, OwnedPetPart2, Record};
use serde_json::json;

fn read<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<T, String> {
    // From text, as responses are read, and from a `Value`, as strict mode
    // and unions read them: both must agree.
    let from_text = serde_json::from_str::<T>(&value.to_string()).map_err(|e| e.to_string());
    let from_value = serde_json::from_value::<T>(value).map_err(|e| e.to_string());
    assert_eq!(
        from_text.is_ok(),
        from_value.is_ok(),
        "{:?}",
        from_text.as_ref().err()
    );
    from_text
}

#[test]
fn fields_are_read_by_wire_name_and_unknown_keys_are_skipped() {
    let record: Record = read(json!({
        "name": "n", "entries": 3, "index": [1, 2], "key": "k", "record": "r",
        "label": "l", "Content-Type": "json", "unknown": {"deep": [1]}
    }))
    .unwrap();
    assert_eq!(record.name, "n");
    assert_eq!(record.entries, 3);
    assert_eq!(record.index, Some(vec![1, 2]));
    assert_eq!(record.key.as_deref(), Some("k"));
    assert_eq!(record.record.as_deref(), Some("r"));
    assert_eq!(record.label.as_deref(), Some("l"));
    assert_eq!(record.content_type.as_deref(), Some("json"));
}

#[test]
fn an_optional_nullable_field_tells_absent_from_null() {
    let base = json!({"name": "n", "entries": 1, "label": null});
    let absent: Record = read(base.clone()).unwrap();
    assert_eq!(absent.note, None);
    let mut null = base.clone();
    null["note"] = json!(null);
    assert_eq!(read::<Record>(null).unwrap().note, Some(None));
    let mut value = base;
    value["note"] = json!("x");
    let present: Record = read(value).unwrap();
    assert_eq!(present.note, Some(Some("x".to_owned())));
    // And each is written back as it came.
    assert_eq!(serde_json::to_value(&absent).unwrap().get("note"), None);
    assert_eq!(
        serde_json::to_value(Record::new("n", 1, None).with_note_null()).unwrap()["note"],
        json!(null)
    );
}

#[test]
fn a_required_nullable_field_may_be_absent() {
    let record: Record = read(json!({"name": "n", "entries": 1})).unwrap();
    assert_eq!(record.label, None);
}

#[test]
fn a_missing_required_field_is_named() {
    let error = read::<Record>(json!({"entries": 1, "label": null})).unwrap_err();
    assert!(error.contains("missing field `name`"), "{error}");
}

#[test]
fn a_repeated_key_is_an_error() {
    let error = serde_json::from_str::<Record>(r#"{"name": "a", "entries": 1, "name": "b"}"#)
        .unwrap_err()
        .to_string();
    assert!(error.contains("duplicate field `name`"), "{error}");
    let error =
        serde_json::from_str::<Record>(r#"{"name": "a", "entries": 1, "note": null, "note": "x"}"#)
            .unwrap_err()
            .to_string();
    assert!(error.contains("duplicate field `note`"), "{error}");
}

#[test]
fn a_field_of_the_wrong_type_or_not_an_object_is_an_error() {
    let error = read::<Record>(json!({"name": 1, "entries": 1})).unwrap_err();
    assert!(
        error.contains("invalid type: integer `1`, expected a string"),
        "{error}"
    );
    let error = read::<Record>(json!(["n", 1, null])).unwrap_err();
    assert!(error.contains("expected struct Record"), "{error}");
    let error = read::<Record>(json!(null)).unwrap_err();
    assert!(error.contains("expected struct Record"), "{error}");
}

#[test]
fn additional_properties_keep_every_other_key() {
    let labels: Labels = read(json!({"title": "t", "color": "red", "size": "large"})).unwrap();
    assert_eq!(labels.title, "t");
    assert_eq!(labels.extra.len(), 2);
    assert_eq!(labels.extra["color"], "red");
    let back = serde_json::to_value(&labels).unwrap();
    assert_eq!(back, json!({"title": "t", "color": "red", "size": "large"}));
    let error = read::<Labels>(json!({"title": "t", "color": 1})).unwrap_err();
    assert!(error.contains("expected a string"), "{error}");
}

#[test]
fn a_struct_inside_a_flattened_union_reads_its_keys() {
    let pet: OwnedPet = read(json!({"owner": "ann", "bark": "loud"})).unwrap();
    assert_eq!(pet.owner, "ann");
    assert_eq!(pet.owned_pet_part2, OwnedPetPart2::Dog(Dog::new("loud")));
    let error = read::<OwnedPet>(json!({"owner": "ann"})).unwrap_err();
    assert!(error.contains("did not match any variant"), "{error}");
}

#[test]
fn writing_leaves_out_absent_optional_fields_and_keeps_wire_names_and_order() {
    let record = Record::new("n", 1, None)
        .with_content_type("json")
        .with_note_null();
    assert_eq!(
        serde_json::to_string(&record).unwrap(),
        r#"{"name":"n","entries":1,"note":null,"label":null,"Content-Type":"json"}"#
    );
    let labels: Labels = read(json!({"size": "large", "title": "t", "color": "red"})).unwrap();
    assert_eq!(
        serde_json::to_string(&labels).unwrap(),
        r#"{"title":"t","color":"red","size":"large"}"#
    );
}

#[test]
fn a_field_whose_one_value_is_null_reads_and_writes_null() {
    use fixture_clients::openapi31_client::types::Adoption;
    // `closed: {type: "null"}`, required; `withdrawn` the same, optional.
    let adoption: Adoption = read(json!({"pet_id": 1, "closed": null})).unwrap();
    assert_eq!(adoption.withdrawn, None);
    assert!(read::<Adoption>(json!({"pet_id": 1, "closed": 1})).is_err());
    assert!(read::<Adoption>(json!({"pet_id": 1})).is_err());
    let sent = Adoption::new(1).with_withdrawn_null();
    let written = serde_json::to_value(&sent).unwrap();
    assert_eq!(
        written,
        json!({"pet_id": 1, "closed": null, "withdrawn": null})
    );
    assert_eq!(read::<Adoption>(written).unwrap(), sent);
}
