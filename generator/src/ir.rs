//! The intermediate representation: what to generate, as plain data.
//!
//! Lowering fills it from the OpenAPI document; emitting turns it into Rust.
//! Nothing here knows about `openapiv3` or tokens, so another front end (an
//! OpenAPI 3.1 reader) could feed the same emitter. Every name is already a
//! valid, unique Rust identifier; every list is in a deterministic order.

use serde_json::Value;

/// Index of a type in [`Api::types`].
pub type TypeId = usize;

/// Everything generated from one spec.
#[derive(Debug, Clone, Default)]
pub struct Api {
    /// Title, version and description of the API.
    pub info: Info,
    /// The default base URL (`servers[0]`), when absolute.
    pub base_url: Option<String>,
    /// How requests authenticate.
    pub security: Security,
    /// Named types, in the order they are emitted.
    pub types: Vec<TypeDef>,
    /// Operations, in the order of the spec.
    pub operations: Vec<Operation>,
    /// Operations grouped as the spec's tags group them, for the docs.
    pub groups: Vec<OperationGroup>,
    /// Examples from the spec, checked by the generated tests.
    pub examples: Vec<Example>,
}

/// Operations under one tag (each operation under its first tag only).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OperationGroup {
    /// The tag; `None` for the operations without one.
    pub tag: Option<String>,
    /// The tag's description (top-level `tags`).
    pub description: Option<String>,
    /// Indices into [`Api::operations`], in the order of the spec.
    pub operations: Vec<usize>,
}

/// The spec's `info`.
#[derive(Debug, Clone, Default)]
pub struct Info {
    /// `info.title`.
    pub title: String,
    /// `info.version`.
    pub version: String,
    /// `info.description`.
    pub description: Option<String>,
}

/// How requests authenticate: the schemes the client can send, and which
/// of them operations require.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Security {
    /// The schemes the client supports, in the spec's order.
    pub schemes: Vec<AuthScheme>,
    /// What operations require unless they say otherwise: alternatives, each
    /// a set of schemes (indices into `schemes`) sent together. An empty
    /// alternative means no credentials are needed; no alternatives at all
    /// means the operations are public.
    pub default: Vec<Vec<usize>>,
    /// The scheme `Client::new(key)` and `ClientBuilder::api_key` set.
    pub primary: Option<usize>,
}

/// One security scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthScheme {
    /// Its name in `components/securitySchemes`.
    pub name: String,
    /// The builder method that sets its credential (a Rust name).
    pub method: String,
    /// The builder method taking a callback for the token (bearer schemes).
    pub callback: Option<String>,
    /// How it is sent.
    pub kind: SchemeKind,
    /// Its description.
    pub description: Option<String>,
}

/// How a credential is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemeKind {
    /// `Authorization: Bearer <token>` (HTTP bearer, OAuth 2, OpenID Connect).
    Bearer,
    /// `Authorization: Basic <base64(user:password)>`.
    Basic,
    /// A key in a header of this name.
    Header(String),
    /// A key in a query parameter of this name.
    Query(String),
    /// A key in a cookie of this name.
    Cookie(String),
}

/// Documentation taken from the spec.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Docs {
    /// Title or summary.
    pub title: Option<String>,
    /// Description (Markdown).
    pub description: Option<String>,
    /// One example value.
    pub example: Option<Value>,
    /// Default value.
    pub default: Option<Value>,
    /// Marked deprecated.
    pub deprecated: bool,
}

/// A named type.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// Rust name, unique in the types module.
    pub name: String,
    /// Where it comes from (JSON pointer).
    pub source: String,
    /// Documentation.
    pub docs: Docs,
    /// Its shape.
    pub kind: TypeKind,
    /// It has constraints somewhere inside, so it implements `Validate`
    /// (computed once lowering is done).
    pub validates: bool,
    /// Some operation documents it as an error body (a struct), so it gets
    /// a `message()` (computed once lowering is done).
    pub error_body: bool,
    /// The user's Rust type that stands for it (the `replace` setting): a
    /// checked path; the type is then an alias of it.
    pub replacement: Option<String>,
    /// Traits derived beyond the generated ones (the `derive` setting),
    /// checked against what the type holds.
    pub derives: Vec<String>,
}

