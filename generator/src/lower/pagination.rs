//! Which operations page, and how: recognised by the shapes APIs use.
//!
//! An operation pages when it has no request body, its success body is an
//! object with a list of items (a field named `items`, `data`, `results`,
//! `records`, `entries` or `values`, or its only array field), and one of:
//!
//! - a page number query parameter (`page`, `page_number`, `pageNumber`):
//!   the next page is the number plus one (from 1 when not given); the last
//!   is known from a page count in the body or one object down (`pages`,
//!   `total_pages`, `totalPages`, `page_count`, `last_page`), or
//!   `has_more`/`hasMore` being false;
//! - an offset query parameter (`offset`, `skip`): advanced by the number of
//!   items received; the end is a total (`total`, `total_count`,
//!   `totalCount`, `count`) reached, or `has_more` false;
//! - a cursor query parameter (`cursor`, `page_token`, `pageToken`,
//!   `next_token`, `after`): the next is the body's `next_cursor`,
//!   `nextCursor`, `next_page_token`, `nextPageToken`, `next_token` or
//!   `cursor`; the end is that cursor absent, `null` or empty;
//! - a parameter for the last item seen (`starting_after`, `after`,
//!   `after_id`) when the items have a string `id`: the next page starts
//!   after the last item's id; the end is `has_more` false.
//!
//! Every kind also ends at a page without items. `x-oas-gen-paginate:
//! false` on an operation turns this off; `true` asks for a warning when
//! the operation is not recognised.

use crate::diagnostics::Diagnostics;
use crate::ir::{
    Api, FieldStep, IntegerKind, Media, NextPage, Operation, Pagination, ParamLocation, Struct,
    TypeKind, TypeRef,
};

const ITEMS: &[&str] = &["items", "data", "results", "records", "entries", "values"];
const PAGE: &[&str] = &["page", "page_number", "pageNumber"];
const PAGES: &[&str] = &[
    "pages",
    "total_pages",
    "totalPages",
    "page_count",
    "pageCount",
    "last_page",
    "lastPage",
];
const HAS_MORE: &[&str] = &["has_more", "hasMore", "has_next", "hasNext"];
const OFFSET: &[&str] = &["offset", "skip"];
const TOTAL: &[&str] = &["total", "total_count", "totalCount", "count"];
const CURSOR: &[&str] = &["cursor", "page_token", "pageToken", "next_token", "after"];
const AFTER_ITEM: &[&str] = &["starting_after", "after", "after_id"];
const NEXT_CURSOR: &[&str] = &[
    "next_cursor",
    "nextCursor",
    "next_page_token",
    "nextPageToken",
    "next_token",
    "cursor",
];

/// Finds how each operation pages, reporting operations marked
/// `x-oas-gen-paginate: true` that are not recognised.
pub fn detect(api: &mut Api, found: &mut Diagnostics) {
    for index in 0..api.operations.len() {
        let op = &api.operations[index];
        if op.paginate == Some(false) {
            continue;
        }
        let pagination = pagination(api, op);
        if pagination.is_none() && op.paginate == Some(true) {
            found.push(crate::Diagnostic::warning(
                format!("{}/x-oas-gen-paginate", op.source),
                "marked as paged, but no page, offset or cursor parameter with a list of items \
                 in the response was recognised (see the crate docs for the shapes); generating \
                 the page method only",
            ));
        }
        api.operations[index].pagination = pagination;
    }
}

fn pagination(api: &Api, op: &Operation) -> Option<Pagination> {
    if op.body.is_some() || op.success.media != Media::Json {
        return None;
    }
    let body = struct_of(api, op.success.ty.as_ref()?)?;
    let (items, item) = items_field(api, body)?;
    let next = page_number(api, op, body)
        .or_else(|| offset(api, op, body))
        .or_else(|| cursor(api, op, body))
        .or_else(|| after_last_item(api, op, body, &item))?;
    // Named with the other second methods, once every operation has its
    // name (`lower/streams.rs`).
    let method = String::new();
    Some(Pagination {
        method,
        items,
        item,
        next,
    })
}

/// The struct behind a type, through aliases.
fn struct_of<'a>(api: &'a Api, ty: &TypeRef) -> Option<&'a Struct> {
    match ty {
        TypeRef::Named(id) => match &api.types[*id].kind {
            TypeKind::Struct(s) => Some(s),
            TypeKind::Alias(inner) => struct_of(api, inner),
            _ => None,
        },
        TypeRef::Boxed(inner) => struct_of(api, inner),
        _ => None,
    }
}

