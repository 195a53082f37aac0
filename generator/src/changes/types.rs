//! Types compared by Rust name: added, removed, renamed (same shape, new
//! name), and, for those in both, their fields, values and variants.

use std::collections::BTreeMap;

use super::{narrowing, when, Comparison, Direction, Found, RustImpact, WireImpact};
use crate::ir::{Api, Field, StringEnum, Struct, TypeDef, TypeKind, TypeRef, Union};
use crate::source::{escape_pointer, is_component_schema};

use RustImpact::{Additive, Breaking};
use WireImpact::{Fails, MayFail};

/// Old names whose shape reappears, alone, under one new name.
pub fn renamed_types(c: &Comparison<'_>) -> BTreeMap<String, String> {
    let old_names: BTreeMap<&str, &TypeDef> = c
        .old
        .api
        .types
        .iter()
        .map(|t| (t.name.as_str(), t))
        .collect();
    let new_names: BTreeMap<&str, &TypeDef> = c
        .new
        .api
        .types
        .iter()
        .map(|t| (t.name.as_str(), t))
        .collect();
    let shapes = |api: &Api, gone: &BTreeMap<&str, &TypeDef>, side: bool| {
        let mut by_shape: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for def in &api.types {
            if !gone.contains_key(def.name.as_str()) {
                let shape = shape_of(c, api, def, side);
                by_shape.entry(shape).or_default().push(def.name.clone());
            }
        }
        by_shape
    };
    let removed = shapes(c.old.api, &new_names, true);
    let added = shapes(c.new.api, &old_names, false);
    let mut renamed = BTreeMap::new();
    for (shape, old) in &removed {
        if let (Some(new), [old]) = (added.get(shape), old.as_slice()) {
            if let [new] = new.as_slice() {
                renamed.insert(old.clone(), new.clone());
            }
        }
    }
    renamed
}

/// A type's shape, names of its own aside: what a rename keeps.
fn shape_of(c: &Comparison<'_>, api: &Api, def: &TypeDef, old_side: bool) -> String {
    let text = |ty: &TypeRef| c.type_text(api, ty, old_side);
    match &def.kind {
        TypeKind::Struct(s) => {
            let fields: Vec<String> = s
                .fields
                .iter()
                .map(|f| format!("{}:{}:{}", f.wire, text(&f.ty), f.optional))
                .collect();
            format!("struct {{{}}}", fields.join(","))
        }
        TypeKind::Enum(e) => {
            let values: Vec<&str> = e.variants.iter().map(|v| v.wire.as_str()).collect();
            format!("enum {{{}}}", values.join(","))
        }
        TypeKind::Union(u) => {
            let variants: Vec<String> = u
                .variants
                .iter()
                .map(|v| format!("{:?}:{}:{}", v.tag_value, text(&v.ty), v.default))
                .collect();
            format!("union {:?} {{{}}}", u.tag, variants.join(","))
        }
        TypeKind::Alias(ty) => format!("alias {}", text(ty)),
        TypeKind::Newtype(ty) => format!("newtype {}", text(ty)),
    }
}