/// The shape of a named type.
#[derive(Debug, Clone)]
pub enum TypeKind {
    /// An object with known fields.
    Struct(Struct),
    /// A string enum.
    Enum(StringEnum),
    /// `oneOf`/`anyOf`.
    Union(Union),
    /// Another name for a type.
    Alias(TypeRef),
    /// A one-field wrapper, for a recursive alias (which Rust does not allow).
    Newtype(TypeRef),
}

/// An object with known fields.
#[derive(Debug, Clone, Default)]
pub struct Struct {
    /// Fields in the order of the spec.
    pub fields: Vec<Field>,
    /// Type of properties beyond the known ones, kept in an `extra` map.
    pub additional: Option<TypeRef>,
    /// Name of the field holding additional properties.
    pub additional_name: String,
    /// Alternatives of fields set together (wire names), at least one of
    /// which must be (`anyOf: [{required: [email]}, {required: [id]}]`):
    /// checked before sending.
    pub required_alternatives: Vec<Vec<String>>,
}

/// A field of a struct.
#[derive(Debug, Clone)]
pub struct Field {
    /// Rust name.
    pub name: String,
    /// Name on the wire.
    pub wire: String,
    /// Its type (without the `Option` of an optional field).
    pub ty: TypeRef,
    /// Whether the field may be absent.
    pub optional: bool,
    /// Documentation.
    pub docs: Docs,
    /// Constraints to check before sending.
    pub constraints: Constraints,
    /// Its properties sit beside the struct's own (`#[serde(flatten)]`): an
    /// `allOf` part that is a union, whose fields cannot be merged in.
    pub flatten: bool,
    /// It holds a secret (a token, password or key, by its name), which
    /// `Debug` output must not show.
    pub secret: bool,
    /// `readOnly`: sent by the server only (so optional, whatever
    /// `required` says).
    pub read_only: bool,
    /// `writeOnly`: sent by the client only.
    pub write_only: bool,
}

/// A string enum.
#[derive(Debug, Clone)]
pub struct StringEnum {
    /// The values.
    pub variants: Vec<EnumVariant>,
    /// Unknown values decode into an `Unknown(String)` variant.
    pub open: bool,
}

/// One value of a string enum.
#[derive(Debug, Clone)]
pub struct EnumVariant {
    /// Rust name.
    pub name: String,
    /// The value on the wire.
    pub wire: String,
}

/// `oneOf`/`anyOf`.
#[derive(Debug, Clone)]
pub struct Union {
    /// The property naming the variant, for internally tagged unions.
    pub tag: Option<String>,
    /// The variants, tried in this order when untagged.
    pub variants: Vec<UnionVariant>,
}

/// A variant of a union.
#[derive(Debug, Clone)]
pub struct UnionVariant {
    /// Rust name.
    pub name: String,
    /// The value of the tag property selecting it.
    pub tag_value: Option<String>,
    /// Whether it takes the objects whose tag is missing or selects no other
    /// variant (`discriminator.defaultMapping`), which would otherwise be an
    /// error (no tag) or `Unknown` (a tag the spec does not list).
    pub default: bool,
    /// Its content.
    pub ty: TypeRef,
    /// Documentation.
    pub docs: Docs,
}

/// A reference to a type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeRef {
    /// `bool`.
    Boolean,
    /// An integer.
    Integer(IntegerKind),
    /// `f64`.
    Double,
    /// `String`.
    String,
    /// `uuid::Uuid`.
    Uuid,
    /// An RFC 3339 timestamp (`format: date-time`), keeping its text.
    DateTime,
    /// A calendar date (`format: date`), keeping its text.
    Date,
    /// Bytes (binary bodies).
    Bytes,
    /// A file in a `multipart/form-data` body: bytes with an optional file
    /// name and content type (`format: binary` there).
    File,
    /// `()`: JSON `null`, the one value of a schema that admits nothing
    /// else (`type: "null"`, or `enum: [null]`).
    Null,
    /// Any JSON value.
    Any,
    /// Any JSON object.
    Object,
    /// A named type.
    Named(TypeId),
    /// `Vec<T>`.
    Array(Box<TypeRef>),
    /// A tuple `(A, B)`: an array of fixed length with a type per position.
    Tuple(Vec<TypeRef>),
    /// A map from strings.
    Map(Box<TypeRef>),
    /// `Option<T>` for a value that may be `null`.
    Nullable(Box<TypeRef>),
    /// `Box<T>`, breaking a recursive type.
    Boxed(Box<TypeRef>),
}

