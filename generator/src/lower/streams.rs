//! The methods that read success bodies as streams: their names, and the
//! request body field that asks for the stream.

use crate::contract::CLIENT_METHODS;
use crate::ir::{Api, Media, Operation, TypeKind, TypeRef};
use crate::naming::{derived, Scope};

/// The wire name of the boolean body field by which APIs in the style of
/// OpenAI's choose an event stream over one JSON body.
const STREAM_SWITCH: &str = "stream";

/// Names each second method (the one streaming every item of a paged
/// operation, and the one reading a success body as a stream), after every
/// operation has its name, so that neither ever takes another method's;
/// and finds the body field that switches between the two bodies.
pub fn name_stream_methods(api: &mut Api) {
    let mut scope = Scope::with_reserved(CLIENT_METHODS);
    for op in &api.operations {
        scope.claim(op.name.clone());
    }
    for op in &mut api.operations {
        if let Some(pages) = &mut op.pagination {
            pages.method = scope.claim(derived::stream_method(&op.name));
        }
    }
    for index in 0..api.operations.len() {
        let switch = switch_field(api, &api.operations[index]);
        let op = &mut api.operations[index];
        let Some(stream) = &mut op.stream else {
            continue;
        };
        if stream.only {
            continue;
        }
        stream.method = scope.claim(derived::stream_method(&op.name));
        stream.switch = switch;
    }
}

/// The JSON body's boolean `stream` field, when it has one.
fn switch_field(api: &Api, op: &Operation) -> Option<String> {
    let body = op.body.as_ref().filter(|b| b.media == Media::Json)?;
    let TypeRef::Named(id) = &body.ty else {
        return None;
    };
    let TypeKind::Struct(fields) = &api.types[*id].kind else {
        return None;
    };
    fields
        .fields
        .iter()
        .find(|f| f.wire == STREAM_SWITCH && is_boolean(&f.ty))
        .map(|f| f.wire.clone())
}

fn is_boolean(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Boolean => true,
        TypeRef::Nullable(inner) | TypeRef::Boxed(inner) => is_boolean(inner),
        _ => false,
    }
}
