//! Tags stated once: a struct that only ever appears as a variant of
//! internally tagged unions loses its tag field, since the union's variant
//! already says which tag it sends (the union writes it on serializing and
//! reads it to choose the variant). Building a variant is then
//! `ToolCreate::Template(TemplateTool::new(..))`, with no tag to repeat and
//! no wrong one to set; the one-value enum behind the field goes too.
//!
//! A struct used anywhere else (a body, a field, an untagged union) keeps
//! its tag, because there nothing else would send it.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::ir::{Api, TypeId, TypeKind, TypeRef};
use crate::source::is_component_schema;

/// Drops the tag fields of structs used only as tagged-union variants.
pub fn state_tags_once(api: &mut Api) {
    let uses = api.type_uses();
    let mut dropped_types = BTreeSet::new();
    for (member, memberships) in memberships(api) {
        let property = &memberships[0].property;
        let same_property = memberships.iter().all(|m| &m.property == property);
        if !same_property || uses[member].0 != memberships.len() {
            continue;
        }
        let Some(retargets) = example_targets(api, member, property, &memberships, uses[member].1)
        else {
            continue;
        };
        for (example, union) in retargets {
            api.examples[example].ty = TypeRef::Named(union);
        }
        if let TypeKind::Struct(s) = &mut api.types[member].kind {
            let at = s
                .fields
                .iter()
                .position(|f| &f.wire == property && !f.flatten);
            if let Some(field) = at.map(|at| s.fields.remove(at)) {
                if let TypeRef::Named(id) = field.ty {
                    dropped_types.insert(id);
                }
            }
        }
    }
    remove_orphans(api, dropped_types);
}

/// A struct's place in one tagged union.
struct Membership {
    union: TypeId,
    property: String,
    value: String,
}

/// The structs with a tag field that tagged unions name as variants
/// directly, with every place they appear.
fn memberships(api: &Api) -> BTreeMap<TypeId, Vec<Membership>> {
    let mut found: BTreeMap<TypeId, Vec<Membership>> = BTreeMap::new();
    for (union, def) in api.types.iter().enumerate() {
        let TypeKind::Union(u) = &def.kind else {
            continue;
        };
        let Some(property) = &u.tag else {
            continue;
        };
        // The default variant keeps its tag field: it holds whatever tag
        // arrived, which the union cannot say.
        for variant in u.variants.iter().filter(|v| !v.default) {
            let (TypeRef::Named(member), Some(value)) = (&variant.ty, &variant.tag_value) else {
                continue;
            };
            if has_tag_field(&api.types[*member].kind, property) {
                found.entry(*member).or_default().push(Membership {
                    union,
                    property: property.clone(),
                    value: value.clone(),
                });
            }
        }
    }
    found
}

fn has_tag_field(kind: &TypeKind, property: &str) -> bool {
    match kind {
        TypeKind::Struct(s) => s.fields.iter().any(|f| f.wire == property && !f.flatten),
        _ => false,
    }
}

/// The examples of `member` itself, each with the union to check it through
/// instead (so its tag still round-trips); `None` when one cannot be moved:
/// it sits inside a list or map, or names a tag no union gives `member`.
/// An example without the tag stays where it is.
fn example_targets(
    api: &Api,
    member: TypeId,
    property: &str,
    memberships: &[Membership],
    uses: usize,
) -> Option<Vec<(usize, TypeId)>> {
    let direct: Vec<usize> = (0..api.examples.len())
        .filter(|&e| api.examples[e].ty == TypeRef::Named(member))
        .collect();
    if direct.len() != uses {
        return None;
    }
    let mut moves = Vec::new();
    for example in direct {
        match api.examples[example].value.get(property) {
            None => {}
            Some(Value::String(tag)) => {
                let union = memberships.iter().find(|m| &m.value == tag)?.union;
                moves.push((example, union));
            }
            Some(_) => return None,
        }
    }
    Some(moves)
}

/// Removes the types of dropped tag fields that nothing uses any more and
/// that the spec did not name itself (a component schema stays public).
fn remove_orphans(api: &mut Api, candidates: BTreeSet<TypeId>) {
    let uses = api.type_uses();
    let orphans = candidates
        .into_iter()
        .filter(|&id| uses[id] == (0, 0) && !is_component_schema(&api.types[id].source))
        .collect();
    api.remove_types(&orphans);
}
