//! Composition: `allOf`, and `oneOf`/`anyOf` beside an object's own
//! `properties`, read as the conjunction of everything the schema says.
//!
//! An `allOf` is one struct made of its object parts (a later part narrows
//! a property an earlier one declared loosely); the schema's own
//! `properties` are one more part, and a `oneOf`/`anyOf` beside them is a
//! flattened field. A base schema whose `discriminator` maps to children
//! that `allOf` it is, where it is used, the tagged union of those children.

use std::collections::BTreeSet;

use super::{Shape, TypeSpace};
use crate::diagnostics::Diagnostic;
use crate::ir::{Constraints, Docs, Field, Struct, TypeId, TypeKind, TypeRef, Union, UnionVariant};
use crate::model::{Additional, Kind, Pointer, Schema};
use crate::naming::{derived, looks_secret, snake, Scope};

/// One part of a conjunction.
enum Part {
    /// A schema of the `allOf` list.
    Listed(Pointer),
    /// The schema's own `properties`.
    Own,
    /// The schema's own `oneOf`/`anyOf`.
    Union,
}

impl TypeSpace<'_> {
    /// A schema with `allOf`, `oneOf` or `anyOf`, whatever stands beside
    /// them; `None` when the composition adds nothing to its `type`.
    pub(super) fn composed(&mut self, schema: &Schema<'_>, name: &str) -> Option<Shape> {
        if let Some(shape) = self.titled_values(schema) {
            return Some(shape);
        }
        let object = matches!(schema.kind, None | Some(Kind::Object));
        if !schema.all_of.is_empty() {
            return Some(self.all_of(schema, name));
        }
        if !object {
            // `type: string, oneOf: [{format: ..}, ..]`: the type says it.
            return None;
        }
        if schema.properties.is_empty() {
            let (keyword, branches) = union_keyword(schema);
            return Some(self.union(schema, branches, keyword, name));
        }
        if self.branches_only_require(schema) {
            // `properties` with `anyOf: [{required: [email]}, {required:
            // [id]}]`: which fields must be set, not another shape.
            return Some(match self.object(schema, name) {
                Shape::Named(TypeKind::Struct(mut s)) => {
                    // An alternative naming a property the object cannot
                    // hold can never be met (intercom names `from` and `to`
                    // beside properties that lack them): it is left out, so
                    // the check neither refuses every request nor reads
                    // `&& false`.
                    let holds = |wire: &String| {
                        s.additional.is_some() || s.fields.iter().any(|f| &f.wire == wire)
                    };
                    s.required_alternatives = self
                        .required_alternatives(schema)
                        .into_iter()
                        .filter(|names| names.iter().all(holds))
                        .collect();
                    Shape::Named(TypeKind::Struct(s))
                }
                shape => shape,
            });
        }
        Some(self.merge(schema, vec![Part::Own, Part::Union], name))
    }

    fn all_of(&mut self, schema: &Schema<'_>, name: &str) -> Shape {
        // Parts that only annotate (`allOf: [{$ref: X}, {description: ..}]`)
        // or only say `type: object` add no shape: the wrapper is `X`.
        let mut nullable = false;
        let mut parts = Vec::new();
        let mut required = Vec::new();
        for at in &schema.all_of {
            match self.read(at) {
                Some(part) if part.reference.is_none() && says_no_shape(&part) => {
                    nullable |= part.nullable;
                    required.extend(part.required.iter().map(|r| (*r).to_owned()));
                }
                _ => parts.push(Part::Listed(at.clone())),
            }
        }
        let own =
            !schema.properties.is_empty() || matches!(schema.additional, Additional::Schema(_));
        if own {
            parts.push(Part::Own);
        }
        if !schema.one_of.is_empty() || !schema.any_of.is_empty() {
            parts.push(Part::Union);
        }
        required.extend(schema.required.iter().map(|r| (*r).to_owned()));
        let shape = match parts.as_slice() {
            // Every part only annotates: the schema is what it says beside them.
            [] => self.shape(
                &Schema {
                    all_of: Vec::new(),
                    ..schema.clone()
                },
                name,
            ),
            [Part::Listed(at)] => {
                let at = at.clone();
                match self.type_of(&at, name) {
                    ty if required.is_empty() => Shape::Inline(ty),
                    ty => self.with_required(ty, &required),
                }
            }
            _ => {
                let shape = self.merge(schema, parts, name);
                require(shape, &required)
            }
        };
        match shape {
            Shape::Inline(ty) if nullable && !matches!(ty, TypeRef::Nullable(_)) => {
                Shape::Inline(TypeRef::Nullable(Box::new(ty)))
            }
            Shape::Named(kind) if nullable => {
                let id = self.reserve(schema.at.as_str(), name);
                self.fill(id, kind, Docs::default());
                Shape::Inline(TypeRef::Nullable(Box::new(TypeRef::Named(id))))
            }
            shape => shape,
        }
    }

    /// A part that makes some of a struct's fields required: the struct,
    /// copied with them required.
    fn with_required(&mut self, ty: TypeRef, required: &[String]) -> Shape {
        match self.struct_of(&ty) {
            Some(part) => require(Shape::Named(TypeKind::Struct(part)), required),
            None => Shape::Inline(ty),
        }
    }

    /// Merges the parts into one struct. Parts that are not objects cannot
    /// be merged into one: when there is no object part, the most specific
    /// typed part stands for the whole; otherwise they are dropped with a
    /// warning that names them.
    fn merge(&mut self, schema: &Schema<'_>, parts: Vec<Part>, name: &str) -> Shape {
        let mut merged = Struct::default();
        let mut scope = Scope::default();
        let mut names = BTreeSet::new();
        let mut objects = 0;
        let mut others: Vec<(TypeRef, Pointer)> = Vec::new();
        // Parts that are maps (`additionalProperties` alone): beside
        // objects, they type the extra properties.
        let mut maps: Vec<(TypeRef, Pointer)> = Vec::new();
        let mut nullable = false;
        for (i, part) in parts.into_iter().enumerate() {
            let (ty, at) = match part {
                Part::Own => {
                    objects += 1;
                    let extra = self.additional(schema, name);
                    let own = self.fields(schema, name, extra);
                    merge_into(&mut merged, &mut scope, &mut names, own);
                    continue;
                }
                Part::Union => {
                    let (keyword, branches) = union_keyword(schema);
                    let at = schema.at.child(keyword);
                    let hint = derived::all_of_part(name, i);
                    let ty = match self.union(schema, branches, keyword, &hint) {
                        Shape::Inline(ty) => ty,
                        Shape::Named(kind) => {
                            let id = self.reserve(at.as_str(), &hint);
                            self.fill(id, kind, Docs::default());
                            TypeRef::Named(id)
                        }
                    };
                    (ty, at)
                }
                Part::Listed(at) => {
                    let ty = self.type_of(&at, &derived::all_of_part(name, i));
                    (self.base_fields_of(ty), at)
                }
            };
            // A part that admits null: the authors mean the whole may be null.
            let ty = match ty {
                TypeRef::Nullable(inner) => {
                    nullable = true;
                    *inner
                }
                ty => ty,
            };
            if let Some(part) = self.struct_of(&ty) {
                objects += 1;
                merge_into(&mut merged, &mut scope, &mut names, part);
                continue;
            }
            match self.base_of(&ty) {
                TypeRef::Object | TypeRef::Any => merged.additional = Some(TypeRef::Any),
                // Structs were merged above, and names of anything else
                // read through: what is still a name is a union.
                TypeRef::Named(id) => {
                    objects += 1;
                    merged.fields.push(self.flattened(&mut scope, id));
                }
                TypeRef::Map(value) => maps.push((*value, at)),
                _ => others.push((ty, at)),
            }
        }
        if objects == 0 {
            others.extend(maps);
        } else {
            // Every part constrains the extra properties: any JSON value
            // and a type is the type; two types contradict each other, read
            // leniently as any JSON value.
            let mut contradiction = None;
            for (value, at) in maps {
                match &merged.additional {
                    None | Some(TypeRef::Any) => merged.additional = Some(value),
                    Some(before) if *before != value => contradiction = Some(at),
                    Some(_) => {}
                }
            }
            if let Some(at) = contradiction {
                merged.additional = Some(TypeRef::Any);
                let message = "this part types the properties beyond the named ones unlike another part does; they are any JSON value";
                self.diagnostics
                    .push(Diagnostic::warning(at.as_str(), message).degraded());
            }
        }
        if merged.fields.iter().any(|f| f.flatten) {
            // A catch-all map beside a flattened union would take the union's
            // properties a second time (and send them twice).
            merged.additional = None;
        }
        let shape = if objects == 0 {
            self.most_specific(others)
        } else {
            for (_, at) in &others {
                let message = "`allOf` mixes objects with this non-object part, which cannot be merged into a struct; it is dropped";
                self.diagnostics
                    .push(Diagnostic::warning(at.as_str(), message).degraded());
            }
            merged.additional_name = scope.claim("extra".to_owned());
            Shape::Named(TypeKind::Struct(merged))
        };
        match shape {
            Shape::Inline(ty) if nullable => Shape::Inline(TypeRef::Nullable(Box::new(ty))),
            Shape::Named(kind) if nullable => {
                let id = self.reserve(schema.at.as_str(), name);
                self.fill(id, kind, Docs::default());
                Shape::Inline(TypeRef::Nullable(Box::new(TypeRef::Named(id))))
            }
            shape => shape,
        }
    }

    /// Non-object parts of one kind (a string and a string enum) meet in
    /// the most specific of them.
    fn most_specific(&mut self, others: Vec<(TypeRef, Pointer)>) -> Shape {
        let Some((first, at)) = others.first() else {
            return Shape::Inline(TypeRef::Any);
        };
        let base = self.base_of(first);
        let mut bases = Vec::new();
        for (ty, _) in &others {
            bases.push(self.base_of(ty));
        }
        if bases.iter().any(|b| *b != base) {
            let message = "`allOf` of non-object schemas of different types; using the first";
            self.diagnostics
                .push(Diagnostic::warning(at.as_str(), message).degraded());
            return Shape::Inline(first.clone());
        }
        let specific = others
            .iter()
            // A named type first (an enum), then anything narrower than
            // the base type (a format), then the base itself.
            .max_by_key(|(ty, _)| (matches!(ty, TypeRef::Named(_)), *ty != base))
            .map_or(base, |(ty, _)| ty.clone());
        Shape::Inline(specific)
    }

    /// The field holding a union part's properties beside the struct's own.
    fn flattened(&self, scope: &mut Scope, id: TypeId) -> Field {
        let type_name = self.type_name(id);
        Field {
            name: scope.claim(snake(&type_name, "field")),
            secret: looks_secret(&type_name),
            wire: type_name,
            ty: TypeRef::Named(id),
            optional: false,
            docs: Docs::default(),
            constraints: Constraints::default(),
            flatten: true,
            read_only: false,
            write_only: false,
        }
    }

    /// A polymorphic base merged into a child: its own fields, not the
    /// union of its children.
    fn base_fields_of(&mut self, ty: TypeRef) -> TypeRef {
        let TypeRef::Named(id) = ty else {
            return ty;
        };
        self.ensure_defined(id);
        self.base_fields
            .get(&id)
            .map_or(ty, |fields| TypeRef::Named(*fields))
    }

    /// The `required` list of each branch, when one is not already always
    /// satisfied (a branch that requires nothing makes the check moot).
    fn required_alternatives(&self, schema: &Schema<'_>) -> Vec<Vec<String>> {
        let (_, branches) = union_keyword(schema);
        let lists: Vec<Vec<String>> = branches
            .iter()
            .filter_map(|at| self.read(at))
            .map(|b| b.required.iter().map(|r| (*r).to_owned()).collect())
            .collect();
        let always =
            |list: &Vec<String>| list.iter().all(|r| schema.required.contains(&r.as_str()));
        if lists.iter().any(always) {
            return Vec::new();
        }
        lists
    }

    /// Whether every `oneOf`/`anyOf` branch only lists required properties.
    fn branches_only_require(&self, schema: &Schema<'_>) -> bool {
        let (_, branches) = union_keyword(schema);
        branches.iter().all(|at| {
            self.read(at)
                .is_some_and(|b| b.reference.is_none() && says_no_shape(&b))
        })
    }

    /// `oneOf`/`anyOf` of `const` values with titles (how 3.1 documents
    /// name enum values): a string enum whose variants take the titles.
    fn titled_values(&self, schema: &Schema<'_>) -> Option<Shape> {
        if !schema.all_of.is_empty() || !schema.properties.is_empty() {
            return None;
        }
        let (_, branches) = union_keyword(schema);
        if branches.is_empty() {
            return None;
        }
        let mut values = Vec::new();
        for at in branches {
            let branch = self.schema_at(at)?;
            match branch.enumeration {
                [value] if value.is_string() && branch.title.is_some() => {
                    values.push((value.as_str()?, branch.title));
                }
                _ => return None,
            }
        }
        Some(super::named_enum(values))
    }

    /// A base schema with a `discriminator` whose `mapping` names children
    /// that each `allOf` it: the tagged union of the children (its own
    /// fields become a struct of their own, which the children merge).
    pub(super) fn polymorphic_base(
        &mut self,
        id: TypeId,
        schema: &Schema<'_>,
        name: &str,
    ) -> Option<TypeKind> {
        let discriminator = schema.discriminator.as_ref()?;
        if discriminator.mapping.is_empty()
            || !schema.one_of.is_empty()
            || !schema.any_of.is_empty()
        {
            return None;
        }
        let me = schema.at.as_str();
        let mut children = Vec::new();
        for (tag, target) in &discriminator.mapping {
            let child = self.child(target, me)?;
            children.push((Some(*tag), child));
        }
        let default = discriminator.default.and_then(|target| {
            let Some(child) = self.child(target, me) else {
                let at = format!("{me}/discriminator/defaultMapping");
                let message = format!(
                    "`defaultMapping` names `{target}`, which does not extend this schema (`allOf`); \
                     objects whose tag the mapping does not list are `Unknown`"
                );
                self.diagnostics.push(Diagnostic::warning(&at, message));
                return None;
            };
            let known = children.iter().position(|(_, c)| *c == child);
            Some(known.unwrap_or_else(|| {
                children.push((None, child));
                children.len() - 1
            }))
        });
        let fields_id = self.reserve(&format!("{me}/properties"), &derived::base_fields(name));
        self.base_fields.insert(id, fields_id);
        let kind = match self.object(schema, name) {
            Shape::Named(kind) => kind,
            Shape::Inline(_) => TypeKind::Struct(Struct::default()),
        };
        let docs = Docs {
            description: Some(format!(
                "The fields every `{name}` has, whatever its `{}`.",
                discriminator.property
            )),
            ..Docs::default()
        };
        self.fill(fields_id, kind, docs);
        let mut scope = Scope::with_reserved(&["Unknown"]);
        let variants = children
            .into_iter()
            .enumerate()
            .map(|(i, (tag, child))| {
                let fallback = child.as_str().rsplit('/').next().unwrap_or("Variant");
                let ty = self.type_of(&child, tag.unwrap_or(fallback));
                let variant_name = match &ty {
                    TypeRef::Named(child_id) => self.type_name(*child_id),
                    _ => crate::naming::camel(tag.unwrap_or(fallback), "Variant"),
                };
                UnionVariant {
                    name: scope.claim(variant_name),
                    tag_value: tag.map(str::to_owned),
                    default: default == Some(i),
                    ty,
                    docs: Docs::default(),
                }
            })
            .collect();
        Some(TypeKind::Union(Union {
            tag: Some(discriminator.property.to_owned()),
            variants,
        }))
    }

    /// The schema a mapping's target names (a `$ref`, or a bare component
    /// name), when it extends `base`.
    fn child(&self, target: &str, base: &str) -> Option<Pointer> {
        let reference = if target.contains(['#', '/']) {
            target.to_owned()
        } else {
            format!("#/components/schemas/{target}")
        };
        let child = self.resolver.follow(&reference, base).ok()?;
        let child = Pointer::from_escaped(child);
        self.extends(&child, base).then_some(child)
    }

    /// Whether the schema at `child` lists a `$ref` to `base` in its `allOf`.
    fn extends(&self, child: &Pointer, base: &str) -> bool {
        let Some(child_schema) = self.read(child) else {
            return false;
        };
        child_schema.all_of.iter().any(|part| {
            self.read(part)
                .and_then(|p| p.reference)
                .and_then(|r| self.resolver.follow(r, part.as_str()).ok())
                .is_some_and(|target| target == base)
        })
    }
}

