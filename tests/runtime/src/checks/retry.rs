//! The retry policy: which answers are tried again, and the waits between.

use std::time::{Duration, SystemTime};

use chrono::{TimeZone, Utc};
use reqwest::header::{HeaderMap, HeaderValue, RETRY_AFTER};
use reqwest::{Method, StatusCode};

use crate::runtime::retry::{is_idempotent, retry_after, retry_status, RetryPolicy};

fn retry_after_header(value: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(
        RETRY_AFTER,
        HeaderValue::from_str(value).expect("a header value"),
    );
    headers
}

#[test]
fn the_default_policy_retries_twice_on_timeouts_throttling_and_server_faults() {
    let policy = RetryPolicy::default();
    assert_eq!(policy.max_retries, 2);
    assert_eq!(policy.initial_backoff, Duration::from_millis(500));
    assert_eq!(policy.max_backoff, Duration::from_secs(8));
    assert_eq!(policy.max_retry_after, Duration::from_secs(60));
    assert_eq!(&*policy.statuses, &[408, 429, 500, 502, 503, 504]);
}

#[test]
fn none_never_retries_and_keeps_the_rest_of_the_default() {
    let none = RetryPolicy::none();
    assert_eq!(none.max_retries, 0);
    assert_eq!(
        RetryPolicy {
            max_retries: 2,
            ..none
        },
        RetryPolicy::default()
    );
}

#[test]
fn the_builder_methods_set_what_they_name() {
    let policy = RetryPolicy::default()
        .with_max_retries(5)
        .with_statuses(&[500, 409, 418])
        .with_backoff(
            Duration::from_millis(1),
            Duration::from_millis(2),
            Duration::from_millis(3),
        );
    assert_eq!(policy.max_retries, 5);
    assert_eq!(&*policy.statuses, &[500, 418], "409 is never retried");
    assert_eq!(policy.initial_backoff, Duration::from_millis(1));
    assert_eq!(policy.max_backoff, Duration::from_millis(2));
    assert_eq!(policy.max_retry_after, Duration::from_millis(3));
}

#[test]
fn only_methods_that_cannot_act_twice_are_idempotent() {
    for method in [
        Method::GET,
        Method::HEAD,
        Method::OPTIONS,
        Method::PUT,
        Method::DELETE,
        Method::TRACE,
        Method::from_bytes(b"QUERY").unwrap(),
    ] {
        assert!(is_idempotent(&method), "{method}");
    }
    let copy = Method::from_bytes(b"COPY").unwrap();
    for method in [Method::POST, Method::PATCH, Method::CONNECT, copy] {
        assert!(!is_idempotent(&method), "{method}");
    }
}

#[test]
fn an_idempotent_request_is_retried_on_the_policy_s_statuses_only() {
    let policy = RetryPolicy::default().with_statuses(&[503, 418]);
    let none = HeaderMap::new();
    for (status, retried) in [(503, true), (418, true), (500, false), (404, false)] {
        let status = StatusCode::from_u16(status).expect("a status");
        assert_eq!(
            retry_status(&policy, &Method::GET, status, &none),
            retried,
            "{status}"
        );
    }
}

#[test]
fn a_conflict_is_never_retried_even_when_listed() {
    let policy = RetryPolicy {
        statuses: [409, 503].as_slice().into(),
        ..RetryPolicy::default()
    };
    let headers = retry_after_header("1");
    assert!(!retry_status(
        &policy,
        &Method::PUT,
        StatusCode::CONFLICT,
        &headers
    ));
    assert!(retry_status(
        &policy,
        &Method::PUT,
        StatusCode::SERVICE_UNAVAILABLE,
        &headers
    ));
}

#[test]
fn a_post_is_retried_only_when_refused_with_429_and_a_retry_after() {
    let policy = RetryPolicy::default();
    let after = retry_after_header("1");
    let none = HeaderMap::new();
    let post = Method::POST;
    assert!(retry_status(
        &policy,
        &post,
        StatusCode::TOO_MANY_REQUESTS,
        &after
    ));
    assert!(!retry_status(
        &policy,
        &post,
        StatusCode::TOO_MANY_REQUESTS,
        &none
    ));
    assert!(!retry_status(
        &policy,
        &post,
        StatusCode::SERVICE_UNAVAILABLE,
        &after
    ));
    assert!(!retry_status(
        &policy,
        &Method::PATCH,
        StatusCode::BAD_GATEWAY,
        &none
    ));
}

#[test]
fn retry_after_reads_seconds_and_tolerates_spaces() {
    assert_eq!(
        retry_after(&retry_after_header("7")),
        Some(Duration::from_secs(7))
    );
    assert_eq!(
        retry_after(&retry_after_header(" 3 ")),
        Some(Duration::from_secs(3))
    );
    assert_eq!(retry_after(&HeaderMap::new()), None);
    assert_eq!(retry_after(&retry_after_header("soon")), None);
    assert_eq!(retry_after(&retry_after_header("-5")), None);
}

