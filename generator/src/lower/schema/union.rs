//! `oneOf`/`anyOf` → unions: variants, their names and tags, and the order
//! untagged variants are tried in.

use std::collections::BTreeSet;

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use super::{docs_of, Shape, TypeSpace};
use crate::ir::{TypeKind, TypeRef, Union, UnionVariant};
use crate::naming::{camel, Scope};

impl TypeSpace<'_> {
    pub(super) fn union(
        &mut self,
        schema: &Schema,
        branches: &[ReferenceOr<Schema>],
        keyword: &str,
        pointer: &str,
        name: &str,
    ) -> Shape {
        let inferred;
        let tag = match schema.schema_data.discriminator.as_ref() {
            Some(declared) => Some(declared),
            None => {
                inferred = self.inferred_tag(branches, keyword, pointer);
                inferred.as_ref()
            }
        };
        // One branch and null (`anyOf: [{..}, {type: "null"}]`) is that
        // branch made nullable, named as the union would be.
        let resolved: Vec<Option<Schema>> = branches
            .iter()
            .enumerate()
            .map(|(i, b)| self.schema_at(b.into(), &format!("{pointer}/{keyword}/{i}")))
            .collect();
        let non_null: Vec<usize> = (0..branches.len())
            .filter(|&i| !resolved[i].as_ref().is_some_and(is_null_schema))
            .collect();
        if let [only] = non_null.as_slice() {
            if non_null.len() < branches.len() {
                let at = format!("{pointer}/{keyword}/{only}");
                let ty = self.type_of((&branches[*only]).into(), &at, name);
                return Shape::Inline(match ty {
                    TypeRef::Nullable(_) => ty,
                    ty => TypeRef::Nullable(Box::new(ty)),
                });
            }
        }
        // `Unknown` holds values of a tag this client does not know.
        let mut scope = Scope::with_reserved(&["Unknown"]);
        let mut variants = Vec::new();
        let mut nullable = false;
        for (i, branch) in branches.iter().enumerate() {
            let at = format!("{pointer}/{keyword}/{i}");
            let resolved = self.schema_at(branch.into(), &at);
            if resolved.as_ref().is_some_and(is_null_schema) {
                nullable = true;
                continue;
            }
            let variant_name = self.variant_name(branch, resolved.as_ref(), &at);
            let ty = self.type_of(branch.into(), &at, &format!("{name}{variant_name}"));
            let tag_value = tag.and_then(|d| self.tag_value(d, branch, resolved.as_ref(), &at));
            let docs = resolved.as_ref().map(docs_of).unwrap_or_default();
            variants.push(UnionVariant {
                name: scope.claim(variant_name),
                tag_value,
                ty,
                docs,
            });
        }
        let shape = self.union_shape(variants, tag.map(|d| d.property_name.clone()));
        match (shape, nullable) {
            (Shape::Inline(ty), true) => Shape::Inline(TypeRef::Nullable(Box::new(ty))),
            (Shape::Named(kind), true) => {
                let id = self.reserve(pointer, name);
                self.fill(id, kind, docs_of(schema));
                Shape::Inline(TypeRef::Nullable(Box::new(TypeRef::Named(id))))
            }
            (shape, false) => shape,
        }
    }

    fn union_shape(&mut self, mut variants: Vec<UnionVariant>, tag: Option<String>) -> Shape {
        if variants.len() == 1 {
            return Shape::Inline(variants.remove(0).ty);
        }
        if variants.is_empty() {
            return Shape::Inline(TypeRef::Any);
        }
        // Tagged when every branch has a tag and no two share one.
        let tags: BTreeSet<&Option<String>> = variants.iter().map(|v| &v.tag_value).collect();
        let distinct = tags.len() == variants.len();
        let tagged = tag.filter(|_| distinct && variants.iter().all(|v| v.tag_value.is_some()));
        if tagged.is_none() {
            // Untagged: serde tries variants in order, so the most permissive go last.
            variants.sort_by_key(|v| permissiveness(&v.ty));
            variants.iter_mut().for_each(|v| v.tag_value = None);
        }
        Shape::Named(TypeKind::Union(Union {
            tag: tagged,
            variants,
        }))
    }

    fn variant_name(
        &self,
        branch: &ReferenceOr<Schema>,
        resolved: Option<&Schema>,
        at: &str,
    ) -> String {
        if let ReferenceOr::Reference { reference } = branch {
            if let Some(id) = self
                .resolver
                .follow(reference, at)
                .ok()
                .and_then(|t| self.by_pointer.get(&t))
            {
                return self.type_name(*id);
            }
            return camel(reference.rsplit('/').next().unwrap_or("Variant"), "Variant");
        }
        let Some(schema) = resolved else {
            return "Variant".to_owned();
        };
        if let Some(title) = &schema.schema_data.title {
            return camel(title, "Variant");
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(_)) => "Text",
            SchemaKind::Type(Type::Array(_)) => "List",
            SchemaKind::Type(Type::Integer(_)) => "Integer",
            SchemaKind::Type(Type::Number(_)) => "Number",
            SchemaKind::Type(Type::Boolean(_)) => "Boolean",
            SchemaKind::Type(Type::Object(_)) => "Object",
            _ => "Variant",
        }
        .to_owned()
    }

    /// The tag selecting a branch: from the mapping, from a one-value enum on
    /// the tag property (through `allOf`), or the component's name.
    fn tag_value(
        &self,
        d: &openapiv3::Discriminator,
        branch: &ReferenceOr<Schema>,
        resolved: Option<&Schema>,
        at: &str,
    ) -> Option<String> {
        let refs = branch_refs(branch, resolved);
        for reference in &refs {
            let mapped = d.mapping.iter().find(|(_, target)| {
                target.as_str() == *reference
                    || reference.rsplit('/').next() == Some(target.as_str())
            });
            if let Some((value, _)) = mapped {
                return Some(value.clone());
            }
        }
        if let Some(value) =
            resolved.and_then(|s| self.single_enum_property(s, &d.property_name, at, 0))
        {
            return Some(value);
        }
        // Not in the mapping: the implicit value, the schema's name (OpenAPI:
        // a mapping adds to the implicit values, it does not replace them),
        // unless the mapping gives that value to another schema.
        match refs.as_slice() {
            [only] => only
                .rsplit('/')
                .next()
                .filter(|name| !d.mapping.contains_key(*name))
                .map(str::to_owned),
            _ => None,
        }
    }

    /// A tag no `discriminator` declares: a property that every branch fixes
    /// to one value of its own (`kind: {const: cat}`), as pydantic writes
    /// discriminated unions.
    fn inferred_tag(
        &self,
        branches: &[ReferenceOr<Schema>],
        keyword: &str,
        pointer: &str,
    ) -> Option<openapiv3::Discriminator> {
        if branches.len() < 2 {
            return None;
        }
        let schemas: Vec<(Schema, String)> = branches
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let at = format!("{pointer}/{keyword}/{i}");
                Some((self.schema_at(b.into(), &at)?, at))
            })
            .collect::<Option<_>>()?;
        let (first, first_at) = &schemas[0];
        let candidates: Vec<String> = match &first.schema_kind {
            SchemaKind::Type(Type::Object(o)) => o.properties.keys().cloned().collect(),
            SchemaKind::Any(a) => a.properties.keys().cloned().collect(),
            _ => Vec::new(),
        };
        candidates.into_iter().find_map(|property| {
            self.single_enum_property(first, &property, first_at, 0)?;
            let values: Option<BTreeSet<String>> = schemas
                .iter()
                .map(|(s, at)| self.single_enum_property(s, &property, at, 0))
                .collect();
            (values?.len() == schemas.len()).then(|| openapiv3::Discriminator {
                property_name: property,
                mapping: Default::default(),
                extensions: Default::default(),
            })
        })
    }

    /// The only value a property may take (`enum: [x]`), looking through `allOf`.
    fn single_enum_property(
        &self,
        schema: &Schema,
        property: &str,
        at: &str,
        depth: usize,
    ) -> Option<String> {
        if depth > 8 {
            return None;
        }
        let (properties, parts) = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(o)) => (Some(&o.properties), None),
            SchemaKind::Any(a) => (Some(&a.properties), Some(&a.all_of)),
            SchemaKind::AllOf { all_of } => (None, Some(all_of)),
            _ => (None, None),
        };
        if let Some(found) = properties.and_then(|p| p.get(property)) {
            let found = self.schema_at(found.into(), at)?;
            return match &found.schema_kind {
                SchemaKind::Type(Type::String(st)) if st.enumeration.len() == 1 => {
                    st.enumeration[0].clone()
                }
                // `const: cat` with no `type` (OpenAPI 3.1, pydantic).
                SchemaKind::Any(a) if a.enumeration.len() == 1 => {
                    a.enumeration[0].as_str().map(str::to_owned)
                }
                _ => None,
            };
        }
        parts?.iter().find_map(|part| {
            let part = self.schema_at(part.into(), at)?;
            self.single_enum_property(&part, property, at, depth + 1)
        })
    }
}