/// Integer widths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntegerKind {
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `u32`.
    U32,
    /// `u64`.
    U64,
}

/// Schema constraints checked before a request is sent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    /// `minLength`.
    pub min_length: Option<u64>,
    /// `maxLength`.
    pub max_length: Option<u64>,
    /// `minItems` or `minProperties`.
    pub min_count: Option<u64>,
    /// `maxItems` or `maxProperties`.
    pub max_count: Option<u64>,
    /// `minimum`, and whether exclusive.
    pub minimum: Option<(f64, bool)>,
    /// `maximum`, and whether exclusive.
    pub maximum: Option<(f64, bool)>,
    /// Constraints of array items or map values.
    pub inner: Option<Box<Constraints>>,
    /// `pattern`: documented and compared, not checked (regular expression
    /// dialects differ, and a regex engine is not worth its weight here).
    pub pattern: Option<String>,
    /// The values an `enum` of numbers allows (empty: any). Checked, like
    /// the bounds: an integer enum is an integer that must be one of them.
    pub allowed: Vec<f64>,
    /// A string's `format` that has no Rust type of its own (`email`,
    /// `uri`): known, so that wire tests send a value that has it; not
    /// checked.
    pub format: Option<String>,
}

impl Constraints {
    /// Whether there is nothing to check (a pattern or format is not
    /// checked).
    pub fn is_empty(&self) -> bool {
        let checked = Constraints {
            pattern: None,
            format: None,
            ..self.clone()
        };
        checked == Constraints::default()
    }
}

/// One operation.
#[derive(Debug, Clone)]
pub struct Operation {
    /// Rust method name.
    pub name: String,
    /// Name of the error enum.
    pub error_name: String,
    /// Name of the struct of query, header and cookie parameters.
    pub params_name: String,
    /// HTTP method, upper case.
    pub method: String,
    /// Path template, as in the spec.
    pub path: String,
    /// The path template parsed: literal text and path parameters.
    pub template: Vec<PathSegment>,
    /// Where it comes from (JSON pointer).
    pub source: String,
    /// Documentation.
    pub docs: Docs,
    /// Hidden from docs (`x-hidden`).
    pub hidden: bool,
    /// The spec's tags for it, in its order.
    pub tags: Vec<String>,
    /// Parameters: path ones first, in template order.
    pub params: Vec<Param>,
    /// The request body.
    pub body: Option<RequestBody>,
    /// The success response.
    pub success: Response,
    /// Documented error responses.
    pub errors: Vec<Response>,
    /// The media types the client reads from the responses, preferred
    /// first (JSON, text, the rest): its `Accept` header. Empty when no
    /// response has a body.
    pub accept: Vec<String>,
    /// The spec documents a 2xx response. Without one (a logout that only
    /// redirects with 302), a documented error status is the outcome.
    pub success_documented: bool,
    /// Its own security requirement (alternatives of schemes), when it
    /// differs from the API's default.
    pub security: Option<Vec<Vec<usize>>>,
    /// `x-oas-gen-paginate`: `Some(false)` turns detection off, `Some(true)`
    /// asks for a warning when the operation is not recognised as paged.
    pub paginate: Option<bool>,
    /// How to page through its results, when it pages.
    pub pagination: Option<Pagination>,
    /// Its success body read as a stream, when the spec streams it (events,
    /// JSON lines) or it is binary.
    pub stream: Option<Streaming>,
}

/// How an operation pages (see `lower/pagination.rs` for the rules).
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// Rust name of the method streaming every item (`{op}_stream`, or
    /// with a number when another operation has that name).
    pub method: String,
    /// The field of the success body holding the page's items.
    pub items: FieldStep,
    /// The type of one item.
    pub item: TypeRef,
    /// How the next page is asked for, and when there is none.
    pub next: NextPage,
}

/// One field on a path through a body.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldStep {
    /// Rust name.
    pub name: String,
    /// `Option` layers around its value: 1 when it may be absent or `null`,
    /// 2 when both (`Option<Option<T>>`).
    pub options: u8,
}

