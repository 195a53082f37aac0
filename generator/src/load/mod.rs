//! Load: text (YAML or JSON) → a checked OpenAPI document (3.2 is rewritten
//! as 3.1 on the way, see `openapi32`, and 3.1 as 3.0, see `openapi31`).
//!
//! The text is read into a plain JSON value first (YAML through our own
//! event reader, see `yaml.rs`), then into `openapiv3`'s document model. The
//! value is kept beside the model: `$ref`s are resolved against it by JSON
//! pointer. Positions are looked up only when a diagnostic needs one.

mod external;
mod keywords;

pub use external::EXTERNAL_KEY;
pub use openapi31::TUPLE_KEY;
pub use openapi32::{ExtraOperation, DEFAULT_MAPPING_KEY, EXTRA_OPERATIONS_KEY};
mod misplaced_refs;
mod numbers;
mod openapi31;
mod openapi32;
mod overlay;
mod quirks;
mod references;
mod shape;
mod vocabulary;
mod yaml;

use serde_json::Value;

/// The operations of a path item, by key, in every version.
pub(crate) const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The OpenAPI versions read, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Version {
    V30,
    V31,
    V32,
}

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::source::{escape_pointer, Position, Source};

/// A loaded spec: the raw value and the typed document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The spec as a JSON value, for resolving `$ref`s by pointer.
    pub raw: Value,
    /// The spec in `openapiv3`'s model.
    pub spec: openapiv3::OpenAPI,
    /// Files read for external `$ref`s (for build scripts' `rerun-if-changed`).
    pub files_read: Vec<std::path::PathBuf>,
    /// Where each bundled file's content is: (key under [`EXTERNAL_KEY`], file).
    pub external: Vec<(String, std::path::PathBuf)>,
}

/// Reads and checks a spec, reporting every problem it finds into `found`
/// (quirks mended, unknown keys, and the errors that refuse it); `None`
/// when it cannot be read as an OpenAPI document.
pub fn load(source: &Source, found: &mut Diagnostics) -> Option<Document> {
    let mut raw = match parse_text(source.text()) {
        Ok((raw, lenient)) => {
            found.items.extend(lenient);
            raw
        }
        Err(errors) => return refused(found, errors),
    };
    for overlay in source.overlays() {
        found.items.extend(overlay::apply(&mut raw, overlay).items);
    }
    if found.has_errors() {
        return None;
    }
    let version = match check_version(&raw) {
        Ok(version) => version,
        Err(error) => return refused(found, error.into()),
    };
    let v31 = version >= Version::V31;
    if version == Version::V32 {
        openapi32::resolve_self(&mut raw);
    }
    if v31 {
        found.items.extend(openapi31::resolve_ids(&mut raw));
    }
    let (files_read, external) = match source.base_dir() {
        Some(dir) => match external::bundle(&mut raw, dir, source.refs_root()) {
            Ok(bundled) => {
                found.items.extend(bundled.lenient);
                (bundled.read, bundled.files)
            }
            Err(errors) => return refused(found, errors),
        },
        None => (Vec::new(), Vec::new()),
    };
    found.items.extend(vocabulary::unknown_keys(&raw, version));
    found
        .items
        .extend(misplaced_refs::inline(&mut raw, version == Version::V32));
    if version == Version::V32 {
        found.items.extend(openapi32::normalize(&mut raw));
    }
    if v31 {
        found.items.extend(openapi31::normalize(&mut raw));
    }
    numbers::clamp_integer_bounds(&mut raw);
    found.items.extend(quirks::mend(&mut raw));
    if version == Version::V32 {
        found.items.extend(openapi32::gather_operations(&mut raw));
    }
    // Faults the document model would take exponential time to find: the
    // rest of the document is read part by part around them.
    let faults = keywords::faults(&raw);
    let read = if faults.has_errors() {
        Err((
            faults,
            Diagnostic::error("", "does not match the OpenAPI 3.0 schema"),
        ))
    } else {
        deserialize::<openapiv3::OpenAPI>(&raw, "").map_err(|e| (Diagnostics::default(), e))
    };
    match read {
        Ok(spec) => Some(Document {
            raw,
            spec,
            files_read,
            external,
        }),
        Err((known, error)) => {
            found.items.extend(shape::refine(&raw, known, error).items);
            // Lowering, which would find the rest, cannot run: report the
            // dangling references now, so one run shows every problem.
            found.items.extend(references::dangling(&raw));
            None
        }
    }
}

