//! Paths and operations → IR operations: parameters, bodies, responses.

use openapiv3::{
    MediaType, Operation as OasOperation, Parameter, ParameterSchemaOrContent, PathItem,
    ReferenceOr, RequestBody as OasRequestBody, Response as OasResponse, StatusCode,
};

use super::examples::ExampleSink;
use super::schema::TypeSpace;
use crate::contract;
use crate::diagnostics::Diagnostic;
use crate::ir::{
    Docs, Media, Operation, Param, ParamLocation, ParamStyle, PathSegment, RequestBody, Response,
    StatusMatch, StreamKind, Streaming, TypeRef,
};
use crate::model::Pointer;
use crate::naming::{camel, derived, snake, Scope};
use crate::resolve::Resolver;
use crate::source::{component_entry, escape_pointer};

/// A path template as literal text and path parameters (indices into
/// `params`). Text after an unclosed `{` is literal; a placeholder with no
/// path parameter of its name is left out (lowering has already reported it).
fn template(path: &str, params: &[Param]) -> Vec<PathSegment> {
    let mut segments = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(end) = rest[start..].find('}') else {
            break;
        };
        if start > 0 {
            segments.push(PathSegment::Literal(rest[..start].to_owned()));
        }
        let wire = &rest[start + 1..start + end];
        let param = params
            .iter()
            .position(|p| p.location == ParamLocation::Path && p.wire == wire);
        segments.extend(param.map(PathSegment::Param));
        rest = &rest[start + end + 1..];
    }
    if !rest.is_empty() {
        segments.push(PathSegment::Literal(rest.to_owned()));
    }
    segments
}

/// Lowers operations one by one, keeping names unique.
pub struct OperationLowering<'r, 's, 'a> {
    pub resolver: Resolver<'r>,
    pub types: &'s mut TypeSpace<'a>,
    pub examples: &'s mut ExampleSink,
    methods: Scope,
    items: Scope,
    seen_ids: std::collections::BTreeMap<String, String>,
}

impl<'r, 's, 'a> OperationLowering<'r, 's, 'a> {
    pub fn new(
        resolver: Resolver<'r>,
        types: &'s mut TypeSpace<'a>,
        examples: &'s mut ExampleSink,
    ) -> Self {
        Self {
            resolver,
            types,
            examples,
            methods: Scope::with_reserved(contract::CLIENT_METHODS),
            items: Scope::default(),
            seen_ids: Default::default(),
        }
    }

    /// Every operation of one path.
    pub fn path(&mut self, path: &str, item: &ReferenceOr<PathItem>, out: &mut Vec<Operation>) {
        let at = format!("/paths/{}", escape_pointer(path));
        let (item, at) = match self.resolver.resolve(item, &at, "path item") {
            Ok(found) => found,
            Err(d) => return self.types.diagnostics.push(d),
        };
        for (method, op) in item.iter() {
            let op_at = format!("{at}/{method}");
            if let Some(op) = self.operation(path, method, op, &item.parameters, &at, &op_at) {
                out.push(op);
            }
        }
        for extra in extra_operations(&item) {
            let op_at = format!("{at}/{}", extra.key);
            let op = match crate::load::deserialize::<OasOperation>(&extra.operation, &op_at) {
                Ok(op) => op,
                Err(d) => {
                    self.types.diagnostics.push(d);
                    continue;
                }
            };
            let method = extra.method.as_str();
            if let Some(op) = self.operation(path, method, &op, &item.parameters, &at, &op_at) {
                out.push(op);
            }
        }
    }

