//! When to try a request again, and how long to wait first.
//!
//! Idempotent methods (GET, HEAD, OPTIONS, PUT, DELETE, TRACE) are retried on
//! connection errors, timeouts and the policy's statuses. Others (POST, PATCH)
//! are retried only when the request never left (the connection failed) or the
//! server refused it with `429` and a `Retry-After`: once a non-idempotent
//! request may have reached the server, a second attempt could act twice
//! (place a second phone call), so the caller gets
//! [`Error::OutcomeUnknown`](super::error::Error::OutcomeUnknown) instead.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{Method, StatusCode};

/// How many times, and on which statuses, requests are retried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (default 2).
    pub max_retries: u32,
    /// The first backoff (default 0.5 s); it doubles each retry.
    pub initial_backoff: Duration,
    /// The longest backoff (default 8 s).
    pub max_backoff: Duration,
    /// The longest wait a `Retry-After` header may ask for (default 60 s).
    pub max_retry_after: Duration,
    /// Statuses that are retried for idempotent methods.
    pub statuses: Arc<[u16]>,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 2,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
            statuses: Arc::from([408, 429, 500, 502, 503, 504].as_slice()),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        Self {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// The default policy with another number of retries.
    pub fn with_max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = max_retries;
        self
    }

    /// The default policy retrying these statuses instead (`409` never is).
    pub fn with_statuses(mut self, statuses: &[u16]) -> Self {
        let kept: Vec<u16> = statuses.iter().copied().filter(|s| *s != 409).collect();
        self.statuses = Arc::from(kept);
        self
    }

    /// The backoff policy with other waits (tests use short ones).
    pub fn with_backoff(
        mut self,
        initial: Duration,
        max: Duration,
        max_retry_after: Duration,
    ) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max;
        self.max_retry_after = max_retry_after;
        self
    }

    /// The wait before retry number `retry` (from 0): the server's
    /// `Retry-After` when it sent one (capped), else exponential backoff
    /// with jitter (between half and all of the doubled delay, capped).
    pub fn delay(&self, retry: u32, headers: Option<&HeaderMap>) -> Duration {
        if let Some(wait) = headers.and_then(retry_after) {
            return wait.min(self.max_retry_after);
        }
        let doubled = self.initial_backoff.saturating_mul(1u32 << retry.min(16));
        let capped = doubled.min(self.max_backoff);
        capped / 2 + capped.mul_f64(jitter() / 2.0)
    }
}

/// Whether the method may be sent twice without acting twice (QUERY, of
/// OpenAPI 3.2, is safe by its definition, as GET is).
pub fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET
            | Method::HEAD
            | Method::OPTIONS
            | Method::PUT
            | Method::DELETE
            | Method::TRACE
    ) || method.as_str() == "QUERY"
}

/// Whether a response with this status is worth another attempt.
pub fn retry_status(
    policy: &RetryPolicy,
    method: &Method,
    status: StatusCode,
    headers: &HeaderMap,
) -> bool {
    if status == StatusCode::CONFLICT {
        return false;
    }
    if is_idempotent(method) {
        return policy.statuses.contains(&status.as_u16());
    }
    // The server refused the request outright and said when to come back.
    status == StatusCode::TOO_MANY_REQUESTS && headers.contains_key(RETRY_AFTER)
}

/// `Retry-After` as seconds or as an HTTP date.
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = parse_http_date(value)?;
    Some(
        at.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

/// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the form servers send.
fn parse_http_date(text: &str) -> Option<SystemTime> {
    let parts: Vec<&str> = text.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|m| m == month)? as i64
        + 1;
    let (day, year): (i64, i64) = (day.parse().ok()?, year.parse().ok()?);
    let hms: Vec<i64> = time
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let [h, m, s] = hms.as_slice() else {
        return None;
    };
    let seconds = days_from_civil(year, month, day) * 86_400 + h * 3600 + m * 60 + s;
    let seconds = u64::try_from(seconds).ok()?;
    Some(SystemTime::UNIX_EPOCH + Duration::from_secs(seconds))
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let shifted_month = (month + 9) % 12;
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// A number in [0, 1) that differs between calls (not for cryptography).
fn jitter() -> f64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static STATE: AtomicU64 = AtomicU64::new(0x9E37_79B9_7F4A_7C15);
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let mut x = STATE.fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed) ^ u64::from(nanos);
    x ^= x >> 33;
    x = x.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    x ^= x >> 33;
    (x >> 11) as f64 / (1u64 << 53) as f64
}
