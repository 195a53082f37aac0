//! What a spec change means for the Rust generated from it (`oas-gen diff`).
//!
//! Both specs are lowered to the IR, and the two IRs are compared item by
//! item: types by Rust name, fields by wire name, operations by method
//! name, parameters by wire name. Each change is classified twice:
//! - for Rust callers: does code written against the old crate still
//!   compile and mean the same ([`RustImpact`])? That depends on how we
//!   generate: enums and unions are `#[non_exhaustive]` and open (an
//!   `Unknown` variant), so a new value is additive; structs have
//!   constructors, so a new optional field is additive for code that uses
//!   them; `Option<T>` marks optional fields, so optionality is part of the
//!   type;
//! - on the wire, both ways ([`WireImpact`]): the old client against the new
//!   server, and the new client against the old server.
//!
//! A type's direction decides many rules: a field added as required breaks
//! code that builds a request, not code that reads a response. Types reached
//! from both (or from neither: a schema no operation uses) count as both.

mod constraints;
mod operations;
mod render;
mod types;
mod usage;

pub use render::{render, Format};

use std::collections::BTreeMap;

use crate::ir::{Api, TypeRef};
use crate::source::Source;

/// What a change does to code written against the old generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RustImpact {
    /// Nothing changes for callers (behaviour, docs or the wire only).
    None,
    /// New items; existing code keeps compiling.
    Additive,
    /// Existing code may stop compiling, or compile and mean something else.
    Breaking,
}

/// What a change does to requests between a client and a server built from
/// different versions of the spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum WireImpact {
    /// Every exchange that worked still works.
    Compatible,
    /// Some exchanges fail, depending on the values sent.
    MayFail,
    /// The exchange fails.
    Fails,
}

/// Where an item sits in one spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// JSON pointer.
    pub pointer: String,
    /// Line in the spec's text, when known.
    pub line: Option<usize>,
}

/// One classified change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The rule that found it (a stable identifier, such as `field-added-required`).
    pub rule: &'static str,
    /// For Rust callers.
    pub rust: RustImpact,
    /// The old client against the new server.
    pub old_client: WireImpact,
    /// The new client against the old server.
    pub new_client: WireImpact,
    /// The item, in Rust terms (`AgentCallCreate.caller_id`, `Client::get_call`).
    pub subject: String,
    /// One line in the user's terms.
    pub message: String,
    /// Where it is in the old spec.
    pub old: Option<Place>,
    /// Where it is in the new spec.
    pub new: Option<Place>,
}

/// One version of the spec: what it lowers to, and its text for lines.
#[derive(Clone, Copy)]
pub struct Side<'a> {
    /// How it is named in the report (a path, or `git:REV:PATH`).
    pub name: &'a str,
    /// The lowered spec.
    pub api: &'a Api,
    /// Its text.
    pub source: &'a Source,
}

/// The semver bump the generated crate needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// No change to the generated API.
    None,
    /// Fixes and docs.
    Patch,
    /// Additions.
    Minor,
    /// Breaking changes.
    Major,
}

impl Bump {
    /// How to bump `major.minor.patch`, with Cargo's reading of 0.x versions
    /// (the first non-zero part is the major one).
    pub fn describe(self) -> &'static str {
        match self {
            Bump::None => "none: the generated API is the same",
            Bump::Patch => "patch (0.x: patch)",
            Bump::Minor => "minor (0.x: patch)",
            Bump::Major => "major (0.x: minor)",
        }
    }

    /// The plain word.
    pub fn word(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

/// When `diff` exits non-zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    /// A change breaks Rust callers.
    Breaking,
    /// A change can fail requests of clients built from the old spec.
    Wire,
    /// Any change at all.
    Any,
    /// Never (report only).
    Never,
}

/// The changes between two specs.
#[derive(Debug, Clone)]
pub struct Report {
    /// How the old spec is named.
    pub old_name: String,
    /// How the new spec is named.
    pub new_name: String,
    /// The changes, in the order of the new spec (removals where they were).
    pub changes: Vec<Change>,
}

