//! The user's choice of operations (`include` / `exclude` settings): the
//! operations kept, their groups, and only the types and examples they
//! reach, so that a client of one tag of a large spec compiles as if the
//! rest were not there.
//!
//! A selector is `tag:NAME`, `operation:ID` (the spec's operationId or the
//! Rust method name) or `path:GLOB` (`*` within one segment, `**` across
//! segments: `path:/v1/calls/**`).

use std::collections::BTreeSet;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Api, TypeId, TypeKind};
use crate::naming::snake;
use crate::settings::Selector;

fn matches(selector: &Selector, op: &crate::ir::Operation) -> bool {
    match selector {
        Selector::Tag(tag) => op.tags.iter().any(|t| t == tag),
        Selector::Operation(id) => op.name == *id || op.name == snake(id, "op"),
        Selector::Path(glob) => glob_matches(glob, &op.path),
    }
}

/// Keeps the operations `include` selects (all when it is empty) that
/// `exclude` does not, and drops what only the others used. A selector
/// that selects nothing is a warning; one that does not parse, an error.
pub fn select(api: &mut Api, include: &[String], exclude: &[String], found: &mut Diagnostics) {
    if include.is_empty() && exclude.is_empty() {
        return;
    }
    let (Some(include), Some(exclude)) = (parsed(include, found), parsed(exclude, found)) else {
        return;
    };
    for (selector, text) in include.iter().chain(&exclude) {
        if !api.operations.iter().any(|op| matches(selector, op)) {
            found.push(Diagnostic::warning(
                "",
                format!("the setting `{text}` selects no operation of the spec"),
            ));
        }
    }
    let kept: Vec<bool> = api
        .operations
        .iter()
        .map(|op| {
            (include.is_empty() || include.iter().any(|(s, _)| matches(s, op)))
                && !exclude.iter().any(|(s, _)| matches(s, op))
        })
        .collect();
    keep_operations(api, &kept);
    drop_unreached(api);
}

fn parsed(texts: &[String], found: &mut Diagnostics) -> Option<Vec<(Selector, String)>> {
    let mut ok = true;
    let mut out = Vec::new();
    for text in texts {
        match Selector::parse(text) {
            Ok(selector) => out.push((selector, text.clone())),
            Err(message) => {
                found.push(Diagnostic::error("", message));
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

/// Keeps the operations marked in `kept`, with the groups renumbered.
fn keep_operations(api: &mut Api, kept: &[bool]) {
    let mut renumbered = Vec::with_capacity(kept.len());
    let mut next = 0;
    for &keep in kept {
        renumbered.push(keep.then_some(next));
        next += usize::from(keep);
    }
    let mut index = 0;
    api.operations.retain(|_| {
        index += 1;
        kept[index - 1]
    });
    for group in &mut api.groups {
        group.operations = group
            .operations
            .iter()
            .filter_map(|&i| renumbered[i])
            .collect();
    }
    api.groups.retain(|g| !g.operations.is_empty());
}

/// Removes the types no kept operation reaches, and their examples.
fn drop_unreached(api: &mut Api) {
    let mut reached = vec![false; api.types.len()];
    let mut pending: Vec<TypeId> = Vec::new();
    // Examples of types that go would point at types renumbered away.
    let examples = std::mem::take(&mut api.examples);
    for op in &api.operations {
        operation_roots(op, &mut |id| pending.push(id));
    }
    while let Some(id) = pending.pop() {
        if std::mem::replace(&mut reached[id], true) {
            continue;
        }
        inside(&api.types[id].kind, &mut pending);
    }
    let gone: BTreeSet<TypeId> = (0..api.types.len()).filter(|&id| !reached[id]).collect();
    api.examples = examples
        .into_iter()
        .filter(|example| {
            let mut all_reached = true;
            example.ty.each_named(&mut |id| all_reached &= reached[id]);
            all_reached
        })
        .collect();
    api.remove_types(&gone);
}

/// The types an operation names: parameters, body, responses, stream
/// items and page items.
fn operation_roots(op: &crate::ir::Operation, push: &mut impl FnMut(TypeId)) {
    op.params.iter().for_each(|p| p.ty.each_named(push));
    if let Some(body) = &op.body {
        body.ty.each_named(push);
    }
    for response in std::iter::once(&op.success).chain(&op.errors) {
        if let Some(ty) = &response.ty {
            ty.each_named(push);
        }
        response
            .by_status
            .iter()
            .for_each(|b| b.ty.each_named(push));
    }
    if let Some(stream) = &op.stream {
        stream.item.each_named(push);
    }
    if let Some(pages) = &op.pagination {
        pages.item.each_named(push);
    }
}

/// The types a definition refers to, directly.
fn inside(kind: &TypeKind, pending: &mut Vec<TypeId>) {
    let mut push = |id| pending.push(id);
    match kind {
        TypeKind::Struct(s) => {
            s.fields.iter().for_each(|f| f.ty.each_named(&mut push));
            if let Some(extra) = &s.additional {
                extra.each_named(&mut push);
            }
        }
        TypeKind::Union(u) => u.variants.iter().for_each(|v| v.ty.each_named(&mut push)),
        TypeKind::Alias(t) | TypeKind::Newtype(t) => t.each_named(&mut push),
        TypeKind::Enum(_) => {}
    }
}

/// Whether `path` matches `glob`: segments compared one by one, `*` in a
/// segment matching any run of characters but `/`, a `**` segment any
/// number of segments.
pub fn glob_matches(glob: &str, path: &str) -> bool {
    let glob: Vec<&str> = glob.trim_matches('/').split('/').collect();
    let path: Vec<&str> = path.trim_matches('/').split('/').collect();
    segments_match(&glob, &path)
}

fn segments_match(glob: &[&str], path: &[&str]) -> bool {
    match glob.split_first() {
        None => path.is_empty(),
        Some((&"**", rest)) => (0..=path.len()).any(|skip| segments_match(rest, &path[skip..])),
        Some((first, rest)) => match path.split_first() {
            Some((segment, path_rest)) => {
                segment_matches(first, segment) && segments_match(rest, path_rest)
            }
            None => false,
        },
    }
}

fn segment_matches(glob: &str, segment: &str) -> bool {
    match glob.split_once('*') {
        None => glob == segment,
        Some((head, tail)) => {
            let Some(rest) = segment.strip_prefix(head) else {
                return false;
            };
            (0..=rest.len())
                .filter(|&i| rest.is_char_boundary(i))
                .any(|i| segment_matches(tail, &rest[i..]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_segments() {
        assert!(glob_matches("/v1/calls/*", "/v1/calls/{call_id}"));
        assert!(!glob_matches("/v1/calls/*", "/v1/calls/{call_id}/events"));
        assert!(glob_matches("/v1/calls/**", "/v1/calls/{call_id}/events"));
        assert!(glob_matches("/v1/calls/**", "/v1/calls"));
        assert!(glob_matches("/**/events", "/v1/calls/{id}/events"));
        assert!(glob_matches("/v1/*-admin/*", "/v1/org-admin/users"));
        assert!(!glob_matches("/v1/*-admin/*", "/v1/org/users"));
        assert!(glob_matches("/v1/agents", "/v1/agents/"));
        assert!(!glob_matches("/v1/agents", "/v1/agents/x"));
    }
}
