//! External `$ref`s: relative files, loaded once each, bundled into the
//! document so the rest of the pipeline sees only local references.
//!
//! `other.yaml#/Pet` becomes `#/x-oas-gen-external/0/Pet`, with the file's
//! content stored at that place; the file's own local references are rewritten
//! the same way. Only files in the spec's directory and below are read: a URL,
//! an absolute path, or a path that leaves the directory is refused (the
//! generator never touches the network nor reads files it was not meant to).

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use serde_json::{Map, Value};

use crate::diagnostics::{Diagnostic, Diagnostics};

/// Where bundled files live in the document.
pub const EXTERNAL_KEY: &str = "x-oas-gen-external";
/// At most this many files are read.
const MAX_FILES: usize = 10_000;
/// At most this many bytes are read over all files.
const MAX_BYTES: usize = 64 * 1024 * 1024;

struct Bundler {
    base: PathBuf,
    files: BTreeMap<PathBuf, usize>,
    keys: Vec<String>,
    documents: Vec<Value>,
    bytes: usize,
    errors: Diagnostics,
    /// Files read leniently (a flow collection closed at its key's indentation).
    lenient: Vec<String>,
}

/// Bundles every relative file `root` refers to; returns the files read, and
/// a warning when some had to be read leniently.
/// Relative references are read from `base` (the spec's directory); no file
/// outside `boundary` (by default `base` itself) is ever read.
pub fn bundle(
    root: &mut Value,
    base: &Path,
    boundary: Option<&Path>,
) -> Result<Bundled, Diagnostics> {
    let base = base.canonicalize().unwrap_or_else(|_| base.to_owned());
    // A boundary that does not hold the spec's directory protects nothing.
    let boundary = boundary
        .and_then(|b| b.canonicalize().ok())
        .filter(|b| base.starts_with(b))
        .unwrap_or_else(|| base.clone());
    let mut bundler = Bundler {
        base: boundary,
        files: BTreeMap::new(),
        keys: Vec::new(),
        documents: Vec::new(),
        bytes: 0,
        errors: Diagnostics::default(),
        lenient: Vec::new(),
    };
    bundler.rewrite(root, &base, None, String::new(), false);
    let mut done = 0;
    while done < bundler.documents.len() {
        let mut document = std::mem::take(&mut bundler.documents[done]);
        let file = bundler
            .files
            .iter()
            .find(|(_, &i)| i == done)
            .map(|(p, _)| p.clone())
            .unwrap_or_default();
        let dir = file
            .parent()
            .map(Path::to_owned)
            .unwrap_or_else(|| base.clone());
        let at = format!("/{EXTERNAL_KEY}/{}", bundler.keys[done]);
        // A file's top level may be a map of names (schemas by name).
        bundler.rewrite(&mut document, &dir, Some(done), at, true);
        bundler.documents[done] = document;
        done += 1;
    }
    if bundler.errors.has_errors() {
        return Err(bundler.errors);
    }
    let read: Vec<PathBuf> = bundler.files.keys().cloned().collect();
    let mut files: Vec<(String, PathBuf)> = bundler
        .files
        .iter()
        .map(|(path, &k)| (bundler.keys[k].clone(), path.clone()))
        .collect();
    files.sort();
    let lenient = (!bundler.lenient.is_empty()).then(|| {
        let message = format!(
            "{} close a flow collection (`}}` or `]`) at the indentation of its key, which \
             YAML 1.2 does not allow; read as if indented further",
            bundler.lenient.join(", ")
        );
        Diagnostic::warning("", message)
    });
    if let (Value::Object(map), false) = (root, bundler.documents.is_empty()) {
        let stored: Map<String, Value> = bundler.keys.into_iter().zip(bundler.documents).collect();
        map.insert(EXTERNAL_KEY.to_owned(), Value::Object(stored));
    }
    Ok(Bundled {
        read,
        files,
        lenient,
    })
}

/// Where `reference` leads into a bundled file, the first time it is
/// followed (`visited` keeps the pointers followed before); `None` for a
/// reference elsewhere, or one followed already. Walks that read the
/// document from its root reach bundled content only this way.
pub(super) fn bundled_once<'v>(
    root: &'v Value,
    reference: &str,
    visited: &mut std::collections::BTreeSet<String>,
) -> Option<(String, &'v Value)> {
    let pointer = crate::source::local_pointer(reference).ok()?;
    if !pointer.starts_with(&format!("/{EXTERNAL_KEY}/")) || !visited.insert(pointer.clone()) {
        return None;
    }
    let target = root.pointer(&pointer)?;
    Some((pointer, target))
}

