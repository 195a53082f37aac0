//! Values a wire test sends: JSON that satisfies a type's schema (required
//! fields, enums, formats, lengths, bounds, the tag of a tagged union),
//! made from the IR alone. A test decodes it into the generated type, so
//! what is sent is the client's own encoding of it.

use serde_json::{json, Map, Value};

use crate::ir::{Api, Constraints, Struct, TypeId, TypeKind, TypeRef};

/// How much of a value to fill in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    /// Only what the schema requires.
    Required,
    /// Every field the client may send.
    Every,
}

/// Makes values for the types of one API.
pub struct Values<'a> {
    api: &'a Api,
    fill: Fill,
}

/// Deeper than this, only required fields are filled, lists and maps hold
/// the fewest items they may, and what may be null is (a recursive type
/// would otherwise never end, or grow without bound).
const FULL_DEPTH: usize = 3;
/// Deeper than this, nothing more is made.
const MAX_DEPTH: usize = 24;

impl<'a> Values<'a> {
    /// Values for `api`, filled as `fill` says.
    pub fn new(api: &'a Api, fill: Fill) -> Self {
        Self { api, fill }
    }

    /// A value of `ty` meeting `constraints`.
    pub fn of(&self, ty: &TypeRef, constraints: &Constraints) -> Value {
        self.value(ty, constraints, 0)
    }

    fn value(&self, ty: &TypeRef, c: &Constraints, depth: usize) -> Value {
        if depth > MAX_DEPTH {
            return Value::Null;
        }
        match ty {
            TypeRef::Boolean => json!(true),
            TypeRef::Integer(_) => json!(integer(c)),
            TypeRef::Double => json!(number(c)),
            TypeRef::String => json!(text(c)),
            TypeRef::Uuid => json!("3fa85f64-5717-4562-b3fc-2c963f66afa6"),
            TypeRef::DateTime => json!("2024-05-01T10:00:00Z"),
            TypeRef::Date => json!("2024-05-01"),
            TypeRef::Bytes | TypeRef::File => json!("wire test"),
            // Any value will do; text also fills a path segment.
            TypeRef::Null => Value::Null,
            TypeRef::Any => json!("text"),
            TypeRef::Object => json!({}),
            TypeRef::Named(id) => self.named(*id, c, depth),
            TypeRef::Array(item) => {
                let inner = c.inner.as_deref().cloned().unwrap_or_default();
                // Two items, where the bounds allow: a list that is one
                // item is sent in some styles as a lone value. Deeper, the
                // fewest the bounds allow: a list of itself doubles at each
                // level.
                let fewest = c.min_count.map_or(0, |min| min.min(64)) as usize;
                let count = match depth < FULL_DEPTH {
                    true => c.min_count.map_or(2, |min| min.clamp(1, 64)) as usize,
                    false => fewest,
                };
                let count = c.max_count.map_or(count, |max| count.min(max as usize));
                Value::Array(vec![self.value(item, &inner, depth + 1); count])
            }
            TypeRef::Map(item) => {
                let inner = c.inner.as_deref().cloned().unwrap_or_default();
                let mut map = Map::new();
                let wanted = depth < FULL_DEPTH || c.min_count.is_some_and(|min| min > 0);
                if wanted && c.max_count != Some(0) {
                    map.insert("key".to_owned(), self.value(item, &inner, depth + 1));
                }
                Value::Object(map)
            }
            TypeRef::Tuple(items) => items
                .iter()
                .map(|t| self.value(t, &Constraints::default(), depth + 1))
                .collect(),
            TypeRef::Nullable(_) if depth >= FULL_DEPTH => Value::Null,
            TypeRef::Nullable(inner) | TypeRef::Boxed(inner) => self.value(inner, c, depth),
        }
    }

    /// A value of a named type; an alias keeps the constraints of the
    /// place that uses it (a field's `$ref` to a pattern).
    fn named(&self, id: TypeId, c: &Constraints, depth: usize) -> Value {
        match &self.api.types[id].kind {
            TypeKind::Struct(s) => self.object(s, depth),
            TypeKind::Enum(e) => e.variants.first().map_or(json!("value"), |v| json!(v.wire)),
            TypeKind::Union(union) => {
                let Some(variant) = union.variants.first() else {
                    return Value::Null;
                };
                let mut value = self.value(&variant.ty, &Constraints::default(), depth + 1);
                if let (Some(tag), Some(tag_value), Value::Object(fields)) =
                    (&union.tag, &variant.tag_value, &mut value)
                {
                    fields.insert(tag.clone(), json!(tag_value));
                }
                value
            }
            TypeKind::Alias(inner) | TypeKind::Newtype(inner) => self.value(inner, c, depth + 1),
        }
    }

    fn object(&self, s: &Struct, depth: usize) -> Value {
        let every = self.fill == Fill::Every && depth < FULL_DEPTH;
        // "At least one of these sets": the first, when only the
        // required fields are sent.
        let alternative = s.required_alternatives.first();
        let mut fields = Map::new();
        for field in &s.fields {
            if field.read_only {
                continue;
            }
            let wanted = !field.optional
                || every
                || alternative.is_some_and(|set| set.contains(&field.wire));
            if !wanted {
                continue;
            }
            let value = match example_of(field) {
                Some(example) => example,
                None => self.value(&field.ty, &field.constraints, depth + 1),
            };
            match (field.flatten, value) {
                (true, Value::Object(inner)) => fields.extend(inner),
                (true, _) => {}
                (false, value) => {
                    fields.insert(field.wire.clone(), value);
                }
            }
        }
        Value::Object(fields)
    }
}