/// The next page's request.
#[derive(Debug, Clone, PartialEq)]
pub enum NextPage {
    /// A page number parameter (index into the operation's params),
    /// counting from 1 unless given; the last page is known from a page
    /// count in the body, or `has_more`, or an empty page.
    PageNumber {
        /// The page parameter.
        param: usize,
        /// Its integer type.
        kind: IntegerKind,
        /// The number of pages, with its type.
        pages: Option<(Vec<FieldStep>, IntegerKind)>,
        /// A boolean saying there are more.
        has_more: Option<Vec<FieldStep>>,
    },
    /// An offset parameter, advanced by the items received; the end is
    /// known from a total in the body, or `has_more`, or an empty page.
    Offset {
        /// The offset parameter.
        param: usize,
        /// Its integer type.
        kind: IntegerKind,
        /// The total number of items, with its type.
        total: Option<(Vec<FieldStep>, IntegerKind)>,
        /// A boolean saying there are more.
        has_more: Option<Vec<FieldStep>>,
    },
    /// A cursor parameter taking the body's next cursor; the end is an
    /// absent, `null` or empty cursor, or an empty page.
    Cursor {
        /// The cursor parameter.
        param: usize,
        /// The next cursor (a string).
        next: Vec<FieldStep>,
    },
    /// A parameter taking the last item's id (`starting_after`); the end
    /// is `has_more` false, or an empty page.
    AfterLastItem {
        /// The parameter.
        param: usize,
        /// The item's id field (a string).
        id: FieldStep,
        /// A boolean saying there are more.
        has_more: Option<Vec<FieldStep>>,
    },
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    /// In the path.
    Path,
    /// In the query string.
    Query,
    /// In a header.
    Header,
    /// In a cookie.
    Cookie,
}

/// A parameter of an operation.
#[derive(Debug, Clone)]
pub struct Param {
    /// Rust name.
    pub name: String,
    /// Name on the wire.
    pub wire: String,
    /// Where it goes.
    pub location: ParamLocation,
    /// Its type.
    pub ty: TypeRef,
    /// Whether it must be given.
    pub required: bool,
    /// Documentation.
    pub docs: Docs,
    /// Constraints to check before sending.
    pub constraints: Constraints,
    /// How the value is serialized (OpenAPI's `style`).
    pub style: ParamStyle,
    /// Lists and objects as separate pieces (`explode`; true by default only
    /// for the `form` style).
    pub explode: bool,
    /// A query value keeps RFC 3986 reserved characters (`allowReserved`).
    pub allow_reserved: bool,
}

/// A parameter's serialization style; the runtime's `Style` names each
/// (the contract).
pub use crate::contract::ParamStyle;

/// How a body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Media {
    /// JSON.
    Json,
    /// Plain text.
    Text,
    /// `application/x-www-form-urlencoded` (request bodies).
    Form,
    /// `multipart/form-data` (request bodies): one part per field.
    Multipart,
    /// Raw bytes.
    Binary,
    /// Server-sent events (`text/event-stream`), success and error
    /// responses: each event's data is of the response's type.
    EventStream,
    /// JSON lines (`application/x-ndjson`, `application/jsonl`,
    /// `application/json-seq`), success responses: each line is of the
    /// response's type.
    JsonLines,
    /// No body.
    Empty,
}

/// How a success body is read as it arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamKind {
    /// Server-sent events.
    Events,
    /// JSON lines.
    Lines,
    /// Chunks of bytes (a binary download).
    Bytes,
}

/// A success body read as a stream, by a method of its own or by the
/// operation's.
#[derive(Debug, Clone, PartialEq)]
pub struct Streaming {
    /// How it is framed.
    pub kind: StreamKind,
    /// One event's data or one line: JSON-decoded, or kept as text when it
    /// is `TypeRef::String`; `TypeRef::Bytes` for byte streams.
    pub item: TypeRef,
    /// The media type asked for.
    pub content_type: String,
    /// The method that returns it: the operation's own when the stream is
    /// its only success body, else a second one (`{operation}_stream`).
    pub method: String,
    /// The stream is the operation's only success body.
    pub only: bool,
    /// A boolean field of the JSON request body (wire name) that picks
    /// the stream (`"stream": true`): the stream method sets it, the
    /// other method clears it.
    pub switch: Option<String>,
}

