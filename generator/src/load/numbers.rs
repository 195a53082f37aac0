//! Numbers that the document model cannot hold as written.
//!
//! Generated specs often write the bounds of 64-bit integers as floats
//! (`minimum: -9223372036854776000`, JavaScript's rendering of `i64::MIN`).
//! `openapiv3` reads integer bounds as `i64` and would refuse them; the
//! authors meant the type's limits, so such bounds are clamped to them.

use serde_json::{Number, Value};

/// Clamps out-of-range `minimum`/`maximum` values to the `i64` range.
pub fn clamp_integer_bounds(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let is_integer = map.get("type").and_then(Value::as_str) == Some("integer");
            for (key, child) in map.iter_mut() {
                if is_integer && (key == "minimum" || key == "maximum") {
                    clamp(child);
                } else {
                    clamp_integer_bounds(child);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(clamp_integer_bounds),
        _ => {}
    }
}

fn clamp(bound: &mut Value) {
    let Some(number) = bound.as_f64() else { return };
    // Every integer that fits (a `u64` up to `i64::MAX` too), kept exactly:
    // through `f64` one beyond 2^53 would change.
    if bound.is_i64() {
        return;
    }
    let clamped = if number <= i64::MIN as f64 {
        i64::MIN
    } else if number >= i64::MAX as f64 {
        i64::MAX
    } else {
        number.round() as i64
    };
    *bound = Value::Number(Number::from(clamped));
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn integer_bounds_beyond_i64_are_clamped_and_others_kept() {
        let mut spec = json!({"a": {"type": "integer", "minimum": -1e30, "maximum": 18446744073709551615u64},
            "b": {"type": "integer", "minimum": 3, "maximum": 9223372036854775807u64},
            "e": {"type": "integer", "minimum": -9223372036854775807i64, "maximum": 9007199254740993u64},
            "c": {"type": "number", "maximum": 1e30},
            "d": [{"type": "integer", "maximum": 2.6}]});
        clamp_integer_bounds(&mut spec);
        assert_eq!(spec["a"]["minimum"], json!(i64::MIN));
        assert_eq!(
            spec["a"]["maximum"],
            json!(i64::MAX),
            "a u64 above i64::MAX"
        );
        assert_eq!(spec["b"]["minimum"], json!(3));
        assert_eq!(
            spec["b"]["maximum"],
            json!(i64::MAX),
            "i64::MAX itself is kept"
        );
        assert_eq!(
            spec["e"]["minimum"],
            json!(-9223372036854775807i64),
            "exact"
        );
        assert_eq!(spec["e"]["maximum"], json!(9007199254740993u64), "exact");
        assert_eq!(
            spec["c"]["maximum"],
            json!(1e30),
            "numbers are not integers"
        );
        assert_eq!(
            spec["d"][0]["maximum"],
            json!(3),
            "inside arrays too, rounded"
        );
    }
}
