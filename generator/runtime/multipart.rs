//! `multipart/form-data` bodies (RFC 7578): one part per field of the body,
//! files as bytes with a file name and content type, other values as text
//! or JSON. The body is written whole, so a retry sends the same bytes.

use std::fmt;

use bytes::Bytes;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::error::Violation;

/// A file sent as one part of a multipart body: its bytes, and the file
/// name and content type the part declares.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct File {
    bytes: Bytes,
    file_name: Option<String>,
    content_type: Option<String>,
}

impl File {
    /// A file of these bytes. Without [`File::with_file_name`], the part
    /// is named after its field; without [`File::with_content_type`], it
    /// takes the spec's `encoding` or `application/octet-stream`.
    pub fn new(bytes: impl Into<Bytes>) -> Self {
        Self {
            bytes: bytes.into(),
            file_name: None,
            content_type: None,
        }
    }

    /// The file name the part declares (`filename=`).
    pub fn with_file_name(mut self, file_name: impl Into<String>) -> Self {
        self.file_name = Some(file_name.into());
        self
    }

    /// The part's content type (`image/png`).
    pub fn with_content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The bytes.
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }

    /// The file name, when one was given.
    pub fn file_name(&self) -> Option<&str> {
        self.file_name.as_deref()
    }

    /// The content type, when one was given.
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }
}

impl fmt::Debug for File {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("File")
            .field("len", &self.bytes.len())
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .finish()
    }
}

impl From<Vec<u8>> for File {
    fn from(bytes: Vec<u8>) -> Self {
        Self::new(bytes)
    }
}

impl From<Bytes> for File {
    fn from(bytes: Bytes) -> Self {
        Self::new(bytes)
    }
}

/// In JSON (an example, a type shared with a JSON body) a file is the
/// string of its bytes, as `format: binary` says.
impl Serialize for File {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&String::from_utf8_lossy(&self.bytes))
    }
}

impl<'de> Deserialize<'de> for File {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(|text| Self::new(text.into_bytes()))
    }
}

/// What a file field holds: a file, or none, or several (each its own
/// part under the field's name).
#[doc(hidden)]
pub trait Files {
    /// Calls `f` on each file.
    fn each_file(&self, f: &mut dyn FnMut(&File));
}

impl Files for File {
    fn each_file(&self, f: &mut dyn FnMut(&File)) {
        f(self)
    }
}

impl<T: Files> Files for Option<T> {
    fn each_file(&self, f: &mut dyn FnMut(&File)) {
        if let Some(inner) = self {
            inner.each_file(f);
        }
    }
}

impl<T: Files> Files for Vec<T> {
    fn each_file(&self, f: &mut dyn FnMut(&File)) {
        for item in self {
            item.each_file(f);
        }
    }
}

struct Part {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    body: Bytes,
}

/// A multipart body being put together by an operation.
#[doc(hidden)]
#[derive(Default)]
pub struct Form {
    parts: Vec<Part>,
    violations: Vec<Violation>,
}

impl Form {
    /// An empty body.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds each file of a file field as a part; `content_type` is the
    /// spec's `encoding` for the field.
    pub fn file<F: Files + ?Sized>(
        mut self,
        name: &str,
        files: &F,
        content_type: Option<&str>,
    ) -> Self {
        files.each_file(&mut |file| {
            self.parts.push(Part {
                name: name.to_owned(),
                file_name: Some(file.file_name.clone().unwrap_or_else(|| name.to_owned())),
                content_type: Some(
                    file.content_type
                        .as_deref()
                        .or(content_type)
                        .unwrap_or("application/octet-stream")
                        .to_owned(),
                ),
                body: file.bytes.clone(),
            });
        });
        self
    }

    /// Adds a value as parts: nothing for `null` (an absent optional), a
    /// text part for a string, number or boolean, one part per item of a
    /// list, and JSON for an object (or a list inside a list).
    pub fn value<T: Serialize + ?Sized>(
        mut self,
        name: &str,
        value: &T,
        content_type: Option<&str>,
    ) -> Self {
        match serde_json::to_value(value) {
            Ok(serde_json::Value::Array(items)) => {
                for item in &items {
                    self.push_value(name, item, content_type);
                }
            }
            Ok(value) => self.push_value(name, &value, content_type),
            Err(e) => self.violations.push(Violation {
                path: name.to_owned(),
                message: format!("cannot be serialized: {e}"),
            }),
        }
        self
    }

