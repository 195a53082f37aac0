//! The fields of a `multipart/form-data` body that are files: a property
//! whose schema is `format: binary` (3.1's `contentMediaType` reads as the
//! same) is sent as a file part, so its Rust type is the runtime's `File`
//! (bytes with a file name and content type), not a `String`.

use super::TypeSpace;
use crate::ir::{Constraints, TypeKind, TypeRef};
use crate::model::{Kind, Pointer, Schema};

impl<'a> TypeSpace<'a> {
    /// Makes the file properties of the multipart body `ty` (lowered from
    /// the schema at `at`) files. `false` when the body is not an object
    /// with fields, which has no parts to send.
    pub fn form_fields(&mut self, ty: &TypeRef, at: &Pointer) -> bool {
        let TypeRef::Named(id) = ty else {
            return false;
        };
        let files = self.file_properties(at);
        let Some(def) = self.types.get_mut(*id).and_then(Option::as_mut) else {
            return false;
        };
        let TypeKind::Struct(body) = &mut def.kind else {
            return false;
        };
        for field in &mut body.fields {
            let Some(&many) = files
                .iter()
                .find_map(|(wire, many)| (*wire == field.wire).then_some(many))
            else {
                continue;
            };
            let file = if many {
                TypeRef::Array(Box::new(TypeRef::File))
            } else {
                TypeRef::File
            };
            field.ty = match field.ty {
                TypeRef::Nullable(_) => TypeRef::Nullable(Box::new(file)),
                _ => file,
            };
            // Lengths of the text a `String` had do not apply to bytes.
            field.constraints = Constraints::default();
        }
        true
    }

    /// The wire names of the properties (the object's own and its `allOf`
    /// parts') that are files, and whether each is a list of them.
    fn file_properties(&self, at: &Pointer) -> Vec<(String, bool)> {
        let mut found = Vec::new();
        let mut pending = vec![at.clone()];
        // A bound on the parts and references followed, against cycles.
        for _ in 0..64 {
            let Some(at) = pending.pop() else { break };
            let Some(schema) = self.followed(&at) else {
                continue;
            };
            for (name, property) in &schema.properties {
                let Some(property) = self.followed(property) else {
                    continue;
                };
                if is_file(&property) {
                    found.push(((*name).to_owned(), false));
                } else if property.kind == Some(Kind::Array) {
                    let item = property.items.as_ref().and_then(|i| self.followed(i));
                    if item.is_some_and(|item| is_file(&item)) {
                        found.push(((*name).to_owned(), true));
                    }
                }
            }
            pending.extend(schema.all_of.iter().cloned());
        }
        found
    }

    /// The schema at `at`, its `$ref`s followed.
    fn followed(&self, at: &Pointer) -> Option<Schema<'a>> {
        let mut schema = self.read(at)?;
        for _ in 0..16 {
            let Some(reference) = schema.reference else {
                return Some(schema);
            };
            let target = self.resolver.follow(reference, schema.at.as_str()).ok()?;
            schema = self.read(&Pointer::from_escaped(target))?;
        }
        None
    }
}

/// A string of bytes (`format: binary`).
fn is_file(schema: &Schema<'_>) -> bool {
    matches!(schema.kind, Some(Kind::String) | None) && schema.format == Some("binary")
}