/// A request body.
#[derive(Debug, Clone)]
pub struct RequestBody {
    /// Encoding.
    pub media: Media,
    /// The content type sent.
    pub content_type: String,
    /// Its type.
    pub ty: TypeRef,
    /// Whether it must be given.
    pub required: bool,
    /// Documentation.
    pub docs: Docs,
    /// A multipart body's parts that the spec's `encoding` gives a content
    /// type (wire name, content type); others take their value's default.
    pub part_types: Vec<(String, String)>,
}

/// Which statuses a response covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum StatusMatch {
    /// One status.
    Code(u16),
    /// A class, such as `4XX` (the digit).
    Range(u16),
    /// Every other status.
    Default,
}

/// A documented response.
#[derive(Debug, Clone)]
pub struct Response {
    /// Statuses it covers (several for a success of several codes).
    pub statuses: Vec<StatusMatch>,
    /// Variant name, for errors.
    pub name: String,
    /// Encoding of the body.
    pub media: Media,
    /// Type of the body (`None` for no body).
    pub ty: Option<TypeRef>,
    /// Documentation.
    pub docs: Docs,
    /// Success statuses whose JSON bodies differ: each decodes into its own
    /// variant of `ty`, a union with one variant per status.
    pub by_status: Vec<StatusBody>,
}

/// The body of one success status, as a variant of the success union.
#[derive(Debug, Clone)]
pub struct StatusBody {
    /// The status.
    pub status: StatusMatch,
    /// The variant of the success union.
    pub variant: String,
    /// The body's type.
    pub ty: TypeRef,
}

/// An example from the spec.
#[derive(Debug, Clone)]
pub struct Example {
    /// Test name, unique.
    pub name: String,
    /// Where it comes from (JSON pointer).
    pub source: String,
    /// The type it must decode into.
    pub ty: TypeRef,
    /// The example value.
    pub value: Value,
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    /// Text sent as it is.
    Literal(String),
    /// The path parameter at this index of [`Operation::params`], encoded.
    Param(usize),
}

impl TypeRef {
    /// Calls `f` with every named type this reference holds.
    pub fn each_named(&self, f: &mut impl FnMut(TypeId)) {
        match self {
            TypeRef::Named(id) => f(*id),
            TypeRef::Array(inner)
            | TypeRef::Map(inner)
            | TypeRef::Nullable(inner)
            | TypeRef::Boxed(inner) => inner.each_named(f),
            TypeRef::Tuple(items) => items.iter().for_each(|t| t.each_named(f)),
            _ => {}
        }
    }

    /// Calls `f` on this reference and every one inside it.
    fn each_mut(&mut self, f: &mut impl FnMut(&mut TypeRef)) {
        f(self);
        match self {
            TypeRef::Array(inner)
            | TypeRef::Map(inner)
            | TypeRef::Nullable(inner)
            | TypeRef::Boxed(inner) => inner.each_mut(f),
            TypeRef::Tuple(items) => items.iter_mut().for_each(|t| t.each_mut(f)),
            _ => {}
        }
    }
}

impl Api {
    /// Whether some operation can be called without any credential (its
    /// requirement, or the API's default, is empty or has an empty
    /// alternative): a client without credentials is then of use.
    pub fn has_public_operations(&self) -> bool {
        let public = |alternatives: &[Vec<usize>]| {
            alternatives.is_empty() || alternatives.iter().any(Vec::is_empty)
        };
        self.operations
            .iter()
            .any(|op| public(op.security.as_deref().unwrap_or(&self.security.default)))
    }

