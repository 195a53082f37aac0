//! Decoding response bodies, tolerantly or strictly.

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::error::DecodeError;

/// Decodes JSON; in strict mode, fields the type does not keep are errors.
///
/// Types are generated without `deny_unknown_fields`, so that a server adding
/// a field never breaks a client. Strict mode finds unknown fields by encoding
/// the decoded value again and looking for keys that were lost.
pub fn decode_json<T: DeserializeOwned + Serialize>(
    body: &[u8],
    strict: bool,
) -> Result<T, DecodeError> {
    if !strict {
        let body = if body.is_empty() {
            b"null".as_slice()
        } else {
            body
        };
        return serde_json::from_slice(body).map_err(DecodeError::Json);
    }
    let original: serde_json::Value = serde_json::from_slice(body).map_err(DecodeError::Json)?;
    let value: T = {
        let _strict = StrictGuard::on();
        serde_json::from_value(original.clone()).map_err(DecodeError::Json)?
    };
    let encoded = serde_json::to_value(&value).map_err(DecodeError::Json)?;
    match lost_field(&original, &encoded, String::new()) {
        Some(pointer) => Err(DecodeError::UnknownField { pointer }),
        None => Ok(value),
    }
}

std::thread_local! {
    static STRICT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the value being decoded on this thread is decoded strictly:
/// types that are tolerant of malformed text (dates) refuse it then.
pub fn is_strict() -> bool {
    STRICT.with(std::cell::Cell::get)
}

/// Strict decoding for as long as it lives (deserializing is synchronous,
/// so the flag covers exactly one decode on this thread).
struct StrictGuard(bool);

impl StrictGuard {
    fn on() -> Self {
        Self(STRICT.with(|s| s.replace(true)))
    }
}

impl Drop for StrictGuard {
    fn drop(&mut self) {
        STRICT.with(|s| s.set(self.0));
    }
}

/// The JSON pointer of the first non-null field of `original` missing from `encoded`.
fn lost_field(
    original: &serde_json::Value,
    encoded: &serde_json::Value,
    at: String,
) -> Option<String> {
    use serde_json::Value;
    match (original, encoded) {
        (Value::Object(a), Value::Object(b)) => a.iter().find_map(|(key, value)| {
            let here = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
            match b.get(key) {
                Some(other) => lost_field(value, other, here),
                None if value.is_null() => None,
                None => Some(here),
            }
        }),
        (Value::Array(a), Value::Array(b)) => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, (x, y))| lost_field(x, y, format!("{at}/{i}"))),
        _ => None,
    }
}

/// Whether two JSON values are equal, numbers compared by value (`1` and `1.0` are equal).
pub fn same_json(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}
