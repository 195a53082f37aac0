//! Dates and times that keep the text they came as.

use std::collections::HashSet;

use crate::runtime::datetime::{Date, DateTime};

#[test]
fn a_date_keeps_its_text_and_its_day() {
    let day: Date = "2026-02-28".parse().expect("a date");
    assert_eq!(day.as_str(), "2026-02-28");
    assert_eq!(
        day.value(),
        chrono::NaiveDate::from_ymd_opt(2026, 2, 28),
        "the parsed day"
    );
    assert_eq!(format!("{day:?}"), "2026-02-28");
    let read: Date = serde_json::from_str("\"2026-02-28\"").expect("decodes");
    assert_eq!(read, day);
}

#[test]
fn text_that_is_not_a_date_says_what_was_expected() {
    let refused = "28/02/2026".parse::<Date>().expect_err("not RFC 3339");
    assert_eq!(
        refused.to_string(),
        "\"28/02/2026\" is not in format date (such as 2026-03-01)"
    );
    let refused = "noon".parse::<DateTime>().expect_err("not RFC 3339");
    assert_eq!(
        refused.to_string(),
        "\"noon\" is not in format date-time (such as 2026-03-01T09:30:00Z)"
    );
    let kept: DateTime = serde_json::from_str("\"noon\"").expect("kept");
    assert_eq!(format!("{kept:?}"), "\"noon\" (malformed)");
    assert_eq!(kept.to_string(), "noon");
}

#[test]
fn equal_text_is_an_equal_value_and_hashes_alike() {
    let a: DateTime = "2026-03-01T09:30:00Z".parse().expect("a time");
    let b: DateTime = "2026-03-01T10:30:00+01:00".parse().expect("a time");
    assert_eq!(a.value(), b.value(), "the same instant");
    assert_ne!(a, b, "sent back as different text");
    let set: HashSet<DateTime> = [a.clone(), a.clone(), b].into_iter().collect();
    assert_eq!(set.len(), 2);
}
