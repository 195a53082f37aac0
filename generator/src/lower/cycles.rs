//! Recursive types: `Box` where a type contains itself without indirection,
//! and newtypes where an alias would name itself (Rust refuses both as-is).

use crate::ir::{Api, TypeKind, TypeRef};

/// Breaks every cycle among the types of `api`.
pub fn break_cycles(api: &mut Api) {
    let all = edges(api, false);
    let components = strongly_connected(&all);
    for (id, def) in api.types.iter_mut().enumerate() {
        if let TypeKind::Alias(inner) = &def.kind {
            if in_cycle(id, &components, &all) {
                def.kind = TypeKind::Newtype(inner.clone());
            }
        }
    }
    let direct = edges(api, true);
    let components = strongly_connected(&direct);
    for (id, def) in api.types.iter_mut().enumerate() {
        let group = components[id];
        for ty in contents_mut(&mut def.kind) {
            box_direct(ty, group, &components);
        }
    }
}

fn in_cycle(id: usize, components: &[usize], edges: &[Vec<usize>]) -> bool {
    edges[id].contains(&id) || components.iter().filter(|&&c| c == components[id]).count() > 1
}

fn contents(kind: &TypeKind) -> Vec<&TypeRef> {
    match kind {
        TypeKind::Struct(s) => s
            .fields
            .iter()
            .map(|f| &f.ty)
            .chain(s.additional.as_ref())
            .collect(),
        TypeKind::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
        TypeKind::Alias(t) | TypeKind::Newtype(t) => vec![t],
        TypeKind::Enum(_) => Vec::new(),
    }
}

fn contents_mut(kind: &mut TypeKind) -> Vec<&mut TypeRef> {
    match kind {
        TypeKind::Struct(s) => s.fields.iter_mut().map(|f| &mut f.ty).collect(),
        TypeKind::Union(u) => u.variants.iter_mut().map(|v| &mut v.ty).collect(),
        TypeKind::Newtype(t) => vec![t],
        TypeKind::Alias(_) | TypeKind::Enum(_) => Vec::new(),
    }
}

/// Edges between types; `direct_only` keeps those stored inline (not behind a `Vec` or map).
fn edges(api: &Api, direct_only: bool) -> Vec<Vec<usize>> {
    api.types
        .iter()
        .map(|def| {
            let mut out = Vec::new();
            for ty in contents(&def.kind) {
                targets(ty, direct_only, &mut out);
            }
            out
        })
        .collect()
}

fn targets(ty: &TypeRef, direct_only: bool, out: &mut Vec<usize>) {
    match ty {
        TypeRef::Named(id) => out.push(*id),
        TypeRef::Nullable(inner) => targets(inner, direct_only, out),
        // A tuple holds its items in place, as a struct holds its fields.
        TypeRef::Tuple(items) => {
            for item in items {
                targets(item, direct_only, out);
            }
        }
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Boxed(inner) if !direct_only => {
            targets(inner, direct_only, out)
        }
        _ => {}
    }
}

fn box_direct(ty: &mut TypeRef, group: usize, components: &[usize]) {
    match ty {
        TypeRef::Named(id) if components.get(*id) == Some(&group) => {
            *ty = TypeRef::Boxed(Box::new(TypeRef::Named(*id)));
        }
        TypeRef::Nullable(inner) => box_direct(inner, group, components),
        TypeRef::Tuple(items) => {
            for item in items {
                box_direct(item, group, components);
            }
        }
        _ => {}
    }
}

/// Tarjan's algorithm, iteratively (deep graphs must not overflow the stack):
/// the component number of every node.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![usize::MAX; n];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut next_component = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work = vec![(root, 0usize)];
        while let Some((node, edge)) = work.pop() {
            if edge == 0 {
                index[node] = next_index;
                low[node] = next_index;
                next_index += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&next) = edges[node].get(edge) {
                work.push((node, edge + 1));
                if next >= n {
                    continue;
                }
                if index[next] == usize::MAX {
                    work.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::strongly_connected;

    #[test]
    fn finds_cycles() {
        let edges = vec![vec![1], vec![0, 2], vec![], vec![3]];
        let c = strongly_connected(&edges);
        assert_eq!(c[0], c[1]);
        assert_ne!(c[0], c[2]);
        assert_ne!(c[2], c[3]);
    }
}
