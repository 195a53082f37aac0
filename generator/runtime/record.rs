//! Reading JSON objects into generated structs, and writing them back.
//!
//! A derived `Deserialize` writes a field enum, a key visitor and a struct
//! visitor (for maps and for sequences) for every struct, and a wrapper type
//! for every field read through a function: most of the compile time of a
//! generated crate. Here the loop over the object's entries is written once;
//! each struct only says which key is which field (`Record::read`). The
//! behaviour is the derive's: unknown keys are skipped, a repeated key is an
//! error, a missing required field is `missing field`, a missing required
//! nullable field is `None`, and an optional nullable field tells an absent
//! key (`None`) from `null` (`Some(None)`). Writing (`Serialize`, from
//! `record!` too) leaves out optional fields that are `None` and writes
//! additional properties after the named fields, as the derive did.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;

/// A struct read from an object, field by field.
pub trait Record: Sized {
    /// The struct's name, for error messages.
    const NAME: &'static str;
    /// The fields' wire names; a key's position here is what `read` matches on.
    const FIELDS: &'static [&'static str];
    /// Whether keys beyond `FIELDS` are kept (additional properties): then
    /// the whole object is asked for, not only the named fields.
    const OPEN: bool = false;

    /// Reads the object's entries and builds the struct.
    fn read<'de, A: MapAccess<'de>>(entries: A) -> Result<Self, A::Error>;
}

/// `Deserialize::deserialize` of a [`Record`].
pub fn deserialize<'de, D: Deserializer<'de>, T: Record>(deserializer: D) -> Result<T, D::Error> {
    let visitor = RecordVisitor(PhantomData);
    if T::OPEN {
        deserializer.deserialize_map(visitor)
    } else {
        // Asking for a struct lets a flattening parent hand over only its keys.
        deserializer.deserialize_struct(T::NAME, T::FIELDS, visitor)
    }
}

struct RecordVisitor<T>(PhantomData<T>);

impl<'de, T: Record> Visitor<'de> for RecordVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "struct {}", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, entries: A) -> Result<T, A::Error> {
        T::read(entries)
    }
}

/// The next key of an object, as the index of the field it names
/// (`fields.len()` for a key the struct does not name).
pub fn next_key<'de, A: MapAccess<'de>>(
    entries: &mut A,
    fields: &'static [&'static str],
) -> Result<Option<usize>, A::Error> {
    entries.next_key_seed(FieldIndex(fields))
}

/// The next key of an object whose other keys are kept: the index of the
/// field it names, or the key itself.
pub fn next_key_or_name<'de, A: MapAccess<'de>>(
    entries: &mut A,
    fields: &'static [&'static str],
) -> Result<Option<Result<usize, String>>, A::Error> {
    entries.next_key_seed(FieldOrName(fields))
}

/// Reads the value of the key just read into `slot`; a second value for the
/// same key is an error. An `Option` slot of an `Option` (an optional,
/// nullable field) holds `Some(None)` for `null`.
pub fn value<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    entries: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(entries.next_value()?);
    Ok(())
}

/// Skips the value of a key the struct does not name.
pub fn skip<'de, A: MapAccess<'de>>(entries: &mut A) -> Result<(), A::Error> {
    entries.next_value::<IgnoredAny>().map(drop)
}

/// A required field's value, or `missing field`.
pub fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

/// A required nullable field's value: like the derive, absent is `None`.
pub fn nullable<T>(slot: Option<Option<T>>) -> Option<T> {
    slot.flatten()
}

