//! The ground floor every stage stands on: the text of a spec ([`Source`]),
//! places in it ([`Position`], JSON pointers) and finding one from the other.

mod json_positions;
mod locate;

use std::path::{Path, PathBuf};

/// A line and column in the source, both counted from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
}

/// The text of a spec, kept to point diagnostics at lines.
#[derive(Debug, Clone)]
pub struct Source {
    text: String,
    base_dir: Option<PathBuf>,
    refs_root: Option<PathBuf>,
    overlays: Vec<Overlay>,
}

/// An OpenAPI Overlay document applied to the spec before anything reads
/// it: its name (for diagnostics) and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overlay {
    /// How diagnostics name it (its path).
    pub name: String,
    /// Its text, YAML or JSON.
    pub text: String,
}

impl Source {
    /// Wraps the text of a spec. External `$ref`s are refused unless a
    /// directory is given with [`Source::with_base_dir`].
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            base_dir: None,
            refs_root: None,
            overlays: Vec::new(),
        }
    }

    /// Applies an overlay (after those added before) to the spec as it is
    /// read.
    pub fn with_overlay(mut self, name: impl Into<String>, text: impl Into<String>) -> Self {
        self.overlays.push(Overlay {
            name: name.into(),
            text: text.into(),
        });
        self
    }

    /// The overlays, in the order they apply.
    pub fn overlays(&self) -> &[Overlay] {
        &self.overlays
    }

    /// Reads relative external `$ref`s from `dir` (the spec's directory) and below.
    pub fn with_base_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.base_dir = Some(dir.into());
        self
    }

    /// Lets relative `$ref`s reach files anywhere below `dir`, a directory
    /// that holds the spec's (multi-file specs that share `../common/`
    /// files); by default only the spec's directory and below are read.
    pub fn with_refs_root(mut self, dir: impl Into<PathBuf>) -> Self {
        self.refs_root = Some(dir.into());
        self
    }

    /// The whole text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The directory relative external `$ref`s are read from, if any.
    pub fn base_dir(&self) -> Option<&Path> {
        self.base_dir.as_deref()
    }

    /// The directory relative `$ref`s may reach up to, if wider than [`Source::base_dir`].
    pub fn refs_root(&self) -> Option<&Path> {
        self.refs_root.as_deref()
    }

    /// Where each of `pointers` points, in one pass over the text.
    pub fn positions_of(&self, pointers: &[&str]) -> Vec<Option<Position>> {
        locate::positions_of(&self.text, pointers)
    }

    /// The text of line `number` (from 1).
    pub fn line(&self, number: usize) -> Option<&str> {
        self.text.lines().nth(number.checked_sub(1)?)
    }
}

/// The last segment of a schema's pointer that names something (a
/// property, a component, a parameter), not its place in the schema's
/// structure (`anyOf/0`, `items`, `schema`); `None` when none does.
pub fn naming_segment(pointer: &str) -> Option<&str> {
    pointer.rsplit('/').find(|s| {
        !s.is_empty()
            && !s.bytes().all(|b| b.is_ascii_digit())
            && !matches!(*s, "anyOf" | "oneOf" | "allOf" | "items" | "schema")
    })
}

/// Whether a pointer is a schema of `components/schemas` itself (not one
/// inside it).
pub fn is_component_schema(pointer: &str) -> bool {
    pointer
        .strip_prefix("/components/schemas/")
        .is_some_and(|name| !name.contains('/'))
}

/// The name of the `components/{kind}` entry a pointer is (not one inside
/// it), unescaped: `/components/responses/Not~1Found` → `Not/Found`.
pub fn component_entry(pointer: &str, kind: &str) -> Option<String> {
    let name = pointer
        .strip_prefix("/components/")?
        .strip_prefix(kind)?
        .strip_prefix('/')?;
    (!name.contains('/')).then(|| name.replace("~1", "/").replace("~0", "~"))
}

/// Escapes one segment of a JSON pointer (`~` → `~0`, `/` → `~1`).
pub fn escape_pointer(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Line and column of the node at a JSON pointer in any YAML or JSON text.
pub fn position_in(text: &str, pointer: &str) -> Option<Position> {
    locate::position_of(text, pointer)
}

/// Why a `$ref` is not a local JSON pointer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointerProblem {
    /// It names another file.
    External,
    /// A `%` not followed by two hex digits, or not UTF-8 once decoded.
    PercentEncoding,
    /// The fragment does not start with `/`.
    NotAPointer,
}

/// `#/a/b` → `/a/b`, percent-decoded.
pub fn local_pointer(reference: &str) -> Result<String, PointerProblem> {
    let fragment = reference
        .strip_prefix('#')
        .ok_or(PointerProblem::External)?;
    let decoded = percent_decode(fragment).ok_or(PointerProblem::PercentEncoding)?;
    if !decoded.is_empty() && !decoded.starts_with('/') {
        return Err(PointerProblem::NotAPointer);
    }
    Ok(decoded)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_pointers_are_decoded_and_checked() {
        assert_eq!(local_pointer("#/a~1b/c%20d").as_deref(), Ok("/a~1b/c d"));
        assert_eq!(local_pointer("#").as_deref(), Ok(""));
        assert_eq!(
            local_pointer("other.yaml#/a"),
            Err(PointerProblem::External)
        );
        assert_eq!(
            local_pointer("#/a%zz"),
            Err(PointerProblem::PercentEncoding)
        );
        assert_eq!(local_pointer("#a"), Err(PointerProblem::NotAPointer));
    }
}