fn refused(found: &mut Diagnostics, errors: Diagnostics) -> Option<Document> {
    found.items.extend(errors.items);
    None
}

/// YAML or JSON text as a JSON value (what every later stage reads).
pub fn read_value(text: &str) -> Result<Value, Diagnostics> {
    parse_text(text).map(|(value, _)| value)
}

/// YAML or JSON text → a JSON value, with a warning when lines had to be
/// read leniently (see [`yaml::to_value_lenient`]).
fn parse_text(text: &str) -> Result<(Value, Option<Diagnostic>), Diagnostics> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error(
            "",
            "the file is empty: expected an OpenAPI 3.0, 3.1 or 3.2 document",
        )
        .into());
    }
    if text.trim_start().starts_with(['{', '[']) {
        let value = serde_json::from_str(text).map_err(|e| json_error(&e))?;
        return Ok((value, None));
    }
    let (value, mended) = yaml::to_value_lenient(text).map_err(Diagnostics::from)?;
    let warning = mended.first().map(|&line| {
        let message = format!(
            "{} line(s) close a flow collection (`}}` or `]`) at the indentation of its key, \
             which YAML 1.2 does not allow; read as if indented further",
            mended.len()
        );
        Diagnostic::warning("", message).at(Position { line, column: 1 })
    });
    Ok((value, warning))
}

fn json_error(error: &serde_json::Error) -> Diagnostics {
    let position = Position {
        line: error.line(),
        column: error.column(),
    };
    let message = format!("invalid JSON: {error}");
    Diagnostic::error("", message).at(position).into()
}

fn check_version(raw: &Value) -> Result<Version, Diagnostic> {
    let Some(object) = raw.as_object() else {
        return Err(Diagnostic::error(
            "",
            "not an OpenAPI document: the top level must be a mapping",
        ));
    };
    if let Some(swagger) = object.get("swagger") {
        let message = format!(
            "Swagger {} documents are not supported: convert the spec to OpenAPI 3.0 first",
            swagger.as_str().unwrap_or("2.0")
        );
        return Err(Diagnostic::error("/swagger", message));
    }
    match object.get("openapi") {
        Some(Value::String(v)) if v.starts_with("3.0.") || v == "3.0" => Ok(Version::V30),
        Some(Value::String(v)) if v.starts_with("3.1.") || v == "3.1" => Ok(Version::V31),
        Some(Value::String(v)) if v.starts_with("3.2.") || v == "3.2" => Ok(Version::V32),
        Some(other) => Err(Diagnostic::error(
            "/openapi",
            format!(
                "unknown OpenAPI version {other}: only OpenAPI 3.0.x, 3.1.x and 3.2.x documents are supported"
            ),
        )),
        None => Err(Diagnostic::error(
            "",
            "not an OpenAPI document: the `openapi` field is missing",
        )),
    }
}

/// Deserializes part of the document, pointing at the exact place on failure.
pub fn deserialize<T: serde::de::DeserializeOwned>(
    value: &Value,
    base: &str,
) -> Result<T, Diagnostic> {
    serde_path_to_error::deserialize(value).map_err(|error| {
        let pointer = format!("{base}{}", path_to_pointer(error.path()));
        let message = format!("does not match the OpenAPI 3.0 schema: {}", error.inner());
        Diagnostic::error(pointer, message)
    })
}

fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
            Segment::Map { key } => {
                pointer.push('/');
                pointer.push_str(&escape_pointer(key));
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    pointer
}