#[test]
fn retry_after_reads_an_http_date_in_any_month_and_leap_year() {
    // Dates around the ends of February and of years, where a calendar
    // computed by hand goes wrong first.
    let dates = [
        (2031, 1, 1, 0, 0, 0),
        (2031, 2, 28, 23, 59, 59),
        (2031, 3, 1, 12, 30, 5),
        (2032, 2, 29, 6, 7, 8),
        (2032, 12, 31, 18, 0, 1),
        (2100, 3, 1, 0, 0, 0),
        (2400, 2, 29, 1, 2, 3),
    ];
    for (year, month, day, h, m, s) in dates {
        let at = Utc
            .with_ymd_and_hms(year, month, day, h, m, s)
            .single()
            .expect("a valid date");
        let text = at.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
        let now = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .expect("after 1970")
            .as_secs() as i64;
        let expected = at.timestamp() - now;
        let read = retry_after(&retry_after_header(&text))
            .unwrap_or_else(|| panic!("{text} is read"))
            .as_secs() as i64;
        assert!(
            (read - expected).abs() <= 2,
            "{text}: {read} s, expected {expected} s"
        );
    }
}

#[test]
fn a_date_in_the_past_means_now_and_a_malformed_one_is_ignored() {
    let past = retry_after_header("Sun, 06 Nov 1994 08:49:37 GMT");
    assert_eq!(retry_after(&past), Some(Duration::ZERO));
    for text in [
        "Sun, 06 Nov 2094 08:49:37 UTC",
        "Sun, 06 Foo 2094 08:49:37 GMT",
        "Sun, 06 Nov 2094 08:49 GMT",
        "Sun, 06 Nov 2094 08:49:37:01 GMT",
        "Sun, xx Nov 2094 08:49:37 GMT",
        "Sun, 06 Nov 20x4 08:49:37 GMT",
        "Sun, 06 Nov 2094 08:x:37 GMT",
        "06 Nov 2094 08:49:37 GMT",
    ] {
        assert_eq!(retry_after(&retry_after_header(text)), None, "{text}");
    }
}

#[test]
fn the_server_s_retry_after_is_the_wait_up_to_the_policy_s_cap() {
    let policy = RetryPolicy::default().with_backoff(
        Duration::from_millis(10),
        Duration::from_millis(20),
        Duration::from_secs(30),
    );
    assert_eq!(
        policy.delay(0, Some(&retry_after_header("12"))),
        Duration::from_secs(12)
    );
    assert_eq!(
        policy.delay(3, Some(&retry_after_header("3600"))),
        Duration::from_secs(30)
    );
}

#[test]
fn backoff_doubles_each_retry_with_jitter_in_the_upper_half_and_a_cap() {
    let policy = RetryPolicy::default().with_backoff(
        Duration::from_millis(100),
        Duration::from_millis(1000),
        Duration::from_secs(60),
    );
    let no_header = HeaderMap::new();
    for (retry, full) in [
        (0, 100),
        (1, 200),
        (2, 400),
        (3, 800),
        (4, 1000),
        (40, 1000),
    ] {
        let full = Duration::from_millis(full);
        let waits: Vec<Duration> = (0..64)
            .map(|i| policy.delay(retry, if i % 2 == 0 { None } else { Some(&no_header) }))
            .collect();
        for wait in &waits {
            assert!(
                *wait >= full / 2 && *wait <= full,
                "retry {retry}: {wait:?} outside {:?}..={full:?}",
                full / 2
            );
        }
        // Jitter spreads the waits over the range, so that clients that
        // failed together do not come back together.
        let low = waits.iter().filter(|w| **w < full * 3 / 4).count();
        assert!(
            (8..=56).contains(&low),
            "retry {retry}: {low} of 64 waits in the lower half of the range"
        );
    }
}

#[test]
fn jitter_is_spread_evenly_over_its_range() {
    // Waits of 500 to 1000 ms: the jitter is (wait - 500) / 500. Clients
    // that failed together come back spread out only if it is uniform; a
    // chi-squared test over ten buckets (nine degrees of freedom) with a
    // bound that a uniform source exceeds about once in ten million runs.
    let policy = RetryPolicy::default().with_backoff(
        Duration::from_millis(1000),
        Duration::from_millis(1000),
        Duration::from_secs(60),
    );
    let samples = 5000;
    let mut buckets = [0u32; 10];
    for _ in 0..samples {
        let wait = policy.delay(0, None).as_secs_f64();
        let jitter = (wait - 0.5) / 0.5;
        assert!((0.0..1.0).contains(&jitter), "{wait}");
        buckets[(jitter * 10.0) as usize] += 1;
    }
    let expected = f64::from(samples) / 10.0;
    let chi_squared: f64 = buckets
        .iter()
        .map(|&n| (f64::from(n) - expected).powi(2) / expected)
        .sum();
    assert!(
        chi_squared < 50.0,
        "{buckets:?}: chi-squared {chi_squared:.1}"
    );
}
