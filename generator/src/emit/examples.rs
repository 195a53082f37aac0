//! The example tests: every example in the spec decodes into its generated
//! type (strictly: no field the schema lacks) and encodes back to equal JSON.

use proc_macro2::TokenStream;
use quote::quote;

use super::rust_type::{ident, TypeRenderer};
use crate::contract::{EXAMPLE_FAILURE, ROUND_TRIP_CHANGED};
use crate::ir::Api;

/// The test file, or `None` when the spec has no examples; the client is
/// at `client_path` (`my_crate` or `my_crate::api`).
pub fn examples_file(api: &Api, client_path: &str) -> Option<TokenStream> {
    if api.examples.is_empty() {
        return None;
    }
    let segments = client_path.split("::").map(ident);
    let krate = quote!(#(#segments)::*);
    let types = TypeRenderer::outside(api, krate.clone());
    // On each test, not as an inner attribute: the file is also `include!`d
    // into a module (a build script's output), where inner ones are refused.
    let allow = super::uses_deprecated(api).then(|| quote!(#[allow(deprecated)]));
    let tests = api.examples.iter().map(|example| {
        let name = ident(&example.name);
        let ty = types.render(&example.ty);
        let source = format!("#{}", example.source);
        let json = serde_json::to_string_pretty(&example.value).unwrap_or_default();
        quote! {
            #[test]
            #allow
            fn #name() {
                round_trip::<#ty>(#source, #json);
            }
        }
    });
    let failure = |what: &str| format!("{EXAMPLE_FAILURE}{{source}} {what}");
    let not_json = failure("is not JSON: {e}");
    let mismatch = failure("does not match its schema: {e}");
    let no_encode = failure("does not encode again: {e}");
    let changed = failure(&format!(
        "{ROUND_TRIP_CHANGED}:\n  spec: {{expected}}\n  ours: {{encoded}}"
    ));
    Some(quote! {
        /// Decodes `example` strictly as `T`, encodes it again, and compares.
        fn round_trip<T: ::serde::de::DeserializeOwned + ::serde::Serialize>(source: &str, example: &str) {
            let expected: ::serde_json::Value = match ::serde_json::from_str(example) {
                Ok(value) => value,
                Err(e) => panic!(#not_json),
            };
            let decoded: T = match #krate::runtime::decode::decode_json(example.as_bytes(), true) {
                Ok(value) => value,
                Err(e) => panic!(#mismatch),
            };
            // Encoded as it goes on the wire (text), then read back: an `f32`
            // field sends `2.34`, not the `f64` widening of it.
            let encoded: ::serde_json::Value = match ::serde_json::to_string(&decoded)
                .and_then(|text| ::serde_json::from_str(&text))
            {
                Ok(value) => value,
                Err(e) => panic!(#no_encode),
            };
            let same = #krate::runtime::decode::same_json(&encoded, &expected);
            assert!(same, #changed);
        }

        #(#tests)*
    })
}
