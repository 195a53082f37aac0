//! Diagnostics: what is wrong with a spec, and where.
//!
//! Every stage reports problems as [`Diagnostic`]s that name the file, the
//! JSON pointer and, once [`Diagnostics::locate`] has run, the line and column.

use std::fmt;

use std::path::{Path, PathBuf};

pub use crate::source::Position;
use crate::source::Source;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Generation went on; the output may lack something.
    Warning,
    /// The spec is refused.
    Error,
}

/// One problem found in a spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// JSON pointer to the place in the document (`""` for the whole document).
    pub pointer: String,
    /// Line and column, when known.
    pub position: Option<Position>,
    /// The source line at `position`.
    pub snippet: Option<String>,
    /// Related places, such as where a dangling `$ref` was written.
    pub notes: Vec<String>,
    /// The file it is in, relative to the spec's directory, when not the
    /// spec itself (a file its `$ref`s read); `pointer` is then within it.
    pub file: Option<String>,
    /// A typed schema lost type information here: it became any JSON value,
    /// or an enum, format or constraint was dropped. Counted by conformance.
    pub degraded: bool,
}

impl Diagnostic {
    /// An error at `pointer`.
    pub fn error(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, pointer.into(), message.into())
    }

    /// A warning at `pointer`.
    pub fn warning(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, pointer.into(), message.into())
    }

    fn new(severity: Severity, pointer: String, message: String) -> Self {
        Self {
            severity,
            message,
            pointer,
            position: None,
            snippet: None,
            notes: Vec::new(),
            file: None,
            degraded: false,
        }
    }

    /// A `$ref` (written at `at`) whose target `pointer` does not exist.
    pub fn dangling_reference(at: &str, reference: &str, pointer: &str) -> Self {
        let message = format!("`$ref: {reference}` points at nothing: `{pointer}` does not exist");
        Self::error(format!("{at}/$ref"), message)
    }

    /// Marks a warning as a place where a typed schema lost information.
    pub fn degraded(mut self) -> Self {
        self.degraded = true;
        self
    }

    /// At a known position (from the parser itself).
    pub fn at(mut self, position: Position) -> Self {
        self.position = Some(position);
        self
    }

    /// Adds a note.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Renders for a terminal, as `file:line:column`, the message, the
    /// pointer, the source line and the notes.
    pub fn render(&self, file: &str) -> String {
        let file = &self.file_name(file);
        let mut out = String::new();
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        out.push_str(&format!("{label}: {}\n", self.message));
        let place = match self.position {
            Some(p) => format!("{file}:{}:{}", p.line, p.column),
            None => file.to_owned(),
        };
        out.push_str(&format!(
            "  --> {place} (at {})\n",
            display_pointer(&self.pointer)
        ));
        if let (Some(snippet), Some(p)) = (&self.snippet, self.position) {
            let number = p.line.to_string();
            let gutter = " ".repeat(number.len());
            out.push_str(&format!("{gutter} |\n{number} | {snippet}\n"));
            out.push_str(&format!(
                "{gutter} | {}^\n",
                " ".repeat(p.column.saturating_sub(1))
            ));
        }
        for note in &self.notes {
            out.push_str(&format!("  = note: {note}\n"));
        }
        out
    }

    /// Renders as one `cargo::error=` or `cargo::warning=` line for build scripts.
    pub fn render_cargo(&self, file: &str) -> String {
        let file = &self.file_name(file);
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let place = match self.position {
            Some(p) => format!("{file}:{}:{}", p.line, p.column),
            None => file.to_owned(),
        };
        let mut text = format!(
            "{place}: {} (at {})",
            self.message,
            display_pointer(&self.pointer)
        );
        for note in &self.notes {
            text.push_str(&format!("; note: {note}"));
        }
        format!("cargo::{kind}={}", text.replace(['\n', '\r'], " "))
    }
}