    fn operation(
        &mut self,
        path: &str,
        method: &str,
        op: &OasOperation,
        shared: &[ReferenceOr<Parameter>],
        path_at: &str,
        at: &str,
    ) -> Option<Operation> {
        let name = self.operation_name(op, method, path, at);
        let camel_name = camel(&name, "Op");
        // Everything is lowered even when parameters fail, so that every
        // problem of the operation is reported in one pass.
        let params = self.parameters(path, shared, &op.parameters, path_at, at, &camel_name);
        let body = op
            .request_body
            .as_ref()
            .and_then(|b| self.request_body(b, at, &camel_name));
        let (success, errors, accept, stream) = self.responses(op, at, &camel_name);
        if !op.callbacks.is_empty() {
            let message = "callbacks are not generated (they describe requests the server makes)";
            self.types
                .diagnostics
                .push(Diagnostic::warning(format!("{at}/callbacks"), message));
        }
        let params = params?;
        let own_name = name.clone();
        Some(Operation {
            template: template(path, &params),
            error_name: self.items.claim(derived::error_enum(&camel_name)),
            params_name: self.items.claim(derived::params_struct(&camel_name)),
            name,
            // The fixed fields' methods are upper case on the wire; others
            // (3.2's `additionalOperations`) are sent as the spec spells them.
            method: if crate::load::METHODS.contains(&method) {
                method.to_uppercase()
            } else {
                method.to_owned()
            },
            path: path.to_owned(),
            source: at.to_owned(),
            docs: Docs {
                title: op.summary.clone(),
                description: op.description.clone(),
                deprecated: op.deprecated,
                ..Docs::default()
            },
            hidden: op
                .extensions
                .get("x-hidden")
                .and_then(|v| v.as_bool())
                .unwrap_or(false),
            tags: op.tags.clone(),
            params,
            body,
            success,
            errors,
            accept,
            success_documented: op.responses.responses.keys().any(|code| match code {
                StatusCode::Code(c) => (200..300).contains(c),
                StatusCode::Range(r) => *r == 2,
            }),
            security: None,
            paginate: op
                .extensions
                .get("x-oas-gen-paginate")
                .and_then(|v| v.as_bool()),
            pagination: None,
            stream: stream.map(|stream| Streaming {
                method: if stream.only { own_name } else { String::new() },
                ..stream
            }),
        })
    }

    fn operation_name(&mut self, op: &OasOperation, method: &str, path: &str, at: &str) -> String {
        let raw = match &op.operation_id {
            Some(id) => {
                if let Some(first) = self.seen_ids.insert(id.clone(), at.to_owned()) {
                    let message = format!(
                        "duplicate operationId `{id}`; this operation gets a numbered name"
                    );
                    let d = Diagnostic::warning(format!("{at}/operationId"), message)
                        .note(format!("first used at {first}"));
                    self.types.diagnostics.push(d);
                }
                id.clone()
            }
            None => format!("{method} {}", path.replace(['{', '}'], " ")),
        };
        self.methods.claim(snake(&raw, "op"))
    }

    fn parameters(
        &mut self,
        path: &str,
        shared: &[ReferenceOr<Parameter>],
        own: &[ReferenceOr<Parameter>],
        path_at: &str,
        at: &str,
        op_name: &str,
    ) -> Option<Vec<Param>> {
        let mut found: Vec<(Parameter, String)> = Vec::new();
        let listed = shared
            .iter()
            .enumerate()
            .map(|(i, p)| (p, format!("{path_at}/parameters/{i}")));
        let listed = listed.chain(
            own.iter()
                .enumerate()
                .map(|(i, p)| (p, format!("{at}/parameters/{i}"))),
        );
        for (param, param_at) in listed {
            match self.resolver.resolve(param, &param_at, "parameter") {
                Ok((param, where_)) => {
                    let data = param.parameter_data_ref();
                    found.retain(|(p, _)| {
                        !(p.parameter_data_ref().name == data.name && same_location(p, &param))
                    });
                    found.push((param.into_owned(), where_));
                }
                Err(d) => self.types.diagnostics.push(d),
            }
        }
        let template = template_names(path);
        for name in &template {
            let declared = found.iter().any(|(p, _)| {
                matches!(p, Parameter::Path { .. }) && p.parameter_data_ref().name == *name
            });
            if !declared {
                // The author's meaning is clear: a required string in the path.
                let message = format!(
                    "path parameter `{name}` is in the path template but not declared; \
                     taking it as a required string"
                );
                self.types
                    .diagnostics
                    .push(Diagnostic::warning(at, message));
                found.push((undeclared_path_parameter(name), at.to_owned()));
            }
        }
        let mut scope = Scope::with_reserved(contract::METHOD_LOCALS);
        let mut params = Vec::new();
        for name in &template {
            if let Some((p, where_)) = found.iter().find(|(p, _)| {
                matches!(p, Parameter::Path { .. }) && p.parameter_data_ref().name == *name
            }) {
                params.push(self.parameter(p, where_, &mut scope, op_name));
            }
        }
        for (p, where_) in &found {
            match p {
                Parameter::Path { parameter_data, .. }
                    if !template.contains(&parameter_data.name) =>
                {
                    let message = format!(
                        "path parameter `{}` is declared but not in the path template; ignored",
                        parameter_data.name
                    );
                    self.types
                        .diagnostics
                        .push(Diagnostic::warning(where_.as_str(), message));
                }
                Parameter::Path { .. } => {}
                _ => params.push(self.parameter(p, where_, &mut scope, op_name)),
            }
        }
        Some(params)
    }

