//! Model: a schema as lowering reads it, every keyword a field of its own.
//!
//! A [`Schema`] is a typed view of one node of the loaded document (after
//! 3.1 was normalised, see `load::openapi31`). No keyword hides another:
//! `type: object` beside `allOf`, `properties` beside `oneOf`, `const`
//! values with titles are all here side by side, so lowering can read a
//! schema as the conjunction of all it says. Subschemas are not read ahead:
//! each is the [`Pointer`] of where it is written, read when needed.
//! Lowering reads schemas only through this module, never the raw JSON.

use serde_json::{Map, Value};

use crate::load::TUPLE_KEY;
use crate::source::escape_pointer;

/// A JSON pointer into the loaded document, escaped as it is built.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Pointer(String);

impl Pointer {
    /// The document's root.
    pub fn root() -> Self {
        Self(String::new())
    }

    /// A pointer already escaped (from a diagnostic, a resolved `$ref`).
    pub fn from_escaped(pointer: impl Into<String>) -> Self {
        Self(pointer.into())
    }

    /// The pointer of a member of this object (the key is escaped).
    pub fn child(&self, key: &str) -> Self {
        Self(format!("{}/{}", self.0, escape_pointer(key)))
    }

    /// The pointer of an item of this array.
    pub fn index(&self, i: usize) -> Self {
        Self(format!("{}/{i}", self.0))
    }

    /// The escaped text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The `type` keyword (3.0: one of these; 3.1 lists are normalised before).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `string`.
    String,
    /// `integer`.
    Integer,
    /// `number`.
    Number,
    /// `boolean`.
    Boolean,
    /// `array`.
    Array,
    /// `object`.
    Object,
    /// `null`.
    Null,
}

/// `additionalProperties`.
#[derive(Debug, Clone, PartialEq)]
pub enum Additional {
    /// Not written: other properties are allowed and not described.
    Unsaid,
    /// `true` or `{}`.
    Any,
    /// `false`.
    Closed,
    /// A schema for the values.
    Schema(Pointer),
}

/// `discriminator`.
#[derive(Debug, Clone, PartialEq)]
pub struct Discriminator<'a> {
    /// `propertyName`.
    pub property: &'a str,
    /// `mapping`: tag value → `$ref`, in the spec's order.
    pub mapping: Vec<(&'a str, &'a str)>,
    /// `defaultMapping` (3.2): the schema, by name or `$ref`, of objects
    /// whose tag is missing or maps to nothing.
    pub default: Option<&'a str>,
}

/// Numeric and size bounds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bounds {
    /// `minimum`, and whether exclusive.
    pub minimum: Option<(f64, bool)>,
    /// `maximum`, and whether exclusive.
    pub maximum: Option<(f64, bool)>,
    /// `minLength`.
    pub min_length: Option<u64>,
    /// `maxLength`.
    pub max_length: Option<u64>,
    /// `pattern`.
    pub pattern: Option<String>,
    /// `minItems`.
    pub min_items: Option<u64>,
    /// `maxItems`.
    pub max_items: Option<u64>,
    /// `minProperties`.
    pub min_properties: Option<u64>,
    /// `maxProperties`.
    pub max_properties: Option<u64>,
}