    /// Adds each property of an object as a value (the fields of a
    /// flattened part of the body).
    pub fn fields<T: Serialize + ?Sized>(mut self, value: &T) -> Self {
        match serde_json::to_value(value) {
            Ok(serde_json::Value::Object(fields)) => {
                for (name, value) in &fields {
                    self = self.value(name, value, None);
                }
            }
            Ok(other) => self = self.value("", &other, None),
            Err(e) => self.violations.push(Violation {
                path: String::new(),
                message: format!("cannot be serialized: {e}"),
            }),
        }
        self
    }

    fn push_value(&mut self, name: &str, value: &serde_json::Value, content_type: Option<&str>) {
        let (text, default_type) = match value {
            serde_json::Value::Null => return,
            serde_json::Value::String(text) => (text.clone(), None),
            serde_json::Value::Bool(_) | serde_json::Value::Number(_) => (value.to_string(), None),
            structured => (structured.to_string(), Some("application/json")),
        };
        self.parts.push(Part {
            name: name.to_owned(),
            file_name: None,
            content_type: content_type.or(default_type).map(str::to_owned),
            body: Bytes::from(text),
        });
    }

    /// The body's bytes and its `Content-Type` (with the boundary), or
    /// what could not be put in it.
    pub(super) fn encode(self) -> Result<(Vec<u8>, String), Vec<Violation>> {
        if !self.violations.is_empty() {
            return Err(self.violations);
        }
        let boundary = boundary(&self.parts);
        let mut out = Vec::new();
        for part in &self.parts {
            out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            let mut disposition = format!("form-data; name=\"{}\"", quoted(&part.name));
            if let Some(file_name) = &part.file_name {
                disposition.push_str(&format!("; filename=\"{}\"", quoted(file_name)));
            }
            out.extend_from_slice(format!("Content-Disposition: {disposition}\r\n").as_bytes());
            if let Some(content_type) = &part.content_type {
                let content_type: String = content_type.chars().filter(|c| !c.is_control()).collect();
                out.extend_from_slice(format!("Content-Type: {content_type}\r\n").as_bytes());
            }
            out.extend_from_slice(b"\r\n");
            out.extend_from_slice(&part.body);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        Ok((out, format!("multipart/form-data; boundary={boundary}")))
    }
}

/// A name or file name inside quotes, as browsers write it: `"`, CR and LF
/// percent-encoded, so a name can never end its header early.
fn quoted(text: &str) -> String {
    text.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A boundary that no part's bytes contain: random, and drawn again in the
/// unlikely case it occurs.
fn boundary(parts: &[Part]) -> String {
    use std::hash::BuildHasher;
    let random = std::collections::hash_map::RandomState::new();
    let draws = (0u64..).map(|round| {
        format!(
            "oas-gen-{:016x}{:016x}",
            random.hash_one(round),
            random.hash_one(!round)
        )
    });
    first_absent(parts, draws)
}

fn first_absent(parts: &[Part], mut candidates: impl Iterator<Item = String>) -> String {
    candidates
        .find(|candidate| !parts.iter().any(|p| contains(&p.body, candidate.as_bytes())))
        .unwrap_or_default()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parts of a body, read back: (headers, body) each.
    fn parts(body: &[u8], content_type: &str) -> Vec<(String, Vec<u8>)> {
        let boundary = content_type.split("boundary=").nth(1).unwrap();
        let delimiter = format!("--{boundary}");
        let text = body.to_vec();
        let mut out = Vec::new();
        let mut rest = &text[..];
        assert!(rest.starts_with(delimiter.as_bytes()));
        loop {
            rest = &rest[delimiter.len()..];
            if rest.starts_with(b"--\r\n") {
                return out;
            }
            rest = &rest[2..];
            let head_end = rest.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
            let head = String::from_utf8(rest[..head_end].to_vec()).unwrap();
            rest = &rest[head_end + 4..];
            let next = format!("\r\n{delimiter}");
            let end = rest.windows(next.len()).position(|w| w == next.as_bytes()).unwrap();
            out.push((head, rest[..end].to_vec()));
            rest = &rest[end + 2..];
        }
    }

    #[test]
    fn files_and_values_become_parts_in_order() {
        let photo = File::new(b"\x89PNG--\r\n".to_vec()).with_file_name("cat.png");
        let form = Form::new()
            .file("photo", &photo, Some("image/png"))
            .file("extra", &vec![File::new(b"a".to_vec()), File::new(b"b".to_vec())], None)
            .file("none", &None::<File>, None)
            .value("title", "a \"cat\"", None)
            .value("tags", &["x", "y"], None)
            .value("size", &3, None)
            .value("meta", &serde_json::json!({"k": 1}), None)
            .value("absent", &None::<String>, None);
        let (body, content_type) = form.encode().unwrap();
        assert!(content_type.starts_with("multipart/form-data; boundary=oas-gen-"));
        let parts = parts(&body, &content_type);
        let heads: Vec<&str> = parts.iter().map(|(h, _)| h.as_str()).collect();
        assert_eq!(
            heads,
            [
                "Content-Disposition: form-data; name=\"photo\"; filename=\"cat.png\"\r\nContent-Type: image/png",
                "Content-Disposition: form-data; name=\"extra\"; filename=\"extra\"\r\nContent-Type: application/octet-stream",
                "Content-Disposition: form-data; name=\"extra\"; filename=\"extra\"\r\nContent-Type: application/octet-stream",
                "Content-Disposition: form-data; name=\"title\"",
                "Content-Disposition: form-data; name=\"tags\"",
                "Content-Disposition: form-data; name=\"tags\"",
                "Content-Disposition: form-data; name=\"size\"",
                "Content-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json",
            ]
        );
        let bodies: Vec<&[u8]> = parts.iter().map(|(_, b)| b.as_slice()).collect();
        assert_eq!(
            bodies,
            [
                &b"\x89PNG--\r\n"[..],
                b"a",
                b"b",
                b"a \"cat\"",
                b"x",
                b"y",
                b"3",
                b"{\"k\":1}"
            ]
        );
    }

    #[test]
    fn the_fields_of_a_flattened_object_are_parts_of_their_own() {
        let (body, content_type) = Form::new()
            .fields(&serde_json::json!({"a": "x", "b": [1, 2], "c": null}))
            .encode()
            .unwrap();
        let parts = parts(&body, &content_type);
        let named: Vec<(&str, &[u8])> = parts.iter().map(|(h, b)| (h.as_str(), b.as_slice())).collect();
        assert_eq!(
            named,
            [
                ("Content-Disposition: form-data; name=\"a\"", &b"x"[..]),
                ("Content-Disposition: form-data; name=\"b\"", b"1"),
                ("Content-Disposition: form-data; name=\"b\"", b"2"),
            ]
        );
        let refused = Form::new()
            .fields(&std::collections::BTreeMap::from([(vec![1u8], 1)]))
            .encode()
            .unwrap_err();
        assert!(refused[0].message.starts_with("cannot be serialized: "), "{refused:?}");
    }

    #[test]
    fn an_optional_file_that_is_set_is_a_part_and_debug_shows_no_bytes() {
        let file = File::new(b"secret".to_vec()).with_file_name("m.bin");
        let (body, content_type) = Form::new()
            .file("m", &Some(file.clone()), None)
            .encode()
            .unwrap();
        let parts = parts(&body, &content_type);
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].1, b"secret");
        assert_eq!(
            (file.file_name(), file.content_type(), file.bytes().as_ref()),
            (Some("m.bin"), None, &b"secret"[..])
        );
        let typed = File::from(b"x".to_vec()).with_content_type("text/csv");
        assert_eq!((typed.file_name(), typed.content_type()), (None, Some("text/csv")));
        let shown = format!("{file:?}");
        assert_eq!(
            shown,
            "File { len: 6, file_name: Some(\"m.bin\"), content_type: None }"
        );
    }

