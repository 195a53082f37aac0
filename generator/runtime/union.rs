//! Internally tagged unions (`oneOf` with a `discriminator`).
//!
//! The tag is read first and picks the variant, which then decodes the whole
//! object. A variant type used nowhere else has no tag field (the union's
//! variant says it); one used elsewhere too keeps it, and reads it back
//! like any field. Serializing writes the variant's tag. An unknown tag decodes into the union's `Unknown`
//! variant instead of failing, so a server adding a kind never breaks a client.

use serde::de::DeserializeOwned;
use serde::ser::Error as _;
use serde::{Serialize, Serializer};
use serde_json::Value;

/// The tag of an object, if it has one that is a string.
pub fn tag<'a>(value: &'a Value, property: &str) -> Option<&'a str> {
    value.get(property).and_then(Value::as_str)
}

/// Decodes a variant from the whole object.
pub fn variant<T: DeserializeOwned, E: serde::de::Error>(value: Value) -> Result<T, E> {
    serde_json::from_value(value).map_err(E::custom)
}

/// The error for an object without its tag.
pub fn missing_tag<E: serde::de::Error>(property: &'static str) -> E {
    E::missing_field(property)
}

/// Encodes a variant with its tag: the variant decides, so a tag field
/// holding another value is overwritten.
pub fn serialize_tagged<S: Serializer, T: Serialize>(
    serializer: S,
    property: &str,
    tag: &str,
    content: &T,
) -> Result<S::Ok, S::Error> {
    let mut value = serde_json::to_value(content).map_err(S::Error::custom)?;
    if let Value::Object(map) = &mut value {
        map.insert(property.to_owned(), Value::String(tag.to_owned()));
    }
    value.serialize(serializer)
}