pub(super) fn is_null_schema(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Any(any) => {
            any.typ.as_deref() == Some("null")
                || (!any.enumeration.is_empty() && any.enumeration.iter().all(|v| v.is_null()))
        }
        _ => false,
    }
}

/// Untagged variants are tried in order: exact shapes first, catch-alls last.
fn permissiveness(ty: &TypeRef) -> u8 {
    match ty {
        TypeRef::Any => 4,
        TypeRef::Object | TypeRef::Map(_) => 3,
        TypeRef::String => 2,
        TypeRef::Double => 1,
        _ => 0,
    }
}

/// The `$ref`s a union branch names: its own, or those of its `allOf` parts.
fn branch_refs<'s>(branch: &'s ReferenceOr<Schema>, resolved: Option<&'s Schema>) -> Vec<&'s str> {
    if let ReferenceOr::Reference { reference } = branch {
        return vec![reference.as_str()];
    }
    let parts = match resolved.map(|s| &s.schema_kind) {
        Some(SchemaKind::AllOf { all_of }) => all_of,
        Some(SchemaKind::Any(any)) => &any.all_of,
        _ => return Vec::new(),
    };
    parts
        .iter()
        .filter_map(|p| match p {
            ReferenceOr::Reference { reference } => Some(reference.as_str()),
            ReferenceOr::Item(_) => None,
        })
        .collect()
}