impl Comparison<'_> {
    /// Every type change.
    pub(crate) fn types(&mut self) {
        let old_ids: BTreeMap<String, usize> = ids(self.old.api);
        let new_ids: BTreeMap<String, usize> = ids(self.new.api);
        let renamed_to: BTreeMap<&String, &String> =
            self.renamed.iter().map(|(o, n)| (n, o)).collect();
        let renamed_to: BTreeMap<String, String> = renamed_to
            .into_iter()
            .map(|(n, o)| (n.clone(), o.clone()))
            .collect();
        for (new_id, def) in self.new.api.types.iter().enumerate() {
            if let Some(&old_id) = old_ids.get(&def.name) {
                self.same_type(old_id, new_id);
            } else if let Some(old_name) = renamed_to.get(&def.name) {
                let old_id = old_ids[old_name];
                self.renamed_type(old_id, new_id);
            } else if is_component_schema(&def.source) {
                let found = Found::new("type-added", &def.name)
                    .rust(Additive)
                    .says(format!("`{}` is a new type.", def.name));
                self.record(found, None, Some(&def.source));
            }
        }
        for (old_id, def) in self.old.api.types.iter().enumerate() {
            let gone = !new_ids.contains_key(&def.name) && !self.renamed.contains_key(&def.name);
            if gone && !self.under_removed_operation(&def.source) {
                let _ = old_id;
                let found = Found::new("type-removed", &def.name)
                    .rust(Breaking)
                    .says(format!(
                        "`{}` is gone: code that names it stops compiling.",
                        def.name
                    ));
                self.record(found, Some(&def.source), None);
            }
        }
    }

    /// Whether an old pointer sits inside an operation the new spec lacks
    /// (its types go with it, and the operation is reported).
    fn under_removed_operation(&self, pointer: &str) -> bool {
        self.old.api.operations.iter().any(|op| {
            pointer.starts_with(&format!("{}/", op.source))
                && !self.new.api.operations.iter().any(|n| n.name == op.name)
        })
    }

    fn renamed_type(&mut self, old_id: usize, new_id: usize) {
        let (old, new) = (&self.old.api.types[old_id], &self.new.api.types[new_id]);
        let found = Found::new("type-renamed", &old.name)
            .rust(Breaking)
            .says(format!(
                "`{}` is now `{}`, with the same shape: code that names it stops compiling \
                 (a `pub type {} = {};` in your code bridges the change).",
                old.name, new.name, old.name, new.name
            ));
        let (old_at, new_at) = (old.source.clone(), new.source.clone());
        self.record(found, Some(&old_at), Some(&new_at));
    }

    /// A type present in both specs under one name.
    fn same_type(&mut self, old_id: usize, new_id: usize) {
        let old_api = self.old.api;
        let new_api = self.new.api;
        let (old, new) = (&old_api.types[old_id], &new_api.types[new_id]);
        let direction = self.direction(old_id, new_id);
        let at = (old.source.as_str(), new.source.as_str());
        match (&old.kind, &new.kind) {
            (TypeKind::Struct(a), TypeKind::Struct(b)) => {
                self.structs(&new.name, a, b, direction, at)
            }
            (TypeKind::Enum(a), TypeKind::Enum(b)) => self.enums(&new.name, a, b, direction, at),
            (TypeKind::Union(a), TypeKind::Union(b)) => self.unions(&new.name, a, b, direction, at),
            (TypeKind::Alias(a), TypeKind::Alias(b))
            | (TypeKind::Newtype(a), TypeKind::Newtype(b)) => {
                let (a, b) = (
                    self.type_text(old_api, a, true),
                    self.type_text(new_api, b, false),
                );
                if a != b {
                    let (old_client, new_client) = narrowing(&a, &b);
                    let found = Found::new("type-changed", &new.name)
                        .rust(Breaking)
                        .old_client(old_client)
                        .new_client(new_client)
                        .says(format!("`{}` was `{a}` and is now `{b}`.", new.name));
                    self.record(found, Some(at.0), Some(at.1));
                }
            }
            _ => {
                let found = Found::new("type-kind-changed", &new.name)
                    .rust(Breaking)
                    .old_client(Fails)
                    .new_client(Fails)
                    .says(format!(
                        "`{}` was {} and is now {}: code using it stops compiling.",
                        new.name,
                        kind_word(&old.kind),
                        kind_word(&new.kind)
                    ));
                self.record(found, Some(at.0), Some(at.1));
            }
        }
    }

    fn structs(&mut self, name: &str, old: &Struct, new: &Struct, d: Direction, at: (&str, &str)) {
        for f in &new.fields {
            let field_at = field_pointer(at.1, &f.wire);
            match old.fields.iter().find(|o| o.wire == f.wire) {
                Some(o) => {
                    self.same_field(name, o, f, d, (&field_pointer(at.0, &o.wire), &field_at))
                }
                None => self.field_added(name, f, d, &field_at),
            }
        }
        for o in &old.fields {
            if !new.fields.iter().any(|f| f.wire == o.wire) {
                self.field_removed(name, o, d, &field_pointer(at.0, &o.wire));
            }
        }
        match (&old.additional, &new.additional) {
            (None, Some(_)) => {
                let found = Found::new("extra-properties-added", name)
                    .rust(Additive)
                    .says(format!(
                        "`{name}` now keeps properties beyond its named ones in `{}` \
                         (constructors fill it; a struct literal must name it).",
                        new.additional_name
                    ));
                self.record(found, Some(at.0), Some(at.1));
            }
            (Some(_), None) => {
                let found = Found::new("extra-properties-removed", name)
                    .rust(Breaking)
                    .old_client(when(d.sent, MayFail))
                    .says(format!(
                        "`{name}` no longer allows properties beyond its named ones: `{}` is gone.",
                        old.additional_name
                    ));
                self.record(found, Some(at.0), Some(at.1));
            }
            _ => {}
        }
    }

    fn field_added(&mut self, owner: &str, f: &Field, d: Direction, at: &str) {
        let subject = format!("{owner}.{}", f.name);
        let found = if f.optional {
            Found::new("field-added-optional", &subject)
                .rust(Additive)
                .says(format!(
                    "`{subject}` is new and optional: code using `{owner}::new` and the \
                     `with_` setters is unaffected (a struct literal must add it)."
                ))
        } else {
            let rust = if d.sent { Breaking } else { Additive };
            let builds = if d.sent {
                format!("code that builds `{owner}` must set it (`{owner}::new` takes it); ")
            } else {
                "code only reads it, so it is additive; ".to_owned()
            };
            let wire = if d.sent {
                "old clients omit it and are refused"
            } else {
                "a new client against the old server fails to decode a response without it"
            };
            Found::new("field-added-required", &subject)
                .rust(rust)
                .old_client(when(d.sent, Fails))
                .new_client(when(d.received, Fails))
                .says(format!("`{subject}` is new and required: {builds}{wire}."))
        };
        self.record(found, None, Some(at));
    }

    fn field_removed(&mut self, owner: &str, f: &Field, d: Direction, at: &str) {
        let subject = format!("{owner}.{}", f.name);
        let old_client = when(d.received && !f.optional, Fails);
        let new_client = when(d.sent && !f.optional, Fails);
        let found = Found::new("field-removed", &subject)
            .rust(Breaking)
            .old_client(old_client)
            .new_client(new_client)
            .says(format!(
                "`{subject}` is gone: code that reads or sets it stops compiling{}.",
                if old_client == Fails {
                    "; old clients fail to decode responses without it"
                } else {
                    ""
                }
            ));
        self.record(found, Some(at), None);
    }

    fn same_field(&mut self, owner: &str, o: &Field, f: &Field, d: Direction, at: (&str, &str)) {
        let subject = format!("{owner}.{}", f.name);
        let (old_nullable, old_inner) = unwrap_nullable(&o.ty);
        let (new_nullable, new_inner) = unwrap_nullable(&f.ty);
        let a = self.type_text(self.old.api, old_inner, true);
        let b = self.type_text(self.new.api, new_inner, false);
        if a != b {
            let (old_client, new_client) = narrowing(&a, &b);
            let found = Found::new("field-type-changed", &subject)
                .rust(Breaking)
                .old_client(old_client)
                .new_client(new_client)
                .says(format!("`{subject}` was `{a}` and is now `{b}`."));
            self.record(found, Some(at.0), Some(at.1));
        }
        self.optionality(&subject, o, f, d, at);
        if old_nullable != new_nullable {
            self.nullability(&subject, new_nullable, f.optional, d, at);
        }
        if o.docs.default != f.docs.default {
            let found = Found::new("field-default-changed", &subject)
                .old_client(when(d.sent, MayFail))
                .says(format!(
                    "The default of `{subject}` changed from {} to {}: a request that leaves \
                     it out now means something else.",
                    shown(o.docs.default.as_ref()),
                    shown(f.docs.default.as_ref())
                ));
            self.record(found, Some(at.0), Some(at.1));
        }
        self.constraints(&subject, &o.constraints, &f.constraints, d, at);
        self.access(&subject, o, f, at);
    }

    fn optionality(&mut self, subject: &str, o: &Field, f: &Field, d: Direction, at: (&str, &str)) {
        let found = match (o.optional, f.optional) {
            (true, false) => Found::new("field-now-required", subject)
                .rust(Breaking)
                .old_client(when(d.sent, MayFail))
                .new_client(when(d.received, MayFail))
                .says(format!(
                    "`{subject}` is now required: its type loses the `Option` (and `new` takes \
                     it); old clients that leave it out are refused."
                )),
            (false, true) => Found::new("field-now-optional", subject)
                .rust(Breaking)
                .old_client(when(d.received, MayFail))
                .new_client(when(d.sent, MayFail))
                .says(format!(
                    "`{subject}` is now optional: its type gains an `Option`; old clients fail \
                     on a response without it."
                )),
            _ => return,
        };
        self.record(found, Some(at.0), Some(at.1));
    }

    fn nullability(
        &mut self,
        subject: &str,
        nullable: bool,
        optional: bool,
        d: Direction,
        at: (&str, &str),
    ) {
        let shape = if optional {
            "`Option<Option<T>>`: absent, `null`, or a value"
        } else {
            "`Option<T>`"
        };
        let found = if nullable {
            Found::new("field-now-nullable", subject)
                .rust(Breaking)
                .old_client(when(d.received, MayFail))
                .new_client(when(d.sent, MayFail))
                .says(format!(
                    "`{subject}` may now be `null`: its type becomes {shape}; old clients fail \
                     on a `null` in a response."
                ))
        } else {
            Found::new("field-no-longer-nullable", subject)
                .rust(Breaking)
                .old_client(when(d.sent, MayFail))
                .new_client(when(d.received, MayFail))
                .says(format!(
                    "`{subject}` may no longer be `null`: its type loses an `Option`; old \
                     clients that send `null` are refused."
                ))
        };
        self.record(found, Some(at.0), Some(at.1));
    }

    fn access(&mut self, subject: &str, o: &Field, f: &Field, at: (&str, &str)) {
        for (was, is, word) in [
            (o.read_only, f.read_only, "readOnly"),
            (o.write_only, f.write_only, "writeOnly"),
        ] {
            if was == is {
                continue;
            }
            let rule = match (word, is) {
                ("readOnly", true) => "field-now-read-only",
                ("readOnly", false) => "field-no-longer-read-only",
                (_, true) => "field-now-write-only",
                _ => "field-no-longer-write-only",
            };
            let verb = if is { "is now" } else { "is no longer" };
            let found = Found::new(rule, subject)
                .old_client(MayFail)
                .says(format!(
                    "`{subject}` {verb} `{word}`: {}",
                    if word == "readOnly" {
                        "servers ignore or refuse it in requests; it is optional in the generated struct"
                    } else {
                        "responses leave it out"
                    }
                ));
            self.record(found, Some(at.0), Some(at.1));
        }
    }

    fn enums(
        &mut self,
        name: &str,
        old: &StringEnum,
        new: &StringEnum,
        d: Direction,
        at: (&str, &str),
    ) {
        for v in &new.variants {
            if !old.variants.iter().any(|o| o.wire == v.wire) {
                let found = Found::new("enum-value-added", format!("{name}::{}", v.name))
                    .rust(Additive)
                    .new_client(when(d.sent, MayFail))
                    .says(format!(
                        "`{name}` has a new value `{}`: the enum is `#[non_exhaustive]` and open, \
                         so old clients read it as `{name}::Unknown(\"{}\")`.",
                        v.wire, v.wire
                    ));
                self.record(found, Some(at.0), Some(at.1));
            }
        }
        for o in &old.variants {
            if !new.variants.iter().any(|v| v.wire == o.wire) {
                let found = Found::new("enum-value-removed", format!("{name}::{}", o.name))
                    .rust(Breaking)
                    .old_client(when(d.sent, MayFail))
                    .says(format!(
                        "`{name}::{}` is gone (`{}`): code naming it stops compiling; old \
                         clients that send it are refused.",
                        o.name, o.wire
                    ));
                self.record(found, Some(at.0), Some(at.1));
            }
        }
    }

    fn unions(&mut self, name: &str, old: &Union, new: &Union, d: Direction, at: (&str, &str)) {
        if old.tag != new.tag {
            // Between two tags, `Unknown` stays as the default has it (below);
            // tagged to untagged, or back, it goes or comes.
            let rust = match (has_unknown(old), has_unknown(new)) {
                (true, false) if new.tag.is_none() => Breaking,
                (false, true) if old.tag.is_none() => Additive,
                _ => RustImpact::None,
            };
            let rust_words = match rust {
                Breaking => "; `Unknown` is gone: code naming it stops compiling",
                Additive => "; `Unknown` is new",
                _ => ", though the Rust type is the same",
            };
            let found = Found::new("union-tag-changed", name)
                .rust(rust)
                .old_client(Fails)
                .new_client(Fails)
                .says(format!(
                    "`{name}` picks its variant by {} instead of {}: clients of one version \
                     cannot read the other's objects{rust_words}.",
                    tag_word(&new.tag),
                    tag_word(&old.tag)
                ));
            self.record(found, Some(at.0), Some(at.1));
        }
        if old.tag.is_some() && new.tag.is_some() {
            self.union_default(name, old, new, at);
        }
        for v in &new.variants {
            let subject = format!("{name}::{}", v.name);
            let Some(o) = old.variants.iter().find(|o| o.name == v.name) else {
                let old_client = when(d.received && new.tag.is_none(), MayFail);
                let found = Found::new("union-variant-added", &subject)
                    .rust(Additive)
                    .old_client(old_client)
                    .new_client(when(d.sent, MayFail))
                    .says(format!(
                        "`{name}` has a new variant `{}`: the union is `#[non_exhaustive]`{}.",
                        v.name,
                        if new.tag.is_some() {
                            ", and old clients read it as `Unknown`"
                        } else {
                            "; old clients may fail to read it (the union is untagged)"
                        }
                    ));
                self.record(found, Some(at.0), Some(at.1));
                continue;
            };
            let (a, b) = (
                self.type_text(self.old.api, &o.ty, true),
                self.type_text(self.new.api, &v.ty, false),
            );
            if a != b {
                let found = Found::new("union-variant-type-changed", &subject)
                    .rust(Breaking)
                    .old_client(Fails)
                    .new_client(Fails)
                    .says(format!("`{subject}` held `{a}` and now holds `{b}`."));
                self.record(found, Some(at.0), Some(at.1));
            }
            if o.tag_value != v.tag_value && old.tag == new.tag && old.tag.is_some() {
                let found = Found::new("union-tag-value-changed", &subject)
                    .old_client(Fails)
                    .new_client(Fails)
                    .says(format!(
                        "`{subject}` is tagged {} instead of {}: the Rust type is the same; on the \
                         wire, each version reads the other's as unknown.",
                        tag_word(&v.tag_value),
                        tag_word(&o.tag_value)
                    ));
                self.record(found, Some(at.0), Some(at.1));
            }
        }
        for o in &old.variants {
            if !new.variants.iter().any(|v| v.name == o.name) {
                let found = Found::new("union-variant-removed", format!("{name}::{}", o.name))
                    .rust(Breaking)
                    .old_client(when(d.sent, MayFail))
                    .says(format!(
                        "`{name}::{}` is gone: code naming it stops compiling.",
                        o.name
                    ));
                self.record(found, Some(at.0), Some(at.1));
            }
        }
    }

    /// The variant that takes objects whose tag is missing or unlisted
    /// (`defaultMapping`): without one, the union has `Unknown`. Called
    /// when both unions are tagged.
    fn union_default(&mut self, name: &str, old: &Union, new: &Union, at: (&str, &str)) {
        let default_of = |u: &Union| {
            u.variants
                .iter()
                .find(|v| v.default)
                .map(|v| v.name.clone())
        };
        let (was, is) = (default_of(old), default_of(new));
        if was == is {
            return;
        }
        let word = |default: &Option<String>| match default {
            Some(variant) => format!("`{name}::{variant}`"),
            None => "`Unknown` (an error without a tag)".to_owned(),
        };
        let rust = match (&was, &is) {
            (None, Some(_)) => Breaking,
            (Some(_), None) => Additive,
            _ => RustImpact::None,
        };
        let unknown = match rust {
            Breaking => "; `Unknown` is gone: code naming it stops compiling",
            Additive => "; `Unknown` is new",
            _ => "",
        };
        let found = Found::new("union-default-changed", name)
            .rust(rust)
            .old_client(MayFail)
            .new_client(MayFail)
            .says(format!(
                "`{name}` reads objects whose tag is missing or unlisted as {} instead of {}{unknown}.",
                word(&is),
                word(&was)
            ));
        self.record(found, Some(at.0), Some(at.1));
    }
}