    /// Calls `f` on every type reference of the API: fields, variants,
    /// aliases, parameters, bodies, responses, streams and examples.
    pub fn each_type_ref_mut(&mut self, mut f: impl FnMut(&mut TypeRef)) {
        let f = &mut f;
        for def in &mut self.types {
            match &mut def.kind {
                TypeKind::Struct(s) => {
                    s.fields.iter_mut().for_each(|x| x.ty.each_mut(f));
                    if let Some(extra) = &mut s.additional {
                        extra.each_mut(f);
                    }
                }
                TypeKind::Union(u) => u.variants.iter_mut().for_each(|v| v.ty.each_mut(f)),
                TypeKind::Alias(t) | TypeKind::Newtype(t) => t.each_mut(f),
                TypeKind::Enum(_) => {}
            }
        }
        for op in &mut self.operations {
            op.params.iter_mut().for_each(|p| p.ty.each_mut(f));
            if let Some(body) = &mut op.body {
                body.ty.each_mut(f);
            }
            for response in std::iter::once(&mut op.success).chain(&mut op.errors) {
                if let Some(ty) = &mut response.ty {
                    ty.each_mut(f);
                }
                response.by_status.iter_mut().for_each(|b| b.ty.each_mut(f));
            }
            if let Some(pages) = &mut op.pagination {
                pages.item.each_mut(f);
            }
            if let Some(stream) = &mut op.stream {
                stream.item.each_mut(f);
            }
        }
        self.examples.iter_mut().for_each(|e| e.ty.each_mut(f));
    }

    /// How many times each type is referred to, counting examples apart:
    /// `(uses outside examples, uses by examples)` per type.
    pub fn type_uses(&mut self) -> Vec<(usize, usize)> {
        let mut uses = vec![(0, 0); self.types.len()];
        let examples = std::mem::take(&mut self.examples);
        self.each_type_ref_mut(|ty| {
            if let TypeRef::Named(id) = ty {
                uses[*id].0 += 1;
            }
        });
        self.examples = examples;
        for example in &mut self.examples {
            example.ty.each_mut(&mut |ty| {
                if let TypeRef::Named(id) = ty {
                    uses[*id].1 += 1;
                }
            });
        }
        uses
    }

    /// Removes the types `gone` (which nothing may refer to any more) and
    /// renumbers the references to the others.
    pub fn remove_types(&mut self, gone: &std::collections::BTreeSet<TypeId>) {
        if gone.is_empty() {
            return;
        }
        let mut renumbered = Vec::with_capacity(self.types.len());
        let mut next = 0;
        for id in 0..self.types.len() {
            renumbered.push(next);
            next += usize::from(!gone.contains(&id));
        }
        let mut id = 0;
        self.types.retain(|_| {
            id += 1;
            !gone.contains(&(id - 1))
        });
        self.each_type_ref_mut(|ty| {
            if let TypeRef::Named(id) = ty {
                *id = renumbered[*id];
            }
        });
    }

    /// Dates and times as plain `String`s (a setting, for users who parse
    /// them their own way).
    pub fn dates_as_strings(&mut self) {
        self.each_type_ref_mut(|ty| {
            if matches!(ty, TypeRef::DateTime | TypeRef::Date) {
                *ty = TypeRef::String;
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn alias(name: &str, of: TypeRef) -> TypeDef {
        TypeDef {
            name: name.to_owned(),
            source: String::new(),
            docs: Docs::default(),
            kind: TypeKind::Alias(of),
            validates: false,
            error_body: false,
            replacement: None,
            derives: Vec::new(),
        }
    }

    /// Types held only inside a tuple are seen as used, and their
    /// references follow when the types before them are removed.
    #[test]
    fn references_inside_tuples_are_counted_and_renumbered() {
        use TypeRef::{Array, Named, Tuple};
        let pair = Tuple(vec![Named(1), Array(Box::new(Named(2)))]);
        let mut held = Vec::new();
        pair.each_named(&mut |id| held.push(id));
        assert_eq!(held, [1, 2]);
        let mut api = Api {
            types: vec![
                alias("Gone", TypeRef::String),
                alias("A", TypeRef::Integer(IntegerKind::I64)),
                alias("B", TypeRef::Boolean),
                alias("Pair", pair),
            ],
            ..Api::default()
        };
        assert_eq!(api.type_uses(), [(0, 0), (1, 0), (1, 0), (0, 0)]);
        api.remove_types(&BTreeSet::from([0]));
        let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["A", "B", "Pair"]);
        let TypeKind::Alias(pair) = &api.types[2].kind else {
            panic!("not an alias")
        };
        assert_eq!(pair, &Tuple(vec![Named(0), Array(Box::new(Named(1)))]));
    }
}