impl Diagnostic {
    /// The file to name: `spec` itself, or the other file, beside it.
    fn file_name(&self, spec: &str) -> String {
        match &self.file {
            None => spec.to_owned(),
            Some(other) => {
                let dir = std::path::Path::new(spec)
                    .parent()
                    .unwrap_or(std::path::Path::new(""));
                dir.join(other).display().to_string()
            }
        }
    }
}

/// A source line as it can be shown: control characters replaced, long
/// lines cut (a minified JSON spec is one line).
fn printable_snippet(line: &str) -> String {
    let shown: String = line
        .chars()
        .take(160)
        .map(|c| {
            if c.is_control() && c != '\t' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect();
    if line.chars().count() > 160 {
        format!("{shown}…")
    } else {
        shown
    }
}

fn display_pointer(pointer: &str) -> String {
    format!("#{pointer}")
}

/// All problems found in a spec, sorted by position.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    /// The problems.
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Adds a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Fills in line, column and snippet from the source, then sorts by position.
    pub fn locate(&mut self, source: &Source) {
        let unplaced: Vec<usize> = (0..self.items.len())
            .filter(|&i| self.items[i].file.is_none() && self.items[i].position.is_none())
            .collect();
        let pointers: Vec<&str> = unplaced
            .iter()
            .map(|&i| self.items[i].pointer.as_str())
            .collect();
        let positions = source.positions_of(&pointers);
        for (i, position) in unplaced.into_iter().zip(positions) {
            self.items[i].position = position;
        }
        for item in &mut self.items {
            if item.file.is_some() {
                continue;
            }
            if let Some(p) = item.position {
                item.snippet = source.line(p.line).map(printable_snippet);
            }
        }
        // The spec's own problems first, then each other file's, by position.
        self.items.sort_by(|a, b| {
            (&a.file, a.position, &a.pointer, &a.message)
                .cmp(&(&b.file, b.position, &b.pointer, &b.message))
        });
        self.items.dedup();
    }

    /// Moves problems found in bundled files (pointers under `bundle_key`,
    /// `/x-oas-gen-external/<key>/…`) to their own file: its name relative
    /// to `base` (the spec's directory), the pointer within it, and the line
    /// and column there.
    pub fn locate_in_files(&mut self, bundle_key: &str, files: &[(String, PathBuf)], base: &Path) {
        let prefix = format!("/{bundle_key}/");
        for item in &mut self.items {
            let Some(rest) = item.pointer.strip_prefix(&prefix) else {
                continue;
            };
            let (key, inner) = rest.split_once('/').unwrap_or((rest, ""));
            let Some((_, path)) = files.iter().find(|(k, _)| k == key) else {
                continue;
            };
            let inner = if inner.is_empty() {
                String::new()
            } else {
                format!("/{inner}")
            };
            if let Ok(text) = std::fs::read_to_string(path) {
                item.position = crate::source::position_in(&text, &inner);
                item.snippet = item
                    .position
                    .and_then(|p| text.lines().nth(p.line.checked_sub(1)?))
                    .map(printable_snippet);
            }
            let base = base.canonicalize().unwrap_or_else(|_| base.to_owned());
            let shown = path.strip_prefix(&base).unwrap_or(path);
            item.file = Some(shown.display().to_string().replace('\\', "/"));
            item.pointer = inner;
        }
    }

    /// Renders every problem for a terminal.
    pub fn render(&self, file: &str) -> String {
        self.items
            .iter()
            .map(|d| d.render(file))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render("spec"))
    }
}

impl std::error::Error for Diagnostics {}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Self {
            items: vec![diagnostic],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_scripts_get_one_cargo_line_per_problem() {
        let error = Diagnostic::error("/paths/~1a/get", "bad\nthing")
            .at(Position { line: 3, column: 5 })
            .note("see there");
        assert_eq!(
            error.render_cargo("spec/a.yaml"),
            "cargo::error=spec/a.yaml:3:5: bad thing (at #/paths/~1a/get); note: see there"
        );
        let warning = Diagnostic::warning("", "meh");
        assert_eq!(
            warning.render_cargo("s.yaml"),
            "cargo::warning=s.yaml: meh (at #)"
        );
    }