/// One schema: every keyword lowering reads, beside each other.
#[derive(Debug, Clone)]
pub struct Schema<'a> {
    /// Where it is written.
    pub at: Pointer,
    /// `$ref` (its siblings, such as `nullable`, are read too).
    pub reference: Option<&'a str>,
    /// `type`.
    pub kind: Option<Kind>,
    /// `format`.
    pub format: Option<&'a str>,
    /// `nullable`.
    pub nullable: bool,
    /// `title`.
    pub title: Option<&'a str>,
    /// `description`.
    pub description: Option<&'a str>,
    /// `example`.
    pub example: Option<&'a Value>,
    /// `default`.
    pub default: Option<&'a Value>,
    /// `deprecated`.
    pub deprecated: bool,
    /// `readOnly`.
    pub read_only: bool,
    /// `writeOnly`.
    pub write_only: bool,
    /// `enum` (3.1 `const` is a one-value `enum` by now).
    pub enumeration: &'a [Value],
    /// `properties`, in the spec's order.
    pub properties: Vec<(&'a str, Pointer)>,
    /// `required`.
    pub required: Vec<&'a str>,
    /// `additionalProperties`.
    pub additional: Additional,
    /// `items`.
    pub items: Option<Pointer>,
    /// The items of a tuple (3.1 `prefixItems` of several schemas).
    pub tuple: Vec<Pointer>,
    /// `allOf`.
    pub all_of: Vec<Pointer>,
    /// `oneOf`.
    pub one_of: Vec<Pointer>,
    /// `anyOf`.
    pub any_of: Vec<Pointer>,
    /// `not`.
    pub not: Option<Pointer>,
    /// `discriminator`.
    pub discriminator: Option<Discriminator<'a>>,
    /// Bounds to check.
    pub bounds: Bounds,
}

impl<'a> Schema<'a> {
    /// Reads the schema written at `at` in `root`; `None` when nothing is
    /// there. A node that is not an object reads as the empty schema.
    pub fn read(root: &'a Value, at: &Pointer) -> Option<Self> {
        let node = root.pointer(at.as_str())?;
        Some(Self::of(node, at.clone()))
    }

    /// Reads a node already found.
    pub fn of(node: &'a Value, at: Pointer) -> Self {
        static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
        let map = node
            .as_object()
            .unwrap_or_else(|| EMPTY.get_or_init(Map::new));
        let text = |key: &str| map.get(key).and_then(Value::as_str);
        let flag = |key: &str| map.get(key).and_then(Value::as_bool).unwrap_or(false);
        Schema {
            reference: text("$ref"),
            kind: text("type").and_then(kind),
            format: text("format"),
            nullable: flag("nullable"),
            title: text("title"),
            description: text("description"),
            example: map.get("example"),
            default: map.get("default"),
            deprecated: flag("deprecated"),
            read_only: flag("readOnly"),
            write_only: flag("writeOnly"),
            enumeration: map
                .get("enum")
                .and_then(Value::as_array)
                .map_or(&[], Vec::as_slice),
            properties: properties(map, &at),
            required: map
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default(),
            additional: additional(map, &at),
            items: map.get("items").map(|_| at.child("items")),
            tuple: list(map, &at, TUPLE_KEY),
            all_of: list(map, &at, "allOf"),
            one_of: list(map, &at, "oneOf"),
            any_of: list(map, &at, "anyOf"),
            not: map.get("not").map(|_| at.child("not")),
            discriminator: discriminator(map),
            bounds: bounds(map),
            at,
        }
    }

    /// `null` is all it admits (`type: "null"`, `enum: [null]`).
    pub fn is_null(&self) -> bool {
        self.kind == Some(Kind::Null)
            || (self.kind.is_none()
                && !self.enumeration.is_empty()
                && self.enumeration.iter().all(Value::is_null))
    }

    /// The string values of `enum`, when every value is a string (nulls
    /// aside, which `nullable` says).
    pub fn string_values(&self) -> Option<Vec<&'a str>> {
        self.enumeration
            .iter()
            .filter(|v| !v.is_null())
            .map(Value::as_str)
            .collect()
    }
}

fn kind(name: &str) -> Option<Kind> {
    Some(match name {
        "string" => Kind::String,
        "integer" => Kind::Integer,
        "number" => Kind::Number,
        "boolean" => Kind::Boolean,
        "array" => Kind::Array,
        "object" => Kind::Object,
        "null" => Kind::Null,
        _ => return None,
    })
}

