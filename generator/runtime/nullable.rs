//! Fields that may be absent, `null`, or a value (PATCH bodies need all three).

use serde::{Deserialize, Deserializer};

/// Reads a present field: `null` becomes `Some(None)`, a value `Some(Some(v))`.
/// With `#[serde(default)]`, an absent field stays `None`.
pub fn deserialize<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}
