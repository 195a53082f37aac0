//! The `_stream` method of an operation that pages: every item of every
//! page, fetched lazily as the stream is read (see `lower/pagination.rs`
//! for which operations page).

use proc_macro2::TokenStream;
use quote::quote;

use super::rust_type::{ident, TypeRenderer};
use crate::ir::{FieldStep, IntegerKind, NextPage, Operation, Pagination, ParamLocation};

/// The method, or nothing when the operation does not page.
pub fn stream_method(types: &TypeRenderer<'_>, op: &Operation) -> TokenStream {
    let Some(paging) = &op.pagination else {
        return TokenStream::new();
    };
    let page_method = ident(&op.name);
    let name = ident(&paging.method);
    let error = ident(&op.error_name);
    let params_type = ident(&op.params_name);
    let item = types.render(&paging.item);
    let path_params: Vec<_> = op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Path)
        .collect();
    let args = path_params.iter().map(|p| {
        let name = ident(&p.name);
        let ty = types.render(&p.ty);
        quote!(#name: #ty)
    });
    let call_args = path_params.iter().map(|p| {
        let name = ident(&p.name);
        if types.is_copy(&p.ty) {
            quote!(#name)
        } else {
            quote!(&#name)
        }
    });
    let clones = path_params
        .iter()
        .filter(|p| !types.is_copy(&p.ty))
        .map(|p| {
            let name = ident(&p.name);
            quote!(let #name = #name.clone();)
        });
    let next = next_page(op, paging);
    let take_items = take(&quote!(page), &paging.items);
    let doc = format!(
        " Every item of [`Client::{}`], page after page: each page is fetched when the \
         stream reaches it (with the client's retry policy), from the page `params` asks \
         for; the stream ends after the last page, or with the first error.",
        op.name
    );
    quote! {
        #[doc = #doc]
        pub fn #name(
            &self,
            #(#args,)*
            params: #params_type,
        ) -> impl ::futures_util::Stream<Item = Result<#item, Error<#error>>> + Send + 'static {
            let client = self.clone();
            super::runtime::paging::items(params, move |params| {
                let client = client.clone();
                #(#clones)*
                async move {
                    let page = client.#page_method(#(#call_args,)* &params).await?.into_inner();
                    #next
                    let items = #take_items;
                    Ok((items, next))
                }
            })
        }
    }
}

/// Code that sets `next`, the next page's params (`None` at the end), from
/// `page` and `params`.
fn next_page(op: &Operation, paging: &Pagination) -> TokenStream {
    let not_empty = not_empty(&paging.items);
    match &paging.next {
        NextPage::PageNumber {
            param,
            kind,
            pages,
            has_more,
        } => {
            let current = current(op, *param, quote!(1));
            let set = assign(op, *param, quote!(current + 1));
            let last = pages
                .as_ref()
                .map(|(path, pages_kind)| below(quote!(current), path, *pages_kind, *kind));
            let has_more = has_more.as_ref().map(|path| more_flag(path));
            let more = declare_more(&not_empty, last.is_some() || has_more.is_some());
            let next = next_if_more(&set);
            quote! {
                let current = #current;
                #more
                #last
                #has_more
                #next
            }
        }
        NextPage::Offset {
            param,
            kind,
            total,
            has_more,
        } => {
            let current = current(op, *param, quote!(0));
            let set = assign(op, *param, quote!(after));
            let count = count(&paging.items);
            let rust_kind = integer(*kind);
            let total = total
                .as_ref()
                .map(|(path, total_kind)| below(quote!(after), path, *total_kind, *kind));
            let has_more = has_more.as_ref().map(|path| more_flag(path));
            let more = declare_more(&not_empty, total.is_some() || has_more.is_some());
            let next = next_if_more(&set);
            quote! {
                let current = #current;
                let after = current + #count as #rust_kind;
                #more
                #total
                #has_more
                #next
            }
        }
        NextPage::AfterLastItem {
            param,
            id,
            has_more,
        } => after_last_item(op, paging, *param, id, has_more.as_ref()),
        NextPage::Cursor { param, next } => {
            let cursor = match value_of(next) {
                Value::Plain(v) => quote!(Some(#v.clone())),
                Value::Option(v) => quote!(#v.cloned()),
            };
            let field = ident(&op.params[*param].name);
            let set = if op.params[*param].required {
                quote!(params.#field = cursor;)
            } else {
                quote!(params.#field = Some(cursor);)
            };
            quote! {
                let cursor: Option<String> = #cursor;
                let next = match cursor {
                    Some(cursor) if #not_empty && !cursor.is_empty() => {
                        let mut params = params;
                        #set
                        Some(params)
                    }
                    _ => None,
                };
            }
        }
    }
}

/// The next page after the last item's id, while `has_more` (or the page
/// has items).
fn after_last_item(
    op: &Operation,
    paging: &Pagination,
    param: usize,
    id: &FieldStep,
    has_more: Option<&Vec<FieldStep>>,
) -> TokenStream {
    let not_empty = not_empty(&paging.items);
    let last = match value_of(std::slice::from_ref(&paging.items)) {
        Value::Plain(v) => quote!(#v.last()),
        Value::Option(v) => quote!(#v.and_then(|items| items.last())),
    };
    let field = ident(&id.name);
    let last_id = if id.options == 0 {
        quote!(#last.map(|item| item.#field.clone()))
    } else {
        quote!(#last.and_then(|item| item.#field.clone()))
    };
    let more = declare_more(&not_empty, has_more.is_some());
    let has_more = has_more.map(|path| more_flag(path));
    let set = assign(op, param, quote!(cursor));
    quote! {
        let last_id: Option<String> = #last_id;
        #more
        #has_more
        let next = match last_id {
            Some(cursor) if more && !cursor.is_empty() => {
                let mut params = params;
                #set
                Some(params)
            }
            _ => None,
        };
    }
}

/// `more = more && value < <the bound at path>` (no bound in the body: no limit).
fn below(
    value: TokenStream,
    path: &[FieldStep],
    from: IntegerKind,
    to: IntegerKind,
) -> TokenStream {
    let bound = cast(quote!(bound), from, to);
    match value_of(path) {
        Value::Plain(v) => quote! { let bound = #v; more = more && #value < #bound; },
        Value::Option(v) => {
            quote! { more = more && !matches!(#v, Some(&bound) if #value >= #bound); }
        }
    }
}

/// `more`, first from whether the page has items; mutable when later
/// checks narrow it.
fn declare_more(not_empty: &TokenStream, narrowed: bool) -> TokenStream {
    if narrowed {
        quote!(let mut more = #not_empty;)
    } else {
        quote!(let more = #not_empty;)
    }
}

/// `next`: the params with `set` applied when there are more pages.
fn next_if_more(set: &TokenStream) -> TokenStream {
    quote! {
        let next = if more {
            let mut params = params;
            #set
            Some(params)
        } else {
            None
        };
    }
}

/// `more = more && <has_more>`.
fn more_flag(path: &[FieldStep]) -> TokenStream {
    match value_of(path) {
        Value::Plain(v) => quote! { more = more && #v; },
        Value::Option(v) => quote! { more = more && !matches!(#v, Some(&false)); },
    }
}

/// The page or offset parameter's current value, `default` when not given.
fn current(op: &Operation, param: usize, default: TokenStream) -> TokenStream {
    let p = &op.params[param];
    let field = ident(&p.name);
    if p.required {
        quote!(params.#field)
    } else {
        quote!(params.#field.unwrap_or(#default))
    }
}

fn assign(op: &Operation, param: usize, value: TokenStream) -> TokenStream {
    let p = &op.params[param];
    let field = ident(&p.name);
    if p.required {
        quote!(params.#field = #value;)
    } else {
        quote!(params.#field = Some(#value);)
    }
}

/// A field's value: plain when no step is optional, else `Option<&T>`.
enum Value {
    Plain(TokenStream),
    Option(TokenStream),
}

/// The value at `path` below `page`.
fn value_of(path: &[FieldStep]) -> Value {
    let mut expr = quote!(page);
    let mut option = false;
    for step in path {
        let name = ident(&step.name);
        expr = match (option, step.options) {
            (false, 0) => quote!(#expr.#name),
            (true, 0) => quote!(#expr.map(|v| &v.#name)),
            (false, _) => quote!(#expr.#name.as_ref()),
            (true, _) => quote!(#expr.and_then(|v| v.#name.as_ref())),
        };
        if step.options > 0 {
            option = true;
        }
        if step.options > 1 {
            expr = quote!(#expr.and_then(|v| v.as_ref()));
        }
    }
    if option {
        Value::Option(expr)
    } else {
        Value::Plain(expr)
    }
}

/// Whether the page has items (`page` borrowed).
fn not_empty(items: &FieldStep) -> TokenStream {
    match value_of(std::slice::from_ref(items)) {
        Value::Plain(v) => quote!(!#v.is_empty()),
        Value::Option(v) => quote!(#v.is_some_and(|items| !items.is_empty())),
    }
}

/// How many items the page has (`page` borrowed).
fn count(items: &FieldStep) -> TokenStream {
    match value_of(std::slice::from_ref(items)) {
        Value::Plain(v) => quote!(#v.len()),
        Value::Option(v) => quote!(#v.map_or(0, |items| items.len())),
    }
}

/// Takes the items out of `page`.
fn take(page: &TokenStream, items: &FieldStep) -> TokenStream {
    let name = ident(&items.name);
    match items.options {
        0 => quote!(#page.#name),
        1 => quote!(#page.#name.unwrap_or_default()),
        _ => quote!(#page.#name.flatten().unwrap_or_default()),
    }
}

fn integer(kind: IntegerKind) -> TokenStream {
    match kind {
        IntegerKind::I32 => quote!(i32),
        IntegerKind::I64 => quote!(i64),
        IntegerKind::U32 => quote!(u32),
        IntegerKind::U64 => quote!(u64),
    }
}

/// `value` as `to`, when its type `from` differs.
fn cast(value: TokenStream, from: IntegerKind, to: IntegerKind) -> TokenStream {
    if from == to {
        value
    } else {
        let to = integer(to);
        quote!((#value as #to))
    }
}