    fn parameter(&mut self, p: &Parameter, at: &str, scope: &mut Scope, op_name: &str) -> Param {
        let data = p.parameter_data_ref();
        let location = match p {
            Parameter::Path { .. } => ParamLocation::Path,
            Parameter::Query { .. } => ParamLocation::Query,
            Parameter::Header { .. } => ParamLocation::Header,
            Parameter::Cookie { .. } => ParamLocation::Cookie,
        };
        let (style, allow_reserved) = style_of(p);
        let hint = derived::parameter(op_name, &data.name);
        let (ty, constraints, default) = match &data.format {
            // Not in the document: a path parameter only the template names.
            ParameterSchemaOrContent::Schema(_)
                if self.resolver.value(&format!("{at}/schema")).is_none() =>
            {
                (TypeRef::String, Default::default(), None)
            }
            ParameterSchemaOrContent::Schema(_) => {
                let schema_at = Pointer::from_escaped(format!("{at}/schema"));
                let ty = self.types.type_of(&schema_at, &hint);
                let resolved = self.types.schema_at(&schema_at);
                let default = resolved.as_ref().and_then(|s| s.default.cloned());
                let constraints = resolved
                    .map(|s| self.types.constraints(&s))
                    .unwrap_or_default();
                (ty, constraints, default)
            }
            ParameterSchemaOrContent::Content(_) => (TypeRef::String, Default::default(), None),
        };
        Param {
            name: scope.claim(snake(&data.name, "param")),
            wire: data.name.clone(),
            location,
            ty,
            required: data.required || location == ParamLocation::Path,
            docs: Docs {
                description: data.description.clone(),
                deprecated: data.deprecated.unwrap_or(false),
                // The server applies it when the parameter is left out.
                default,
                ..Docs::default()
            },
            constraints,
            // Only the form style explodes unless told otherwise.
            explode: data.explode.unwrap_or(style == ParamStyle::Form),
            style,
            allow_reserved,
        }
    }

