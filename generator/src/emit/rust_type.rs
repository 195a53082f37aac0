//! IR type references → Rust type tokens.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Api, IntegerKind, TypeKind, TypeRef};

/// An identifier the naming module already made valid.
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// Renders type references; named types get `prefix` (`super::types::`, or
/// nothing inside the types module), runtime types `runtime` (the path of
/// the runtime module from where the type is written).
pub struct TypeRenderer<'a> {
    api: &'a Api,
    prefix: TokenStream,
    runtime: TokenStream,
}

impl<'a> TypeRenderer<'a> {
    /// The API whose types it renders.
    pub fn api(&self) -> &'a Api {
        self.api
    }

    /// A renderer for types seen from the types module itself.
    pub fn local(api: &'a Api) -> Self {
        Self {
            api,
            prefix: TokenStream::new(),
            runtime: quote!(super::runtime),
        }
    }

    /// A renderer for types seen from a sibling of the types module, through `prefix`.
    pub fn with_prefix(api: &'a Api, prefix: TokenStream) -> Self {
        Self {
            api,
            prefix,
            runtime: quote!(super::runtime),
        }
    }

    /// A renderer for types seen from outside the client, at `client` (a
    /// path such as `my_crate::api`).
    pub fn outside(api: &'a Api, client: TokenStream) -> Self {
        Self {
            api,
            prefix: quote!(#client::types::),
            runtime: quote!(#client::runtime),
        }
    }

    /// The Rust type.
    pub fn render(&self, ty: &TypeRef) -> TokenStream {
        match ty {
            TypeRef::Boolean => quote!(bool),
            TypeRef::Integer(IntegerKind::I32) => quote!(i32),
            TypeRef::Integer(IntegerKind::I64) => quote!(i64),
            TypeRef::Integer(IntegerKind::U32) => quote!(u32),
            TypeRef::Integer(IntegerKind::U64) => quote!(u64),
            TypeRef::Double => quote!(f64),
            TypeRef::String => quote!(String),
            TypeRef::Uuid => quote!(::uuid::Uuid),
            TypeRef::DateTime => {
                let runtime = &self.runtime;
                quote!(#runtime::datetime::DateTime)
            }
            TypeRef::Date => {
                let runtime = &self.runtime;
                quote!(#runtime::datetime::Date)
            }
            TypeRef::Bytes => quote!(::bytes::Bytes),
            TypeRef::File => {
                let runtime = &self.runtime;
                quote!(#runtime::multipart::File)
            }
            TypeRef::Null => quote!(()),
            TypeRef::Any => quote!(::serde_json::Value),
            TypeRef::Object => quote!(::serde_json::Map<String, ::serde_json::Value>),
            TypeRef::Named(id) => {
                let name = ident(&self.api.types[*id].name);
                let prefix = &self.prefix;
                quote!(#prefix #name)
            }
            TypeRef::Array(inner) => {
                let inner = self.render(inner);
                quote!(Vec<#inner>)
            }
            TypeRef::Map(inner) => {
                let inner = self.render(inner);
                quote!(::std::collections::BTreeMap<String, #inner>)
            }
            TypeRef::Nullable(inner) => {
                let inner = self.render(inner);
                quote!(Option<#inner>)
            }
            TypeRef::Tuple(items) => {
                let items = items.iter().map(|t| self.render(t));
                quote!((#(#items,)*))
            }
            TypeRef::Boxed(inner) => {
                let inner = self.render(inner);
                quote!(Box<#inner>)
            }
        }
    }

    /// Whether the type is `Copy` (passed by value).
    pub fn is_copy(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Boolean | TypeRef::Integer(_) | TypeRef::Double | TypeRef::Uuid => true,
            TypeRef::Named(id) => match &self.api.types[*id].kind {
                TypeKind::Alias(inner) => self.is_copy(inner),
                _ => false,
            },
            _ => false,
        }
    }
}