/// `oneOf` when there is one, else `anyOf`.
fn union_keyword<'s>(schema: &'s Schema<'_>) -> (&'static str, &'s [Pointer]) {
    if schema.one_of.is_empty() {
        ("anyOf", &schema.any_of)
    } else {
        ("oneOf", &schema.one_of)
    }
}

/// A schema whose only shape is its `allOf` (annotations aside).
pub(super) fn only_composes(schema: &Schema<'_>) -> bool {
    let rest = Schema {
        all_of: Vec::new(),
        ..schema.clone()
    };
    rest.reference.is_none() && rest.required.is_empty() && says_no_shape(&rest)
}

/// A schema that constrains or documents but adds no shape of its own:
/// annotations, `nullable`, `required`, a bare `type: object`.
pub(super) fn says_no_shape(schema: &Schema<'_>) -> bool {
    matches!(schema.kind, None | Some(Kind::Object))
        && schema.format.is_none()
        && schema.properties.is_empty()
        && schema.additional == Additional::Unsaid
        && schema.items.is_none()
        && schema.tuple.is_empty()
        && schema.all_of.is_empty()
        && schema.one_of.is_empty()
        && schema.any_of.is_empty()
        && schema.not.is_none()
        && schema.enumeration.is_empty()
        && schema.discriminator.is_none()
}