    fn request_body(
        &mut self,
        body: &ReferenceOr<OasRequestBody>,
        at: &str,
        op_name: &str,
    ) -> Option<RequestBody> {
        let at = format!("{at}/requestBody");
        let (body, at) = match self.resolver.resolve(body, &at, "request body") {
            Ok(found) => found,
            Err(d) => {
                self.types.diagnostics.push(d);
                return None;
            }
        };
        let (content_type, media_type) = pick_content(&body.content)?;
        // A streamed request body is sent as its text or bytes.
        let mut media = match media_of(content_type) {
            Media::EventStream => Media::Text,
            Media::JsonLines => Media::Binary,
            media => media,
        };
        let media_at = format!("{at}/content/{}", escape_pointer(content_type));
        // A body shared by reference is named after its component, not
        // after whichever operation uses it first.
        let hint = match component_entry(&at, "requestBodies") {
            Some(name) => derived::component_body(&name),
            None => derived::request_body(op_name),
        };
        let mut ty = self.body_type(media, media_type, &media_at, &hint);
        if media == Media::Multipart {
            let schema_at = Pointer::from_escaped(format!("{media_at}/schema"));
            if !self.types.form_fields(&ty, &schema_at) {
                let message = "a multipart body whose schema is not an object with properties has no parts to send; it is taken as the body's raw bytes";
                self.types
                    .diagnostics
                    .push(Diagnostic::warning(format!("{media_at}/schema"), message));
                (media, ty) = (Media::Binary, TypeRef::Bytes);
            }
        }
        self.examples.collect(
            self.resolver,
            media_type,
            &media_at,
            &ty,
            &format!("{op_name} request"),
        );
        let part_types = match media {
            Media::Multipart => part_types(media_type),
            _ => Vec::new(),
        };
        Some(RequestBody {
            media,
            content_type: content_type.to_owned(),
            ty,
            required: body.required,
            docs: Docs {
                description: body.description.clone(),
                ..Docs::default()
            },
            part_types,
        })
    }

    fn body_type(&mut self, media: Media, media_type: &MediaType, at: &str, hint: &str) -> TypeRef {
        match (media, &media_type.schema) {
            (Media::Json | Media::Form | Media::Multipart, Some(_)) => self
                .types
                .type_of(&Pointer::from_escaped(format!("{at}/schema")), hint),
            // A stream's schema is that of one event's data or one line.
            (Media::EventStream | Media::JsonLines, Some(_)) => self
                .types
                .type_of(&Pointer::from_escaped(format!("{at}/schema")), hint),
            (Media::EventStream | Media::JsonLines, None) => TypeRef::String,
            (Media::Json, None) => TypeRef::Any,
            (Media::Form, None) => TypeRef::Object,
            (Media::Text, _) => TypeRef::String,
            _ => TypeRef::Bytes,
        }
    }

    fn responses(
        &mut self,
        op: &OasOperation,
        at: &str,
        op_name: &str,
    ) -> (Response, Vec<Response>, Vec<String>, Option<Streaming>) {
        let mut successes: Vec<Response> = Vec::new();
        let mut streams = Vec::new();
        let mut accept = Vec::new();
        let mut errors = Vec::new();
        let mut names = Scope::default();
        let entries = op
            .responses
            .responses
            .iter()
            .map(|(code, r)| (Some(code), r));
        let entries = entries.chain(op.responses.default.iter().map(|r| (None, r)));
        for (code, response) in entries {
            let status = match code {
                Some(StatusCode::Code(c)) => StatusMatch::Code(*c),
                Some(StatusCode::Range(r)) => StatusMatch::Range(*r),
                None => StatusMatch::Default,
            };
            let key = match code {
                Some(code) => code.to_string(),
                None => "default".to_owned(),
            };
            let response_at = format!("{at}/responses/{key}");
            let is_success = matches!(status, StatusMatch::Code(200..=299) | StatusMatch::Range(2));
            let name = if is_success {
                derived::success_body(op_name)
            } else {
                derived::error_body(op_name, status)
            };
            let streams = is_success.then_some(&mut streams);
            let Some(mut lowered) =
                self.response(response, &response_at, status, &name, &mut accept, streams)
            else {
                continue;
            };
            if is_success {
                successes.push(lowered);
            } else {
                lowered.name = names.claim(derived::status_variant(status));
                errors.push(lowered);
            }
        }
        errors.sort_by_key(|e| e.statuses[0]);
        accept.sort_by_key(|ct: &String| media_rank(ct));
        let mut seen = std::collections::HashSet::new();
        accept.retain(|ct| seen.insert(ct.to_ascii_lowercase()));
        let success = self.merge_successes(successes, at, op_name);
        let stream = streams.into_iter().next().map(|mut stream| {
            stream.only = matches!(success.media, Media::EventStream | Media::JsonLines);
            stream
        });
        (success, errors, accept, stream)
    }

