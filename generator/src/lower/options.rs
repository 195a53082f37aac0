//! A reference to a component that admits `null` is `Option<X>`, unless X
//! is an `Option` already (a nullable wrapper, `MaybeSeats = Option<Seats>`)
//! or `()`, which is `null`: `Option<Option<Seats>>` would say nothing more
//! and read worse.

use crate::ir::{Api, TypeKind, TypeRef};

/// Drops the outer `Option` of every `Option<X>` whose X is an `Option`.
pub fn no_double_options(api: &mut Api) {
    let already = already_optional(api);
    let wrappers: Vec<(usize, usize)> = api
        .types
        .iter()
        .enumerate()
        .filter_map(|(id, def)| match &def.kind {
            TypeKind::Alias(TypeRef::Nullable(inner)) => match **inner {
                TypeRef::Named(target) => Some((id, target)),
                _ => None,
            },
            _ => None,
        })
        .collect();
    api.each_type_ref_mut(|ty| {
        if let TypeRef::Nullable(inner) = ty {
            match **inner {
                TypeRef::Named(id) if already[id] => *ty = TypeRef::Named(id),
                // `()` is `null` already.
                TypeRef::Null => *ty = TypeRef::Null,
                _ => {}
            }
        }
    });
    // A wrapper whose target is an `Option` only through the wrapper itself
    // (`AnyOf: {anyOf: [{$ref: AnyOf}, {type: "null"}]}`) lost the one
    // `Option` that let it hold anything: it gets it back.
    for (id, target) in wrappers {
        if !optional_apart_from(api, target, id) {
            api.types[id].kind =
                TypeKind::Alias(TypeRef::Nullable(Box::new(TypeRef::Named(target))));
        }
    }
}

/// Whether the alias chain from `start` reaches an alias of an `Option`
/// without passing through `id`.
fn optional_apart_from(api: &Api, start: usize, id: usize) -> bool {
    let mut at = start;
    for _ in 0..api.types.len() {
        if at == id {
            return false;
        }
        match &api.types[at].kind {
            TypeKind::Alias(TypeRef::Nullable(_) | TypeRef::Null) => return true,
            TypeKind::Alias(TypeRef::Named(next)) => at = *next,
            _ => return false,
        }
    }
    false
}

/// Per type: it is an alias of an `Option` or of `()`, directly or through
/// aliases.
fn already_optional(api: &Api) -> Vec<bool> {
    let mut already: Vec<bool> = api
        .types
        .iter()
        .map(|t| {
            matches!(
                t.kind,
                TypeKind::Alias(TypeRef::Nullable(_) | TypeRef::Null)
            )
        })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Docs, TypeDef};

    fn alias(name: &str, ty: TypeRef) -> TypeDef {
        TypeDef {
            name: name.to_owned(),
            source: format!("#/components/schemas/{name}"),
            docs: Docs::default(),
            kind: TypeKind::Alias(ty),
            validates: false,
            error_body: false,
            replacement: None,
            derives: Vec::new(),
        }
    }

    fn nullable(id: usize) -> TypeRef {
        TypeRef::Nullable(Box::new(TypeRef::Named(id)))
    }

    fn kinds(api: &Api) -> Vec<String> {
        api.types.iter().map(|t| format!("{:?}", t.kind)).collect()
    }

    #[test]
    fn a_wrapper_of_a_wrapper_is_the_wrapper_and_uses_lose_the_outer_option() {
        let mut api = Api {
            types: vec![
                alias("Seats", TypeRef::Integer(crate::ir::IntegerKind::I64)),
                alias("MaybeSeats", nullable(0)),
                alias("MaybeMaybe", nullable(1)),
                alias("Uses", nullable(2)),
            ],
            ..Api::default()
        };
        no_double_options(&mut api);
        let named = |id| format!("{:?}", TypeKind::Alias(TypeRef::Named(id)));
        assert_eq!(
            kinds(&api)[1],
            format!("{:?}", TypeKind::Alias(nullable(0)))
        );
        assert_eq!(kinds(&api)[2], named(1));
        assert_eq!(kinds(&api)[3], named(2));
    }

    #[test]
    fn a_wrapper_optional_only_through_itself_keeps_its_option() {
        // `A = Option<A>`, and `B = Option<C>`, `C = Option<B>`: dropping
        // every outer `Option` would leave types no value fills.
        let mut api = Api {
            types: vec![
                alias("A", nullable(0)),
                alias("B", nullable(2)),
                alias("C", nullable(1)),
            ],
            ..Api::default()
        };
        no_double_options(&mut api);
        let kinds = kinds(&api);
        assert_eq!(kinds[0], format!("{:?}", TypeKind::Alias(nullable(0))));
        // One of the pair keeps its `Option`, and the other names it.
        assert_eq!(kinds[1], format!("{:?}", TypeKind::Alias(nullable(2))));
        assert_eq!(
            kinds[2],
            format!("{:?}", TypeKind::Alias(TypeRef::Named(1)))
        );
    }
}
