//! Unknown keys: a key the OpenAPI object where it stands does not define
//! (`responsez`, `requried`) is ignored by every tool, so what the author
//! meant is silently lost. Each gets a located warning, with the key it was
//! probably meant to be when one is close.
//!
//! The walk follows the structure of the document from its root; `x-`
//! extensions, references and anything that is not an object are left alone
//! (shapes are checked when the document is read). Schemas accept the
//! keywords of OpenAPI 3.0 and of JSON Schema 2020-12 in either version: a
//! 3.0 document that uses `const` means it.

use std::collections::BTreeMap;

use serde_json::Value;

use super::Version;
use super::METHODS;
use crate::diagnostics::Diagnostic;
use crate::source::escape_pointer;

/// At most this many warnings per unknown key; the rest are counted in a note.
const PER_KEY: usize = 3;

/// The kinds of object the walk knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Root,
    Info,
    Contact,
    License,
    Server,
    ServerVariable,
    Components,
    PathItem,
    Operation,
    ExternalDocs,
    Parameter,
    Header,
    RequestBody,
    MediaType,
    Encoding,
    Responses,
    Response,
    Example,
    Link,
    Tag,
    Schema,
    Discriminator,
    Xml,
    SecurityScheme,
    OAuthFlows,
    OAuthFlow,
}

/// Where the walk goes from a key.
#[derive(Clone, Copy)]
enum Child {
    One(Kind),
    /// A map of names to objects of this kind.
    Map(Kind),
    List(Kind),
    /// A map of names to maps of names to objects (callbacks: name →
    /// expression → path item).
    MapOfMaps(Kind),
    /// One schema or a list of them (`items` in older drafts).
    SchemaOrList,
}

fn known(kind: Kind, v31: bool) -> &'static [&'static str] {
    match kind {
        Kind::Root if v31 => &[
            "openapi",
            "info",
            "jsonSchemaDialect",
            "servers",
            "paths",
            "webhooks",
            "components",
            "security",
            "tags",
            "externalDocs",
        ],
        Kind::Root => &[
            "openapi",
            "info",
            "servers",
            "paths",
            "components",
            "security",
            "tags",
            "externalDocs",
        ],
        Kind::Info => &[
            "title",
            "summary",
            "description",
            "termsOfService",
            "contact",
            "license",
            "version",
        ],
        Kind::Contact => &["name", "url", "email"],
        Kind::License => &["name", "identifier", "url"],
        Kind::Server => &["url", "description", "variables"],
        Kind::ServerVariable => &["enum", "default", "description"],
        Kind::Components => &[
            "schemas",
            "responses",
            "parameters",
            "examples",
            "requestBodies",
            "headers",
            "securitySchemes",
            "links",
            "callbacks",
            "pathItems",
        ],
        Kind::PathItem => &[
            "$ref",
            "summary",
            "description",
            "get",
            "put",
            "post",
            "delete",
            "options",
            "head",
            "patch",
            "trace",
            "servers",
            "parameters",
        ],
        Kind::Operation => &[
            "tags",
            "summary",
            "description",
            "externalDocs",
            "operationId",
            "parameters",
            "requestBody",
            "responses",
            "callbacks",
            "deprecated",
            "security",
            "servers",
        ],
        Kind::ExternalDocs => &["description", "url"],
        Kind::Parameter => &[
            "name",
            "in",
            "description",
            "required",
            "deprecated",
            "allowEmptyValue",
            "style",
            "explode",
            "allowReserved",
            "schema",
            "example",
            "examples",
            "content",
        ],
        Kind::Header => &[
            "description",
            "required",
            "deprecated",
            "allowEmptyValue",
            "style",
            "explode",
            "allowReserved",
            "schema",
            "example",
            "examples",
            "content",
        ],
        Kind::RequestBody => &["description", "content", "required"],
        Kind::MediaType => &["schema", "example", "examples", "encoding"],
        Kind::Encoding => &[
            "contentType",
            "headers",
            "style",
            "explode",
            "allowReserved",
        ],
        Kind::Responses => &["default"],
        Kind::Response => &["description", "headers", "content", "links"],
        Kind::Example => &["summary", "description", "value", "externalValue"],
        Kind::Link => &[
            "operationRef",
            "operationId",
            "parameters",
            "requestBody",
            "description",
            "server",
        ],
        Kind::Tag => &["name", "description", "externalDocs"],
        Kind::Schema => SCHEMA_KEYWORDS,
        Kind::Discriminator => &["propertyName", "mapping"],
        Kind::Xml => &["name", "namespace", "prefix", "attribute", "wrapped"],
        Kind::SecurityScheme => &[
            "type",
            "description",
            "name",
            "in",
            "scheme",
            "bearerFormat",
            "flows",
            "openIdConnectUrl",
        ],
        Kind::OAuthFlows => &[
            "implicit",
            "password",
            "clientCredentials",
            "authorizationCode",
        ],
        Kind::OAuthFlow => &["authorizationUrl", "tokenUrl", "refreshUrl", "scopes"],
    }
}

