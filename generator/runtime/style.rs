//! Parameter values on the wire, in the serialization styles OpenAPI
//! defines (`style`, `explode`, `allowReserved`; RFC 6570 expansions).
//!
//! A value is first seen as what the styles know: a scalar, a list of
//! scalars or an object of scalars (anything nested deeper is sent as its
//! JSON text). Each piece is percent-encoded before the style's delimiters
//! are put between them, so a delimiter is never encoded and a value's own
//! characters always are.

use serde::Serialize;
use serde_json::Value;

use super::error::{ValidationError, Violation};

/// How a parameter is serialized (OpenAPI's `style`).
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `name=value`, lists comma-separated or repeated (query, cookie).
    Form,
    /// Lists separated by spaces (query).
    SpaceDelimited,
    /// Lists separated by pipes (query).
    PipeDelimited,
    /// Objects as `name[key]=value` (query).
    DeepObject,
    /// Comma-separated (path, header).
    Simple,
    /// `.value` (path).
    Label,
    /// `;name=value` (path).
    Matrix,
}

/// A value as the styles see it.
#[derive(Debug, PartialEq)]
enum Shape {
    /// `null`: nothing is sent.
    Absent,
    Scalar(String),
    List(Vec<String>),
    Object(Vec<(String, String)>),
}

/// A scalar's text; a nested list or object has no style of its own and
/// is sent as JSON.
fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The value's shape, its fields in the order the type writes them (a
/// `serde_json::Value` would sort them): the value is written as JSON and
/// read back by [`ShapeVisitor`], which keeps the order.
fn shape<T: Serialize + ?Sized>(name: &str, value: &T) -> Result<Shape, Violation> {
    let failed = |e: serde_json::Error| Violation {
        path: name.to_owned(),
        message: format!("cannot be serialized: {e}"),
    };
    let text = serde_json::to_string(value).map_err(failed)?;
    let mut reader = serde_json::Deserializer::from_str(&text);
    serde::Deserializer::deserialize_any(&mut reader, ShapeVisitor).map_err(failed)
}

struct ShapeVisitor;