/// What bundling read.
pub struct Bundled {
    /// Every file read.
    pub read: Vec<PathBuf>,
    /// Where each file's content went: its key under [`EXTERNAL_KEY`].
    pub files: Vec<(String, PathBuf)>,
    /// A warning when some file had to be read leniently.
    pub lenient: Option<Diagnostic>,
}

impl Bundler {
    /// Bundles the files `value`'s references name. `names`: `value` is a
    /// map keyed by names (properties, schemas), not by OpenAPI's fields.
    fn rewrite(
        &mut self,
        value: &mut Value,
        dir: &Path,
        file: Option<usize>,
        at: String,
        names: bool,
    ) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get_mut("$ref") {
                    if let Some(local) = self.localize(reference, dir, file, &at) {
                        *reference = local;
                    }
                }
                for (key, child) in map.iter_mut().filter(|(k, _)| k.as_str() != "$ref") {
                    // Extensions are not OpenAPI: what an API-docs tool keeps
                    // there (`x-topics: [{content: {$ref: intro.md}}]`) is
                    // never followed, bundled or checked.
                    if !names && key.starts_with("x-") {
                        continue;
                    }
                    let at = format!("{at}/{}", super::escape_pointer(key));
                    let child_names = !names && super::misplaced_refs::names_map(key);
                    self.rewrite(child, dir, file, at, child_names);
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    self.rewrite(item, dir, file, format!("{at}/{i}"), false);
                }
            }
            _ => {}
        }
    }

    /// The local form of a reference, or `None` to leave it as it is.
    fn localize(
        &mut self,
        reference: &str,
        dir: &Path,
        file: Option<usize>,
        at: &str,
    ) -> Option<String> {
        let (path, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        if path.is_empty() {
            return file.map(|k| format!("#/{EXTERNAL_KEY}/{}{fragment}", self.keys[k]));
        }
        match self.load(path, dir) {
            Ok(k) => Some(format!("#/{EXTERNAL_KEY}/{}{fragment}", self.keys[k])),
            Err(message) => {
                self.errors.push(Diagnostic::error(
                    format!("{at}/$ref"),
                    format!("`$ref: {reference}`: {message}"),
                ));
                None
            }
        }
    }

    /// Reads a file once; its index among the bundled documents.
    fn load(&mut self, path: &str, dir: &Path) -> Result<usize, String> {
        if path.contains("://") {
            return Err(
                "references to URLs are refused: the generator never uses the network".to_owned(),
            );
        }
        let relative = Path::new(path);
        // A root or a drive (`/a`, `C:a`, `\\a`): absolute, or nearly so.
        if relative
            .components()
            .any(|c| matches!(c, Component::Prefix(_) | Component::RootDir))
        {
            return Err("absolute paths are refused: use a path relative to the spec".to_owned());
        }
        let leaves = || {
            "the path leaves the spec's directory; only files beside the spec and below are \
             read (`--refs-root DIR` allows a directory above it)"
                .to_owned()
        };
        // First as written (`..` resolved by hand), then as the file system
        // sees it (a symbolic link must not lead outside either).
        if !lexical(&dir.join(relative)).starts_with(&self.base) {
            return Err(leaves());
        }
        let full = dir
            .join(relative)
            .canonicalize()
            .map_err(|e| format!("cannot read {path}: {e}"))?;
        if !full.starts_with(&self.base) {
            return Err(leaves());
        }
        if let Some(&k) = self.files.get(&full) {
            return Ok(k);
        }
        if self.files.len() >= MAX_FILES {
            return Err(format!("more than {MAX_FILES} referenced files"));
        }
        let text =
            std::fs::read_to_string(&full).map_err(|e| format!("cannot read {path}: {e}"))?;
        self.bytes += text.len();
        if self.bytes > MAX_BYTES {
            return Err("referenced files are larger than 64 MB in all".to_owned());
        }
        let (document, lenient) = super::parse_text(&text).map_err(|d| {
            let first = d
                .items
                .first()
                .map(|d| d.message.clone())
                .unwrap_or_default();
            format!("{path} is not valid YAML or JSON: {first}")
        })?;
        if lenient.is_some() {
            self.lenient.push(path.to_owned());
        }
        let k = self.documents.len();
        // `3-pet`: unique by number, named after the file for type names.
        let stem = full
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stem: String = stem
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        self.keys.push(format!("{k}-{stem}"));
        self.files.insert(full, k);
        self.documents.push(document);
        Ok(k)
    }
}

/// `a/b/../c` → `a/c`, without touching the file system.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}