/// The keys OpenAPI 3.2 added to each kind of object.
fn added_in_32(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Root => &["$self"],
        Kind::Components => &["mediaTypes"],
        Kind::PathItem => &["query", "additionalOperations"],
        Kind::Server => &["name"],
        Kind::Tag => &["summary", "parent", "kind"],
        Kind::Response => &["summary"],
        Kind::MediaType => &["itemSchema", "itemEncoding", "prefixEncoding"],
        Kind::Encoding => &["encoding", "itemEncoding", "prefixEncoding"],
        Kind::Example => &["dataValue", "serializedValue"],
        Kind::Discriminator => &["defaultMapping"],
        Kind::Xml => &["nodeType"],
        Kind::SecurityScheme => &["deprecated", "oauth2MetadataUrl"],
        Kind::OAuthFlows => &["deviceAuthorization"],
        Kind::OAuthFlow => &["deviceAuthorizationUrl"],
        _ => &[],
    }
}

/// The keys an object of `kind` may have in `version`.
fn known_in(kind: Kind, version: Version) -> impl Iterator<Item = &'static str> {
    let added = if version == Version::V32 {
        added_in_32(kind)
    } else {
        &[]
    };
    known(kind, version >= Version::V31)
        .iter()
        .chain(added)
        .copied()
}

/// OpenAPI 3.0's schema keywords, JSON Schema 2020-12's, and `definitions`
/// (draft 7), which generators still write.
const SCHEMA_KEYWORDS: &[&str] = &[
    "title",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "maxProperties",
    "minProperties",
    "required",
    "enum",
    "type",
    "allOf",
    "oneOf",
    "anyOf",
    "not",
    "items",
    "properties",
    "additionalProperties",
    "description",
    "format",
    "default",
    "nullable",
    "discriminator",
    "readOnly",
    "writeOnly",
    "xml",
    "externalDocs",
    "example",
    "deprecated",
    "$schema",
    "$id",
    "$anchor",
    "$dynamicAnchor",
    "$dynamicRef",
    "$ref",
    "$defs",
    "$comment",
    "$vocabulary",
    "definitions",
    "const",
    "examples",
    "prefixItems",
    "contains",
    "minContains",
    "maxContains",
    "unevaluatedItems",
    "unevaluatedProperties",
    "patternProperties",
    "propertyNames",
    "dependentRequired",
    "dependentSchemas",
    "dependencies",
    "if",
    "then",
    "else",
    "contentEncoding",
    "contentMediaType",
    "contentSchema",
];

