//! Dates and times (`format: date-time`, `format: date`) as `chrono`
//! values that keep the text they were read from.
//!
//! A value sent back is the text that came (`2026-03-01T09:30:00.50+01:00`
//! stays exactly that), so round trips never change a byte. A field that a
//! server fills with something that is not RFC 3339 does not fail the whole
//! response: the text is kept and [`DateTime::value`] is `None`, unless the
//! client is strict (`strict_responses`), which refuses it.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A `format: date-time` value: an RFC 3339 timestamp with its offset.
#[derive(Clone)]
pub struct DateTime {
    text: String,
    value: Option<chrono::DateTime<chrono::FixedOffset>>,
}

/// A `format: date` value: a calendar date (`2026-03-01`).
#[derive(Clone)]
pub struct Date {
    text: String,
    value: Option<chrono::NaiveDate>,
}

/// Text that is not the date or time its schema says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    text: String,
    format: &'static str,
    example: &'static str,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not in format {} (such as {})",
            self.text, self.format, self.example
        )
    }
}

impl std::error::Error for ParseError {}

impl DateTime {
    /// The timestamp, with the offset it was written with; `None` when the
    /// text is not RFC 3339 (kept as it came, see the module docs).
    pub fn value(&self) -> Option<chrono::DateTime<chrono::FixedOffset>> {
        self.value
    }

    /// The timestamp in UTC.
    pub fn to_utc(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.value.map(|v| v.with_timezone(&chrono::Utc))
    }

    /// The text, exactly as received or as it will be sent.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl Date {
    /// The date; `None` when the text is not a date (kept as it came).
    pub fn value(&self) -> Option<chrono::NaiveDate> {
        self.value
    }

    /// The text, exactly as received or as it will be sent.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl FromStr for DateTime {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<Self, ParseError> {
        match chrono::DateTime::parse_from_rfc3339(text) {
            Ok(value) => Ok(Self {
                text: text.to_owned(),
                value: Some(value),
            }),
            Err(_) => Err(ParseError {
                text: text.to_owned(),
                format: "date-time",
                example: "2026-03-01T09:30:00Z",
            }),
        }
    }
}

impl FromStr for Date {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<Self, ParseError> {
        match chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(value) => Ok(Self {
                text: text.to_owned(),
                value: Some(value),
            }),
            Err(_) => Err(ParseError {
                text: text.to_owned(),
                format: "date",
                example: "2026-03-01",
            }),
        }
    }
}

impl<Tz: chrono::TimeZone> From<chrono::DateTime<Tz>> for DateTime
where
    Tz::Offset: fmt::Display,
{
    fn from(value: chrono::DateTime<Tz>) -> Self {
        let value = value.fixed_offset();
        Self {
            text: value.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
            value: Some(value),
        }
    }
}

impl From<chrono::NaiveDate> for Date {
    fn from(value: chrono::NaiveDate) -> Self {
        Self {
            text: value.format("%Y-%m-%d").to_string(),
            value: Some(value),
        }
    }
}

macro_rules! text_impls {
    ($type:ident) => {
        impl fmt::Display for $type {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.text)
            }
        }

        impl fmt::Debug for $type {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self.value {
                    Some(_) => write!(f, "{}", self.text),
                    None => write!(f, "{:?} (malformed)", self.text),
                }
            }
        }

        /// Equal when the text is equal: what was received is what is sent.
        impl PartialEq for $type {
            fn eq(&self, other: &Self) -> bool {
                self.text == other.text
            }
        }

        impl Eq for $type {}

        impl std::hash::Hash for $type {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                self.text.hash(state);
            }
        }

        impl Serialize for $type {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.text)
            }
        }

        impl<'de> Deserialize<'de> for $type {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                match text.parse::<$type>() {
                    Ok(value) => Ok(value),
                    Err(e) if super::decode::is_strict() => Err(serde::de::Error::custom(e)),
                    Err(_) => Ok(Self { text, value: None }),
                }
            }
        }
    };
}

text_impls!(DateTime);
text_impls!(Date);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trips_exactly_and_the_value_is_parsed() {
        for text in [
            "2026-03-01T09:30:00Z",
            "2026-03-01T09:30:00.50+01:00",
            "2026-03-01t09:30:00.123456789-07:30",
        ] {
            let parsed: DateTime = serde_json::from_value(serde_json::json!(text)).unwrap();
            assert!(parsed.value().is_some(), "{text}");
            assert_eq!(serde_json::to_value(&parsed).unwrap(), serde_json::json!(text));
        }
        let noon: DateTime = "2026-03-01T12:00:00+02:00".parse().unwrap();
        assert_eq!(noon.to_utc().unwrap().to_rfc3339(), "2026-03-01T10:00:00+00:00");
    }

    #[test]
    fn malformed_text_is_kept_unless_strict() {
        let kept: DateTime = serde_json::from_value(serde_json::json!("yesterday")).unwrap();
        assert_eq!(kept.value(), None);
        assert_eq!(kept.as_str(), "yesterday");
        let strict = super::super::decode::decode_json::<DateTime>(b"\"yesterday\"", true);
        assert!(strict.is_err(), "{strict:?}");
        let date: Date = serde_json::from_value(serde_json::json!("2026-02-30")).unwrap();
        assert_eq!(date.value(), None, "no such day");
    }

    #[test]
    fn chrono_values_convert_in() {
        let value = chrono::DateTime::parse_from_rfc3339("2026-03-01T09:30:00.5Z").unwrap();
        let ours = DateTime::from(value.with_timezone(&chrono::Utc));
        assert_eq!(ours.as_str(), "2026-03-01T09:30:00.500Z");
        let day = Date::from(chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap());
        assert_eq!(day.to_string(), "2026-03-01");
    }
}
