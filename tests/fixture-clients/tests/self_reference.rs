//! Types that hold themselves (tests/fixtures/self-reference.yaml): each
//! reads what it admits and ends, whatever arrives.

use fixture_clients::self_reference_client::types::{
    AnyOf, Holder, Items, MaybeFirst, Mixed, OneOf,
};
use serde_json::json;

#[test]
fn a_schema_that_is_null_or_itself_reads_null_and_refuses_anything_else() {
    // `anyOf: [{$ref: AnyOf}, {type: "null"}]`. Its first branch once made a
    // type that tried itself again without reading: any value overflowed
    // the stack. Null is its one value.
    assert!(serde_json::from_value::<AnyOf>(json!(null)).is_ok());
    assert!(serde_json::from_str::<MaybeFirst>("[1, {\"a\": 2}]").is_err());
    assert!(serde_json::from_value::<AnyOf>(json!(1)).is_err());
}

#[test]
fn recursive_lists_and_unions_read_nested_values() {
    let items: Items = serde_json::from_value(json!([[], [[]]])).unwrap();
    assert_eq!(serde_json::to_value(&items).unwrap(), json!([[], [[]]]));
    let one_of: OneOf = serde_json::from_value(json!([["abc"], "x"])).unwrap();
    assert_eq!(
        serde_json::to_value(&one_of).unwrap(),
        json!([["abc"], "x"])
    );
    let mixed: Mixed = serde_json::from_value(json!([null, [null]])).unwrap();
    assert_eq!(serde_json::to_value(&mixed).unwrap(), json!([null, [null]]));
}

#[test]
fn a_holder_of_them_round_trips() {
    let holder = Holder::default().with_d_null().with_h_null();
    let written = serde_json::to_value(&holder).unwrap();
    assert_eq!(written, json!({"d": null, "h": null}));
    let read: Holder = serde_json::from_value(written).unwrap();
    assert_eq!(read, holder);
}