fn items_field(api: &Api, body: &Struct) -> Option<(FieldStep, TypeRef)> {
    let arrays: Vec<_> = body
        .fields
        .iter()
        .filter(|f| !f.flatten)
        .filter_map(|f| Some((f, array_item(api, &f.ty)?)))
        .collect();
    let chosen = arrays
        .iter()
        .find(|(f, _)| ITEMS.contains(&f.wire.as_str()))
        .or(match arrays.as_slice() {
            [only] => Some(only),
            _ => None,
        })?;
    let (field, item) = chosen;
    Some((step(field), item.clone()))
}

fn array_item(api: &Api, ty: &TypeRef) -> Option<TypeRef> {
    match ty {
        TypeRef::Array(item) => Some((**item).clone()),
        TypeRef::Nullable(inner) => array_item(api, inner),
        TypeRef::Named(id) => match &api.types[*id].kind {
            TypeKind::Alias(inner) => array_item(api, inner),
            _ => None,
        },
        _ => None,
    }
}

fn step(field: &crate::ir::Field) -> FieldStep {
    let nullable = matches!(field.ty, TypeRef::Nullable(_));
    FieldStep {
        name: field.name.clone(),
        options: u8::from(field.optional) + u8::from(nullable),
    }
}

/// A query parameter named one of `names`, with its index and type.
fn query_param<'o>(op: &'o Operation, names: &[&str]) -> Option<(usize, &'o TypeRef)> {
    op.params.iter().enumerate().find_map(|(i, p)| {
        let query = p.location == ParamLocation::Query;
        (query && names.contains(&p.wire.as_str())).then_some((i, &p.ty))
    })
}

fn integer(ty: &TypeRef) -> Option<IntegerKind> {
    match ty {
        TypeRef::Integer(kind) => Some(*kind),
        TypeRef::Nullable(inner) => integer(inner),
        _ => None,
    }
}

fn page_number(api: &Api, op: &Operation, body: &Struct) -> Option<NextPage> {
    let (param, ty) = query_param(op, PAGE)?;
    Some(NextPage::PageNumber {
        param,
        kind: integer(ty)?,
        pages: find(api, body, PAGES, integer),
        has_more: find(api, body, HAS_MORE, boolean).map(|(path, ())| path),
    })
}

fn offset(api: &Api, op: &Operation, body: &Struct) -> Option<NextPage> {
    let (param, ty) = query_param(op, OFFSET)?;
    Some(NextPage::Offset {
        param,
        kind: integer(ty)?,
        total: find(api, body, TOTAL, integer),
        has_more: find(api, body, HAS_MORE, boolean).map(|(path, ())| path),
    })
}

fn cursor(api: &Api, op: &Operation, body: &Struct) -> Option<NextPage> {
    let (param, ty) = query_param(op, CURSOR)?;
    if !matches!(ty, TypeRef::String) {
        return None;
    }
    let (next, ()) = find(api, body, NEXT_CURSOR, string)?;
    Some(NextPage::Cursor { param, next })
}

fn after_last_item(api: &Api, op: &Operation, body: &Struct, item: &TypeRef) -> Option<NextPage> {
    let (param, ty) = query_param(op, AFTER_ITEM)?;
    if !matches!(ty, TypeRef::String) {
        return None;
    }
    let id = struct_of(api, item)?
        .fields
        .iter()
        .find(|f| f.wire == "id" && !f.flatten && matches!(f.ty, TypeRef::String))?;
    Some(NextPage::AfterLastItem {
        param,
        id: step(id),
        has_more: find(api, body, HAS_MORE, boolean).map(|(path, ())| path),
    })
}

fn boolean(ty: &TypeRef) -> Option<()> {
    match ty {
        TypeRef::Boolean => Some(()),
        TypeRef::Nullable(inner) => boolean(inner),
        _ => None,
    }
}

fn string(ty: &TypeRef) -> Option<()> {
    match ty {
        TypeRef::String => Some(()),
        TypeRef::Nullable(inner) => string(inner),
        _ => None,
    }
}

/// A field named one of `names` whose type `accept`s, in the body or one
/// object down (`meta.pages`), as a path of fields.
fn find<T>(
    api: &Api,
    body: &Struct,
    names: &[&str],
    accept: fn(&TypeRef) -> Option<T>,
) -> Option<(Vec<FieldStep>, T)> {
    for field in body.fields.iter().filter(|f| !f.flatten) {
        if names.contains(&field.wire.as_str()) {
            if let Some(found) = accept(&field.ty) {
                return Some((vec![step(field)], found));
            }
        }
    }
    for field in body.fields.iter().filter(|f| !f.flatten) {
        let inner = match &field.ty {
            TypeRef::Nullable(inner) => inner,
            ty => ty,
        };
        let Some(nested) = struct_of(api, inner) else {
            continue;
        };
        for leaf in &nested.fields {
            if names.contains(&leaf.wire.as_str()) {
                if let Some(found) = accept(&leaf.ty) {
                    return Some((vec![step(field), step(leaf)], found));
                }
            }
        }
    }
    None
}
