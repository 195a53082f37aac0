//! Constraint checks: the code that checks them before sending.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::ir::{Api, Constraints, TypeKind, TypeRef};

/// Emits the checks of constraints.
pub struct Checks<'a> {
    api: &'a Api,
}

impl<'a> Checks<'a> {
    /// Checks for the types of `api`.
    pub fn new(api: &'a Api) -> Self {
        Self { api }
    }

    /// Code checking `value` (an expression of a reference to `ty`) named
    /// `path` (a `&str` expression); empty when there is nothing to check.
    pub fn check(
        &self,
        ty: &TypeRef,
        constraints: &Constraints,
        value: TokenStream,
        path: TokenStream,
    ) -> TokenStream {
        let body = self.check_bound(ty, constraints, path);
        if body.is_empty() {
            return body;
        }
        quote! { { let value = #value; #body } }
    }

    /// Like [`Checks::check`], for a reference already bound to `value`.
    pub fn check_bound(
        &self,
        ty: &TypeRef,
        constraints: &Constraints,
        path: TokenStream,
    ) -> TokenStream {
        let v = crate::emit::rust_type::ident("value");
        self.check_value(ty, constraints, &quote!(#v), &path)
    }

    fn check_value(
        &self,
        ty: &TypeRef,
        c: &Constraints,
        value: &TokenStream,
        path: &TokenStream,
    ) -> TokenStream {
        match ty {
            TypeRef::Nullable(_) => {
                // `Option<Option<T>>` is matched in one pattern, as clippy
                // prefers, through aliases of an `Option` too.
                let (mut inner, mut pattern) = (ty, quote!(value));
                loop {
                    match inner {
                        TypeRef::Nullable(next) => {
                            inner = next;
                            pattern = quote!(Some(#pattern));
                        }
                        // An alias has no checks of its own to call.
                        TypeRef::Named(id) => match &self.api.types[*id].kind {
                            TypeKind::Alias(target @ TypeRef::Nullable(_)) => inner = target,
                            _ => break,
                        },
                        _ => break,
                    }
                }
                let body = self.check_value(inner, c, &quote!(value), path);
                if body.is_empty() {
                    return body;
                }
                quote! { if let #pattern = #value { #body } }
            }
            TypeRef::Boxed(inner) => {
                let body = self.check_value(inner, c, &quote!(value), path);
                if body.is_empty() {
                    return body;
                }
                quote! { { let value = &**#value; #body } }
            }
            TypeRef::Named(id) if self.api.types[*id].validates => {
                quote! { super::runtime::validate::Validate::validate_into(#value, #path, out); }
            }
            TypeRef::Named(id) => match &self.api.types[*id].kind {
                TypeKind::Alias(inner) => self.check_value(inner, c, value, path),
                // A recursive list's bounds, checked on the list inside
                // (a newtype that does not validate has no checks of its
                // own, so without bounds here there is nothing to check).
                TypeKind::Newtype(inner) if !c.is_empty() => {
                    let body = self.check_value(inner, c, &quote!(value), path);
                    if body.is_empty() {
                        return body;
                    }
                    // `value` is a binding here, never an expression.
                    quote! { { let value = &#value.0; #body } }
                }
                _ => TokenStream::new(),
            },
            TypeRef::String => self.string_checks(c, value, path),
            TypeRef::Integer(_) | TypeRef::Double => self.number_checks(ty, c, value, path),
            TypeRef::Array(inner) => self.collection(c, inner, value, path, "items", false),
            TypeRef::Map(inner) => self.collection(c, inner, value, path, "properties", true),
            TypeRef::Object => self.counts(c, value, path, "properties"),
            _ => TokenStream::new(),
        }
    }

    fn string_checks(
        &self,
        c: &Constraints,
        value: &TokenStream,
        path: &TokenStream,
    ) -> TokenStream {
        let min = c
            .min_length
            .map(Literal::u64_unsuffixed)
            .map(|n| quote! { super::runtime::validate::min_length(#value, #n, #path, out); });
        let max = c
            .max_length
            .map(Literal::u64_unsuffixed)
            .map(|n| quote! { super::runtime::validate::max_length(#value, #n, #path, out); });
        quote! { #min #max }
    }

    fn number_checks(
        &self,
        ty: &TypeRef,
        c: &Constraints,
        value: &TokenStream,
        path: &TokenStream,
    ) -> TokenStream {
        let value = &match ty {
            TypeRef::Double => quote!(*#value),
            _ => quote!(*#value as f64),
        };
        let min = c.minimum.map(|(n, exclusive)| {
            let n = Literal::f64_unsuffixed(n);
            quote! { super::runtime::validate::minimum(#value, #n, #exclusive, #path, out); }
        });
        let max = c.maximum.map(|(n, exclusive)| {
            let n = Literal::f64_unsuffixed(n);
            quote! { super::runtime::validate::maximum(#value, #n, #exclusive, #path, out); }
        });
        let allowed = (!c.allowed.is_empty()).then(|| {
            let values = c.allowed.iter().map(|&n| Literal::f64_unsuffixed(n));
            quote! { super::runtime::validate::one_of(#value, &[#(#values),*], #path, out); }
        });
        quote! { #min #max #allowed }
    }

    fn counts(
        &self,
        c: &Constraints,
        value: &TokenStream,
        path: &TokenStream,
        what: &str,
    ) -> TokenStream {
        let min = c.min_count.map(Literal::u64_unsuffixed).map(|n| quote! { super::runtime::validate::min_count(#value.len(), #n, #what, #path, out); });
        let max = c.max_count.map(Literal::u64_unsuffixed).map(|n| quote! { super::runtime::validate::max_count(#value.len(), #n, #what, #path, out); });
        quote! { #min #max }
    }

    fn collection(
        &self,
        c: &Constraints,
        inner: &TypeRef,
        value: &TokenStream,
        path: &TokenStream,
        what: &str,
        map: bool,
    ) -> TokenStream {
        let counts = self.counts(c, value, path, what);
        let inner_constraints = c.inner.as_deref().cloned().unwrap_or_default();
        let each = self.check_value(inner, &inner_constraints, &quote!(item), &quote!(path));
        if each.is_empty() {
            return counts;
        }
        if map {
            quote! { #counts for (key, item) in #value { let path = &format!("{}[{:?}]", #path, key); #each } }
        } else {
            quote! { #counts for (index, item) in #value.iter().enumerate() { let path = &format!("{}[{}]", #path, index); #each } }
        }
    }
}
