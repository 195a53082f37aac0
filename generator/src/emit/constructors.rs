//! Constructors for structs, so that code building a request body keeps
//! compiling when the spec adds an optional field: `new(required..)` (or
//! `Default` when every field is optional) and a chainable `with_` setter
//! per optional field; an optional field that may be `null` also gets a
//! `with_…_null()` that sends `null` (left alone, it is not sent at all),
//! and one that can only be `null` (`()`) gets only that.

use proc_macro2::TokenStream;
use quote::quote;

use super::rust_type::{ident, TypeRenderer};
use crate::ir::{Api, Field, Struct, TypeKind, TypeRef};
use crate::naming::{derived, Scope};

/// Whether the struct derives `Default`: every field may be absent.
pub fn derives_default(s: &Struct) -> bool {
    s.fields.iter().all(|f| f.optional)
}

/// The `impl` with `new` (when some field is required) and the setters;
/// empty for a struct with neither.
pub fn constructors(
    types: &TypeRenderer<'_>,
    name: &proc_macro2::Ident,
    s: &Struct,
) -> TokenStream {
    let mut methods = Scope::with_reserved(&["new"]);
    let new = (!derives_default(s)).then(|| new_fn(types, s));
    let setters: Vec<TokenStream> = s
        .fields
        .iter()
        .filter(|f| f.optional)
        .map(|f| setters(types, f, &mut methods))
        .collect();
    if new.is_none() && setters.is_empty() {
        return TokenStream::new();
    }
    quote! {
        impl #name {
            #new
            #(#setters)*
        }
    }
}

fn new_fn(types: &TypeRenderer<'_>, s: &Struct) -> TokenStream {
    // A field of `()` has one value: it is no parameter.
    let required: Vec<&Field> = s
        .fields
        .iter()
        .filter(|f| !f.optional && !is_unit(types.api(), &f.ty))
        .collect();
    let params = required.iter().map(|f| {
        let field = ident(&f.name);
        let ty = types.render(&f.ty);
        quote!(#field: impl Into<#ty>)
    });
    let inits = s.fields.iter().map(|f| {
        let field = ident(&f.name);
        if f.optional {
            quote!(#field: None)
        } else if is_unit(types.api(), &f.ty) {
            quote!(#field: ())
        } else {
            quote!(#field: #field.into())
        }
    });
    let extra = s.additional.as_ref().map(|_| {
        let extra = ident(&s.additional_name);
        quote!(#extra: ::std::collections::BTreeMap::new(),)
    });
    let many = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let doc = " From the required fields; the optional ones are left out (set them with the `with_` methods).";
    quote! {
        #[doc = #doc]
        #many
        pub fn new(#(#params),*) -> Self {
            Self { #(#inits,)* #extra }
        }
    }
}

fn setters(types: &TypeRenderer<'_>, f: &Field, methods: &mut Scope) -> TokenStream {
    let field = ident(&f.name);
    let wire = f.wire.replace('`', "'");
    let setter = ident(&methods.claim(derived::setter(&f.name)));
    let doc = format!(" Sets `{wire}`.");
    if is_unit(types.api(), &f.ty) {
        // Its one value is `null`: the setter sends it.
        let null = ident(&methods.claim(derived::null_setter(&f.name)));
        let null_doc = format!(" Sends `{wire}` as `null`, its one value.");
        return quote! {
            #[doc = #null_doc]
            pub fn #null(mut self) -> Self {
                self.#field = Some(());
                self
            }
        };
    }
    let TypeRef::Nullable(inner) = &f.ty else {
        let ty = types.render(&f.ty);
        return quote! {
            #[doc = #doc]
            pub fn #setter(mut self, #field: impl Into<#ty>) -> Self {
                self.#field = Some(#field.into());
                self
            }
        };
    };
    let ty = types.render(inner);
    let null = ident(&methods.claim(derived::null_setter(&f.name)));
    let null_doc = format!(" Sends `{wire}` as `null`.");
    quote! {
        #[doc = #doc]
        pub fn #setter(mut self, #field: impl Into<#ty>) -> Self {
            self.#field = Some(Some(#field.into()));
            self
        }

        #[doc = #null_doc]
        pub fn #null(mut self) -> Self {
            self.#field = Some(None);
            self
        }
    }
}

/// Whether a type is `()`, itself or by a name for it.
fn is_unit(api: &Api, ty: &TypeRef) -> bool {
    let mut ty = ty;
    // Bounded: aliases may name each other in a broken spec.
    for _ in 0..16 {
        ty = match ty {
            TypeRef::Null => return true,
            TypeRef::Named(id) => match &api.types[*id].kind {
                TypeKind::Alias(inner) => inner,
                _ => return false,
            },
            _ => return false,
        };
    }
    false
}