/// Finds a key among the fields (not generic over the struct: one copy per
/// deserializer serves them all).
struct FieldIndex(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for FieldIndex {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for FieldIndex {
    type Value = usize;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<usize, E> {
        Ok(position(self.0, key.as_bytes()))
    }

    fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<usize, E> {
        Ok(position(self.0, key))
    }
}

struct FieldOrName(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for FieldOrName {
    type Value = Result<usize, String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for FieldOrName {
    type Value = Result<usize, String>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a property name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        match position(self.0, key.as_bytes()) {
            index if index < self.0.len() => Ok(Ok(index)),
            _ => Ok(Err(key.to_owned())),
        }
    }

    fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<Self::Value, E> {
        match std::str::from_utf8(key) {
            Ok(key) => self.visit_str(key),
            Err(_) => Err(E::invalid_value(de::Unexpected::Bytes(key), &self)),
        }
    }
}

fn position(fields: &[&str], key: &[u8]) -> usize {
    fields
        .iter()
        .position(|field| field.as_bytes() == key)
        .unwrap_or(fields.len())
}

/// `Serialize`, `Deserialize` and [`Record`] for a generated struct. Each field comes
/// with its index in `FIELDS`, how its value is finished (`required`;
/// `optional`; `nullable`, required but `None` when absent) and its wire
/// name; after `..`, the field that keeps the other properties. It expands
/// in the types module, a sibling of the runtime, whose `super::runtime` it
/// names.
// A spec without structs leaves it unused.
#[allow(unused_macros)]
macro_rules! record {
    ($name:ident { $($index:literal $field:ident $kind:ident $wire:literal),* $(,)? }) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeStruct as _;
                let present = 0 $(+ super::runtime::record::record!(@present $kind self.$field))*;
                // (A struct without fields writes none.)
                #[allow(unused_mut)]
                let mut out = serializer.serialize_struct(stringify!($name), present)?;
                $(super::runtime::record::record!(@field $kind out self.$field, $wire);)*
                out.end()
            }
        }

        super::runtime::record::record!(@impls $name [$($wire),*] false, |entries| {
            $(let mut $field = None;)*
            while let Some(index) = super::runtime::record::next_key(&mut entries, Self::FIELDS)? {
                match index {
                    $($index => super::runtime::record::value(&mut entries, &mut $field, $wire)?,)*
                    _ => super::runtime::record::skip(&mut entries)?,
                }
            }
            Ok(Self { $($field: super::runtime::record::record!(@finish $kind $field $wire),)* })
        });
    };
    ($name:ident { $($index:literal $field:ident $kind:ident $wire:literal),* $(,)? } .. $extra:ident) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                let mut out = serializer.serialize_map(None)?;
                $(super::runtime::record::record!(@entry $kind out self.$field, $wire);)*
                for (key, value) in &self.$extra {
                    out.serialize_entry(key, value)?;
                }
                out.end()
            }
        }

        super::runtime::record::record!(@impls $name [$($wire),*] true, |entries| {
            $(let mut $field = None;)*
            let mut $extra = ::std::collections::BTreeMap::new();
            while let Some(key) = super::runtime::record::next_key_or_name(&mut entries, Self::FIELDS)? {
                match key {
                    $(Ok($index) => super::runtime::record::value(&mut entries, &mut $field, $wire)?,)*
                    Ok(_) => super::runtime::record::skip(&mut entries)?,
                    Err(name) => {
                        $extra.insert(name, entries.next_value()?);
                    }
                }
            }
            Ok(Self { $($field: super::runtime::record::record!(@finish $kind $field $wire),)* $extra })
        });
    };
    (@impls $name:ident [$($wire:literal),*] $open:literal, |$entries:ident| $read:block) => {
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                super::runtime::record::deserialize(deserializer)
            }
        }

        impl super::runtime::record::Record for $name {
            const NAME: &'static str = stringify!($name);
            const FIELDS: &'static [&'static str] = &[$($wire),*];
            const OPEN: bool = $open;

            fn read<'de, A: ::serde::de::MapAccess<'de>>(mut $entries: A) -> Result<Self, A::Error> $read
        }
    };
    // Writing: an optional field that is `None` is left out.
    (@present optional $value:expr) => {
        usize::from($value.is_some())
    };
    (@present $kind:ident $value:expr) => {
        1
    };
    (@field optional $out:ident $value:expr, $wire:literal) => {
        match &$value {
            Some(value) => $out.serialize_field($wire, value)?,
            None => $out.skip_field($wire)?,
        }
    };
    (@field $kind:ident $out:ident $value:expr, $wire:literal) => {
        $out.serialize_field($wire, &$value)?
    };
    (@entry optional $out:ident $value:expr, $wire:literal) => {
        if let Some(value) = &$value {
            $out.serialize_entry($wire, value)?;
        }
    };
    (@entry $kind:ident $out:ident $value:expr, $wire:literal) => {
        $out.serialize_entry($wire, &$value)?
    };
    // Reading: what was read (if anything) becomes the field's value.
    (@finish required $field:ident $wire:literal) => {
        super::runtime::record::required($field, $wire)?
    };
    (@finish optional $field:ident $wire:literal) => {
        $field
    };
    (@finish nullable $field:ident $wire:literal) => {
        super::runtime::record::nullable($field)
    };
}

#[allow(unused_imports)]
pub(crate) use record;