/// Merges a part's fields into the whole. A property both declare keeps the
/// narrower type (`data: [Station]` over the base's `data: [object]`), and
/// is required when either requires it.
fn merge_into(merged: &mut Struct, scope: &mut Scope, names: &mut BTreeSet<String>, part: Struct) {
    for mut field in part.fields {
        if names.insert(field.wire.clone()) {
            field.name = scope.claim(field.name);
            merged.fields.push(field);
        } else if let Some(existing) = merged.fields.iter_mut().find(|f| f.wire == field.wire) {
            existing.optional &= field.optional;
            if specificity(&field.ty) > specificity(&existing.ty) {
                existing.ty = field.ty;
                if existing.constraints.is_empty() {
                    existing.constraints = field.constraints;
                }
            }
        }
    }
    if part.additional.is_some() {
        merged.additional = merged.additional.take().or(part.additional);
    }
}

/// How much a type says: any JSON says least; a list or map says as much
/// as its items.
fn specificity(ty: &TypeRef) -> u8 {
    match ty {
        TypeRef::Any => 0,
        TypeRef::Object => 1,
        TypeRef::Map(inner) | TypeRef::Array(inner) => 1 + specificity(inner).min(2),
        TypeRef::Nullable(inner) | TypeRef::Boxed(inner) => specificity(inner),
        _ => 3,
    }
}

/// The struct of a shape with these properties required.
fn require(shape: Shape, required: &[String]) -> Shape {
    match shape {
        Shape::Named(TypeKind::Struct(mut s)) => {
            for field in &mut s.fields {
                if required.contains(&field.wire) && !field.read_only {
                    field.optional = false;
                }
            }
            Shape::Named(TypeKind::Struct(s))
        }
        shape => shape,
    }
}