    fn response(
        &mut self,
        response: &ReferenceOr<OasResponse>,
        at: &str,
        status: StatusMatch,
        hint: &str,
        accept: &mut Vec<String>,
        streams: Option<&mut Vec<Streaming>>,
    ) -> Option<Response> {
        let (response, at) = match self.resolver.resolve(response, at, "response") {
            Ok(found) => found,
            Err(d) => {
                self.types.diagnostics.push(d);
                return None;
            }
        };
        let docs = Docs {
            description: Some(response.description.clone()).filter(|d| !d.is_empty()),
            ..Docs::default()
        };
        let Some((content_type, media_type)) = pick_content(&response.content) else {
            return Some(Response {
                statuses: vec![status],
                name: String::new(),
                media: Media::Empty,
                ty: None,
                docs,
                by_status: Vec::new(),
            });
        };
        // A form-encoded response is kept as bytes (clients rarely get one),
        // and so are JSON lines of an error.
        let media = match media_of(content_type) {
            Media::Form => Media::Binary,
            Media::JsonLines if streams.is_none() => Media::Binary,
            media => media,
        };
        accept.extend(readable(&response.content, content_type, media));
        let media_at = format!("{at}/content/{}", escape_pointer(content_type));
        // A body shared by reference is named after its component, not
        // after whichever operation uses it first.
        let type_hint = match component_entry(&at, "responses") {
            Some(name) => derived::component_body(&name),
            None => hint.to_owned(),
        };
        let ty = self.body_type(media, media_type, &media_at, &type_hint);
        // A stream's examples show a whole body, not one of its items.
        if !matches!(media, Media::EventStream | Media::JsonLines) {
            self.examples
                .collect(self.resolver, media_type, &media_at, &ty, hint);
        }
        if let Some(streams) = streams {
            let picked = (content_type, media, &ty);
            streams.extend(self.streaming(&response.content, picked, &at, &type_hint));
        }
        Some(Response {
            statuses: vec![status],
            name: String::new(),
            media,
            ty: Some(ty),
            docs,
            by_status: Vec::new(),
        })
    }

    /// A success body as a stream: the body itself when the spec streams
    /// it or it is binary, else a streamed alternative the response offers
    /// beside it (JSON, or events when `stream: true`).
    fn streaming(
        &mut self,
        content: &indexmap::IndexMap<String, MediaType>,
        (content_type, media, ty): (&str, Media, &TypeRef),
        at: &str,
        hint: &str,
    ) -> Option<Streaming> {
        let stream = |kind, item, content_type: &str| Streaming {
            kind,
            item,
            content_type: content_type.to_owned(),
            method: String::new(),
            only: false,
            switch: None,
        };
        match media {
            Media::EventStream => {
                return Some(stream(StreamKind::Events, ty.clone(), content_type))
            }
            Media::JsonLines => return Some(stream(StreamKind::Lines, ty.clone(), content_type)),
            Media::Binary => return Some(stream(StreamKind::Bytes, TypeRef::Bytes, content_type)),
            _ => {}
        }
        let (other, media_type, kind) =
            content
                .iter()
                .find_map(|(ct, media_type)| match media_of(ct) {
                    Media::EventStream => Some((ct, media_type, StreamKind::Events)),
                    Media::JsonLines => Some((ct, media_type, StreamKind::Lines)),
                    _ => None,
                })?;
        let media = match kind {
            StreamKind::Events => Media::EventStream,
            _ => Media::JsonLines,
        };
        let media_at = format!("{at}/content/{}", escape_pointer(other));
        let item = self.body_type(media, media_type, &media_at, &derived::stream_item(hint));
        Some(stream(kind, item, other))
    }

