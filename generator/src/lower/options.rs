//! A reference to a component that admits `null` is `Option<X>`, unless X
//! is an `Option` already (a nullable wrapper, `MaybeSeats = Option<Seats>`):
//! `Option<Option<Seats>>` would say nothing more and read worse.

use crate::ir::{Api, TypeKind, TypeRef};

/// Drops the outer `Option` of every `Option<X>` whose X is an `Option`.
pub fn no_double_options(api: &mut Api) {
    let already = already_optional(api);
    api.each_type_ref_mut(|ty| {
        if let TypeRef::Nullable(inner) = ty {
            if let TypeRef::Named(id) = **inner {
                if already[id] {
                    *ty = TypeRef::Named(id);
                }
            }
        }
    });
}

/// Per type: it is an alias of an `Option`, directly or through aliases.
fn already_optional(api: &Api) -> Vec<bool> {
    let mut already: Vec<bool> = api
        .types
        .iter()
        .map(|t| matches!(t.kind, TypeKind::Alias(TypeRef::Nullable(_))))
        .collect();
    // Alias chains are short; each round settles one more link.
    for _ in 0..8 {
        let mut changed = false;
        for (id, def) in api.types.iter().enumerate() {
            if let TypeKind::Alias(TypeRef::Named(target)) = def.kind {
                if already[target] && !already[id] {
                    already[id] = true;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    already
}