impl<'de> serde::de::Visitor<'de> for ShapeVisitor {
    type Value = Shape;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Shape, E> {
        Ok(Shape::Absent)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Shape, E> {
        Ok(Shape::Scalar(v.to_string()))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Shape, E> {
        Ok(Shape::Scalar(v.to_string()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Shape, E> {
        Ok(Shape::Scalar(v.to_string()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Shape, E> {
        Ok(Shape::Scalar(scalar_text(&Value::from(v))))
    }

    fn visit_str<E>(self, v: &str) -> Result<Shape, E> {
        Ok(Shape::Scalar(v.to_owned()))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Shape, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Value>()? {
            items.push(scalar_text(&item));
        }
        Ok(Shape::List(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
        let mut fields = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, Value>()? {
            if !value.is_null() {
                fields.push((key, scalar_text(&value)));
            }
        }
        Ok(Shape::Object(fields))
    }
}

/// Characters a query value may keep with `allowReserved` (RFC 3986's
/// reserved set, less what would end or split a query pair: `#`, `&`, `=`,
/// `+`, and `[`, `]`, which a query may not hold).
const RESERVED_KEPT: &[u8] = b":/?@!$'()*,;";

/// Percent-encodes all but RFC 3986's unreserved characters (and, with
/// `allow_reserved`, the reserved ones a query can carry and `%XX` triples).
fn encode(text: &str, allow_reserved: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    for (at, &byte) in bytes.iter().enumerate() {
        let unreserved = byte.is_ascii_alphanumeric() || b"-._~".contains(&byte);
        let kept = allow_reserved
            && (RESERVED_KEPT.contains(&byte) || (byte == b'%' && is_triple(&bytes[at..])));
        if unreserved || kept {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn is_triple(bytes: &[u8]) -> bool {
    bytes.len() >= 3 && bytes[1].is_ascii_hexdigit() && bytes[2].is_ascii_hexdigit()
}

/// A query parameter's pairs, each already encoded as `name=value`.
#[doc(hidden)]
pub fn query_pairs<T: Serialize + ?Sized>(
    name: &str,
    value: &T,
    style: Style,
    explode: bool,
    allow_reserved: bool,
) -> Result<Vec<String>, Violation> {
    let shape = shape(name, value)?;
    Ok(query_shape(name, shape, style, explode, allow_reserved))
}

fn query_shape(
    name: &str,
    shape: Shape,
    style: Style,
    explode: bool,
    allow_reserved: bool,
) -> Vec<String> {
    let key = encode(name, false);
    let value = |text: &str| encode(text, allow_reserved);
    let pair = |k: &str, v: &str| format!("{}={}", k, value(v));
    let joined = |items: Vec<String>, delimiter: &str| {
        let items: Vec<String> = items.iter().map(|v| value(v)).collect();
        vec![format!("{key}={}", items.join(delimiter))]
    };
    let flat = |fields: &[(String, String)]| {
        fields
            .iter()
            .flat_map(|(k, v)| [k.clone(), v.clone()])
            .collect::<Vec<String>>()
    };
    match (shape, style, explode) {
        (Shape::Absent, ..) => Vec::new(),
        (Shape::Scalar(text), ..) => vec![pair(&key, &text)],
        // `name[key]`, the brackets encoded as RFC 3986 wants them in a
        // query (servers decode before splitting; Prism needs it).
        (Shape::Object(fields), Style::DeepObject, _) => fields
            .iter()
            .map(|(k, v)| pair(&format!("{key}%5B{}%5D", encode(k, false)), v))
            .collect(),
        (Shape::List(items), _, true) if !items.is_empty() => {
            items.iter().map(|item| pair(&key, item)).collect()
        }
        (Shape::Object(fields), _, true) if !fields.is_empty() => fields
            .iter()
            .map(|(k, v)| pair(&encode(k, false), v))
            .collect(),
        (Shape::List(items), Style::SpaceDelimited, _) => joined(items, "%20"),
        (Shape::List(items), Style::PipeDelimited, _) => joined(items, "|"),
        (Shape::List(items), ..) => joined(items, ","),
        (Shape::Object(fields), Style::SpaceDelimited, _) => joined(flat(&fields), "%20"),
        (Shape::Object(fields), Style::PipeDelimited, _) => joined(flat(&fields), "|"),
        (Shape::Object(fields), ..) => joined(flat(&fields), ","),
    }
}

/// A path parameter's text, encoded, with its style's prefix; an empty
/// text is refused (it would drop a segment from the path).
#[doc(hidden)]
pub fn path_param<T: Serialize + ?Sized>(
    name: &str,
    value: &T,
    style: Style,
    explode: bool,
) -> Result<String, ValidationError> {
    let refuse = |violation| ValidationError {
        violations: vec![violation],
    };
    let shape = shape(name, value).map_err(refuse)?;
    let text = path_shape(name, shape, style, explode);
    if text.is_empty() {
        return Err(refuse(Violation {
            path: name.to_owned(),
            message: "a path parameter must not be empty".to_owned(),
        }));
    }
    Ok(text)
}

fn path_shape(name: &str, shape: Shape, style: Style, explode: bool) -> String {
    let name = encode(name, false);
    let items: Vec<String> = match &shape {
        Shape::Absent => Vec::new(),
        Shape::Scalar(text) => vec![encode(text, false)],
        Shape::List(items) => items.iter().map(|v| encode(v, false)).collect(),
        Shape::Object(fields) if explode => fields
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k, false), encode(v, false)))
            .collect(),
        Shape::Object(fields) => fields
            .iter()
            .flat_map(|(k, v)| [encode(k, false), encode(v, false)])
            .collect(),
    };
    let object = matches!(shape, Shape::Object(_));
    match style {
        Style::Label if explode => items.iter().map(|v| format!(".{v}")).collect(),
        Style::Label => format!(".{}", items.join(",")),
        Style::Matrix if explode && object => items.iter().map(|v| format!(";{v}")).collect(),
        Style::Matrix if explode => items.iter().map(|v| format!(";{name}={v}")).collect(),
        Style::Matrix if items.iter().all(String::is_empty) => format!(";{name}"),
        Style::Matrix => format!(";{name}={}", items.join(",")),
        _ => items.join(","),
    }
}

/// A header's value (`simple` style; not percent-encoded: the header's
/// own validity is checked when it is set).
#[doc(hidden)]
pub fn header_value<T: Serialize + ?Sized>(
    name: &str,
    value: &T,
    explode: bool,
) -> Result<Option<String>, Violation> {
    Ok(match shape(name, value)? {
        Shape::Absent => None,
        Shape::Scalar(text) => Some(text),
        Shape::List(items) => Some(items.join(",")),
        Shape::Object(fields) => Some(object_text(&fields, explode, ",")),
    })
}

/// A cookie parameter's `(name, value)` pairs (`form` style). What a
/// cookie value may not hold (RFC 6265: spaces, `"`, `,`, `;`, `\\`,
/// controls and non-ASCII) is percent-encoded, as is `%` itself, so a
/// value can never end its cookie early; a list's delimiter is not.
#[doc(hidden)]
pub fn cookie_pairs<T: Serialize + ?Sized>(
    name: &str,
    value: &T,
    explode: bool,
) -> Result<Vec<(String, String)>, Violation> {
    let text = |t: &str| encode_cookie(t);
    let one = |v: String| vec![(name.to_owned(), v)];
    Ok(match shape(name, value)? {
        Shape::Absent => Vec::new(),
        Shape::Scalar(t) => one(text(&t)),
        Shape::List(items) if explode => {
            items.iter().map(|item| (name.to_owned(), text(item))).collect()
        }
        Shape::List(items) => one(items.iter().map(|i| text(i)).collect::<Vec<_>>().join(",")),
        Shape::Object(fields) if explode => {
            fields.iter().map(|(k, v)| (text(k), text(v))).collect()
        }
        Shape::Object(fields) => {
            let fields: Vec<(String, String)> =
                fields.iter().map(|(k, v)| (text(k), text(v))).collect();
            one(object_text(&fields, false, ","))
        }
    })
}

fn encode_cookie(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        let octet = matches!(byte, 0x21 | 0x23..=0x24 | 0x26..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E);
        if octet {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// One query pair, name and value encoded (a query credential).
pub(super) fn query_pair(name: &str, value: &str) -> String {
    format!("{}={}", encode(name, false), encode(value, false))
}

fn object_text(fields: &[(String, String)], explode: bool, delimiter: &str) -> String {
    let pieces: Vec<String> = fields
        .iter()
        .map(|(k, v)| {
            if explode {
                format!("{k}={v}")
            } else {
                format!("{k},{v}")
            }
        })
        .collect();
    pieces.join(delimiter)
}

#[cfg(test)]
mod tests {
    //! The style examples table of the OpenAPI Specification (3.0.3 and
    //! 3.1.1, "Style Examples"): `color` as the string `blue`, the array
    //! `["blue", "black", "brown"]` and the object
    //! `{"R": 100, "G": 200, "B": 150}`.

    use super::*;
    use serde_json::json;

    fn query(value: impl Serialize, style: Style, explode: bool) -> String {
        query_pairs("color", &value, style, explode, false)
            .unwrap()
            .join("&")
    }

    fn path(value: impl Serialize, style: Style, explode: bool) -> String {
        path_param("color", &value, style, explode).unwrap()
    }

    fn string() -> Value {
        json!("blue")
    }
    fn array() -> Value {
        json!(["blue", "black", "brown"])
    }
    /// Fields in the order written (a `Value` object would sort them).
    #[derive(Serialize)]
    struct Rgb {
        #[serde(rename = "R")]
        r: u8,
        #[serde(rename = "G")]
        g: u8,
        #[serde(rename = "B")]
        b: u8,
    }

    fn object() -> Rgb {
        Rgb {
            r: 100,
            g: 200,
            b: 150,
        }
    }

    fn header(value: impl Serialize, explode: bool) -> Option<String> {
        header_value("color", &value, explode).unwrap()
    }

    fn cookies(value: impl Serialize, explode: bool) -> Vec<String> {
        cookie_pairs("color", &value, explode)
            .unwrap()
            .into_iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect()
    }

    #[test]
    fn matrix() {
        assert_eq!(path(json!(""), Style::Matrix, false), ";color");
        assert_eq!(path(string(), Style::Matrix, false), ";color=blue");
        assert_eq!(path(array(), Style::Matrix, false), ";color=blue,black,brown");
        assert_eq!(
            path(array(), Style::Matrix, true),
            ";color=blue;color=black;color=brown"
        );
        assert_eq!(
            path(object(), Style::Matrix, false),
            ";color=R,100,G,200,B,150"
        );
        assert_eq!(path(object(), Style::Matrix, true), ";R=100;G=200;B=150");
    }

    #[test]
    fn label() {
        assert_eq!(path(json!(""), Style::Label, false), ".");
        assert_eq!(path(string(), Style::Label, false), ".blue");
        assert_eq!(path(array(), Style::Label, false), ".blue,black,brown");
        assert_eq!(path(array(), Style::Label, true), ".blue.black.brown");
        assert_eq!(path(object(), Style::Label, false), ".R,100,G,200,B,150");
        assert_eq!(path(object(), Style::Label, true), ".R=100.G=200.B=150");
    }

    #[test]
    fn simple() {
        assert_eq!(path(string(), Style::Simple, false), "blue");
        assert_eq!(path(array(), Style::Simple, false), "blue,black,brown");
        assert_eq!(path(array(), Style::Simple, true), "blue,black,brown");
        assert_eq!(path(object(), Style::Simple, false), "R,100,G,200,B,150");
        assert_eq!(path(object(), Style::Simple, true), "R=100,G=200,B=150");
        assert_eq!(header(array(), false).as_deref(), Some("blue,black,brown"));
        assert_eq!(header(object(), true).as_deref(), Some("R=100,G=200,B=150"));
        assert_eq!(header(json!(null), false), None);
    }

    #[test]
    fn form() {
        assert_eq!(query(json!(""), Style::Form, false), "color=");
        assert_eq!(query(string(), Style::Form, false), "color=blue");
        assert_eq!(query(array(), Style::Form, false), "color=blue,black,brown");
        assert_eq!(
            query(array(), Style::Form, true),
            "color=blue&color=black&color=brown"
        );
        assert_eq!(
            query(object(), Style::Form, false),
            "color=R,100,G,200,B,150"
        );
        assert_eq!(query(object(), Style::Form, true), "R=100&G=200&B=150");
        assert_eq!(query(json!([]), Style::Form, true), "color=");
        assert_eq!(query(json!(null), Style::Form, true), "");
    }

    #[test]
    fn delimited_and_deep_object() {
        assert_eq!(
            query(array(), Style::SpaceDelimited, false),
            "color=blue%20black%20brown"
        );
        assert_eq!(
            query(object(), Style::SpaceDelimited, false),
            "color=R%20100%20G%20200%20B%20150"
        );
        assert_eq!(
            query(array(), Style::PipeDelimited, false),
            "color=blue|black|brown"
        );
        assert_eq!(
            query(object(), Style::PipeDelimited, false),
            "color=R|100|G|200|B|150"
        );
        assert_eq!(
            query(object(), Style::DeepObject, true),
            // The table's `color[R]=100`, brackets percent-encoded.
            "color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150"
        );
    }

    #[test]
    fn a_value_s_own_delimiters_are_encoded_and_the_style_s_are_not() {
        assert_eq!(
            query(json!(["a,b", "c d"]), Style::Form, false),
            "color=a%2Cb,c%20d"
        );
        assert_eq!(path(json!("a/b"), Style::Simple, false), "a%2Fb");
        assert_eq!(
            query_pairs("q", &json!("a:b/c?d&e=f#g%41"), Style::Form, true, true)
                .unwrap()
                .join("&"),
            "q=a:b/c?d%26e%3Df%23g%41"
        );
        assert_eq!(
            query_pairs("q", &json!("a:b%4"), Style::Form, true, false)
                .unwrap()
                .join("&"),
            "q=a%3Ab%254"
        );
    }

    #[test]
    fn an_empty_path_parameter_is_refused() {
        let error = path_param("id", &json!(""), Style::Simple, false).unwrap_err();
        assert_eq!(error.violations[0].path, "id");
        assert!(path_param("id", &json!([]), Style::Simple, false).is_err());
        assert!(path_param("id", &json!(0), Style::Simple, false).is_ok());
    }

    #[test]
    fn cookies_are_form_pairs() {
        assert_eq!(cookies(array(), false), ["color=blue,black,brown"]);
        assert_eq!(
            cookies(array(), true),
            ["color=blue", "color=black", "color=brown"]
        );
        assert_eq!(cookies(object(), true), ["R=100", "G=200", "B=150"]);
        assert_eq!(cookies(object(), false), ["color=R,100,G,200,B,150"]);
        assert_eq!(cookies(json!("a; b=c,%"), true), ["color=a%3B%20b=c%2C%25"]);
    }
}
