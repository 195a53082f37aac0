//! `allOf` parts nothing refers to are dropped. Lowering an `allOf` makes a
//! type of each inline part and then copies its fields into the whole, so
//! the part (`OwnedPetPart1`) is left behind; a real spec leaves dozens (76
//! of 742 types in one corpus document). Other types stay even when unused:
//! a component schema (here or in another file) is the spec's own name, and
//! callers may build it.

use std::collections::BTreeSet;

use crate::ir::{Api, TypeId};

/// Drops the `allOf` parts nothing refers to.
pub fn drop_unused_all_of_parts(api: &mut Api) {
    loop {
        let uses = api.type_uses();
        let gone: BTreeSet<TypeId> = api
            .types
            .iter()
            .enumerate()
            .filter(|(id, def)| uses[*id] == (0, 0) && is_all_of_part(&def.source))
            .map(|(id, _)| id)
            .collect();
        if gone.is_empty() {
            return;
        }
        api.remove_types(&gone);
    }
}

/// Whether a schema sits in an `allOf` list (`…/allOf/1`).
fn is_all_of_part(pointer: &str) -> bool {
    let mut segments = pointer.rsplit('/');
    let index = segments.next().unwrap_or_default();
    !index.is_empty()
        && index.bytes().all(|b| b.is_ascii_digit())
        && segments.next() == Some("allOf")
}

#[cfg(test)]
mod tests {
    use super::is_all_of_part;

    #[test]
    fn only_schemas_in_an_all_of_list_are_parts() {
        assert!(is_all_of_part("/components/schemas/Pet/allOf/1"));
        assert!(is_all_of_part(
            "/paths/~1a/get/responses/200/content/application~1json/schema/allOf/0"
        ));
        assert!(!is_all_of_part("/components/schemas/Pet"));
        assert!(!is_all_of_part("/components/schemas/Pet/oneOf/1"));
        assert!(!is_all_of_part("/components/schemas/allOf"));
        assert!(!is_all_of_part("/components/schemas/Pet/allOf/"));
    }
}
