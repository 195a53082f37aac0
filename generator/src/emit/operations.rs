//! Operations → the `operations` module: one async method on `Client` each,
//! its error enum (one variant per documented status), and its parameters.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::constructors::{constructors, derives_default};
use super::docs::{doc_text, inner_attrs, sanitize, text_attrs, with_constraints};
use super::rust_type::{ident, TypeRenderer};
use super::validate::Checks;
use crate::ir::{
    Api, Constraints, Field, Media, Operation, OperationGroup, Param, ParamLocation, ParamStyle,
    PathSegment, RequestBody, Response, StatusMatch, StreamKind, Streaming, Struct, TypeKind,
    TypeRef,
};

/// The `operations` module.
pub fn operations_module(api: &Api) -> TokenStream {
    let emitter = OperationEmitter {
        types: TypeRenderer::with_prefix(api, quote!(super::types::)),
        checks: Checks::new(api),
    };
    let client = if api.operations.is_empty() {
        "`Client`"
    } else {
        "[`Client`]"
    };
    let docs = inner_attrs(&format!(
        "Operations of the {} API: methods on {client}, and the documented errors of each.",
        super::plain_title(api)
    ));
    let items = api.operations.iter().map(|op| emitter.support_items(op));
    let imports = (!api.operations.is_empty()).then(|| {
        quote! {
            use super::runtime::client::Client;
            use super::runtime::error::Error;
            use super::runtime::response::ResponseValue;
        }
    });
    let style = api
        .operations
        .iter()
        .any(|op| !op.params.is_empty())
        .then(|| {
            quote!(
                use super::runtime::style::Style;
            )
        });
    let client_impls = api
        .groups
        .iter()
        .map(|group| emitter.group_impl(api, group));
    let allow = super::allow_own_deprecated(api);
    quote! {
        #docs
        // Errors keep the whole response (status, headers, body) for the
        // caller; they are the cold path, so their size is not worth a box.
        // Parameters nest as the spec nests them.
        #![allow(clippy::result_large_err, clippy::large_enum_variant, clippy::type_complexity)]
        #allow
        #imports
        #style
        #(#items)*
        #(#client_impls)*
    }
}

struct OperationEmitter<'a> {
    types: TypeRenderer<'a>,
    checks: Checks<'a>,
}