/// The spec's example for a string whose pattern a made-up value would
/// not match.
fn example_of(field: &crate::ir::Field) -> Option<Value> {
    let example = field.docs.example.as_ref()?;
    (field.constraints.pattern.is_some() && example.is_string()).then(|| example.clone())
}

/// An integer within the bounds (1 when unbounded), or the first value of
/// its `enum`.
fn integer(c: &Constraints) -> i64 {
    if let Some(&first) = c.allowed.first() {
        return first as i64;
    }
    let low = c.minimum.map(|(m, exclusive)| {
        if exclusive {
            m.floor() as i64 + 1
        } else {
            m.ceil() as i64
        }
    });
    let high = c.maximum.map(|(m, exclusive)| {
        if exclusive {
            m.ceil() as i64 - 1
        } else {
            m.floor() as i64
        }
    });
    match (low, high) {
        (Some(low), _) => low.max(1).min(high.unwrap_or(i64::MAX)),
        (None, Some(high)) => high.min(1),
        (None, None) => 1,
    }
}

/// A number within the bounds (1 when unbounded), or the first value of its
/// `enum`.
fn number(c: &Constraints) -> f64 {
    if let Some(&first) = c.allowed.first() {
        return first;
    }
    match (c.minimum, c.maximum) {
        // Halfway: inside, however narrow the range and whichever bound is
        // exclusive.
        (Some((low, _)), Some((high, _))) => (low + high) / 2.0,
        (Some((low, exclusive)), None) => (low + f64::from(u8::from(exclusive))).max(1.0),
        (None, Some((high, exclusive))) => (high - f64::from(u8::from(exclusive))).min(1.0),
        (None, None) => 1.0,
    }
}

/// A string of the pattern, or else of the format within the lengths.
fn text(c: &Constraints) -> String {
    if let Some(matching) = c.pattern.as_deref().and_then(super::wire_pattern::matching) {
        return matching;
    }
    let base = match c.format.as_deref() {
        Some("email") | Some("idn-email") => "user@example.com",
        Some("uri") | Some("url") | Some("iri") => "https://example.com/a",
        Some("uri-reference") | Some("iri-reference") => "/a",
        Some("hostname") | Some("idn-hostname") => "example.com",
        Some("ipv4") => "192.0.2.1",
        Some("ipv6") => "2001:db8::1",
        Some("time") => "10:00:00Z",
        Some("duration") => "P1D",
        Some("int32") | Some("int64") => "1",
        Some("password") => "secret-1",
        _ => "text",
    };
    let mut out = base.to_owned();
    let min = c.min_length.unwrap_or(0) as usize;
    while out.chars().count() < min {
        out.push('x');
    }
    if let Some(max) = c.max_length {
        out = out.chars().take(max as usize).collect();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounded(minimum: Option<(f64, bool)>, maximum: Option<(f64, bool)>) -> Constraints {
        Constraints {
            minimum,
            maximum,
            ..Constraints::default()
        }
    }

    #[test]
    fn integers_and_numbers_stay_within_their_bounds() {
        assert_eq!(integer(&Constraints::default()), 1);
        assert_eq!(integer(&bounded(Some((5.0, false)), None)), 5);
        assert_eq!(integer(&bounded(Some((5.0, true)), None)), 6);
        assert_eq!(integer(&bounded(None, Some((0.0, true)))), -1);
        assert_eq!(
            integer(&bounded(Some((-3.0, false)), Some((-2.0, false)))),
            -2
        );
        assert_eq!(number(&bounded(Some((0.0, true)), Some((1.0, true)))), 0.5);
        assert_eq!(number(&bounded(Some((1.0, true)), Some((1.2, true)))), 1.1);
        assert_eq!(
            number(&bounded(Some((7.0, false)), Some((7.0, false)))),
            7.0
        );
        assert_eq!(number(&bounded(None, Some((0.0, false)))), 0.0);
        assert_eq!(number(&bounded(None, Some((0.0, true)))), -1.0);
        assert_eq!(number(&bounded(None, Some((5.0, true)))), 1.0);
        assert_eq!(number(&bounded(Some((2.5, true)), None)), 3.5);
        assert_eq!(number(&bounded(Some((-4.0, true)), None)), 1.0);
    }

    #[test]
    fn strings_take_their_format_and_lengths() {
        let c = |format: &str, min: Option<u64>, max: Option<u64>| Constraints {
            format: Some(format.to_owned()),
            min_length: min,
            max_length: max,
            ..Constraints::default()
        };
        assert_eq!(text(&c("email", None, None)), "user@example.com");
        assert_eq!(text(&c("zzz", Some(6), None)), "textxx");
        assert_eq!(text(&c("uri", None, Some(5))), "https");
    }
}