/// Types by name.
fn ids(api: &Api) -> BTreeMap<String, usize> {
    api.types
        .iter()
        .enumerate()
        .map(|(id, t)| (t.name.clone(), id))
        .collect()
}

/// Whether a type may be `null`, and the type inside.
pub(crate) fn unwrap_nullable(ty: &TypeRef) -> (bool, &TypeRef) {
    match ty {
        TypeRef::Nullable(inner) => (true, inner),
        other => (false, other),
    }
}

fn field_pointer(type_at: &str, wire: &str) -> String {
    format!("{type_at}/properties/{}", escape_pointer(wire))
}

fn kind_word(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct(_) => "a struct",
        TypeKind::Enum(_) => "a string enum",
        TypeKind::Union(_) => "a union",
        TypeKind::Alias(_) => "an alias",
        TypeKind::Newtype(_) => "a wrapper",
    }
}

/// Whether the generated union has an `Unknown` variant: tagged, without a
/// default to take what no tag names.
fn has_unknown(u: &Union) -> bool {
    u.tag.is_some() && !u.variants.iter().any(|v| v.default)
}

fn tag_word(tag: &Option<String>) -> String {
    match tag {
        Some(tag) => format!("`{tag}`"),
        None => "shape (untagged)".to_owned(),
    }
}

fn shown(value: Option<&serde_json::Value>) -> String {
    match value {
        Some(v) => format!("`{v}`"),
        None => "none".to_owned(),
    }
}
