//! Wire tests (`tests/wire.rs`): for every operation, one call with only
//! the required inputs and one with every input set, sent to a mock server
//! that validates each request against the spec (Prism, started by
//! `scripts/wire.sh`), and asserted to get the documented success, decoded.
//! They need the mock, so they are `#[ignore]`d with the reason and run with
//! `--ignored` and `OAS_GEN_MOCK_URL`; without it they fail, never pass.
//! Beside them, one test per operation with a text path parameter checks
//! that an empty one is refused before anything is sent (no mock needed).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust_type::{ident, TypeRenderer};
use super::wire_values::{Fill, Values};
use crate::contract::MOCK_URL_ENV;
use crate::ir::{Api, Media, Operation, Param, ParamLocation, SchemeKind, TypeRef};

/// The test file; the client is at `client_path` (`my_crate`).
pub fn wire_tests_file(api: &Api, client_path: &str) -> Option<TokenStream> {
    if api.operations.is_empty() {
        return None;
    }
    let segments = client_path.split("::").map(ident);
    let krate = quote!(#(#segments)::*);
    let emitter = WireTests {
        api,
        types: TypeRenderer::outside(api, krate.clone()),
        krate: krate.clone(),
    };
    let tests = api.operations.iter().map(|op| emitter.tests(op));
    let credentials = emitter.credentials();
    let ignored = ignore_reason();
    let unset =
        format!("{MOCK_URL_ENV} is not set: these tests need a mock server (scripts/wire.sh)");
    Some(quote! {
        #![allow(deprecated, unused_imports)]

        use #krate::{Client, ClientBuilder};

        const IGNORED: &str = #ignored;

        /// The client, pointed at the mock, with a credential for every
        /// scheme (the mock checks they are there, not what they are).
        fn client_at(url: &str) -> Client {
            // A mock answers at once or not at all: no retries, a short wait.
            let builder: ClientBuilder = Client::builder()
                .base_url(url)
                .retry_policy(#krate::RetryPolicy::none())
                .timeout(::std::time::Duration::from_secs(20));
            #credentials
            builder.build().expect("the client builds")
        }

        fn mock() -> Client {
            let url = std::env::var(#MOCK_URL_ENV).expect(#unset);
            client_at(&url)
        }

        /// A value from its JSON, as the spec's schema admits it (unused
        /// when no operation takes an input).
        #[allow(dead_code)]
        fn value<T: ::serde::de::DeserializeOwned>(what: &str, json: &str) -> T {
            match ::serde_json::from_str(json) {
                Ok(value) => value,
                Err(e) => panic!("the wire test's value for {what} does not decode: {e}\n{json}"),
            }
        }

        #[test]
        fn the_mock_tests_say_why_they_are_ignored() {
            assert!(IGNORED.contains(#MOCK_URL_ENV));
        }

        #(#tests)*
    })
}

/// The operation's name at the start of a test's: without the `_` that
/// keeps a keyword (`self_`) from being one, which would double it.
fn test_stem(op: &Operation) -> &str {
    op.name.trim_end_matches('_')
}

fn ignore_reason() -> String {
    format!("needs a mock server: set {MOCK_URL_ENV} (scripts/wire.sh starts Prism)")
}

struct WireTests<'a> {
    api: &'a Api,
    types: TypeRenderer<'a>,
    krate: TokenStream,
}

impl WireTests<'_> {
    /// `let builder = builder.method("test");` per scheme.
    fn credentials(&self) -> TokenStream {
        let steps = self.api.security.schemes.iter().map(|scheme| {
            let method = ident(&scheme.method);
            match scheme.kind {
                SchemeKind::Basic => quote!(let builder = builder.#method("user", "password");),
                _ => quote!(let builder = builder.#method("wire-test-key");),
            }
        });
        quote!(#(#steps)*)
    }

    fn tests(&self, op: &Operation) -> TokenStream {
        let required = self.call_test(op, Fill::Required, "required");
        let every = self.call_test(op, Fill::Every, "every_input");
        let empty = self.empty_path_test(op);
        quote!(#required #every #empty)
    }

    /// A call against the mock, which must give the documented success;
    /// a stream is read to its end, each item decoded.
    fn call_test(&self, op: &Operation, fill: Fill, suffix: &str) -> TokenStream {
        let whole = match &op.stream {
            Some(stream) if stream.only => None,
            _ => Some(self.call(op, &op.name, false, fill, suffix)),
        };
        let streamed = op.stream.as_ref().map(|stream| {
            let suffix = match stream.only {
                true => suffix.to_owned(),
                false => format!("{suffix}_streamed"),
            };
            self.call(op, &stream.method, true, fill, &suffix)
        });
        quote!(#whole #streamed)
    }

    fn call(
        &self,
        op: &Operation,
        method: &str,
        stream: bool,
        fill: Fill,
        suffix: &str,
    ) -> TokenStream {
        let name = format_ident!("{}_with_{}", test_stem(op), suffix);
        let method = ident(method);
        let values = Values::new(self.api, fill);
        let (lets, args) = self.arguments(op, &values, fill, None);
        let label = format!("{} {} ({suffix})", op.method, op.path);
        let ignored = ignore_reason();
        let krate = &self.krate;
        // Without a documented 2xx, the documented outcome is one of the
        // statuses the spec lists (decoded into its variant).
        let documented_status = (!op.success_documented && !op.errors.is_empty())
            .then(|| quote!(Err(#krate::Error::Status(_)) => {}));
        let drain = stream.then(|| {
            quote! {
                let mut items = response.into_inner();
                while let Some(item) = items.next().await {
                    match item {
                        Ok(_) => {}
                        Err(e @ #krate::Error::Decode { .. }) => panic!("{}: NOT DECODED: {e}\n{e:?}", #label),
                        Err(e) => panic!("{}: STREAM FAILED: {e}\n{e:?}", #label),
                    }
                }
            }
        });
        quote! {
            #[tokio::test]
            #[ignore = #ignored]
            async fn #name() {
                let client = mock();
                #lets
                match client.#method(#args).await {
                    Ok(response) => {
                        assert!(response.status().is_success(), "{}: {}", #label, response.status());
                        #drain
                    }
                    #documented_status
                    Err(e @ #krate::Error::Decode { .. }) => panic!("{}: NOT DECODED: {e}\n{e:?}", #label),
                    Err(e) => panic!("{}: REJECTED: {e}\n{e:?}", #label),
                }
            }
        }
    }

    /// An empty text path parameter is refused before sending.
    fn empty_path_test(&self, op: &Operation) -> Option<TokenStream> {
        let empty = op
            .params
            .iter()
            .position(|p| p.location == ParamLocation::Path && p.ty == TypeRef::String)?;
        let name = format_ident!("{}_refuses_an_empty_path_parameter", test_stem(op));
        let method = ident(&op.name);
        let values = Values::new(self.api, Fill::Required);
        let (lets, args) = self.arguments(op, &values, Fill::Required, Some(empty));
        let krate = &self.krate;
        let wire = &op.params[empty].wire;
        Some(quote! {
            #[tokio::test]
            async fn #name() {
                // Nothing listens there: a request that went out would fail
                // as a transport error, not as an invalid request.
                let client = client_at("http://127.0.0.1:9");
                #lets
                match client.#method(#args).await {
                    Err(#krate::Error::InvalidRequest(invalid)) => {
                        assert!(invalid.violations.iter().any(|v| v.path == #wire), "{invalid}");
                    }
                    other => panic!("an empty `{}` was not refused: {other:?}", #wire),
                }
            }
        })
    }

    /// The `let`s that make the inputs, and the arguments that pass them;
    /// the path parameter at `empty` is the empty string.
    fn arguments(
        &self,
        op: &Operation,
        values: &Values<'_>,
        fill: Fill,
        empty: Option<usize>,
    ) -> (TokenStream, TokenStream) {
        let mut lets = Vec::new();
        let mut args = Vec::new();
        for (i, p) in op.params.iter().enumerate() {
            if p.location != ParamLocation::Path {
                continue;
            }
            let var = format_ident!("path_{}", i);
            let ty = self.types.render(&p.ty);
            let json = if empty == Some(i) {
                "\"\"".to_owned()
            } else {
                values.of(&p.ty, &p.constraints).to_string()
            };
            let what = &p.wire;
            lets.push(quote!(let #var: #ty = value(#what, #json);));
            args.push(self.pass(&var, &p.ty));
        }
        let extra: Vec<&Param> = op
            .params
            .iter()
            .filter(|p| p.location != ParamLocation::Path)
            .collect();
        if !extra.is_empty() {
            let params = ident(&op.params_name);
            let krate = &self.krate;
            let fields = extra.iter().map(|p| {
                let field = ident(&p.name);
                let ty = self.types.render(&p.ty);
                let ty = if p.required || matches!(p.ty, TypeRef::Nullable(_)) {
                    ty
                } else {
                    quote!(Option<#ty>)
                };
                let json = if p.required || fill == Fill::Every {
                    let value = values.of(&p.ty, &p.constraints);
                    // An object without properties sends nothing at all in
                    // the query: a required one gets its optional fields.
                    if value == ::serde_json::json!({}) {
                        Values::new(self.api, Fill::Every).of(&p.ty, &p.constraints)
                    } else {
                        value
                    }
                    .to_string()
                } else {
                    "null".to_owned()
                };
                let what = &p.wire;
                quote!(#field: value::<#ty>(#what, #json),)
            });
            lets.push(quote! {
                let params = #krate::operations::#params { #(#fields)* };
            });
            args.push(quote!(&params));
        }
        if let Some(body) = &op.body {
            if !body.required && fill == Fill::Required {
                args.push(match body.media {
                    Media::Binary | Media::Empty => quote!(None::<Vec<u8>>),
                    _ => quote!(None),
                });
                return (quote!(#(#lets)*), quote!(#(#args),*));
            }
            let arg = match body.media {
                // Request bodies are never streams (lowering sends them as
                // text or bytes).
                Media::Binary | Media::Empty | Media::EventStream | Media::JsonLines => {
                    quote!(b"wire test".to_vec())
                }
                Media::Text => {
                    lets.push(quote!(let body = String::from("wire test");));
                    quote!(&body)
                }
                Media::Json | Media::Form | Media::Multipart => {
                    let ty = self.types.render(&body.ty);
                    let json = values.of(&body.ty, &Default::default()).to_string();
                    lets.push(quote!(let body: #ty = value("the body", #json);));
                    self.pass(&format_ident!("body"), &body.ty)
                }
            };
            args.push(if body.required {
                arg
            } else {
                quote!(Some(#arg))
            });
        }
        (quote!(#(#lets)*), quote!(#(#args),*))
    }

    /// A value as the method takes it: by value when `Copy`, else borrowed.
    fn pass(&self, var: &proc_macro2::Ident, ty: &TypeRef) -> TokenStream {
        if self.types.is_copy(ty) {
            quote!(#var)
        } else {
            quote!(&#var)
        }
    }
}
