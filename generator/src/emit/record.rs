//! `Serialize` and `Deserialize` of a struct through the runtime's `record!`
//! (`runtime/record.rs`): the struct lists its fields, each with its index,
//! how it is finished and its wire name, and the runtime's `record!` writes
//! the impls. The loop, key lookup and errors are written once.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::rust_type::ident;
use crate::ir::{Field, Struct, TypeRef};

/// `record!` (serde impls) for a struct without flattened fields.
pub fn record_impls(name: &Ident, s: &Struct) -> TokenStream {
    let fields = s.fields.iter().enumerate().map(|(index, f)| {
        let index = Literal::usize_unsuffixed(index);
        let field = ident(&f.name);
        let kind = ident(finish(f));
        let wire = &f.wire;
        quote!(#index #field #kind #wire)
    });
    let extra = s.additional.as_ref().map(|_| {
        let extra = ident(&s.additional_name);
        quote!(.. #extra)
    });
    quote! {
        super::runtime::record::record!(#name { #(#fields),* } #extra);
    }
}

/// How the field's value is finished from what was read (if anything).
fn finish(f: &Field) -> &'static str {
    match (f.optional, matches!(f.ty, TypeRef::Nullable(_))) {
        // Absent is `None`; `null` of a nullable one is `Some(None)`.
        (true, _) => "optional",
        // Like the derive: a required `Option` that is absent is `None`.
        (false, true) => "nullable",
        (false, false) => "required",
    }
}