    /// One success response for the operation. JSON bodies that differ by
    /// status make a union with one variant per status, decoded by status.
    fn merge_successes(&mut self, successes: Vec<Response>, at: &str, op_name: &str) -> Response {
        let bodies: Vec<&Response> = successes.iter().filter(|s| s.ty.is_some()).collect();
        let differ = bodies.windows(2).any(|w| w[0].ty != w[1].ty);
        let by_status = differ
            && bodies.len() == successes.len()
            && bodies.iter().all(|s| s.media == Media::Json);
        if !by_status {
            return merge_successes(successes, &mut self.types.diagnostics, at);
        }
        let mut names = Scope::default();
        let mut variants = Vec::new();
        let mut by_status = Vec::new();
        for success in &successes {
            let (Some(ty), Some(&status)) = (&success.ty, success.statuses.first()) else {
                continue;
            };
            let variant = names.claim(derived::status_variant(status));
            variants.push(crate::ir::UnionVariant {
                name: variant.clone(),
                tag_value: None,
                default: false,
                ty: ty.clone(),
                docs: success.docs.clone(),
            });
            by_status.push(crate::ir::StatusBody {
                status,
                variant,
                ty: ty.clone(),
            });
        }
        let docs = Docs {
            description: Some(format!(
                "The body of a success of `{op_name}`: one variant per status."
            )),
            ..Docs::default()
        };
        let kind = crate::ir::TypeKind::Union(crate::ir::Union {
            tag: None,
            variants,
        });
        let id = self.types.add_named(
            &format!("{at}/responses"),
            &derived::success_union(op_name),
            kind,
            docs,
        );
        Response {
            statuses: successes.iter().flat_map(|s| s.statuses.clone()).collect(),
            name: "Success".to_owned(),
            media: Media::Json,
            ty: Some(TypeRef::Named(id)),
            docs: successes[0].docs.clone(),
            by_status,
        }
    }
}

fn same_location(a: &Parameter, b: &Parameter) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

/// The `{name}`s of a path template, in order.
fn template_names(path: &str) -> Vec<String> {
    path.split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}'))
        .map(|(name, _)| name.to_owned())
        .collect()
}

/// JSON first, then streams, then text, then anything else.
fn pick_content(content: &indexmap::IndexMap<String, MediaType>) -> Option<(&str, &MediaType)> {
    content
        .iter()
        .min_by_key(|(ct, _)| media_rank(ct))
        .map(|(ct, m)| (ct.as_str(), m))
}

/// The content types the `encoding` object gives a multipart body's parts
/// (one a header can carry; a list such as `image/png, image/jpeg` is
/// the first).
fn part_types(media_type: &MediaType) -> Vec<(String, String)> {
    media_type
        .encoding
        .iter()
        .filter_map(|(name, encoding)| {
            let first = encoding.content_type.as_deref()?.split(',').next()?.trim();
            (!first.is_empty() && fits_a_header(first)).then(|| (name.clone(), first.to_owned()))
        })
        .collect()
}