    #[test]
    fn problems_are_sorted_by_position_and_located() {
        let source = Source::new("openapi: 3.0.3\ninfo:\n  title: x\n");
        let mut found = Diagnostics::default();
        found.push(Diagnostic::error("/info/title", "second"));
        found.push(Diagnostic::error("/openapi", "first"));
        found.locate(&source);
        let messages: Vec<&str> = found.items.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages, ["first", "second"]);
        assert_eq!(found.items[1].snippet.as_deref(), Some("  title: x"));
    }

    #[test]
    fn problems_in_bundled_files_name_that_file_and_its_line() {
        let dir = std::env::temp_dir().join(format!("oas-gen-diag-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("schemas")).unwrap();
        let pet = dir.join("schemas/pet.yaml");
        std::fs::write(&pet, "type: object\nrequried: [name]\n").unwrap();
        let files = vec![("0-pet".to_owned(), pet.canonicalize().unwrap())];
        let mut found = Diagnostics::default();
        found.push(Diagnostic::warning(
            "/x-oas-gen-external/0-pet/requried",
            "typo",
        ));
        found.push(Diagnostic::warning("/paths", "in the spec itself"));
        found.locate_in_files("x-oas-gen-external", &files, &dir);
        found.locate(&Source::new("openapi: 3.0.3\npaths: {}\n"));
        let rendered = found.render("api/spec.yaml");
        assert!(
            rendered.contains("--> api/schemas/pet.yaml:2:1 (at #/requried)"),
            "{rendered}"
        );
        assert!(rendered.contains("2 | requried: [name]"), "{rendered}");
        assert!(
            rendered.contains("--> api/spec.yaml:2:1 (at #/paths)"),
            "{rendered}"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    /// A terminal reader sees the message, the place, the line with a
    /// caret under the column, and the notes; a problem told twice is
    /// shown once.
    #[test]
    fn a_rendered_problem_points_at_its_line_and_column() {
        let source = Source::new("openapi: 3.0.3\ninfo: {title: x, version: '1'}\n");
        let mut found = Diagnostics::default();
        let problem = Diagnostic::warning("/info/title", "short").note("make it longer");
        found.push(problem.clone());
        found.push(problem);
        found.push(Diagnostic::error("/nowhere", "lost"));
        found.locate(&source);
        assert!(found.has_errors());
        assert_eq!(
            found.to_string(),
            "error: lost\n  --> spec (at #/nowhere)\n\n\
             warning: short\n  --> spec:2:8 (at #/info/title)\n  |\n2 | info: {title: x, version: '1'}\n  |        ^\n  = note: make it longer\n"
        );
        // Unplaced problems come first; a position the parser gave is kept, not looked up again.
        let mut placed = Diagnostics::from(
            Diagnostic::error("/info", "here").at(Position { line: 1, column: 3 }),
        );
        placed.locate(&source);
        assert_eq!(
            placed.items[0].position,
            Some(Position { line: 1, column: 3 })
        );
        assert_eq!(placed.items[0].snippet.as_deref(), Some("openapi: 3.0.3"));
        assert!(!Diagnostics::from(Diagnostic::warning("", "w")).has_errors());
    }

    /// A minified spec is one long line: it is cut, and control
    /// characters cannot reach the terminal.
    #[test]
    fn long_or_odd_lines_are_shown_cut_and_printable() {
        let long = "x".repeat(161);
        assert_eq!(printable_snippet(&long), format!("{}…", &long[..160]));
        assert_eq!(printable_snippet(&long[..160]), long[..160]);
        assert_eq!(printable_snippet("a\u{1b}[31m\tb"), "a\u{FFFD}[31m\tb");
    }
}