impl Report {
    /// The bump the generated crate needs.
    pub fn bump(&self) -> Bump {
        let worst = self.changes.iter().map(|c| c.rust).max();
        match worst {
            None => Bump::None,
            Some(RustImpact::Breaking) => Bump::Major,
            Some(RustImpact::Additive) => Bump::Minor,
            Some(RustImpact::None) => Bump::Patch,
        }
    }

    /// Whether `diff` should fail under `rule`.
    pub fn fails(&self, rule: FailOn) -> bool {
        match rule {
            FailOn::Breaking => self.changes.iter().any(|c| c.rust == RustImpact::Breaking),
            FailOn::Wire => self
                .changes
                .iter()
                .any(|c| c.old_client != WireImpact::Compatible),
            FailOn::Any => !self.changes.is_empty(),
            FailOn::Never => false,
        }
    }
}

/// Compares two lowered specs.
pub fn compare(old: Side<'_>, new: Side<'_>) -> Report {
    let mut comparison = Comparison::new(old, new);
    comparison.servers_and_security();
    comparison.types();
    comparison.operations();
    let mut changes = comparison.changes;
    // Lines last, for all changes in one pass over each spec.
    add_lines(
        old.source,
        changes.iter_mut().filter_map(|c| c.old.as_mut()),
    );
    add_lines(
        new.source,
        changes.iter_mut().filter_map(|c| c.new.as_mut()),
    );
    Report {
        old_name: old.name.to_owned(),
        new_name: new.name.to_owned(),
        changes,
    }
}

/// Fills in the line of each place from `source`.
fn add_lines<'p>(source: &Source, places: impl Iterator<Item = &'p mut Place>) {
    let mut places: Vec<&mut Place> = places.collect();
    let pointers: Vec<&str> = places.iter().map(|p| p.pointer.as_str()).collect();
    let positions = source.positions_of(&pointers);
    for (place, position) in places.iter_mut().zip(positions) {
        place.line = position.map(|p| p.line);
    }
}

/// Which way a type travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Direction {
    /// The client sends it (a request body, a parameter, or inside one).
    pub sent: bool,
    /// The client receives it (a response body, or inside one).
    pub received: bool,
}

/// The state of one comparison.
pub(crate) struct Comparison<'a> {
    old: Side<'a>,
    new: Side<'a>,
    /// Directions of the old and new types, by type id.
    old_directions: Vec<Direction>,
    new_directions: Vec<Direction>,
    /// Old type names that became new ones with the same shape.
    renamed: BTreeMap<String, String>,
    changes: Vec<Change>,
}

/// A change being described: everything but the places.
pub(crate) struct Found {
    rule: &'static str,
    rust: RustImpact,
    old_client: WireImpact,
    new_client: WireImpact,
    subject: String,
    message: String,
}

impl Found {
    pub(crate) fn new(rule: &'static str, subject: impl Into<String>) -> Self {
        Found {
            rule,
            rust: RustImpact::None,
            old_client: WireImpact::Compatible,
            new_client: WireImpact::Compatible,
            subject: subject.into(),
            message: String::new(),
        }
    }

    pub(crate) fn rust(mut self, impact: RustImpact) -> Self {
        self.rust = impact;
        self
    }

    /// The old client against the new server.
    pub(crate) fn old_client(mut self, impact: WireImpact) -> Self {
        self.old_client = impact;
        self
    }

    /// The new client against the old server.
    pub(crate) fn new_client(mut self, impact: WireImpact) -> Self {
        self.new_client = impact;
        self
    }

    pub(crate) fn says(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }
}

impl<'a> Comparison<'a> {
    fn new(old: Side<'a>, new: Side<'a>) -> Self {
        let mut comparison = Comparison {
            old,
            new,
            old_directions: usage::directions(old.api),
            new_directions: usage::directions(new.api),
            renamed: BTreeMap::new(),
            changes: Vec::new(),
        };
        comparison.renamed = types::renamed_types(&comparison);
        comparison
    }

