//! Constraint checks made before a request is sent.

use std::collections::BTreeMap;

use crate::runtime::error::Violation;
use crate::runtime::validate::{
    max_count, max_length, maximum, min_count, min_length, minimum, one_alternative_set, one_of,
    Validate,
};

/// A value with one rule: its text is at most three characters.
#[derive(Debug)]
struct Short(&'static str);

impl Validate for Short {
    fn validate_into(&self, path: &str, out: &mut Vec<Violation>) {
        max_length(self.0, 3, path, out);
    }
}

fn broken(check: impl FnOnce(&mut Vec<Violation>)) -> Vec<String> {
    let mut out = Vec::new();
    check(&mut out);
    out.into_iter()
        .map(|v| format!("{}: {}", v.path, v.message))
        .collect()
}

#[test]
fn lengths_count_characters_not_bytes_and_bounds_are_inclusive() {
    assert!(broken(|o| max_length("ééé", 3, "name", o)).is_empty());
    assert_eq!(
        broken(|o| max_length("éééé", 3, "name", o)),
        ["name: at most 3 characters allowed, found 4"]
    );
    assert!(broken(|o| min_length("éé", 2, "name", o)).is_empty());
    assert_eq!(
        broken(|o| min_length("é", 2, "name", o)),
        ["name: at least 2 characters required, found 1"]
    );
}

#[test]
fn counts_of_items_are_bounded_inclusively() {
    assert!(broken(|o| max_count(2, 2, "items", "tags", o)).is_empty());
    assert_eq!(
        broken(|o| max_count(3, 2, "items", "tags", o)),
        ["tags: at most 2 items allowed, found 3"]
    );
    assert!(broken(|o| min_count(1, 1, "properties", "meta", o)).is_empty());
    assert_eq!(
        broken(|o| min_count(0, 1, "properties", "meta", o)),
        ["meta: at least 1 properties required, found 0"]
    );
}

#[test]
fn a_number_of_an_enum_is_one_of_its_values() {
    assert!(broken(|o| one_of(2.0, &[1.0, 2.0, 3.0], "level", o)).is_empty());
    assert!(broken(|o| one_of(0.5, &[0.5], "level", o)).is_empty());
    assert_eq!(
        broken(|o| one_of(4.0, &[1.0, 2.0, 3.0], "level", o)),
        ["level: must be one of 1, 2, 3, found 4"]
    );
    assert_eq!(
        broken(|o| one_of(1.5, &[1.0, 2.0], "level", o)),
        ["level: must be one of 1, 2, found 1.5"]
    );
}

#[test]
fn numeric_bounds_are_inclusive_unless_exclusive() {
    assert!(broken(|o| minimum(1.0, 1.0, false, "n", o)).is_empty());
    assert!(broken(|o| minimum(1.5, 1.0, true, "n", o)).is_empty());
    assert_eq!(
        broken(|o| minimum(0.5, 1.0, false, "n", o)),
        ["n: must be at least 1, found 0.5"]
    );
    assert_eq!(
        broken(|o| minimum(1.0, 1.0, true, "n", o)),
        ["n: must be greater than 1, found 1"]
    );
    assert!(broken(|o| maximum(9.0, 9.0, false, "n", o)).is_empty());
    assert!(broken(|o| maximum(8.5, 9.0, true, "n", o)).is_empty());
    assert_eq!(
        broken(|o| maximum(9.5, 9.0, false, "n", o)),
        ["n: must be at most 9, found 9.5"]
    );
    assert_eq!(
        broken(|o| maximum(9.0, 9.0, true, "n", o)),
        ["n: must be less than 9, found 9"]
    );
}

#[test]
fn one_set_alternative_is_enough_and_none_names_them_all() {
    let first: &[&str] = &["phone_number"];
    let second: &[&str] = &["sip_uri", "trunk"];
    assert!(
        broken(|o| one_alternative_set(&[(first, false), (second, true)], "call", o)).is_empty()
    );
    assert!(
        broken(|o| one_alternative_set(&[(first, true), (second, false)], "call", o)).is_empty()
    );
    assert_eq!(
        broken(|o| one_alternative_set(&[(first, false), (second, false)], "call", o)),
        ["call: set `phone_number`, or `sip_uri` and `trunk`"]
    );
}

#[test]
fn containers_name_each_element_in_the_path() {
    let list = vec![Short("ok"), Short("long"), Short("longer")];
    assert_eq!(
        broken(|o| list.validate_into("tags", o)),
        [
            "tags[1]: at most 3 characters allowed, found 4",
            "tags[2]: at most 3 characters allowed, found 6"
        ]
    );
    let map = BTreeMap::from([
        ("a".to_owned(), Short("four")),
        ("b".to_owned(), Short("x")),
    ]);
    assert_eq!(
        broken(|o| map.validate_into("labels", o)),
        ["labels[\"a\"]: at most 3 characters allowed, found 4"]
    );
    let boxed = Box::new(Short("boxed"));
    assert_eq!(
        broken(|o| boxed.validate_into("b", o)),
        ["b: at most 3 characters allowed, found 5"]
    );
    let absent: Option<Short> = None;
    assert!(broken(|o| absent.validate_into("o", o)).is_empty());
    assert_eq!(
        broken(|o| Some(Short("four")).validate_into("o", o)).len(),
        1
    );
}

#[test]
fn validate_gathers_every_violation_or_passes() {
    assert!(Short("ok").validate("name").is_ok());
    let error = vec![Short("four"), Short("fives")]
        .validate("names")
        .expect_err("two are too long");
    let paths: Vec<&str> = error.violations.iter().map(|v| v.path.as_str()).collect();
    assert_eq!(paths, ["names[0]", "names[1]"]);
}