impl OperationEmitter<'_> {
    /// One `impl Client` block per tag, headed by the tag and its
    /// description, so rustdoc lists the methods as the spec groups them.
    fn group_impl(&self, api: &Api, group: &OperationGroup) -> TokenStream {
        let methods = group
            .operations
            .iter()
            .map(|&i| self.method(&api.operations[i]));
        let docs = group.tag.as_ref().map(|tag| {
            let mut text = format!("# {}", sanitize(tag).replace('\n', " "));
            if let Some(description) = group.description.as_deref().map(str::trim) {
                text.push_str(&format!("\n\n{}", sanitize(description)));
            }
            text_attrs(&text)
        });
        quote! { #docs impl Client { #(#methods)* } }
    }

    /// The error enum and parameter struct of one operation.
    fn support_items(&self, op: &Operation) -> TokenStream {
        let error_enum = self.error_enum(op);
        let params = self.params_struct(op);
        quote! { #error_enum #params }
    }

    fn payload(&self, response: &Response) -> TokenStream {
        match (response.media, &response.ty) {
            (Media::Json | Media::EventStream, Some(ty)) => self.types.render(ty),
            (Media::Text, _) => quote!(String),
            (Media::Binary, _) => quote!(::bytes::Bytes),
            _ => quote!(()),
        }
    }

    fn error_enum(&self, op: &Operation) -> TokenStream {
        let name = ident(&op.error_name);
        let doc = text_attrs(&format!(
            "Documented error responses of [`Client::{}`].",
            op.name
        ));
        let variants: Vec<Ident> = op.errors.iter().map(|e| ident(&e.name)).collect();
        let decls = op.errors.iter().map(|e| {
            let variant = ident(&e.name);
            let payload = self.payload(e);
            let docs = text_attrs(&format!(
                "{}: {}",
                status_label(e.statuses[0]),
                sanitize(e.docs.description.as_deref().unwrap_or("error response."))
            ));
            match (e.media, &e.ty) {
                // A JSON body may not be the documented one (a proxy's HTML
                // page): the variant keeps it raw then.
                (Media::Json | Media::EventStream, Some(_)) => quote! {
                    #docs #variant(super::runtime::response::ErrorResponseValue<#payload>),
                },
                _ => quote! { #docs #variant(ResponseValue<#payload>), },
            }
        });
        let response = if variants.is_empty() {
            quote!(match *self {})
        } else {
            quote!(match self { #( Self::#variants(r) => r, )* })
        };
        quote! {
            #doc
            #[derive(Debug)]
            #[non_exhaustive]
            pub enum #name {
                #(#decls)*
            }

            impl super::runtime::error::StatusError for #name {
                fn response(&self) -> &dyn super::runtime::error::ErrorResponse { #response }
            }
        }
    }

    fn extra_params<'o>(&self, op: &'o Operation) -> Vec<&'o Param> {
        op.params
            .iter()
            .filter(|p| p.location != ParamLocation::Path)
            .collect()
    }

    fn params_struct(&self, op: &Operation) -> TokenStream {
        let params = self.extra_params(op);
        if params.is_empty() {
            return TokenStream::new();
        }
        let name = ident(&op.params_name);
        let doc = text_attrs(&format!(
            "Query, header and cookie parameters of [`Client::{}`].",
            op.name
        ));
        let as_struct = params_as_struct(&params);
        let default = derives_default(&as_struct).then(|| quote!(Default,));
        let fields = params.iter().map(|p| {
            let fallback = format!(
                "`{}` ({}).",
                p.wire.replace('`', "'"),
                location_name(p.location)
            );
            let counted = match p.ty {
                TypeRef::Array(_) => "items",
                _ => "properties",
            };
            let text = with_constraints(doc_text(&p.docs, &fallback), &p.constraints, counted);
            let docs = text_attrs(&text);
            let field = ident(&p.name);
            let ty = self.field_type(p);
            quote! { #docs pub #field: #ty, }
        });
        let constructors = constructors(&self.types, &name, &as_struct);
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, #default)]
            pub struct #name {
                #(#fields)*
            }

            #constructors
        }
    }

    fn field_type(&self, p: &Param) -> TokenStream {
        let ty = self.types.render(&p.ty);
        if p.required || matches!(p.ty, TypeRef::Nullable(_)) {
            ty
        } else {
            quote!(Option<#ty>)
        }
    }

    fn arg_type(&self, ty: &TypeRef) -> TokenStream {
        match ty {
            TypeRef::String => quote!(&str),
            TypeRef::Array(inner) => {
                let inner = self.types.render(inner);
                quote!(&[#inner])
            }
            ty if self.types.is_copy(ty) => self.types.render(ty),
            ty => {
                let ty = self.types.render(ty);
                quote!(&#ty)
            }
        }
    }

    /// The operation's methods: the one that reads the whole response
    /// (unless the success body is only a stream), the one that streams it
    /// (when it can be), and the one that pages through it (when it pages).
    fn method(&self, op: &Operation) -> TokenStream {
        let whole = match &op.stream {
            Some(stream) if stream.only => None,
            _ => Some(self.whole_method(op)),
        };
        let stream = op.stream.as_ref().map(|s| self.stream_method(op, s));
        let pages = super::paging::stream_method(&self.types, op);
        quote!(#whole #stream #pages)
    }

    fn whole_method(&self, op: &Operation) -> TokenStream {
        let name = ident(&op.name);
        let docs = self.method_docs(op, None);
        let hidden = op.hidden.then(|| quote!(#[doc(hidden)]));
        let deprecated = op.docs.deprecated.then(|| quote!(#[deprecated]));
        let args = self.arguments(op);
        let success = self.payload(&op.success);
        let error = ident(&op.error_name);
        let validation = self.validation(op);
        let path = self.path_expression(op);
        let request = self.request(op, None);
        let dispatch = self.dispatch(op);
        quote! {
            #docs
            #hidden
            #deprecated
            pub async fn #name(&self, #(#args),*) -> Result<ResponseValue<#success>, Error<#error>> {
                #validation
                #path
                #request
                let response = request.send().await?;
                #dispatch
            }
        }
    }

    /// The method that returns the success body as a stream of items.
    fn stream_method(&self, op: &Operation, stream: &Streaming) -> TokenStream {
        let name = ident(&stream.method);
        let docs = self.method_docs(op, Some(stream));
        let hidden = op.hidden.then(|| quote!(#[doc(hidden)]));
        let deprecated = op.docs.deprecated.then(|| quote!(#[deprecated]));
        let args = self.arguments(op);
        let error = ident(&op.error_name);
        let item = self.types.render(&stream.item);
        let text = stream.item == TypeRef::String;
        let tag = self.union_tag(&stream.item);
        let errors = self.reconnection_errors(op);
        let (stream_type, open) = match (stream.kind, text) {
            (StreamKind::Events, false) => (
                quote!(EventStream<#item, #error>),
                quote!(response.events::<#item, #error>(#tag, #errors)),
            ),
            (StreamKind::Events, true) => (
                quote!(EventStream<String, #error>),
                quote!(response.text_events::<#error>(#errors)),
            ),
            (StreamKind::Lines, false) => (
                quote!(JsonLines<#item, #error>),
                quote!(response.json_lines::<#item, #error>()),
            ),
            (StreamKind::Lines, true) => (
                quote!(JsonLines<String, #error>),
                quote!(response.text_lines::<#error>()),
            ),
            (StreamKind::Bytes, _) => (
                quote!(ByteStream<#error>),
                quote!(response.byte_stream::<#error>()),
            ),
        };
        let validation = self.validation(op);
        let path = self.path_expression(op);
        let request = self.request(op, Some(stream));
        let dispatch = self.stream_dispatch(op, &open);
        quote! {
            #docs
            #hidden
            #deprecated
            pub async fn #name(&self, #(#args),*) -> Result<ResponseValue<super::runtime::stream::#stream_type>, Error<#error>> {
                #validation
                #path
                #request
                let response = request.open().await?;
                #dispatch
            }
        }
    }

    /// The tag of a tagged union, which an event's name may stand for.
    fn union_tag(&self, ty: &TypeRef) -> TokenStream {
        let tag = match ty {
            TypeRef::Named(id) => match &self.types.api().types[*id].kind {
                TypeKind::Union(union) => union.tag.clone(),
                _ => None,
            },
            _ => None,
        };
        match tag {
            Some(tag) => quote!(Some(#tag)),
            None => quote!(None),
        }
    }

    fn method_docs(&self, op: &Operation, stream: Option<&Streaming>) -> TokenStream {
        let mut text = String::new();
        let summary = [op.docs.title.as_deref(), op.docs.description.as_deref()];
        let summary: Vec<&str> = summary
            .into_iter()
            .flatten()
            .filter(|s| !s.trim().is_empty())
            .collect();
        if summary.is_empty() {
            text.push_str(&format!("`{} {}`", op.method, op.path.replace('`', "'")));
        } else {
            text.push_str(&sanitize(&summary.join("\n\n")));
            text.push_str(&format!(
                "\n\n`{} {}`",
                op.method,
                op.path.replace('`', "'")
            ));
        }
        text.push_str(&argument_docs(op));
        if !crate::contract::is_idempotent(&op.method) {
            text.push_str(
                "\n\nThis request is not idempotent, so it is retried only when it never left \
                 (the connection failed) or the server refused it with `429` and `Retry-After`. \
                 When it may have reached the server and no answer came, the error is \
                 [`Error::OutcomeUnknown`]: it may have taken effect, so check (for instance \
                 by listing what it creates) before sending it again.",
            );
        }
        if let Some(stream) = stream {
            text.push_str(&stream_docs(op, stream));
        } else if let Some(stream) = op.stream.as_ref().filter(|s| s.switch.is_some()) {
            text.push_str(&format!(
                "\n\nSends `\"{}\": false` in the body, for one whole response; [`Client::{}`] \
                 streams it instead.",
                stream.switch.as_deref().unwrap_or_default(),
                stream.method
            ));
        }
        text.push_str("\n\n# Errors\n\n");
        text.push_str(&format!(
            "[`Error::Status`] with [`{}`] for a documented error status",
            op.error_name
        ));
        let labels: Vec<String> = op
            .errors
            .iter()
            .map(|e| status_label(e.statuses[0]))
            .collect();
        if !labels.is_empty() {
            text.push_str(&format!(" ({})", labels.join(", ")));
        }
        text.push_str("; otherwise [`Error::UnexpectedStatus`], [`Error::Decode`], [`Error::InvalidRequest`] (nothing sent), [`Error::Timeout`] or [`Error::Transport`]");
        if crate::contract::is_idempotent(&op.method) {
            text.push('.');
        } else {
            text.push_str(
                " (before it was sent), or [`Error::OutcomeUnknown`] when it may have reached \
                 the server and no answer came.",
            );
        }
        text_attrs(&text)
    }

    fn arguments(&self, op: &Operation) -> Vec<TokenStream> {
        let mut args: Vec<TokenStream> = op
            .params
            .iter()
            .filter(|p| p.location == ParamLocation::Path)
            .map(|p| {
                let name = ident(&p.name);
                let ty = self.arg_type(&p.ty);
                quote!(#name: #ty)
            })
            .collect();
        if !self.extra_params(op).is_empty() {
            let params = ident(&op.params_name);
            args.push(quote!(params: &#params));
        }
        if let Some(body) = &op.body {
            let ty = match body.media {
                Media::Json | Media::Form | Media::Multipart => self.arg_type(&body.ty),
                Media::Text => quote!(&str),
                _ => quote!(impl Into<super::runtime::upload::Upload>),
            };
            args.push(if body.required {
                quote!(body: #ty)
            } else {
                quote!(body: Option<#ty>)
            });
        }
        args
    }

    fn validation(&self, op: &Operation) -> TokenStream {
        let mut checks = Vec::new();
        for p in &op.params {
            let name = ident(&p.name);
            let (value, label) = match p.location {
                ParamLocation::Path if self.types.is_copy(&p.ty) => {
                    (quote!(&#name), p.wire.clone())
                }
                ParamLocation::Path => (quote!(#name), p.wire.clone()),
                _ => (quote!(&params.#name), format!("params.{}", p.wire)),
            };
            let ty = if p.location != ParamLocation::Path
                && !p.required
                && !matches!(p.ty, TypeRef::Nullable(_))
            {
                TypeRef::Nullable(Box::new(p.ty.clone()))
            } else {
                p.ty.clone()
            };
            checks.push(
                self.checks
                    .check(&ty, &p.constraints, value, quote!(#label)),
            );
        }
        if let Some(body) = op
            .body
            .as_ref()
            .filter(|b| matches!(b.media, Media::Json | Media::Form | Media::Multipart))
        {
            let ty = if body.required {
                body.ty.clone()
            } else {
                TypeRef::Nullable(Box::new(body.ty.clone()))
            };
            // The argument is `T` for `Copy` types and `&T` otherwise (inside
            // an `Option` when optional); the check wants `&T` in every case.
            let value = if self.types.is_copy(&body.ty) {
                quote!(&body)
            } else {
                quote!(body)
            };
            checks.push(
                self.checks
                    .check(&ty, &Constraints::default(), value, quote!("body")),
            );
        }
        checks.retain(|c| !c.is_empty());
        if checks.is_empty() {
            return TokenStream::new();
        }
        quote! {
            let mut violations = Vec::new();
            {
                let out = &mut violations;
                #(#checks)*
            }
            if !violations.is_empty() {
                return Err(Error::InvalidRequest(super::runtime::error::ValidationError { violations }));
            }
        }
    }

    /// The filled-in path: literal pieces and parameters in their style
    /// (encoded; an empty one is refused before anything is sent).
    fn path_expression(&self, op: &Operation) -> TokenStream {
        let pieces = op.template.iter().map(|segment| match segment {
            PathSegment::Literal(text) => quote!(#text),
            PathSegment::Param(index) => {
                let p = &op.params[*index];
                let name = ident(&p.name);
                let wire = &p.wire;
                let style = style_tokens(p.style);
                let explode = p.explode;
                quote!(&super::runtime::style::path_param(#wire, &#name, #style, #explode)?)
            }
        });
        let literal: Option<String> = op
            .template
            .iter()
            .map(|segment| match segment {
                PathSegment::Literal(text) => Some(text.as_str()),
                PathSegment::Param(_) => None,
            })
            .collect();
        match literal {
            Some(text) => quote!(let path = #text;),
            None => quote!(let path = &[#(#pieces),*].concat();),
        }
    }

    fn request(&self, op: &Operation, stream: Option<&Streaming>) -> TokenStream {
        let method = http_method(&op.method);
        let template = &op.path;
        let mut steps = vec![quote! {
            let request = self.request(#method, #template, path);
        }];
        if let Some(security) = &op.security {
            let alternatives = super::auth::alternatives(security);
            steps.push(quote! { let request = request.security(#alternatives); });
        }
        // An `Accept` the spec declares as a parameter is the caller's.
        let declared = op
            .params
            .iter()
            .any(|p| p.location == ParamLocation::Header && p.wire.eq_ignore_ascii_case("accept"));
        let accept = accept_header(op, stream);
        if !accept.is_empty() && !declared {
            steps.push(quote! { let request = request.accept(#accept); });
        }
        for p in self.extra_params(op) {
            steps.push(self.param_step(p));
        }
        if let Some(body) = &op.body {
            let switch = op.stream.as_ref().and_then(|s| s.switch.as_deref());
            let set = match (body.media, switch) {
                (Media::Json, Some(switch)) => {
                    let on = stream.is_some();
                    quote!(request.json_switched(body, #switch, #on)?)
                }
                (media, _) => self.body_step(body, media),
            };
            steps.push(if body.required {
                quote!(let request = #set;)
            } else {
                quote!(let request = match body { Some(body) => #set, None => request };)
            });
        }
        quote!(#(#steps)*)
    }

    /// Sets the request body.
    fn body_step(&self, body: &RequestBody, media: Media) -> TokenStream {
        let content_type = &body.content_type;
        match media {
            Media::Json => quote!(request.json(body)?),
            Media::Form => quote!(request.form(body)?),
            Media::Multipart => self.multipart_body(body),
            Media::Text => quote!(request.raw_body(body.as_bytes().to_vec(), #content_type)),
            _ => quote!(request.raw_body(body, #content_type)),
        }
    }

    /// A multipart body: one `form` step per field of the body's struct
    /// (files as file parts, anything else as values), then the extra
    /// properties, each with the content type the spec's `encoding` gives.
    fn multipart_body(&self, body: &RequestBody) -> TokenStream {
        let TypeRef::Named(id) = &body.ty else {
            return quote!(request);
        };
        let TypeKind::Struct(fields) = &self.types.api().types[*id].kind else {
            return quote!(request);
        };
        let part_type = |wire: &str| match body.part_types.iter().find(|(name, _)| name == wire) {
            Some((_, content_type)) => quote!(Some(#content_type)),
            None => quote!(None),
        };
        let steps = fields.fields.iter().filter(|f| !f.read_only).map(|field| {
            let name = ident(&field.name);
            let wire = &field.wire;
            let content_type = part_type(wire);
            if field.flatten {
                quote!(let form = form.fields(&body.#name);)
            } else if holds_files(&field.ty) {
                quote!(let form = form.file(#wire, &body.#name, #content_type);)
            } else {
                quote!(let form = form.value(#wire, &body.#name, #content_type);)
            }
        });
        let extra = fields.additional.as_ref().map(|_| {
            let extra = ident(&fields.additional_name);
            quote! {
                let form = body.#extra.iter().fold(form, |form, (name, value)| form.value(name, value, None));
            }
        });
        quote!({
            let form = super::runtime::multipart::Form::new();
            #(#steps)*
            #extra
            request.multipart(form)
        })
    }

    /// Adds a parameter in its style; a `None` serializes as `null`,
    /// which the runtime leaves out.
    fn param_step(&self, p: &Param) -> TokenStream {
        let value = ident(&p.name);
        let value = quote!(&params.#value);
        let wire = &p.wire;
        let explode = p.explode;
        match p.location {
            ParamLocation::Query => {
                let style = style_tokens(p.style);
                let allow_reserved = p.allow_reserved;
                quote!(let request = request.query_param(#wire, #value, #style, #explode, #allow_reserved);)
            }
            ParamLocation::Header => {
                quote!(let request = request.header_param(#wire, #value, #explode);)
            }
            ParamLocation::Cookie => {
                quote!(let request = request.cookie_param(#wire, #value, #explode);)
            }
            // Path parameters are in the path already.
            ParamLocation::Path => TokenStream::new(),
        }
    }

    fn dispatch(&self, op: &Operation) -> TokenStream {
        let codes = status_codes(op);
        let success_patterns: Vec<TokenStream> = op
            .success
            .statuses
            .iter()
            .map(|s| status_pattern(*s, &codes))
            .collect();
        let decode = match (op.success.media, &op.success.ty) {
            (Media::Json, Some(_)) => quote!(response.json()),
            (Media::Text, _) => quote!(response.text()),
            (Media::Binary, _) => quote!(response.bytes()),
            _ => quote!(response.empty()),
        };
        let mut arms = if op.success.by_status.is_empty() {
            vec![quote!(#(#success_patterns)|* => #decode,)]
        } else {
            self.success_by_status(op)
        };
        arms.extend(self.error_arms(op, &quote!(response)));
        quote! {
            match response.status_code() {
                #(#arms)*
            }
        }
    }

    /// One arm per documented error status, and one for any other status
    /// unless `default` is documented; `raw` is the whole response.
    fn error_arms(&self, op: &Operation, raw: &TokenStream) -> Vec<TokenStream> {
        let error = ident(&op.error_name);
        let codes = status_codes(op);
        let mut arms = Vec::new();
        let mut has_default = false;
        for e in &op.errors {
            let variant = ident(&e.name);
            let call = match (e.media, &e.ty) {
                (Media::Json, Some(_)) => quote!(#raw.error(#error::#variant)),
                (Media::EventStream, Some(_)) => quote!(#raw.event_error(#error::#variant)),
                (Media::Text, _) => quote!(#raw.text_error(#error::#variant)),
                (Media::Binary, _) => quote!(#raw.bytes_error(#error::#variant)),
                _ => quote!(#raw.empty_error(#error::#variant)),
            };
            has_default |= e.statuses[0] == StatusMatch::Default;
            let pattern = status_pattern(e.statuses[0], &codes);
            arms.push(quote!(#pattern => #call,));
        }
        if !has_default {
            arms.push(quote!(_ => #raw.unexpected(),));
        }
        arms
    }
}

impl OperationEmitter<'_> {
    /// A stream method's `match` on the status: a success opens the stream
    /// (`open`); an error status reads its body whole and decodes it as the
    /// whole method does.
    fn stream_dispatch(&self, op: &Operation, open: &TokenStream) -> TokenStream {
        let codes = status_codes(op);
        let success_patterns = op
            .success
            .statuses
            .iter()
            .map(|s| status_pattern(*s, &codes));
        let errors = self.error_arms(op, &quote!(response.read().await?));
        quote! {
            match response.status_code() {
                #(#success_patterns)|* => Ok(#open),
                #(#errors)*
            }
        }
    }

    /// How an event stream reads an error status answered when it opens
    /// again after a break: as the method reads its first response's. A
    /// request that may not be sent twice never opens again.
    fn reconnection_errors(&self, op: &Operation) -> TokenStream {
        if op.errors.is_empty() || !crate::contract::is_idempotent(&op.method) {
            return quote!(|raw| raw.unexpected());
        }
        let arms = self.error_arms(op, &quote!(raw));
        quote!(|raw| match raw.status_code() { #(#arms)* })
    }

    /// One arm per success status whose body has a type of its own, each
    /// wrapping its body in its variant of the success union.
    fn success_by_status(&self, op: &Operation) -> Vec<TokenStream> {
        let error = ident(&op.error_name);
        let codes = status_codes(op);
        let union = op
            .success
            .ty
            .as_ref()
            .map(|ty| self.types.render(ty))
            .unwrap_or_default();
        op.success
            .by_status
            .iter()
            .map(|body| {
                let pattern = status_pattern(body.status, &codes);
                let ty = self.types.render(&body.ty);
                let variant = ident(&body.variant);
                quote! {
                    #pattern => response.json::<#ty, #error>().map(|value| value.map(#union::#variant)),
                }
            })
            .collect()
    }
}

/// The `Accept` header of a method: the media types the operation reads,
/// or for a stream method its stream's type first and the rest (error
/// bodies) below it, so that a server choosing by `Accept` streams.
fn accept_header(op: &Operation, stream: Option<&Streaming>) -> String {
    let Some(stream) = stream.filter(|s| s.kind != StreamKind::Bytes) else {
        return op.accept.join(", ");
    };
    let others = op
        .accept
        .iter()
        .filter(|ct| !ct.eq_ignore_ascii_case(&stream.content_type))
        .map(|ct| format!("{ct};q=0.5"));
    std::iter::once(stream.content_type.clone())
        .chain(others)
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a stream method's docs say of the stream.
/// The method's arguments the spec describes (path parameters, the body),
/// as a list; empty when it describes none. Query and header parameters
/// are documented on their fields of the params struct.
fn argument_docs(op: &Operation) -> String {
    let path = op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Path);
    let described = path
        .map(|p| (p.name.as_str(), p.docs.description.as_deref()))
        .chain(
            op.body
                .iter()
                .map(|b| ("body", b.docs.description.as_deref())),
        );
    let items: Vec<String> = described
        .filter_map(|(name, text)| Some((name, text.filter(|t| !t.trim().is_empty())?)))
        .map(|(name, text)| {
            let text = sanitize(text.trim()).replace('\n', "\n  ");
            format!("- `{name}`: {text}")
        })
        .collect();
    if items.is_empty() {
        return String::new();
    }
    format!("\n\n# Arguments\n\n{}", items.join("\n"))
}

fn stream_docs(op: &Operation, stream: &Streaming) -> String {
    let what = match stream.kind {
        StreamKind::Events => "server-sent events, each event's data decoded as it arrives",
        StreamKind::Lines => "JSON lines, each line decoded as it arrives",
        StreamKind::Bytes => "chunks of bytes as they arrive, never held whole",
    };
    let mut text = format!("\n\nReads the success body as {what}.");
    if let Some(switch) = &stream.switch {
        text.push_str(&format!(" Sends `\"{switch}\": true` in the body."));
    }
    if !stream.only {
        text.push_str(&format!(" [`Client::{}`] reads it whole.", op.name));
    }
    let kind = if crate::contract::is_idempotent(&op.method) && stream.kind == StreamKind::Events {
        "A break in the stream reconnects with `Last-Event-ID`, within the retry policy."
    } else {
        "A break in the stream ends it with an error after the items that arrived; the \
         request is never sent again."
    };
    text.push_str(&format!(
        " Only the response headers must come within the total timeout; then the read \
         timeout allows a silence between two chunks. {kind}"
    ));
    let mut inside = Vec::new();
    if stream.kind != StreamKind::Bytes {
        inside.push("an item that does not decode is [`Error::Decode`], and the stream goes on");
    }
    if stream.kind == StreamKind::Events {
        inside.push("an event named `error` is [`Error::ErrorEvent`]");
    }
    inside.push(
        "a break ends it with [`Error::StreamTimeout`], [`Error::Transport`] or \
         [`Error::OutcomeUnknown`]",
    );
    text.push_str(&format!("\n\nInside the stream, {}.", inside.join("; ")));
    text
}

/// The parameters struct seen as a body struct, for the same constructors:
/// an optional parameter is one `Option` (`null` is not sent in a query),
/// so its setter takes the value inside.
fn params_as_struct(params: &[&Param]) -> Struct {
    let fields = params.iter().map(|p| Field {
        name: p.name.clone(),
        wire: p.wire.clone(),
        ty: match (&p.ty, p.required) {
            (TypeRef::Nullable(inner), false) => (**inner).clone(),
            (ty, _) => ty.clone(),
        },
        optional: !p.required,
        docs: p.docs.clone(),
        constraints: p.constraints.clone(),
        flatten: false,
        secret: false,
        read_only: false,
        write_only: false,
    });
    Struct {
        fields: fields.collect(),
        ..Struct::default()
    }
}

/// The pattern of a status. A range leaves out the codes at its ends that
/// arms of their own take (`500` and then `5XX` match `501..=599`), so no
/// two patterns overlap.
fn status_pattern(status: StatusMatch, codes: &[u16]) -> TokenStream {
    match status {
        StatusMatch::Code(code) => {
            let code = Literal::u16_unsuffixed(code);
            quote!(#code)
        }
        StatusMatch::Range(digit) => {
            let free = |code: &u16| !codes.contains(code);
            let (first, last) = (digit * 100, digit * 100 + 99);
            // A range whose every code has an arm keeps its ends: its arm
            // is never reached, which is harmless.
            let low = (first..=last).find(free).unwrap_or(first);
            let high = (low..=last).rev().find(free).unwrap_or(last);
            let (low, high) = (Literal::u16_unsuffixed(low), Literal::u16_unsuffixed(high));
            quote!(#low..=#high)
        }
        StatusMatch::Default => quote!(_),
    }
}

/// The single status codes an operation's responses name.
fn status_codes(op: &Operation) -> Vec<u16> {
    let successes = op.success.statuses.iter();
    let by_status = op.success.by_status.iter().map(|b| &b.status);
    let errors = op.errors.iter().flat_map(|e| &e.statuses);
    successes
        .chain(by_status)
        .chain(errors)
        .filter_map(|s| match s {
            StatusMatch::Code(code) => Some(*code),
            _ => None,
        })
        .collect()
}

fn status_label(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => format!("`{code}`"),
        StatusMatch::Range(digit) => format!("`{digit}XX`"),
        StatusMatch::Default => "any other status".to_owned(),
    }
}

/// Whether a field holds files (`File`, or an optional or list of them).
fn holds_files(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::File => true,
        TypeRef::Nullable(inner) | TypeRef::Array(inner) => holds_files(inner),
        _ => false,
    }
}

fn style_tokens(style: ParamStyle) -> TokenStream {
    let variant = ident(style.runtime_variant());
    quote!(Style::#variant)
}

fn location_name(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
}

/// The method as `reqwest` names it: a constant for the standard ones; any
/// other (3.2's QUERY and `additionalOperations`) from its name, which
/// loading checked is an HTTP token, so that parsing it cannot fail.
fn http_method(method: &str) -> TokenStream {
    const STANDARD: [&str; 9] = [
        "GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE", "CONNECT",
    ];
    if STANDARD.contains(&method) {
        let name = ident(method);
        return quote!(::reqwest::Method::#name);
    }
    let bytes = proc_macro2::Literal::byte_string(method.as_bytes());
    quote!(::reqwest::Method::from_bytes(#bytes).expect("an HTTP method name"))
}
