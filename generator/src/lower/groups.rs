//! Operations grouped by tag, as the spec's docs would show them: each
//! operation under its first tag; groups in the order of the top-level
//! `tags` list, then tags only operations name (first seen first), then
//! the operations without a tag.

use crate::ir::{Operation, OperationGroup};

/// The groups of `operations`; one untagged group when no operation has a tag.
pub fn by_tag(spec: &openapiv3::OpenAPI, operations: &[Operation]) -> Vec<OperationGroup> {
    let mut groups: Vec<OperationGroup> = spec
        .tags
        .iter()
        .map(|tag| OperationGroup {
            tag: Some(tag.name.clone()),
            description: tag.description.clone(),
            operations: Vec::new(),
        })
        .collect();
    let mut untagged = OperationGroup::default();
    for (index, op) in operations.iter().enumerate() {
        let Some(tag) = op.tags.first() else {
            untagged.operations.push(index);
            continue;
        };
        match groups.iter_mut().find(|g| g.tag.as_ref() == Some(tag)) {
            Some(group) => group.operations.push(index),
            None => groups.push(OperationGroup {
                tag: Some(tag.clone()),
                description: None,
                operations: vec![index],
            }),
        }
    }
    groups.push(untagged);
    groups.retain(|g| !g.operations.is_empty());
    groups
}
