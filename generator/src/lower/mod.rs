//! Lower: the OpenAPI document → the IR.
//!
//! Component schemas get their names first; operations are lowered in the
//! order of the spec; tagged-union variants then lose their own tag field,
//! and recursive types are broken with `Box`.

pub mod customize;
mod cycles;
mod examples;
mod groups;
pub mod marks;
mod operation;
mod options;
mod pagination;
pub mod schema;
mod security;
pub mod select;
mod shapes;
mod streams;
mod tags;
mod unused;

use openapiv3::ReferenceOr;

use crate::diagnostics::Diagnostics;
use crate::ir::{Api, Info};
use crate::load::Document;
use crate::model::Pointer;
use crate::resolve::Resolver;
use crate::source::escape_pointer;
use examples::ExampleSink;
use operation::OperationLowering;
use schema::TypeSpace;

/// Lowers a loaded document, reporting into `found`; errors there mean the
/// spec is refused.
pub fn lower(doc: &Document, found: &mut Diagnostics) -> Api {
    let resolver = Resolver::new(&doc.raw);
    let spec = &doc.spec;
    let mut types = TypeSpace::new(resolver);
    let mut sink = ExampleSink::default();
    types.reserve_components();
    types.define_components();
    let mut operations = Vec::new();
    {
        let mut lowering = OperationLowering::new(resolver, &mut types, &mut sink);
        for (path, item) in &spec.paths.paths {
            lowering.path(path, item, &mut operations);
        }
        component_examples(&mut lowering, spec);
    }
    webhook_payloads(&mut types, resolver);
    found.items.append(&mut types.diagnostics);
    found.items.append(&mut sink.diagnostics);
    let security = security::security(spec, resolver, &mut found.items);
    security::operation_security(&mut operations, &security, resolver);
    let mut api = Api {
        info: Info {
            title: spec.info.title.clone(),
            version: spec.info.version.clone(),
            description: spec.info.description.clone(),
        },
        base_url: base_url(spec),
        security,
        types: types.finish(),
        groups: groups::by_tag(spec, &operations),
        operations,
        examples: sink.examples,
    };
    options::no_double_options(&mut api);
    tags::state_tags_once(&mut api);
    shapes::one_type_per_shape(&mut api);
    unused::drop_unused_all_of_parts(&mut api);
    cycles::break_cycles(&mut api);
    marks::mark(&mut api);
    pagination::detect(&mut api, found);
    streams::name_stream_methods(&mut api);
    api
}

/// Examples in `components/responses` and `components/requestBodies` that no
/// operation reaches are still checked.
fn component_examples(lowering: &mut OperationLowering<'_, '_, '_>, spec: &openapiv3::OpenAPI) {
    let Some(components) = &spec.components else {
        return;
    };
    let responses = components.responses.iter().filter_map(|(n, r)| match r {
        ReferenceOr::Item(r) => Some((n, "responses", &r.content)),
        ReferenceOr::Reference { .. } => None,
    });
    let bodies = components
        .request_bodies
        .iter()
        .filter_map(|(n, b)| match b {
            ReferenceOr::Item(b) => Some((n, "requestBodies", &b.content)),
            ReferenceOr::Reference { .. } => None,
        });
    for (name, kind, content) in responses.chain(bodies) {
        for (content_type, media) in content {
            if media.schema.is_none() {
                continue;
            }
            if !content_type.contains("json") {
                continue;
            }
            let at = format!(
                "/components/{kind}/{}/content/{}",
                escape_pointer(name),
                escape_pointer(content_type)
            );
            let hint = crate::naming::derived::component_body(name);
            let ty = lowering
                .types
                .type_of(&Pointer::from_escaped(format!("{at}/schema")), &hint);
            lowering.examples.collect(
                lowering.resolver,
                media,
                &at,
                &ty,
                &format!("{name} {kind}"),
            );
        }
    }
}

/// Webhooks (OpenAPI 3.1): requests the API sends, so no client methods;
/// their JSON payloads become types, for a server that receives them.
fn webhook_payloads(types: &mut TypeSpace<'_>, resolver: Resolver<'_>) {
    let Some(serde_json::Value::Object(hooks)) = resolver.value("/webhooks") else {
        return;
    };
    for (name, item) in hooks {
        let item_at = format!("/webhooks/{}", escape_pointer(name));
        let item_at = match item.get("$ref").and_then(serde_json::Value::as_str) {
            Some(reference) => match resolver.follow(reference, &item_at) {
                Ok(target) => target,
                Err(d) => {
                    types.diagnostics.push(d);
                    continue;
                }
            },
            None => item_at,
        };
        for method in crate::load::METHODS {
            let mut body_at = format!("{item_at}/{method}/requestBody");
            if let Some(reference) = resolver
                .value(&body_at)
                .and_then(|b| b.get("$ref"))
                .and_then(serde_json::Value::as_str)
            {
                match resolver.follow(reference, &body_at) {
                    Ok(target) => body_at = target,
                    Err(d) => {
                        types.diagnostics.push(d);
                        continue;
                    }
                }
            }
            let schema_at = format!("{body_at}/content/application~1json/schema");
            if resolver.value(&schema_at).is_none() {
                continue;
            }
            let hint = crate::naming::derived::webhook(name);
            let ty = types.type_of(&Pointer::from_escaped(schema_at.clone()), &hint);
            let purpose = format!(
                "The payload of the `{name}` webhook: a request the API sends to you \
                 (deserialize it in your server)."
            );
            types.note_purpose(&ty, &schema_at, &purpose);
        }
    }
}

/// `servers[0].url` with its variables filled in, when absolute.
fn base_url(spec: &openapiv3::OpenAPI) -> Option<String> {
    let server = spec.servers.first()?;
    let mut url = server.url.clone();
    for (name, variable) in server.variables.iter().flatten() {
        url = url.replace(&format!("{{{name}}}"), &variable.default);
    }
    let absolute = url.starts_with("https://") || url.starts_with("http://");
    absolute.then(|| url.trim_end_matches('/').to_owned())
}

#[cfg(test)]
mod tests;
