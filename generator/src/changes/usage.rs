//! Which way each type travels: sent (in a request), received (in a
//! response), both, or neither (a schema no operation uses).

use super::Direction;
use crate::ir::{Api, TypeKind, TypeRef};

/// The direction of every type of `api`, by type id.
pub fn directions(api: &Api) -> Vec<Direction> {
    let mut found = vec![Direction::default(); api.types.len()];
    let mut sent = Vec::new();
    let mut received = Vec::new();
    for op in &api.operations {
        sent.extend(op.params.iter().map(|p| &p.ty));
        sent.extend(op.body.iter().map(|b| &b.ty));
        for response in std::iter::once(&op.success).chain(&op.errors) {
            received.extend(response.ty.iter());
            received.extend(response.by_status.iter().map(|b| &b.ty));
        }
        received.extend(op.stream.iter().map(|s| &s.item));
    }
    for (roots, is_sent) in [(sent, true), (received, false)] {
        let mut pending: Vec<usize> = Vec::new();
        for ty in roots {
            named_in(ty, &mut pending);
        }
        while let Some(id) = pending.pop() {
            let direction = &mut found[id];
            let seen = if is_sent {
                std::mem::replace(&mut direction.sent, true)
            } else {
                std::mem::replace(&mut direction.received, true)
            };
            if !seen {
                inside(&api.types[id].kind, &mut pending);
            }
        }
    }
    found
}

/// The types a type's definition refers to.
fn inside(kind: &TypeKind, out: &mut Vec<usize>) {
    match kind {
        TypeKind::Struct(s) => {
            s.fields.iter().for_each(|f| named_in(&f.ty, out));
            if let Some(extra) = &s.additional {
                named_in(extra, out);
            }
        }
        TypeKind::Union(u) => u.variants.iter().for_each(|v| named_in(&v.ty, out)),
        TypeKind::Alias(ty) | TypeKind::Newtype(ty) => named_in(ty, out),
        TypeKind::Enum(_) => {}
    }
}

/// The named types in a reference.
fn named_in(ty: &TypeRef, out: &mut Vec<usize>) {
    match ty {
        TypeRef::Named(id) => out.push(*id),
        TypeRef::Array(inner)
        | TypeRef::Map(inner)
        | TypeRef::Nullable(inner)
        | TypeRef::Boxed(inner) => named_in(inner, out),
        TypeRef::Tuple(items) => items.iter().for_each(|t| named_in(t, out)),
        _ => {}
    }
}