fn properties<'a>(map: &'a Map<String, Value>, at: &Pointer) -> Vec<(&'a str, Pointer)> {
    let Some(Value::Object(properties)) = map.get("properties") else {
        return Vec::new();
    };
    let at = at.child("properties");
    properties
        .keys()
        .map(|name| (name.as_str(), at.child(name)))
        .collect()
}

fn additional(map: &Map<String, Value>, at: &Pointer) -> Additional {
    match map.get("additionalProperties") {
        None => Additional::Unsaid,
        Some(Value::Bool(true)) => Additional::Any,
        Some(Value::Bool(false)) => Additional::Closed,
        Some(Value::Object(schema)) if schema.is_empty() => Additional::Any,
        Some(_) => Additional::Schema(at.child("additionalProperties")),
    }
}

fn list(map: &Map<String, Value>, at: &Pointer, key: &str) -> Vec<Pointer> {
    let Some(Value::Array(items)) = map.get(key) else {
        return Vec::new();
    };
    let at = at.child(key);
    (0..items.len()).map(|i| at.index(i)).collect()
}

fn discriminator(map: &Map<String, Value>) -> Option<Discriminator<'_>> {
    let node = map.get("discriminator")?;
    let property = node.get("propertyName")?.as_str()?;
    let mapping = node
        .get("mapping")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter_map(|(tag, target)| Some((tag.as_str(), target.as_str()?)))
                .collect()
        })
        .unwrap_or_default();
    let default = node
        .get(crate::load::DEFAULT_MAPPING_KEY)
        .and_then(Value::as_str);
    Some(Discriminator {
        property,
        mapping,
        default,
    })
}

fn bounds(map: &Map<String, Value>) -> Bounds {
    let count = |key: &str| map.get(key).and_then(Value::as_u64);
    let bound = |key: &str, exclusive: &str| {
        let value = map.get(key).and_then(Value::as_f64)?;
        let exclusive = map.get(exclusive).and_then(Value::as_bool).unwrap_or(false);
        Some((value, exclusive))
    };
    Bounds {
        minimum: bound("minimum", "exclusiveMinimum"),
        maximum: bound("maximum", "exclusiveMaximum"),
        min_length: count("minLength"),
        max_length: count("maxLength"),
        pattern: map
            .get("pattern")
            .and_then(Value::as_str)
            .map(str::to_owned),
        min_items: count("minItems"),
        max_items: count("maxItems"),
        min_properties: count("minProperties"),
        max_properties: count("maxProperties"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pointers_escape_their_keys() {
        let at = Pointer::root().child("paths").child("/a~b").index(0);
        assert_eq!(at.as_str(), "/paths/~1a~0b/0");
    }

    #[test]
    fn no_keyword_hides_another() {
        let root = json!({"s": {
            "type": "object", "nullable": true, "properties": {"a": {}},
            "allOf": [{"$ref": "#/x"}], "oneOf": [{}, {}], "required": ["a"],
            "discriminator": {"propertyName": "kind", "mapping": {"k": "#/y"}}
        }});
        let s = Schema::read(&root, &Pointer::root().child("s")).unwrap();
        assert_eq!(s.kind, Some(Kind::Object));
        assert!(s.nullable);
        assert_eq!(s.properties.len(), 1);
        assert_eq!(s.all_of, [Pointer::from_escaped("/s/allOf/0")]);
        assert_eq!(s.one_of.len(), 2);
        assert_eq!(s.required, ["a"]);
        let d = s.discriminator.unwrap();
        assert_eq!((d.property, d.mapping), ("kind", vec![("k", "#/y")]));
    }

    #[test]
    fn null_schemas_and_string_values() {
        let root =
            json!({"n": {"type": "null"}, "e": {"enum": [null]}, "s": {"enum": ["a", null]}});
        let read = |k: &str| Schema::read(&root, &Pointer::root().child(k)).unwrap();
        assert!(read("n").is_null() && read("e").is_null() && !read("s").is_null());
        assert_eq!(read("s").string_values(), Some(vec!["a"]));
    }
}
