//! One type per shape: inline schemas that a spec repeats under many
//! operations (the same fields, types, constraints, values or variants)
//! become one type. Docs do not count: the surviving type keeps its own.
//!
//! Only inline types merge, and only copies that sit under the same name
//! (the property or parameter they are the schema of). A component schema is the spec's own name for
//! a type, so two identical components stay two types, and an inline copy
//! of a component stays apart from it too (it may drift from it later).
//!
//! The survivor is the copy with the shortest name (then the first in
//! alphabetical order), so the name depends on the copies alone, not on
//! where they sit in the spec: adding an unrelated operation renames
//! nothing. Merging leaves may make their parents identical, so it repeats
//! until nothing merges.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Api, Field, TypeDef, TypeId, TypeKind, TypeRef};
use crate::source::{is_component_schema, naming_segment};

/// Merges identical inline types.
pub fn one_type_per_shape(api: &mut Api) {
    loop {
        let replacements = duplicates(api);
        if replacements.is_empty() {
            return;
        }
        api.each_type_ref_mut(|ty| {
            if let TypeRef::Named(id) = ty {
                if let Some(&survivor) = replacements.get(id) {
                    *id = survivor;
                }
            }
        });
        let gone: BTreeSet<TypeId> = replacements.keys().copied().collect();
        api.remove_types(&gone);
    }
}

/// Each duplicate inline type with the type that replaces it.
fn duplicates(api: &Api) -> BTreeMap<TypeId, TypeId> {
    let mut by_shape: BTreeMap<String, Vec<TypeId>> = BTreeMap::new();
    for (id, def) in api.types.iter().enumerate() {
        if !is_component_schema(&def.source) {
            // Copies under the same name (`owner` here and `owner` there)
            // only: a `loc` list item and a pet's `code` may have one shape
            // and still be different things to a reader.
            let leaf = naming_segment(&def.source).unwrap_or_default();
            let key = format!("{leaf} {}", shape_key(def));
            by_shape.entry(key).or_default().push(id);
        }
    }
    let mut replacements = BTreeMap::new();
    for copies in by_shape.into_values().filter(|c| c.len() > 1) {
        let survivor = *copies
            .iter()
            .min_by(|&&a, &&b| {
                let (a, b) = (&api.types[a].name, &api.types[b].name);
                a.len().cmp(&b.len()).then_with(|| a.cmp(b))
            })
            .expect("two copies or more");
        for copy in copies.into_iter().filter(|&c| c != survivor) {
            replacements.insert(copy, survivor);
        }
    }
    replacements
}

/// What makes two types the same type for a caller: everything but names
/// of their own and docs. Type references are by id, so two structs match
/// once the types they hold have merged.
fn shape_key(def: &TypeDef) -> String {
    match &def.kind {
        TypeKind::Struct(s) => {
            let fields: Vec<String> = s.fields.iter().map(field_key).collect();
            format!(
                "struct {:?} {} {:?} {{{}}}",
                s.additional,
                s.additional_name,
                s.required_alternatives,
                fields.join(";")
            )
        }
        TypeKind::Enum(e) => {
            let values: Vec<String> = e
                .variants
                .iter()
                .map(|v| format!("{}={}", v.name, v.wire))
                .collect();
            format!("enum {} {{{}}}", e.open, values.join(","))
        }
        TypeKind::Union(u) => {
            let variants: Vec<String> = u
                .variants
                .iter()
                .map(|v| format!("{}:{:?}:{:?}", v.name, v.tag_value, v.ty))
                .collect();
            format!("union {:?} {{{}}}", u.tag, variants.join(","))
        }
        TypeKind::Alias(ty) => format!("alias {ty:?}"),
        TypeKind::Newtype(ty) => format!("newtype {ty:?}"),
    }
}

fn field_key(f: &Field) -> String {
    format!(
        "{}:{}:{:?}:{}:{:?}:{}:{}:{}:{}:{:?}",
        f.name,
        f.wire,
        f.ty,
        f.optional,
        f.constraints,
        f.flatten,
        f.secret,
        f.read_only,
        f.write_only,
        f.docs.default
    )
}