    #[test]
    fn a_file_s_own_content_type_wins_and_names_cannot_break_the_header() {
        let file = File::new(b"x".to_vec())
            .with_file_name("a\"b\r\nc.txt")
            .with_content_type("text/plain");
        let (body, content_type) = Form::new()
            .file("f", &file, Some("image/png"))
            .encode()
            .unwrap();
        let (head, _) = &parts(&body, &content_type)[0];
        assert_eq!(
            head,
            "Content-Disposition: form-data; name=\"f\"; filename=\"a%22b%0D%0Ac.txt\"\r\nContent-Type: text/plain"
        );
    }

    #[test]
    fn a_boundary_a_part_holds_is_drawn_again() {
        let parts = [Part {
            name: "v".to_owned(),
            file_name: None,
            content_type: None,
            body: Bytes::from_static(b"x--first--x"),
        }];
        let draws = ["first", "second"].map(str::to_owned).into_iter();
        assert_eq!(first_absent(&parts, draws), "second");
        let (_, content_type) = Form::new().value("v", "x", None).encode().unwrap();
        let drawn = content_type.split("boundary=").nth(1).unwrap();
        assert_eq!(drawn.len(), "oas-gen-".len() + 32);
    }

    #[test]
    fn a_file_is_its_bytes_as_a_string_in_json() {
        let file: File = serde_json::from_str("\"hello\"").unwrap();
        assert_eq!(file.bytes().as_ref(), b"hello");
        assert_eq!(serde_json::to_string(&file).unwrap(), "\"hello\"");
    }
}