/// Whether a media type from the spec can go into a header as it is
/// (printable ASCII); one that cannot is left out rather than refusing
/// every request.
fn fits_a_header(media_type: &str) -> bool {
    media_type.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// The order the client prefers media types in: JSON, streams, text, the
/// rest.
fn media_rank(content_type: &str) -> u8 {
    match media_of(content_type) {
        Media::Json => 0,
        Media::EventStream | Media::JsonLines => 1,
        Media::Text => 2,
        _ => 3,
    }
}

/// The media types of a response the client can read, for `Accept`: the
/// one it decodes, or every byte-body type when it keeps the bytes (an
/// image as PNG or JPEG is read the same way).
fn readable(
    content: &indexmap::IndexMap<String, MediaType>,
    picked: &str,
    media: Media,
) -> Vec<String> {
    let sendable = |ct: &&String| fits_a_header(ct);
    match media {
        Media::Binary => content
            .keys()
            .filter(|ct| matches!(media_of(ct), Media::Binary | Media::Form))
            .filter(sendable)
            .cloned()
            .collect(),
        _ => Some(picked.to_owned())
            .iter()
            .filter(sendable)
            .cloned()
            .collect(),
    }
}

/// The media types of JSON lines and JSON text sequences.
const JSON_LINES: &[&str] = &[
    "application/x-ndjson",
    "application/ndjson",
    "application/jsonl",
    "application/x-jsonl",
    "application/jsonlines",
    "application/x-jsonlines",
    "application/json-seq",
];

fn media_of(content_type: &str) -> Media {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if essence == "application/json" || essence.ends_with("+json") {
        Media::Json
    } else if essence == "application/x-www-form-urlencoded" {
        Media::Form
    } else if essence == "multipart/form-data" {
        Media::Multipart
    } else if essence == "text/event-stream" {
        Media::EventStream
    } else if JSON_LINES.contains(&essence.as_str()) {
        Media::JsonLines
    } else if essence.starts_with("text/") {
        Media::Text
    } else {
        Media::Binary
    }
}

/// One success response: the first with a body sets the type; others with a
/// different type make it any JSON value (with a warning).
fn merge_successes(
    successes: Vec<Response>,
    diagnostics: &mut Vec<Diagnostic>,
    at: &str,
) -> Response {
    let mut merged = Response {
        statuses: Vec::new(),
        name: "Success".to_owned(),
        media: Media::Empty,
        ty: None,
        docs: Docs::default(),
        by_status: Vec::new(),
    };
    for s in successes {
        merged.statuses.extend(s.statuses.iter().copied());
        if merged.docs.description.is_none() {
            merged.docs = s.docs.clone();
        }
        match (&merged.ty, &s.ty) {
            (None, Some(_)) => {
                merged.ty = s.ty.clone();
                merged.media = s.media;
            }
            (Some(a), Some(b)) if a != b => {
                let message =
                    "success responses have different bodies; decoding them as any JSON value";
                diagnostics
                    .push(Diagnostic::warning(format!("{at}/responses"), message).degraded());
                merged.ty = Some(TypeRef::Any);
                merged.media = Media::Json;
            }
            _ => {}
        }
    }
    if merged.statuses.is_empty() {
        merged.statuses.push(StatusMatch::Range(2));
    }
    merged
}

/// A parameter's style and, in the query, whether it keeps reserved
/// characters.
fn style_of(p: &Parameter) -> (ParamStyle, bool) {
    use openapiv3::{PathStyle, QueryStyle};
    match p {
        Parameter::Path { style, .. } => match style {
            PathStyle::Matrix => (ParamStyle::Matrix, false),
            PathStyle::Label => (ParamStyle::Label, false),
            PathStyle::Simple => (ParamStyle::Simple, false),
        },
        Parameter::Query {
            style,
            allow_reserved,
            ..
        } => {
            let style = match style {
                QueryStyle::Form => ParamStyle::Form,
                QueryStyle::SpaceDelimited => ParamStyle::SpaceDelimited,
                QueryStyle::PipeDelimited => ParamStyle::PipeDelimited,
                QueryStyle::DeepObject => ParamStyle::DeepObject,
            };
            (style, *allow_reserved)
        }
        Parameter::Header { .. } => (ParamStyle::Simple, false),
        Parameter::Cookie { .. } => (ParamStyle::Form, false),
    }
}

/// The parameter an undeclared `{name}` in a path template stands for.
fn undeclared_path_parameter(name: &str) -> Parameter {
    let schema = openapiv3::Schema {
        schema_data: Default::default(),
        schema_kind: openapiv3::SchemaKind::Type(openapiv3::Type::String(Default::default())),
    };
    Parameter::Path {
        parameter_data: openapiv3::ParameterData {
            name: name.to_owned(),
            description: None,
            required: true,
            deprecated: None,
            format: openapiv3::ParameterSchemaOrContent::Schema(openapiv3::ReferenceOr::Item(
                schema,
            )),
            example: None,
            examples: Default::default(),
            explode: None,
            extensions: Default::default(),
        },
        style: openapiv3::PathStyle::Simple,
    }
}

/// The operations of methods a 3.0 path item has no field for (3.2's QUERY
/// and `additionalOperations`), as loading listed them.
fn extra_operations(item: &PathItem) -> Vec<crate::load::ExtraOperation> {
    item.extensions
        .get(crate::load::EXTRA_OPERATIONS_KEY)
        .and_then(|listed| serde_json::from_value(listed.clone()).ok())
        .unwrap_or_default()
}
