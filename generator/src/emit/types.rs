//! Named types → the `types` module.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

use super::constructors::{constructors, derives_default};
use super::docs::{doc_attrs, doc_text, inner_attrs, summary, text_attrs, with_constraints};
use super::rust_type::{ident, TypeRenderer};
use super::validate::Checks;
use crate::ir::{Api, Field, StringEnum, Struct, TypeDef, TypeKind, TypeRef, Union};

/// The `types` module.
pub fn types_module(api: &Api) -> TokenStream {
    let mut module = types_module_head(api);
    module.extend(types_items(api, 0..api.types.len()));
    module
}

/// The `types` module's inner docs and attributes, before its items.
pub fn types_module_head(api: &Api) -> TokenStream {
    let docs = inner_attrs(&format!(
        "Types of the {} API, from the spec's schemas.",
        super::plain_title(api)
    ));
    let allow = super::allow_own_deprecated(api);
    quote! {
        #docs
        #allow
        // Fields the spec does not describe get no doc rather than one that
        // repeats their name; types nest as the spec nests them (a map of
        // maps of lists), and naming each level would invent names.
        #![allow(missing_docs, clippy::type_complexity)]
    }
}

/// The items of the types in `range` (of `api.types`), in order: the module
/// is emitted in parts that are formatted side by side.
pub fn types_items(api: &Api, range: std::ops::Range<usize>) -> TokenStream {
    let emitter = TypesEmitter {
        types: TypeRenderer::local(api),
        checks: Checks::new(api),
    };
    api.types[range]
        .iter()
        .map(|def| emitter.type_def(def))
        .collect()
}

/// The doc of a type the spec does not document: where its schema is. A
/// whole request body, response or parameter says whose; else the last
/// segment of its pointer that names something (not `anyOf/0`).
fn origin(pointer: &str, name: &str) -> String {
    let segments: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect();
    let mut segments: Vec<&str> = segments.iter().map(String::as_str).collect();
    // A schema of another file sits in the bundle under that file's key;
    // within the file, its place reads as in a spec of its own.
    if segments.first() == Some(&crate::load::EXTERNAL_KEY) && segments.len() > 2 {
        segments.drain(..2);
    }
    let whole = |rest: &[&str]| matches!(rest, ["content", _, "schema"] | ["schema"]);
    match segments.as_slice() {
        ["paths", path, method, place, rest @ ..] => {
            let operation = format!("`{} {}`", method.to_uppercase(), path.replace('`', "'"));
            match (*place, rest) {
                ("requestBody", rest) if whole(rest) => {
                    return format!("The request body of {operation}.")
                }
                ("responses", [status, rest @ ..]) if whole(rest) => {
                    return format!("The `{status}` response of {operation}.")
                }
                ("parameters", [_, rest @ ..]) if whole(rest) => {
                    return format!("A parameter of {operation}.")
                }
                _ => {}
            }
        }
        ["components", "requestBodies", body, rest @ ..] if whole(rest) => {
            return format!("The request body `{body}`.")
        }
        ["components", "responses", response, rest @ ..] if whole(rest) => {
            return format!("The response `{response}`.")
        }
        _ => {}
    }
    let named = crate::source::naming_segment(pointer)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .unwrap_or_else(|| name.to_owned());
    format!("`{}` from the spec.", named.replace('`', "'"))
}

struct TypesEmitter<'a> {
    types: TypeRenderer<'a>,
    checks: Checks<'a>,
}