fn child(kind: Kind, key: &str) -> Option<Child> {
    use Child::{List, Map, MapOfMaps, One, SchemaOrList};
    let child = match (kind, key) {
        (Kind::Root, "info") => One(Kind::Info),
        (Kind::Root | Kind::PathItem | Kind::Operation, "servers") => List(Kind::Server),
        (Kind::Root, "paths" | "webhooks") => Map(Kind::PathItem),
        (Kind::Root, "components") => One(Kind::Components),
        (Kind::Root, "tags") => List(Kind::Tag),
        (_, "externalDocs") => One(Kind::ExternalDocs),
        (Kind::Info, "contact") => One(Kind::Contact),
        (Kind::Info, "license") => One(Kind::License),
        (Kind::Server, "variables") => Map(Kind::ServerVariable),
        (Kind::Components, "schemas") => Map(Kind::Schema),
        (Kind::Components, "responses") => Map(Kind::Response),
        (Kind::Components, "parameters") => Map(Kind::Parameter),
        (Kind::Components, "examples") => Map(Kind::Example),
        (Kind::Components, "requestBodies") => Map(Kind::RequestBody),
        (Kind::Components, "headers") | (Kind::Response | Kind::Encoding, "headers") => {
            Map(Kind::Header)
        }
        (Kind::Components, "securitySchemes") => Map(Kind::SecurityScheme),
        (Kind::Components | Kind::Response, "links") => Map(Kind::Link),
        (Kind::Components | Kind::Operation, "callbacks") => MapOfMaps(Kind::PathItem),
        (Kind::Components, "pathItems") => Map(Kind::PathItem),
        (Kind::PathItem | Kind::Operation, "parameters") => List(Kind::Parameter),
        (Kind::PathItem, method) if METHODS.contains(&method) => One(Kind::Operation),
        (Kind::PathItem, "query") => One(Kind::Operation),
        (Kind::PathItem, "additionalOperations") => Map(Kind::Operation),
        (Kind::Components, "mediaTypes") => Map(Kind::MediaType),
        (Kind::MediaType, "itemSchema") => One(Kind::Schema),
        (Kind::MediaType | Kind::Encoding, "itemEncoding") => One(Kind::Encoding),
        (Kind::MediaType | Kind::Encoding, "prefixEncoding") => List(Kind::Encoding),
        (Kind::Encoding, "encoding") => Map(Kind::Encoding),
        (Kind::Operation, "requestBody") => One(Kind::RequestBody),
        (Kind::Operation, "responses") => One(Kind::Responses),
        (Kind::Responses, _) => One(Kind::Response),
        (Kind::Parameter | Kind::Header | Kind::MediaType, "schema") => One(Kind::Schema),
        (Kind::Parameter | Kind::Header | Kind::MediaType, "examples") => Map(Kind::Example),
        (Kind::Parameter | Kind::Header | Kind::RequestBody | Kind::Response, "content") => {
            Map(Kind::MediaType)
        }
        (Kind::MediaType, "encoding") => Map(Kind::Encoding),
        (Kind::Schema, "properties" | "$defs" | "definitions" | "patternProperties") => {
            Map(Kind::Schema)
        }
        (Kind::Schema, "dependentSchemas") => Map(Kind::Schema),
        (Kind::Schema, "allOf" | "oneOf" | "anyOf" | "prefixItems") => List(Kind::Schema),
        (Kind::Schema, "items") => SchemaOrList,
        (
            Kind::Schema,
            "additionalProperties"
            | "not"
            | "if"
            | "then"
            | "else"
            | "contains"
            | "propertyNames"
            | "unevaluatedItems"
            | "unevaluatedProperties"
            | "contentSchema",
        ) => One(Kind::Schema),
        (Kind::Schema, "discriminator") => One(Kind::Discriminator),
        (Kind::Schema, "xml") => One(Kind::Xml),
        (Kind::SecurityScheme, "flows") => One(Kind::OAuthFlows),
        (Kind::OAuthFlows, _) => One(Kind::OAuthFlow),
        _ => return None,
    };
    Some(child)
}

/// Whether `key` may stand in an object of `kind`. Keys of a responses
/// object are checked (and mended) as status codes by `quirks`.
fn allowed(kind: Kind, key: &str, version: Version) -> bool {
    key.starts_with("x-") || kind == Kind::Responses || known_in(kind, version).any(|k| k == key)
}

/// Located warnings for the unknown keys of the document.
pub(crate) fn unknown_keys(root: &Value, version: Version) -> Vec<Diagnostic> {
    unknown_keys_within(root, version, MAX_NODES)
}

/// [`unknown_keys`], walking at most `budget` objects.
fn unknown_keys_within(root: &Value, version: Version, budget: usize) -> Vec<Diagnostic> {
    let mut walk = Walk {
        root,
        visited: Default::default(),
        version,
        found: BTreeMap::new(),
        nodes: 0,
        budget,
    };
    walk.object(root, Kind::Root, &mut String::new());
    let mut warnings = Vec::new();
    for ((kind, key), places) in walk.found {
        for (i, pointer) in places.iter().take(PER_KEY).enumerate() {
            let mut warning = Diagnostic::warning(pointer.clone(), message(kind, &key, version));
            if i == PER_KEY - 1 && places.len() > PER_KEY {
                warning = warning.note(format!(
                    "{} more places have it; only the first {PER_KEY} are shown",
                    places.len() - PER_KEY
                ));
            }
            warnings.push(warning);
        }
    }
    warnings
}

