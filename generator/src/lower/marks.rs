//! What emit needs to know of each named type that only the whole API
//! tells: whether it has constraints somewhere inside (`validates`) and
//! whether an operation documents it as an error body (`error_body`).

use crate::ir::{Api, TypeKind, TypeRef};

/// Sets `validates` and `error_body` on every type of `api`.
pub fn mark(api: &mut Api) {
    for (id, validates) in validating(api).into_iter().enumerate() {
        api.types[id].validates = validates;
    }
    let bodies: Vec<usize> = api
        .operations
        .iter()
        .flat_map(|op| &op.errors)
        .filter_map(|e| match e.ty {
            Some(TypeRef::Named(id)) => Some(id),
            _ => None,
        })
        .collect();
    for id in bodies {
        let def = &mut api.types[id];
        def.error_body = matches!(def.kind, TypeKind::Struct(_));
    }
}

/// Which types have constraints inside, through any depth of references: a
/// fixed point, since types refer to each other (and to themselves).
fn validating(api: &Api) -> Vec<bool> {
    let mut marks = vec![false; api.types.len()];
    loop {
        let mut changed = false;
        for (id, def) in api.types.iter().enumerate() {
            // A replaced type is the user's: nothing to check in it.
            let own = def.replacement.is_none();
            if !marks[id] && own && kind_needs_checks(&def.kind, &marks) {
                marks[id] = true;
                changed = true;
            }
        }
        if !changed {
            return marks;
        }
    }
}

fn kind_needs_checks(kind: &TypeKind, marks: &[bool]) -> bool {
    match kind {
        TypeKind::Struct(s) => {
            !s.required_alternatives.is_empty()
                || s.fields
                    .iter()
                    .any(|f| !f.constraints.is_empty() || refers_to_marked(&f.ty, marks))
        }
        TypeKind::Union(u) => u.variants.iter().any(|v| refers_to_marked(&v.ty, marks)),
        TypeKind::Newtype(t) => refers_to_marked(t, marks),
        TypeKind::Alias(_) | TypeKind::Enum(_) => false,
    }
}

fn refers_to_marked(ty: &TypeRef, marks: &[bool]) -> bool {
    match ty {
        TypeRef::Named(id) => marks[*id],
        TypeRef::Array(inner)
        | TypeRef::Map(inner)
        | TypeRef::Nullable(inner)
        | TypeRef::Boxed(inner) => refers_to_marked(inner, marks),
        _ => false,
    }
}