impl TypesEmitter<'_> {
    fn type_def(&self, def: &TypeDef) -> TokenStream {
        let docs = doc_attrs(&def.docs, &origin(&def.source, &def.name));
        let name = ident(&def.name);
        let deprecated = def.docs.deprecated.then(|| quote!(#[deprecated]));
        if let Some(path) = &def.replacement {
            return replaced(&name, path, docs, deprecated);
        }
        let extra = &def.derives;
        let body = match &def.kind {
            TypeKind::Struct(s) => self.structure(&name, s, extra),
            TypeKind::Enum(e) => string_enum(&name, e, extra),
            TypeKind::Union(u) => self.union(&name, u, extra),
            TypeKind::Alias(ty) => {
                let ty = self.types.render(ty);
                quote! { pub type #name = #ty; }
            }
            TypeKind::Newtype(ty) => {
                let ty = self.types.render(ty);
                let derives = with_extra(
                    vec![
                        quote!(Debug),
                        quote!(Clone),
                        quote!(PartialEq),
                        quote!(::serde::Serialize),
                        quote!(::serde::Deserialize),
                    ],
                    extra,
                );
                quote! {
                    #[derive(#(#derives),*)]
                    #[serde(transparent)]
                    pub struct #name(pub #ty);
                }
            }
        };
        let validate = def.validates.then(|| self.validate_impl(&name, &def.kind));
        let message = def.error_body.then(|| error_message_impl(&name));
        quote! { #docs #deprecated #body #validate #message }
    }

    fn structure(&self, name: &proc_macro2::Ident, s: &Struct, derive: &[String]) -> TokenStream {
        // A struct that flattens a union's fields keeps the derived serde
        // impls (which buffer the object for the union); every other struct
        // is written and read by the runtime's `record!`.
        let derived = s.fields.iter().any(|f| f.flatten);
        let fields = s.fields.iter().map(|f| self.field(f, derived));
        let extra = s.additional.as_ref().map(|ty| {
            let ty = self.types.render(ty);
            let extra = ident(&s.additional_name);
            let flatten = derived.then(|| quote!(#[serde(flatten)]));
            quote! {
                /// Properties beyond those the schema names.
                #flatten
                pub #extra: ::std::collections::BTreeMap<String, #ty>,
            }
        });
        let secret = s.fields.iter().any(|f| f.secret);
        let mut derives = Vec::new();
        if !secret {
            derives.push(quote!(Debug));
        }
        derives.extend([quote!(Clone), quote!(PartialEq)]);
        if derives_default(s) {
            derives.push(quote!(Default));
        }
        let serde = if derived {
            derives.extend([quote!(::serde::Serialize), quote!(::serde::Deserialize)]);
            TokenStream::new()
        } else {
            super::record::record_impls(name, s)
        };
        // A secret struct's `Debug` is written by hand (redacted).
        let derives = with_extra(derives, derive)
            .into_iter()
            .filter(|d| !(secret && d.to_string() == "Debug"))
            .collect::<Vec<_>>();
        let debug = secret.then(|| redacting_debug(name, s));
        let constructors = constructors(&self.types, name, s);
        quote! {
            #[derive(#(#derives),*)]
            pub struct #name {
                #(#fields)*
                #extra
            }

            #serde
            #debug
            #constructors
        }
    }

    /// The spec's words for a field, else the first line of its type's;
    /// then what the client checks. No doc at all when there is nothing to
    /// say (repeating the name would not help).
    fn field_docs(&self, f: &Field) -> TokenStream {
        let mut docs = f.docs.clone();
        let ty = match &f.ty {
            TypeRef::Nullable(inner) | TypeRef::Boxed(inner) => inner,
            ty => ty,
        };
        if docs.title.is_none() && docs.description.is_none() {
            docs.title = match ty {
                TypeRef::Named(id) => summary(&self.types.api().types[*id].docs),
                _ => None,
            };
        }
        let counted = if is_list(self.types.api(), ty) {
            "items"
        } else {
            "properties"
        };
        text_attrs(&with_constraints(
            doc_text(&docs, ""),
            &f.constraints,
            counted,
        ))
    }

    /// A field, with its serde attributes when the struct derives serde
    /// (`record!` has the wire names and which fields are optional itself).
    fn field(&self, f: &Field, derived: bool) -> TokenStream {
        let name = ident(&f.name);
        if f.flatten {
            let ty = self.types.render(&f.ty);
            // Named from the type as it is now: merging copies and dropping
            // unused parts may have renamed the one lowering saw.
            let doc = match flattened_name(self.types.api(), &f.ty) {
                Some(name) => format!(" The properties of [`{name}`], beside the others."),
                None => " Properties beside the others.".to_owned(),
            };
            return quote! { #[doc = #doc] #[serde(flatten)] pub #name: #ty, };
        }
        let docs = self.field_docs(f);
        let rename = (derived && f.name != f.wire).then(|| {
            let wire = &f.wire;
            quote!(#[serde(rename = #wire)])
        });
        let ty = self.types.render(&f.ty);
        let (serde, ty) = match (f.optional, matches!(f.ty, TypeRef::Nullable(_))) {
            (false, _) => (TokenStream::new(), ty),
            (true, _) if !derived => (TokenStream::new(), quote!(Option<#ty>)),
            (true, false) => (
                quote!(#[serde(default, skip_serializing_if = "Option::is_none")]),
                quote!(Option<#ty>),
            ),
            // Optional and nullable: `None` leaves the field out, `Some(None)` sends `null`.
            (true, true) => (
                quote!(#[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "super::runtime::nullable::deserialize")]),
                quote!(Option<#ty>),
            ),
        };
        quote! { #docs #rename #serde pub #name: #ty, }
    }

    fn union(&self, name: &proc_macro2::Ident, u: &Union, extra: &[String]) -> TokenStream {
        let variants = u.variants.iter().map(|v| {
            let docs = doc_attrs(&v.docs, &format!("The `{}` variant.", v.name));
            let variant = ident(&v.name);
            let ty = self.types.render(&v.ty);
            quote! { #docs #variant(#ty), }
        });
        let plain = vec![quote!(Debug), quote!(Clone), quote!(PartialEq)];
        let Some(tag) = &u.tag else {
            let serde = [quote!(::serde::Serialize), quote!(::serde::Deserialize)];
            let derives = with_extra(plain.into_iter().chain(serde).collect(), extra);
            return quote! {
                #[derive(#(#derives),*)]
                #[allow(clippy::large_enum_variant)]
                #[serde(untagged)]
                pub enum #name {
                    #(#variants)*
                }
            };
        };
        let unknown_doc = format!(
            " A variant this client does not know yet (a new `{tag}`); the object as received."
        );
        // With a default variant, every object has a variant to go to.
        let unknown = (!u.variants.iter().any(|v| v.default)).then(|| {
            quote! {
                #[doc = #unknown_doc]
                Unknown(::serde_json::Value),
            }
        });
        let tagged_impls = tagged_union_impls(name, tag, u);
        let derives = with_extra(plain, extra);
        quote! {
            #[derive(#(#derives),*)]
            #[allow(clippy::large_enum_variant)]
            #[non_exhaustive]
            pub enum #name {
                #(#variants)*
                #unknown
            }

            #tagged_impls
        }
    }

    fn validate_impl(&self, name: &proc_macro2::Ident, kind: &TypeKind) -> TokenStream {
        let body = match kind {
            TypeKind::Struct(s) => {
                let checks = s.fields.iter().map(|f| {
                    let field = ident(&f.name);
                    let wire = format!("{{}}.{}", f.wire.replace('{', "{{").replace('}', "}}"));
                    // An optional field is an `Option` around its type, nullable or not.
                    let ty = if f.optional {
                        TypeRef::Nullable(Box::new(f.ty.clone()))
                    } else {
                        f.ty.clone()
                    };
                    self.checks.check(
                        &ty,
                        &f.constraints,
                        quote!(&self.#field),
                        quote!(&format!(#wire, path)),
                    )
                });
                let alternatives = required_alternatives(s);
                quote! { #(#checks)* #alternatives }
            }
            TypeKind::Union(u) => {
                let arms = u.variants.iter().map(|v| {
                    let variant = ident(&v.name);
                    let check = self
                        .checks
                        .check_bound(&v.ty, &Default::default(), quote!(path));
                    if check.is_empty() {
                        quote! { Self::#variant(_) => {} }
                    } else {
                        quote! { Self::#variant(value) => { #check } }
                    }
                });
                let unknown = (u.tag.is_some() && !u.variants.iter().any(|v| v.default))
                    .then(|| quote!(Self::Unknown(_) => {}));
                quote! { match self { #(#arms)* #unknown } }
            }
            TypeKind::Newtype(ty) => {
                self.checks
                    .check(ty, &Default::default(), quote!(&self.0), quote!(path))
            }
            _ => TokenStream::new(),
        };
        // Constraints on a type that has nothing to check (`maxLength` on a
        // UUID) leave the body empty: then the arguments go unused.
        let (path, out) = if body.is_empty() {
            (quote!(_path), quote!(_out))
        } else {
            (quote!(path), quote!(out))
        };
        quote! {
            impl super::runtime::validate::Validate for #name {
                fn validate_into(&self, #path: &str, #out: &mut Vec<super::runtime::error::Violation>) {
                    #body
                }
            }
        }
    }
}

/// The generated derives and the user's extra ones (settings, checked in
/// lowering), each once: an extra one the type derives already is left out.
fn with_extra(mut derives: Vec<TokenStream>, extra: &[String]) -> Vec<TokenStream> {
    let known: Vec<String> = derives
        .iter()
        .map(|d| last_segment(&d.to_string()))
        .collect();
    for path in extra {
        if known.contains(&last_segment(path)) {
            continue;
        }
        // Checked to be a Rust path (`lower/customize.rs`), so it parses.
        if let Ok(tokens) = path.parse::<TokenStream>() {
            derives.push(tokens);
        }
    }
    derives
}

/// `Serialize` of `:: serde :: Serialize` (token text) or `serde::Serialize`.
fn last_segment(path: &str) -> String {
    path.rsplit("::").next().unwrap_or(path).trim().to_owned()
}

/// A schema replaced by a type of the user's: an alias of it, so that the
/// name still reads and every use refers to the user's type.
fn replaced(
    name: &proc_macro2::Ident,
    path: &str,
    docs: TokenStream,
    deprecated: Option<TokenStream>,
) -> TokenStream {
    // Checked to be a Rust path (`lower/customize.rs`); a crate name gets
    // `::` so that no module of the client can shadow it.
    let rooted = ["crate::", "super::", "self::", "::"]
        .iter()
        .any(|p| path.starts_with(p));
    let path = if rooted {
        path.to_owned()
    } else {
        format!("::{path}")
    };
    let ty: TokenStream = path.parse().unwrap_or_default();
    let note = format!(" Replaced by `{path}` (the `replace` setting).");
    quote! {
        #docs
        #[doc = ""]
        #[doc = #note]
        #deprecated
        pub type #name = #ty;
    }
}

/// A string enum that keeps values it does not know in `Unknown`.
fn string_enum(name: &proc_macro2::Ident, e: &StringEnum, extra: &[String]) -> TokenStream {
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
    let wires: Vec<_> = e.variants.iter().map(|v| v.wire.as_str()).collect();
    let docs = wires.iter().map(|w| format!(" `{}`", w.replace('`', "'")));
    let derives = with_extra(
        [
            "Debug",
            "Clone",
            "PartialEq",
            "Eq",
            "Hash",
            "PartialOrd",
            "Ord",
        ]
        .map(|d| ident(d).into_token_stream())
        .to_vec(),
        extra,
    );
    quote! {
        #[derive(#(#derives),*)]
        #[non_exhaustive]
        pub enum #name {
            #( #[doc = #docs] #variants, )*
            /// A value this client does not know yet.
            Unknown(String),
        }

        super::runtime::enums::open_enum!(#name { #( #variants => #wires ),* });
    }
}

/// `Serialize` and `Deserialize` of an internally tagged union: the tag picks
/// the variant, which decodes the whole object (see the runtime's `union`).
/// Objects whose tag is missing or unlisted go to the default variant when
/// there is one (sent as it is, tag field and all), else to `Unknown` (an
/// unlisted tag) or fail (no tag).
fn tagged_union_impls(name: &proc_macro2::Ident, tag: &str, u: &Union) -> TokenStream {
    let listed: Vec<_> = u.variants.iter().filter(|v| !v.default).collect();
    let variants: Vec<_> = listed.iter().map(|v| ident(&v.name)).collect();
    let values: Vec<_> = listed
        .iter()
        .map(|v| v.tag_value.clone().unwrap_or_default())
        .collect();
    let (serialize_rest, deserialize_rest) = match u.variants.iter().find(|v| v.default) {
        Some(default) => {
            let default = ident(&default.name);
            (
                quote!(Self::#default(value) => ::serde::Serialize::serialize(value, serializer),),
                quote!(_ => super::runtime::union::variant(value).map(Self::#default),),
            )
        }
        None => (
            quote!(Self::Unknown(value) => ::serde::Serialize::serialize(value, serializer),),
            quote! {
                Some(_) => Ok(Self::Unknown(value)),
                None => Err(super::runtime::union::missing_tag(#tag)),
            },
        ),
    };
    quote! {
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #( Self::#variants(value) => super::runtime::union::serialize_tagged(serializer, #tag, #values, value), )*
                    #serialize_rest
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                match super::runtime::union::tag(&value, #tag) {
                    #( Some(#values) => super::runtime::union::variant(value).map(Self::#variants), )*
                    #deserialize_rest
                }
            }
        }
    }
}

/// `Debug` that prints `<redacted>` for secret fields (tokens, passwords).
fn redacting_debug(name: &proc_macro2::Ident, s: &Struct) -> TokenStream {
    let label = name.to_string();
    let fields = s.fields.iter().map(|f| {
        let field = ident(&f.name);
        let label = &f.name;
        if f.secret {
            quote!(.field(#label, &super::runtime::response::Redacted))
        } else {
            quote!(.field(#label, &self.#field))
        }
    });
    let extra = s.additional.as_ref().map(|_| {
        let extra = ident(&s.additional_name);
        let label = &s.additional_name;
        quote!(.field(#label, &self.#extra))
    });
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#label) #(#fields)* #extra .finish()
            }
        }
    }
}

/// `message()` on an error body type: a readable message whatever its shape.
fn error_message_impl(name: &proc_macro2::Ident) -> TokenStream {
    quote! {
        impl #name {
            /// A readable message from this error body: `detail` as text or as
            /// validation items (`loc: msg` lines), else `message`, `error` or `title`.
            pub fn message(&self) -> Option<String> {
                let value = ::serde_json::to_value(self).ok()?;
                super::runtime::error::error_message(&value)
            }
        }
    }
}

/// Whether `ty` is a list, through names (`Tags` for `Vec<String>`, a
/// recursive list's newtype): what `minItems`/`maxItems` count are items.
fn is_list(api: &Api, ty: &TypeRef) -> bool {
    let mut ty = ty;
    // Bounded: aliases may name each other in a broken spec.
    for _ in 0..16 {
        ty = match ty {
            TypeRef::Array(_) | TypeRef::Tuple(_) => return true,
            TypeRef::Nullable(inner) | TypeRef::Boxed(inner) => inner,
            TypeRef::Named(id) => match &api.types[*id].kind {
                TypeKind::Alias(inner) | TypeKind::Newtype(inner) => inner,
                _ => return false,
            },
            _ => return false,
        };
    }
    false
}

/// The name of the type a flattened field holds.
fn flattened_name<'a>(api: &'a Api, ty: &TypeRef) -> Option<&'a str> {
    match ty {
        TypeRef::Named(id) => Some(&api.types[*id].name),
        TypeRef::Nullable(inner) | TypeRef::Boxed(inner) => flattened_name(api, inner),
        _ => None,
    }
}

/// The check that at least one alternative of fields is set: each
/// alternative is its wire names and whether they are all set now.
fn required_alternatives(s: &Struct) -> TokenStream {
    if s.required_alternatives.is_empty() {
        return TokenStream::new();
    }
    let alternatives = s.required_alternatives.iter().map(|names| {
        // Required fields are always there, so they leave no test.
        let unsure = names
            .iter()
            .filter(|wire| !s.fields.iter().any(|f| f.wire == **wire && !f.optional));
        let set = unsure.map(|wire| match s.fields.iter().find(|f| f.wire == *wire) {
            Some(f) => {
                let field = ident(&f.name);
                quote!(self.#field.is_some())
            }
            // A name with no field is in the extra map.
            None => {
                let extra = ident(&s.additional_name);
                match s.additional {
                    Some(_) => quote!(self.#extra.contains_key(#wire)),
                    None => quote!(false),
                }
            }
        });
        // Lowering leaves out alternatives that always hold (all required).
        let set = set
            .into_iter()
            .reduce(|all, one| quote!(#all && #one))
            .unwrap_or_else(|| quote!(true));
        quote!((&[#(#names),*], #set))
    });
    quote! {
        super::runtime::validate::one_alternative_set(&[#(#alternatives),*], path, out);
    }
}

#[cfg(test)]
mod tests {
    use super::origin;

    /// An undocumented type says where its schema is, in the words of the
    /// file that holds it.
    #[test]
    fn an_undocumented_type_is_documented_by_its_place() {
        let cases = [
            (
                "/paths/~1users~1{id}/post/requestBody/content/application~1json/schema",
                "The request body of `POST /users/{id}`.",
            ),
            (
                "/paths/~1a/get/responses/404/content/application~1json/schema",
                "The `404` response of `GET /a`.",
            ),
            ("/paths/~1a/get/parameters/0/schema", "A parameter of `GET /a`."),
            (
                "/components/requestBodies/Upload/content/multipart~1form-data/schema",
                "The request body `Upload`.",
            ),
            (
                "/x-oas-gen-external/0/components/responses/Problem/content/application~1json/schema",
                "The response `Problem`.",
            ),
            (
                "/paths/~1a/get/responses/200/content/application~1json/schema/properties/a~1b",
                "`a/b` from the spec.",
            ),
            ("/paths/~1a`b/get/parameters/0/schema", "A parameter of `GET /a'b`."),
        ];
        for (pointer, doc) in cases {
            assert_eq!(origin(pointer, "Fallback"), doc, "{pointer}");
        }
    }
}