    /// Records a change found at `old_at` and `new_at` (pointers).
    pub(crate) fn record(&mut self, found: Found, old_at: Option<&str>, new_at: Option<&str>) {
        self.changes.push(Change {
            rule: found.rule,
            rust: found.rust,
            old_client: found.old_client,
            new_client: found.new_client,
            subject: found.subject,
            message: found.message,
            old: old_at.map(place),
            new: new_at.map(place),
        });
    }

    /// A type reference as the user reads it, in the new spec's names
    /// (old names that were renamed read as their new name, so a renamed
    /// type is reported once, not at every use).
    pub(crate) fn type_text(&self, api: &Api, ty: &TypeRef, old_side: bool) -> String {
        match ty {
            TypeRef::Boolean => "bool".into(),
            TypeRef::Integer(kind) => format!("{kind:?}").to_lowercase(),
            TypeRef::Double => "f64".into(),
            TypeRef::String => "String".into(),
            TypeRef::Uuid => "Uuid".into(),
            TypeRef::DateTime => "DateTime".into(),
            TypeRef::Date => "Date".into(),
            TypeRef::Bytes => "Bytes".into(),
            TypeRef::File => "File".into(),
            TypeRef::Null => "()".into(),
            TypeRef::Any => "serde_json::Value".into(),
            TypeRef::Object => "serde_json::Map".into(),
            TypeRef::Named(id) => {
                let name = &api.types[*id].name;
                match self.renamed.get(name).filter(|_| old_side) {
                    Some(new_name) => new_name.clone(),
                    None => name.clone(),
                }
            }
            TypeRef::Array(inner) => format!("Vec<{}>", self.type_text(api, inner, old_side)),
            TypeRef::Tuple(items) => {
                let items: Vec<String> = items
                    .iter()
                    .map(|t| self.type_text(api, t, old_side))
                    .collect();
                format!("({})", items.join(", "))
            }
            TypeRef::Map(inner) => {
                format!("BTreeMap<String, {}>", self.type_text(api, inner, old_side))
            }
            TypeRef::Nullable(inner) => {
                format!("Option<{}>", self.type_text(api, inner, old_side))
            }
            // `Box` breaks a cycle; it is the same type to a caller who
            // reads it through `Deref`, but not to one who builds it.
            TypeRef::Boxed(inner) => format!("Box<{}>", self.type_text(api, inner, old_side)),
        }
    }

    /// Which way the old and new versions of a type travel, together.
    pub(crate) fn direction(&self, old_id: usize, new_id: usize) -> Direction {
        let (o, n) = (self.old_directions[old_id], self.new_directions[new_id]);
        let both = Direction {
            sent: o.sent || n.sent,
            received: o.received || n.received,
        };
        if both == Direction::default() {
            // Used by no operation: judge it both ways.
            Direction {
                sent: true,
                received: true,
            }
        } else {
            both
        }
    }
}

/// `impact` when `condition` holds, else compatible: most wire effects
/// depend on the way a type travels.
pub(crate) fn when(condition: bool, impact: WireImpact) -> WireImpact {
    if condition {
        impact
    } else {
        WireImpact::Compatible
    }
}

/// A pointer; its line is added when the comparison is done.
fn place(pointer: &str) -> Place {
    Place {
        pointer: pointer.to_owned(),
        line: None,
    }
}

/// How a wire value's type changed, for its effect on exchanges: a wider
/// type (`Uuid` → `String`) accepts every old value; a narrower one may not.
pub(crate) fn narrowing(old: &str, new: &str) -> (WireImpact, WireImpact) {
    const STRINGY: [&str; 4] = ["String", "Uuid", "DateTime", "Date"];
    const INTEGERS: [&str; 4] = ["i32", "u32", "i64", "u64"];
    let both_in = |set: &[&str]| set.contains(&old) && set.contains(&new);
    if both_in(&STRINGY) || both_in(&INTEGERS) || both_in(&["i64", "f64"]) {
        (WireImpact::MayFail, WireImpact::MayFail)
    } else {
        (WireImpact::Fails, WireImpact::Fails)
    }
}

#[cfg(test)]
mod tests;
