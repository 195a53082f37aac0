//! The parts of the comparison that need no spec; the catalogue of spec
//! pairs is `generator/tests/diff_catalogue.rs`.

use super::{
    narrowing, render, Bump, Change, FailOn, Format, Place, Report, RustImpact, WireImpact,
};

fn change(rust: RustImpact, old_client: WireImpact) -> Change {
    Change {
        rule: "rule",
        rust,
        old_client,
        new_client: WireImpact::Compatible,
        subject: String::new(),
        message: String::new(),
        old: None,
        new: None,
    }
}

fn report(changes: Vec<Change>) -> Report {
    Report {
        old_name: "old".into(),
        new_name: "new".into(),
        changes,
    }
}

#[test]
fn the_bump_follows_the_worst_change() {
    assert_eq!(report(vec![]).bump(), Bump::None);
    let none = change(RustImpact::None, WireImpact::MayFail);
    let additive = change(RustImpact::Additive, WireImpact::Compatible);
    let breaking = change(RustImpact::Breaking, WireImpact::Compatible);
    assert_eq!(report(vec![none.clone()]).bump(), Bump::Patch);
    assert_eq!(
        report(vec![none.clone(), additive.clone()]).bump(),
        Bump::Minor
    );
    assert_eq!(report(vec![additive, breaking, none]).bump(), Bump::Major);
    assert_eq!(Bump::Major.describe(), "major (0.x: minor)");
}

#[test]
fn fail_on_picks_what_fails() {
    let wire_only = report(vec![change(RustImpact::None, WireImpact::MayFail)]);
    assert!(!wire_only.fails(FailOn::Breaking));
    assert!(wire_only.fails(FailOn::Wire));
    assert!(wire_only.fails(FailOn::Any));
    assert!(!wire_only.fails(FailOn::Never));
    let rust_only = report(vec![change(RustImpact::Breaking, WireImpact::Compatible)]);
    assert!(rust_only.fails(FailOn::Breaking));
    assert!(!rust_only.fails(FailOn::Wire));
    assert!(!report(vec![]).fails(FailOn::Any));
}

#[test]
fn related_scalar_types_may_fail_and_unrelated_ones_fail() {
    assert_eq!(
        narrowing("String", "Uuid"),
        (WireImpact::MayFail, WireImpact::MayFail)
    );
    assert_eq!(
        narrowing("i32", "i64"),
        (WireImpact::MayFail, WireImpact::MayFail)
    );
    assert_eq!(
        narrowing("i64", "String"),
        (WireImpact::Fails, WireImpact::Fails)
    );
    assert_eq!(
        narrowing("Vec<String>", "String"),
        (WireImpact::Fails, WireImpact::Fails)
    );
}

#[test]
fn new_types_are_listed_once_for_people_and_each_for_tools() {
    let place = |line| Place {
        pointer: format!("/components/schemas/T{line}"),
        line: Some(line),
    };
    let added = |name: &str, line| Change {
        rule: "type-added",
        subject: name.to_owned(),
        new: Some(place(line)),
        ..change(RustImpact::Additive, WireImpact::Compatible)
    };
    let other = Change {
        rule: "operation-added",
        subject: "Client::go".to_owned(),
        message: "New operation.".to_owned(),
        ..change(RustImpact::Additive, WireImpact::Compatible)
    };
    let report = report(vec![added("Alpha", 7), other, added("Beta", 9)]);
    let text = render(&report, Format::Text);
    assert_eq!(text.matches("type-added").count(), 1, "{text}");
    assert!(text.contains("2 new types: `Alpha`, `Beta`."), "{text}");
    assert!(
        !text.contains(":7 ("),
        "the merged entry has no one place: {text}"
    );
    assert!(text.contains("operation-added  Client::go"), "{text}");
    let merged = text
        .find("type-added  2 types")
        .expect("one entry for both");
    assert!(
        merged < text.find("operation-added").unwrap(),
        "the merged entry stands where the first new type was: {text}"
    );
    let json = render(&report, Format::Json);
    assert_eq!(json.matches("\"type-added\"").count(), 2, "{json}");
}

#[test]
fn each_change_says_where_it_is_in_both_specs() {
    let moved = Change {
        old: Some(Place {
            pointer: "/paths/~1calls/get".into(),
            line: Some(3),
        }),
        new: Some(Place {
            pointer: "/paths/~1v2~1calls/get".into(),
            line: None,
        }),
        ..change(RustImpact::None, WireImpact::Fails)
    };
    let text = render(&report(vec![moved]), Format::Text);
    assert!(
        text.contains("    old: old:3 (#/paths/~1calls/get)\n"),
        "{text}"
    );
    assert!(
        text.contains("    new: new (#/paths/~1v2~1calls/get)\n"),
        "{text}"
    );
}

/// Types are sent or received through every kind of reference: fields,
/// extra properties, lists, maps, tuples, union variants and aliases, at
/// any depth; a schema no operation uses travels neither way.
#[test]
fn each_type_travels_the_way_its_operations_take_it() {
    let spec = r#"
openapi: 3.1.0
info: {title: T, version: '1'}
paths:
  /a:
    post:
      operationId: send
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Outer'}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: array
                prefixItems: [{$ref: '#/components/schemas/Pair'}, {type: string}]
components:
  schemas:
    Outer:
      type: object
      properties:
        list: {type: array, items: {$ref: '#/components/schemas/Listed'}}
        map: {type: object, additionalProperties: {$ref: '#/components/schemas/Mapped'}}
        either: {$ref: '#/components/schemas/Either'}
      additionalProperties: {$ref: '#/components/schemas/Extra'}
    Listed: {type: object, properties: {deep: {$ref: '#/components/schemas/Deep'}}}
    Deep: {type: object, properties: {n: {type: integer}}}
    Mapped: {type: object, properties: {n: {type: integer}}}
    Extra: {type: object, properties: {n: {type: integer}}}
    Either:
      oneOf: [{$ref: '#/components/schemas/Left'}, {type: string}]
    Left: {type: object, properties: {n: {type: integer}}}
    Pair: {type: object, properties: {n: {type: integer}}}
    Unused: {type: object, properties: {n: {type: integer}}}
"#;
    let api = crate::analyze(&crate::Source::new(spec.to_owned()))
        .expect("the spec lowers")
        .api;
    let directions = super::usage::directions(&api);
    let way = |name: &str| {
        let id = api.types.iter().position(|t| t.name == name);
        let d = directions[id.unwrap_or_else(|| panic!("no type {name}"))];
        (d.sent, d.received)
    };
    for sent in [
        "Outer", "Listed", "Deep", "Mapped", "Extra", "Either", "Left",
    ] {
        assert_eq!(way(sent), (true, false), "{sent}");
    }
    assert_eq!(way("Pair"), (false, true));
    assert_eq!(way("Unused"), (false, false));
}