fn message(kind: Kind, key: &str, version: Version) -> String {
    let mut text = format!("unknown key `{key}` in {}; it is ignored", noun(kind));
    if let Some(close) = closest(key, kind, version) {
        text.push_str(&format!(" (did you mean `{close}`?)"));
    } else {
        text.push_str(" (extensions start with `x-`)");
    }
    text
}

/// The object, as the OpenAPI specification calls it.
fn noun(kind: Kind) -> &'static str {
    match kind {
        Kind::Root => "the document's top level",
        Kind::Info => "the info object",
        Kind::Contact => "a contact object",
        Kind::License => "a license object",
        Kind::Server => "a server object",
        Kind::ServerVariable => "a server variable",
        Kind::Components => "the components object",
        Kind::PathItem => "a path item",
        Kind::Operation => "an operation",
        Kind::ExternalDocs => "an external documentation object",
        Kind::Parameter => "a parameter",
        Kind::Header => "a header",
        Kind::RequestBody => "a request body",
        Kind::MediaType => "a media type object",
        Kind::Encoding => "an encoding object",
        Kind::Responses => "a responses object (status codes and `default`)",
        Kind::Response => "a response",
        Kind::Example => "an example object",
        Kind::Link => "a link",
        Kind::Tag => "a tag",
        Kind::Schema => "a schema",
        Kind::Discriminator => "a discriminator",
        Kind::Xml => "an XML object",
        Kind::SecurityScheme => "a security scheme",
        Kind::OAuthFlows => "an OAuth flows object",
        Kind::OAuthFlow => "an OAuth flow",
    }
}

/// The known key nearest to `key`: the same but for case, or at most two
/// edits away (one for short keys).
fn closest(key: &str, kind: Kind, version: Version) -> Option<&'static str> {
    let lower = key.to_ascii_lowercase();
    if let Some(same) = known_in(kind, version).find(|c| c.to_ascii_lowercase() == lower) {
        return Some(same);
    }
    let limit = if key.len() <= 4 { 1 } else { 2 };
    known_in(kind, version)
        .map(|c| (edit_distance(&lower, &c.to_ascii_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

/// Levenshtein distance, with a swap of two neighbours counted as one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

/// The walk: unknown keys found, by kind and key, with where they stand.
struct Walk<'v> {
    root: &'v Value,
    /// Bundled external targets already walked (by pointer).
    visited: std::collections::BTreeSet<String>,
    version: Version,
    found: BTreeMap<(Kind, String), Vec<String>>,
    /// Objects walked so far, and at most.
    nodes: usize,
    budget: usize,
}

/// Documents this large are walked only so far (the walk is a courtesy).
const MAX_NODES: usize = 2_000_000;

impl<'v> Walk<'v> {
    fn object(&mut self, node: &'v Value, kind: Kind, at: &mut String) {
        let Value::Object(map) = node else {
            return;
        };
        self.nodes += 1;
        if self.nodes > self.budget {
            return;
        }
        if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
            self.external(reference, kind);
            if kind != Kind::PathItem {
                return;
            }
        }
        for (key, value) in map {
            let len = at.len();
            at.push('/');
            at.push_str(&escape_pointer(key));
            if !allowed(kind, key, self.version) {
                self.found
                    .entry((kind, key.clone()))
                    .or_default()
                    .push(at.clone());
            } else if !key.starts_with("x-") {
                if let Some(child) = child(kind, key) {
                    self.descend(value, child, at);
                }
            }
            at.truncate(len);
        }
    }

    /// Content of other files sits in the document under `x-oas-gen-external`,
    /// an extension, so it is walked from the references that reach it,
    /// as what they stand for.
    fn external(&mut self, reference: &str, kind: Kind) {
        if let Some((mut pointer, target)) =
            super::external::bundled_once(self.root, reference, &mut self.visited)
        {
            self.object(target, kind, &mut pointer);
        }
    }

    fn descend(&mut self, value: &'v Value, child: Child, at: &mut String) {
        match (child, value) {
            (Child::One(kind), _) => self.object(value, kind, at),
            (Child::Map(kind), Value::Object(map)) => self.each(map.iter(), kind, at),
            (Child::MapOfMaps(kind), Value::Object(map)) => {
                for (name, inner) in map {
                    let len = at.len();
                    at.push('/');
                    at.push_str(&escape_pointer(name));
                    if let Value::Object(inner) = inner {
                        self.each(inner.iter(), kind, at);
                    }
                    at.truncate(len);
                }
            }
            (Child::List(kind), Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    let len = at.len();
                    at.push_str(&format!("/{i}"));
                    self.object(item, kind, at);
                    at.truncate(len);
                }
            }
            (Child::SchemaOrList, Value::Array(_)) => {
                self.descend(value, Child::List(Kind::Schema), at)
            }
            (Child::SchemaOrList, _) => self.object(value, Kind::Schema, at),
            _ => {}
        }
    }

    fn each(
        &mut self,
        entries: impl Iterator<Item = (&'v String, &'v Value)>,
        kind: Kind,
        at: &mut String,
    ) {
        for (name, value) in entries {
            if name.starts_with("x-") && kind != Kind::Schema && kind != Kind::MediaType {
                continue;
            }
            let len = at.len();
            at.push('/');
            at.push_str(&escape_pointer(name));
            self.object(value, kind, at);
            at.truncate(len);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn messages(doc: &Value) -> Vec<(String, String)> {
        unknown_keys(doc, Version::V30)
            .into_iter()
            .map(|d| (d.pointer, d.message))
            .collect()
    }

    #[test]
    fn typos_are_found_where_they_stand_with_a_suggestion() {
        let doc = json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {"/a": {"get": {
                "responsez": {},
                "parameters": [{"name": "q", "in": "query", "requried": true}],
                "responses": {"200": {"description": "ok", "content": {"application/json": {
                    "schema": {"type": "object", "properties": {"x": {"type": "string", "maxlength": 3}}},
                    "encoding": {"x": {"contentTyp": "text/plain"}}
                }}}, "2xx": {"description": "ok"}}
            }}},
            "components": {
                "pathItems": {"P": {"gett": {}}},
                "securitySchemes": {"o": {"type": "oauth2", "flows": {"implicit": {
                    "authorizationUrl": "https://a", "scopes": {}, "tokenUrll": "https://t"
                }}}}
            },
            "x-anything": {"whatever": 1}
        });
        let found = messages(&doc);
        let expect = [
            ("/paths/~1a/get/responsez", "did you mean `responses`?"),
            ("/paths/~1a/get/parameters/0/requried", "did you mean `required`?"),
            (
                "/paths/~1a/get/responses/200/content/application~1json/schema/properties/x/maxlength",
                "did you mean `maxLength`?",
            ),
            ("/components/pathItems/P/gett", "did you mean `get`?"),
            (
                "/paths/~1a/get/responses/200/content/application~1json/encoding/x/contentTyp",
                "did you mean `contentType`?",
            ),
            (
                "/components/securitySchemes/o/flows/implicit/tokenUrll",
                "did you mean `tokenUrl`?",
            ),
        ];
        assert_eq!(found.len(), expect.len(), "{found:#?}");
        for (pointer, text) in expect {
            assert!(
                found.iter().any(|(p, m)| p == pointer && m.contains(text)),
                "{pointer}: {text} in {found:#?}"
            );
        }
    }

    #[test]
    fn references_extensions_and_json_schema_keywords_are_left_alone() {
        let doc = json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1", "x-logo": {"url": "u"}},
            "paths": {},
            "components": {"schemas": {
                "A": {"$ref": "#/components/schemas/B", "whatever": 1},
                "B": {"const": 1, "examples": [1], "$defs": {"C": {"type": "string"}}},
                "C": {"type": "object", "properties": {"nullable": {"type": "string"}}}
            }}
        });
        assert_eq!(messages(&doc), []);
    }

    #[test]
    fn the_keys_of_3_2_are_known_in_3_2_only_and_walked_into() {
        let doc = json!({
            "$self": "https://example.com/api",
            "tags": [{"name": "a", "parent": "b", "kind": "nav"}],
            "paths": {"/a": {
                "query": {"responses": {"200": {"description": "ok", "summary": "ok"}}},
                "additionalOperations": {"COPY": {"responsez": {}}},
            }},
            "components": {"mediaTypes": {"Lines": {"itemSchem": {}, "itemSchema": {"nulable": true},
                "encoding": {"f": {"itemEncoding": {"contentType": "text/plain"}}}}},
                "schemas": {"S": {"discriminator": {"propertyName": "t", "defaultMapping": "#/A"}}}},
        });
        let found = |version| -> Vec<(String, String)> {
            unknown_keys(&doc, version)
                .into_iter()
                .map(|d| (d.pointer, d.message))
                .collect()
        };
        let in_32 = found(Version::V32);
        let pointers: Vec<&str> = in_32.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/paths/~1a/additionalOperations/COPY/responsez",
                "/components/mediaTypes/Lines/itemSchem",
                "/components/mediaTypes/Lines/itemSchema/nulable",
            ],
            "{in_32:?}"
        );
        assert!(
            in_32[1].1.contains("did you mean `itemSchema`?"),
            "{in_32:?}"
        );
        let in_31: Vec<String> = found(Version::V31).into_iter().map(|(p, _)| p).collect();
        for key in [
            "/$self",
            "/tags/0/parent",
            "/paths/~1a/query",
            "/components/mediaTypes",
        ] {
            assert!(in_31.contains(&key.to_owned()), "{key}: {in_31:?}");
        }
    }

    #[test]
    fn every_kind_of_object_is_walked_into_where_it_stands() {
        // `zz` is unknown everywhere: each place it stands is reported.
        let schema = json!({"zz": 1});
        let example = json!({"zz": 1});
        let header = json!({"zz": 1, "examples": {"e": example}});
        let link = json!({"zz": 1});
        let operation = json!({
            "zz": 1,
            "servers": [{"url": "/", "zz": 1}],
            "externalDocs": {"url": "/", "zz": 1},
            "requestBody": {"zz": 1, "content": {"application/json": {
                "examples": {"e": example},
                "encoding": {"f": {"headers": {"H": header}}},
                "schema": {
                    "allOf": [schema], "items": schema, "dependentSchemas": {"d": schema},
                    "additionalProperties": schema, "not": schema, "if": schema, "then": schema,
                    "else": schema, "contains": schema, "propertyNames": schema,
                    "unevaluatedItems": schema, "unevaluatedProperties": schema,
                    "contentSchema": schema, "discriminator": {"zz": 1}, "xml": {"zz": 1},
                    "prefixItems": [schema],
                },
            }}},
            "parameters": [{"name": "p", "in": "query", "zz": 1, "examples": {"e": example}}],
            "callbacks": {"c": {"{$url}": {"zz": 1}}},
            "responses": {"200": {"description": "ok", "headers": {"H": header}, "links": {"L": link}}},
        });
        let doc = json!({
            "info": {"title": "t", "version": "1", "zz": 1,
                     "contact": {"zz": 1}, "license": {"name": "l", "zz": 1}},
            "servers": [{"url": "/", "zz": 1, "variables": {"v": {"default": "d", "zz": 1}}}],
            "tags": [{"name": "t", "zz": 1}],
            "paths": {"/a": {"servers": [{"url": "/", "zz": 1}], "get": operation}},
            "components": {
                "responses": {"R": {"description": "r", "zz": 1}},
                "parameters": {"P": {"name": "p", "in": "query", "zz": 1}},
                "examples": {"E": example},
                "requestBodies": {"B": {"content": {}, "zz": 1}},
                "headers": {"H": header},
                "links": {"L": link},
                "callbacks": {"C": {"{$url}": {"zz": 1}}},
                "schemas": {"S": {"items": [schema]}},
            },
        });
        // Each `zz` its own key (`zz0`, `zz1`…): a key is shown at three
        // places at most. What is compared is where each stands.
        fn numbered(value: &mut Value, n: &mut usize) {
            match value {
                Value::Object(map) => {
                    if map.shift_remove("zz").is_some() {
                        map.insert(format!("zz{n}"), json!(1));
                        *n += 1;
                    }
                    map.values_mut().for_each(|v| numbered(v, n));
                }
                Value::Array(items) => items.iter_mut().for_each(|v| numbered(v, n)),
                _ => {}
            }
        }
        let mut doc = doc;
        numbered(&mut doc, &mut 0);
        let mut found: Vec<String> = unknown_keys(&doc, Version::V30)
            .into_iter()
            .map(|d| d.pointer.rsplit_once("/zz").unwrap().0.to_owned() + "/zz")
            .collect();
        found.sort();
        let op = "/paths/~1a/get";
        let body = format!("{op}/requestBody/content/application~1json");
        let mut expected: Vec<String> = [
            "/info/zz",
            "/info/contact/zz",
            "/info/license/zz",
            "/servers/0/zz",
            "/servers/0/variables/v/zz",
            "/tags/0/zz",
            "/paths/~1a/servers/0/zz",
            "/components/responses/R/zz",
            "/components/parameters/P/zz",
            "/components/examples/E/zz",
            "/components/requestBodies/B/zz",
            "/components/headers/H/zz",
            "/components/headers/H/examples/e/zz",
            "/components/links/L/zz",
            "/components/callbacks/C/{$url}/zz",
            "/components/schemas/S/items/0/zz",
        ]
        .map(str::to_owned)
        .into_iter()
        .chain(
            [
                "/zz",
                "/servers/0/zz",
                "/externalDocs/zz",
                "/requestBody/zz",
                "/parameters/0/zz",
                "/parameters/0/examples/e/zz",
                "/callbacks/c/{$url}/zz",
                "/responses/200/headers/H/zz",
                "/responses/200/headers/H/examples/e/zz",
                "/responses/200/links/L/zz",
            ]
            .map(|p| format!("{op}{p}")),
        )
        .chain(
            [
                "/examples/e/zz",
                "/encoding/f/headers/H/zz",
                "/encoding/f/headers/H/examples/e/zz",
                "/schema/allOf/0/zz",
                "/schema/items/zz",
                "/schema/dependentSchemas/d/zz",
                "/schema/additionalProperties/zz",
                "/schema/not/zz",
                "/schema/if/zz",
                "/schema/then/zz",
                "/schema/else/zz",
                "/schema/contains/zz",
                "/schema/propertyNames/zz",
                "/schema/unevaluatedItems/zz",
                "/schema/unevaluatedProperties/zz",
                "/schema/contentSchema/zz",
                "/schema/discriminator/zz",
                "/schema/xml/zz",
                "/schema/prefixItems/0/zz",
            ]
            .map(|p| format!("{body}{p}")),
        )
        .collect();
        expected.sort();
        assert_eq!(found, expected);
    }

    #[test]
    fn the_objects_3_2_adds_are_walked_into_and_its_keys_known_there() {
        let doc = json!({
            "paths": {"/a": {"query": {"zz1": 1, "responses": {}}}},
            "components": {
                "mediaTypes": {"M": {
                    "itemEncoding": {"zz2": 1},
                    "prefixEncoding": [{"zz3": 1}],
                    "encoding": {"f": {"encoding": {"g": {"zz4": 1}}}},
                    "schema": {"xml": {"nodeType": "element"}},
                }},
                "securitySchemes": {"S": {"type": "oauth2", "deprecated": true,
                    "oauth2MetadataUrl": "https://example.com/.well-known",
                    "flows": {"deviceAuthorization": {"deviceAuthorizationUrl": "https://example.com/d",
                        "tokenUrl": "https://example.com/t", "scopes": {}}}}},
            },
        });
        let found: Vec<String> = unknown_keys(&doc, Version::V32)
            .into_iter()
            .map(|d| d.pointer)
            .collect();
        assert_eq!(
            found,
            [
                "/paths/~1a/query/zz1",
                "/components/mediaTypes/M/itemEncoding/zz2",
                "/components/mediaTypes/M/prefixEncoding/0/zz3",
                "/components/mediaTypes/M/encoding/f/encoding/g/zz4",
            ]
        );
    }

    #[test]
    fn the_top_level_keys_of_3_1_are_unknown_in_3_0() {
        let doc = json!({"webhooks": {}, "jsonSchemaDialect": "x"});
        assert_eq!(unknown_keys(&doc, Version::V30).len(), 2);
        assert!(unknown_keys(&doc, Version::V31).is_empty());
    }

    #[test]
    fn a_key_found_many_times_is_reported_a_few_times_with_a_count() {
        let schemas: serde_json::Map<String, Value> = (0..10)
            .map(|i| (format!("S{i}"), json!({"type": "string", "nulable": true})))
            .collect();
        let doc = json!({"openapi": "3.0.3", "components": {"schemas": schemas}});
        let found = unknown_keys(&doc, Version::V30);
        assert_eq!(found.len(), PER_KEY);
        let notes: Vec<&[String]> = found.iter().map(|d| d.notes.as_slice()).collect();
        assert_eq!(
            notes,
            [
                &[][..],
                &[],
                &["7 more places have it; only the first 3 are shown".to_owned()]
            ],
            "the count closes the list"
        );
        assert!(found[0].message.contains("did you mean `nullable`?"));
    }

    #[test]
    fn a_suggestion_is_at_most_one_edit_away_for_short_keys_and_two_for_longer() {
        let suggested = |key: &str| {
            let doc = json!({"components": {"schemas": {"S": {key: 1}}}});
            let message = unknown_keys(&doc, Version::V30).remove(0).message;
            message
                .split_once("did you mean `")
                .map(|(_, rest)| rest.trim_end_matches("`?)").to_owned())
        };
        assert_eq!(suggested("descriptn").as_deref(), Some("description"));
        assert_eq!(suggested("tpe").as_deref(), Some("type"));
        assert_eq!(
            suggested("ipe"),
            None,
            "two edits from `type`, which is short"
        );
        assert_eq!(suggested("descxyzion"), None, "three edits");
    }

    #[test]
    fn a_huge_document_is_walked_only_so_far() {
        // With a budget of three objects (the real one is 2 million): the
        // top level, `info` and the first server.
        let doc = json!({"info": {"zz": 1}, "servers": [{"zz": 2}], "tags": [{"zz": 3}]});
        let found: Vec<String> = unknown_keys_within(&doc, Version::V30, 3)
            .into_iter()
            .map(|d| d.pointer)
            .collect();
        assert_eq!(found, ["/info/zz", "/servers/0/zz"]);
    }

    #[test]
    fn extensions_among_names_are_skipped_but_properties_named_so_are_schemas() {
        let doc = json!({"components": {
            "responses": {"x-draft": {"zz": 1}},
            "schemas": {"S": {"properties": {"x-note": {"zz": 1}}}},
        }});
        let found: Vec<String> = unknown_keys(&doc, Version::V30)
            .into_iter()
            .map(|d| d.pointer)
            .collect();
        assert_eq!(found, ["/components/schemas/S/properties/x-note/zz"]);
    }

    #[test]
    fn exactly_as_many_places_as_shown_get_no_count() {
        let schemas: serde_json::Map<String, Value> = (0..PER_KEY)
            .map(|i| (format!("S{i}"), json!({"type": "string", "nulable": true})))
            .collect();
        let doc = json!({"openapi": "3.0.3", "components": {"schemas": schemas}});
        let found = unknown_keys(&doc, Version::V30);
        assert_eq!(found.len(), PER_KEY);
        assert!(found.iter().all(|d| d.notes.is_empty()), "{found:?}");
    }

    #[test]
    fn bundled_files_are_walked_as_what_references_them() {
        let doc = json!({
            "openapi": "3.0.3",
            "paths": {"/a": {"get": {"responses": {"200": {"$ref": "#/x-oas-gen-external/r"}}}}},
            "x-oas-gen-external": {
                "r": {"description": "ok", "contnet": {}},
                "unused": {"anything": 1}
            }
        });
        let found = messages(&doc);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "/x-oas-gen-external/r/contnet");
        assert!(found[0].1.contains("in a response"), "{}", found[0].1);
        assert!(
            found[0].1.contains("did you mean `content`?"),
            "{}",
            found[0].1
        );
    }

    #[test]
    fn edit_distance_counts_swaps_as_one() {
        assert_eq!(edit_distance("requried", "required"), 1);
        assert_eq!(edit_distance("responsez", "responses"), 1);
        assert_eq!(edit_distance("abc", "abc"), 0);
        assert_eq!(edit_distance("ab", "ba"), 1, "a swap at the start");
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
