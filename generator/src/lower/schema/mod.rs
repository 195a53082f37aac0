//! Schemas → named types and type references.
//!
//! Every named type is registered under the JSON pointer of its schema, so a
//! schema reached both inline and through a deep `$ref` becomes one type.
//! Component names are claimed first, so inline types never take them.

use std::collections::{BTreeSet, HashMap};

use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaKind,
    StringFormat, Type, VariantOrUnknownOrEmpty,
};

use crate::diagnostics::Diagnostic;
use crate::ir::{
    Constraints, Docs, EnumVariant, Field, IntegerKind, StringEnum, Struct, TypeDef, TypeId,
    TypeKind, TypeRef,
};
use crate::load;
use crate::naming::{camel, derived, looks_secret, snake, Scope};
use crate::resolve::Resolver;
use crate::source::{escape_pointer, is_component_schema};

mod union;

/// A schema as written: a reference or an inline schema.
#[derive(Clone, Copy)]
pub enum SchemaRef<'a> {
    /// `$ref`.
    Ref(&'a str),
    /// Inline.
    Item(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaRef<'a> {
    fn from(r: &'a ReferenceOr<Schema>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Item(s),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaRef<'a> {
    fn from(r: &'a ReferenceOr<Box<Schema>>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Item(s),
        }
    }
}

/// The named types made so far, and how to make more.
pub struct TypeSpace<'a> {
    resolver: Resolver<'a>,
    types: Vec<Option<TypeDef>>,
    by_pointer: HashMap<String, TypeId>,
    nullable: BTreeSet<TypeId>,
    names: Scope,
    /// Component schemas reserved but not lowered yet, lowered on first need.
    pending: HashMap<TypeId, (String, ReferenceOr<Schema>)>,
    /// Pointers of inline schemas being lowered, with the type named for
    /// one when a cycle closes on it.
    in_progress: HashMap<String, Option<TypeId>>,
    /// How many schemas and components of the document each title (as a
    /// type name) belongs to: an inline schema is named from its title only
    /// when no other shares it.
    titles: HashMap<String, usize>,
    /// Problems found, as warnings or errors.
    pub diagnostics: Vec<Diagnostic>,
}

/// What a schema becomes: a plain type, or a new named type.
enum Shape {
    Inline(TypeRef),
    Named(TypeKind),
}

impl<'a> TypeSpace<'a> {
    /// An empty type space over a document.
    pub fn new(resolver: Resolver<'a>) -> Self {
        Self {
            resolver,
            types: Vec::new(),
            by_pointer: HashMap::new(),
            nullable: BTreeSet::new(),
            names: Scope::default(),
            pending: HashMap::new(),
            in_progress: HashMap::new(),
            titles: title_counts(resolver),
            diagnostics: Vec::new(),
        }
    }

    /// The name of a new inline type: its title when the title is its own
    /// (no other schema or component has it), else the path-based `hint`.
    fn inline_name(&self, schema: &Schema, hint: &str) -> String {
        let title = schema
            .schema_data
            .title
            .as_deref()
            .map(|t| camel(t, "Type"));
        match title {
            Some(title) if self.titles.get(&title) == Some(&1) && !self.names.is_taken(&title) => {
                title
            }
            _ => hint.to_owned(),
        }
    }

    /// Claims the names of the component schemas, in order, before anything else.
    pub fn reserve_components<'s>(
        &mut self,
        schemas: impl Iterator<Item = (&'s String, &'s ReferenceOr<Schema>)>,
    ) {
        for (name, schema) in schemas {
            let pointer = format!("/components/schemas/{}", escape_pointer(name));
            let id = self.reserve(&pointer, name);
            self.pending.insert(id, (name.clone(), schema.clone()));
        }
    }

    /// Lowers every component not lowered yet.
    pub fn define_components(&mut self) {
        for id in 0..self.types.len() {
            self.ensure_defined(id);
        }
    }

    /// Lowers a reserved component now, if it is still pending (its shape is
    /// needed, as when an `allOf` merges it).
    fn ensure_defined(&mut self, id: TypeId) {
        if let Some((name, schema)) = self.pending.remove(&id) {
            self.define_component(&name, &schema);
        }
    }

    fn reserve(&mut self, pointer: &str, raw_name: &str) -> TypeId {
        let name = camel(raw_name, "Type");
        // A component's name is the spec's own, kept whatever its length;
        // a long path-based one is shortened, unless that name is taken.
        let name = if is_component_schema(pointer) {
            name
        } else {
            let mut candidates = crate::naming::shortenings(&name);
            let free = candidates.iter().position(|n| !self.names.is_taken(n));
            candidates.swap_remove(free.unwrap_or(0))
        };
        let name = self.names.claim(name);
        let id = self.types.len();
        let placeholder = TypeDef {
            name,
            source: pointer.to_owned(),
            docs: Docs::default(),
            kind: TypeKind::Alias(TypeRef::Any),
            validates: false,
            error_body: false,
        };
        self.types.push(Some(placeholder));
        self.by_pointer.insert(pointer.to_owned(), id);
        id
    }

    /// A new named type made by lowering itself (not from one schema),
    /// such as the union of an operation's success bodies.
    pub fn add_named(&mut self, pointer: &str, hint: &str, kind: TypeKind, docs: Docs) -> TypeId {
        let id = self.reserve(pointer, hint);
        self.fill(id, kind, docs);
        id
    }

    /// Says in a named type's docs what it is for (a webhook's payload),
    /// when the type was made for that place (not a shared component).
    pub fn note_purpose(&mut self, ty: &TypeRef, made_at: &str, purpose: &str) {
        let TypeRef::Named(id) = ty else {
            return;
        };
        if let Some(Some(def)) = self.types.get_mut(*id) {
            if def.source.starts_with(made_at) {
                let description = def.docs.description.take();
                def.docs.description = Some(match description {
                    Some(text) => format!("{purpose}\n\n{text}"),
                    None => purpose.to_owned(),
                });
            }
        }
    }

    /// The types, once everything is lowered.
    pub fn finish(self) -> Vec<TypeDef> {
        self.types.into_iter().flatten().collect()
    }

    /// Lowers a component schema into its reserved named type.
    fn define_component(&mut self, name: &str, schema: &ReferenceOr<Schema>) {
        let pointer = format!("/components/schemas/{}", escape_pointer(name));
        let Some(&id) = self.by_pointer.get(&pointer) else {
            return;
        };
        let type_name = self.type_name(id);
        let (kind, docs) = match schema {
            ReferenceOr::Reference { .. } => (
                TypeKind::Alias(self.type_of(schema.into(), &pointer, &type_name)),
                Docs::default(),
            ),
            ReferenceOr::Item(schema) => {
                if schema.schema_data.nullable {
                    self.nullable.insert(id);
                }
                let kind = match self.shape(schema, &pointer, &type_name) {
                    Shape::Inline(ty) => TypeKind::Alias(ty),
                    Shape::Named(kind) => kind,
                };
                (kind, docs_of(schema))
            }
        };
        self.fill(id, kind, docs);
    }

    fn fill(&mut self, id: TypeId, kind: TypeKind, docs: Docs) {
        if let Some(Some(def)) = self.types.get_mut(id) {
            def.kind = kind;
            def.docs = docs;
        }
    }

    fn type_name(&self, id: TypeId) -> String {
        self.types[id]
            .as_ref()
            .map(|t| t.name.clone())
            .unwrap_or_default()
    }

    /// The Rust type for a schema written at `pointer`; `hint` names any new type.
    pub fn type_of(&mut self, schema: SchemaRef<'_>, pointer: &str, hint: &str) -> TypeRef {
        match schema {
            SchemaRef::Ref(reference) => {
                let ty = self.type_of_reference(reference, pointer);
                // OpenAPI 3.0 ignores siblings of `$ref`, but authors write
                // `nullable: true` beside one and mean it.
                let beside = self
                    .resolver
                    .value(pointer)
                    .and_then(|node| node.get("nullable"));
                match (beside.and_then(serde_json::Value::as_bool), ty) {
                    (Some(true), TypeRef::Nullable(inner)) => TypeRef::Nullable(inner),
                    (Some(true), ty) => TypeRef::Nullable(Box::new(ty)),
                    (_, ty) => ty,
                }
            }
            SchemaRef::Item(schema) => {
                let ty = self.inline(schema, pointer, hint);
                if schema.schema_data.nullable && !matches!(ty, TypeRef::Nullable(_)) {
                    TypeRef::Nullable(Box::new(ty))
                } else {
                    ty
                }
            }
        }
    }

    fn type_of_reference(&mut self, reference: &str, at: &str) -> TypeRef {
        let target = match self.resolver.follow(reference, at) {
            Ok(target) => target,
            Err(diagnostic) => {
                self.diagnostics.push(diagnostic);
                return TypeRef::Any;
            }
        };
        if let Some(&id) = self.by_pointer.get(&target) {
            return self.named(id);
        }
        let node = self.resolver.value(&target).cloned().unwrap_or_default();
        match load::deserialize::<Schema>(&node, &target) {
            Ok(schema) => {
                let hint = hint_from_pointer(&target);
                self.type_of(SchemaRef::Item(&schema), &target, &hint)
            }
            Err(e) => {
                self.diagnostics
                    .push(e.note(format!("referenced from {at}")));
                TypeRef::Any
            }
        }
    }

    fn named(&self, id: TypeId) -> TypeRef {
        if self.nullable.contains(&id) {
            TypeRef::Nullable(Box::new(TypeRef::Named(id)))
        } else {
            TypeRef::Named(id)
        }
    }

    fn inline(&mut self, schema: &Schema, pointer: &str, hint: &str) -> TypeRef {
        if let Some(&id) = self.by_pointer.get(pointer) {
            return self.named(id);
        }
        // A schema that reaches itself through a `$ref` outside the
        // components (in a bundled file, or deep in another schema) is named
        // when the cycle closes, so the recursion ends there.
        if let Some(slot) = self.in_progress.get_mut(pointer) {
            if let Some(id) = *slot {
                return TypeRef::Named(id);
            }
            let id = self.reserve(pointer, &self.inline_name(schema, hint));
            self.in_progress.insert(pointer.to_owned(), Some(id));
            return TypeRef::Named(id);
        }
        self.in_progress.insert(pointer.to_owned(), None);
        let shape = self.shape(schema, pointer, hint);
        let named_in_cycle = self.in_progress.remove(pointer).flatten();
        match (shape, named_in_cycle) {
            (Shape::Inline(ty), None) => ty,
            (Shape::Inline(ty), Some(id)) => {
                self.fill(id, TypeKind::Alias(ty), docs_of(schema));
                TypeRef::Named(id)
            }
            (Shape::Named(kind), id) => {
                let id =
                    id.unwrap_or_else(|| self.reserve(pointer, &self.inline_name(schema, hint)));
                self.fill(id, kind, docs_of(schema));
                TypeRef::Named(id)
            }
        }
    }

    fn shape(&mut self, schema: &Schema, pointer: &str, name: &str) -> Shape {
        if let Some(serde_json::Value::Array(items)) =
            schema.schema_data.extensions.get(load::TUPLE_KEY)
        {
            return Shape::Inline(self.tuple(items.len(), pointer, name));
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => string_shape(s),
            SchemaKind::Type(Type::Integer(i)) => {
                Shape::Inline(TypeRef::Integer(integer_kind(&i.format, i.minimum)))
            }
            SchemaKind::Type(Type::Number(n)) => Shape::Inline(number_type(&n.format)),
            SchemaKind::Type(Type::Boolean(_)) => Shape::Inline(TypeRef::Boolean),
            SchemaKind::Type(Type::Array(a)) => {
                Shape::Inline(self.array(a.items.as_ref(), pointer, name))
            }
            SchemaKind::Type(Type::Object(o)) => self.object(
                &o.properties,
                &o.required,
                o.additional_properties.as_ref(),
                pointer,
                name,
            ),
            SchemaKind::OneOf { one_of } => self.union(schema, one_of, "oneOf", pointer, name),
            SchemaKind::AnyOf { any_of } => self.union(schema, any_of, "anyOf", pointer, name),
            SchemaKind::AllOf { all_of } => self.all_of(all_of, pointer, name),
            SchemaKind::Not { .. } => {
                let message =
                    "`not` schemas cannot be expressed in Rust types; using any JSON value";
                self.diagnostics
                    .push(Diagnostic::warning(pointer, message).degraded());
                Shape::Inline(TypeRef::Any)
            }
            SchemaKind::Any(any) => self.any_schema(schema, any, pointer, name),
        }
    }

    /// A tuple of the item schemas kept at `{pointer}/x-oas-gen-tuple`.
    fn tuple(&mut self, len: usize, pointer: &str, name: &str) -> TypeRef {
        let items = (0..len)
            .map(|i| {
                let at = format!("{pointer}/{}/{i}", load::TUPLE_KEY);
                let node = self.resolver.value(&at).cloned().unwrap_or_default();
                match load::deserialize::<ReferenceOr<Schema>>(&node, &at) {
                    Ok(schema) => {
                        self.type_of((&schema).into(), &at, &derived::tuple_item(name, i))
                    }
                    Err(d) => {
                        self.diagnostics.push(d);
                        TypeRef::Any
                    }
                }
            })
            .collect();
        TypeRef::Tuple(items)
    }

    fn array(
        &mut self,
        items: Option<&ReferenceOr<Box<Schema>>>,
        pointer: &str,
        name: &str,
    ) -> TypeRef {
        let item = match items {
            Some(items) => self.type_of(
                items.into(),
                &format!("{pointer}/items"),
                &derived::array_item(name),
            ),
            None => TypeRef::Any,
        };
        TypeRef::Array(Box::new(item))
    }

    fn object(
        &mut self,
        properties: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        additional: Option<&AdditionalProperties>,
        pointer: &str,
        name: &str,
    ) -> Shape {
        let extra = match additional {
            Some(AdditionalProperties::Schema(s)) => {
                let at = format!("{pointer}/additionalProperties");
                Some(self.type_of(s.as_ref().into(), &at, &derived::map_value(name)))
            }
            Some(AdditionalProperties::Any(true)) => Some(TypeRef::Any),
            _ => None,
        };
        if properties.is_empty() {
            return Shape::Inline(match extra {
                Some(TypeRef::Any) | None => TypeRef::Object,
                Some(value) => TypeRef::Map(Box::new(value)),
            });
        }
        let mut scope = Scope::default();
        let fields = properties
            .iter()
            .map(|(wire, schema)| self.field(&mut scope, wire, schema, required, pointer, name))
            .collect();
        let additional_name = scope.claim("extra".to_owned());
        Shape::Named(TypeKind::Struct(Struct {
            fields,
            additional: extra,
            additional_name,
        }))
    }

    fn field(
        &mut self,
        scope: &mut Scope,
        wire: &str,
        schema: &ReferenceOr<Box<Schema>>,
        required: &[String],
        pointer: &str,
        parent: &str,
    ) -> Field {
        let at = format!("{pointer}/properties/{}", escape_pointer(wire));
        let hint = derived::field(parent, wire);
        let ty = self.type_of(schema.into(), &at, &hint);
        let resolved = self.schema_at(schema.into(), &at);
        let docs = resolved
            .as_ref()
            .filter(|_| matches!(schema, ReferenceOr::Item(_)))
            .map(docs_of)
            .unwrap_or_default();
        let read_only = resolved.as_ref().is_some_and(|s| s.schema_data.read_only);
        Field {
            name: scope.claim(snake(wire, "field")),
            wire: wire.to_owned(),
            ty,
            optional: read_only || !required.iter().any(|r| r == wire),
            docs,
            constraints: resolved
                .as_ref()
                .map(|s| self.constraints(s, &at))
                .unwrap_or_default(),
            flatten: false,
            secret: looks_secret(wire),
            read_only,
            write_only: resolved.as_ref().is_some_and(|s| s.schema_data.write_only),
        }
    }

    /// The schema a reference names (or the inline schema itself).
    pub fn schema_at(&self, schema: SchemaRef<'_>, at: &str) -> Option<Schema> {
        match schema {
            SchemaRef::Item(s) => Some(s.clone()),
            SchemaRef::Ref(reference) => {
                let target = self.resolver.follow(reference, at).ok()?;
                load::deserialize(self.resolver.value(&target)?, &target).ok()
            }
        }
    }

    fn any_schema(
        &mut self,
        schema: &Schema,
        any: &openapiv3::AnySchema,
        pointer: &str,
        name: &str,
    ) -> Shape {
        if !any.properties.is_empty() || any.typ.as_deref() == Some("object") {
            return self.object(
                &any.properties,
                &any.required,
                any.additional_properties.as_ref(),
                pointer,
                name,
            );
        }
        if !any.one_of.is_empty() {
            return self.union(schema, &any.one_of, "oneOf", pointer, name);
        }
        if !any.any_of.is_empty() {
            return self.union(schema, &any.any_of, "anyOf", pointer, name);
        }
        if !any.all_of.is_empty() {
            return self.all_of(&any.all_of, pointer, name);
        }
        if any.items.is_some() || any.typ.as_deref() == Some("array") {
            return Shape::Inline(self.array(any.items.as_ref(), pointer, name));
        }
        let strings: Option<Vec<String>> = any
            .enumeration
            .iter()
            .map(|v| v.as_str().map(str::to_owned))
            .collect();
        match (any.typ.as_deref(), strings) {
            (_, Some(values)) if !values.is_empty() => {
                string_enum(values.into_iter().map(Some).collect())
            }
            (Some("string"), _) => Shape::Inline(TypeRef::String),
            (Some("integer"), _) => Shape::Inline(TypeRef::Integer(IntegerKind::I64)),
            (Some("number"), _) => Shape::Inline(TypeRef::Double),
            (Some("boolean"), _) => Shape::Inline(TypeRef::Boolean),
            _ => Shape::Inline(TypeRef::Any),
        }
    }

    fn all_of(&mut self, parts: &[ReferenceOr<Schema>], pointer: &str, name: &str) -> Shape {
        // Parts that only annotate (`allOf: [{$ref: X}, {description: ..}]`)
        // add no shape: the wrapper is `X`, documented by the wrapper.
        let mut nullable = false;
        let mut shaping = Vec::new();
        for (i, part) in parts.iter().enumerate() {
            let at = format!("{pointer}/allOf/{i}");
            match self
                .resolver
                .value(&at)
                .and_then(serde_json::Value::as_object)
            {
                Some(map) if map.keys().all(|k| annotation_key(k)) => {
                    nullable |= map.get("nullable") == Some(&serde_json::Value::Bool(true));
                }
                _ => shaping.push((part, at)),
            }
        }
        let shape = match shaping.as_slice() {
            [] => Shape::Inline(TypeRef::Any),
            [(part, at)] => Shape::Inline(self.type_of((*part).into(), at, name)),
            _ => self.merge_parts(&shaping, name, &mut nullable),
        };
        match shape {
            Shape::Inline(ty) if nullable && !matches!(ty, TypeRef::Nullable(_)) => {
                Shape::Inline(TypeRef::Nullable(Box::new(ty)))
            }
            Shape::Named(kind) if nullable => {
                let id = self.reserve(pointer, name);
                self.fill(id, kind, Docs::default());
                Shape::Inline(TypeRef::Nullable(Box::new(TypeRef::Named(id))))
            }
            shape => shape,
        }
    }

    /// Merges the object parts of an `allOf` into one struct. Parts that are
    /// not objects cannot be merged into one: when there is no object part,
    /// the first typed part stands for the whole; otherwise they are dropped
    /// with a warning that names them.
    fn merge_parts(
        &mut self,
        parts: &[(&ReferenceOr<Schema>, String)],
        name: &str,
        nullable: &mut bool,
    ) -> Shape {
        let mut merged = Struct::default();
        let mut scope = Scope::default();
        let mut names = BTreeSet::new();
        let mut objects = 0;
        let mut others: Vec<(TypeRef, &str)> = Vec::new();
        for (i, (part, at)) in parts.iter().enumerate() {
            let mut ty = self.type_of((*part).into(), at, &derived::all_of_part(name, i));
            // A part that admits null: the authors mean the whole may be null.
            if let TypeRef::Nullable(inner) = ty {
                *nullable = true;
                ty = *inner;
            }
            if let Some(part) = self.struct_of(&ty) {
                objects += 1;
                self.merge_into(&mut merged, &mut scope, &mut names, part);
                continue;
            }
            match self.base_of(&ty) {
                TypeRef::Object | TypeRef::Any => merged.additional = Some(TypeRef::Any),
                TypeRef::Named(id) if self.is_union(id) => {
                    // A union part (`allOf: [{oneOf: ..}, {properties: ..}]`):
                    // its fields sit beside the struct's own.
                    objects += 1;
                    let type_name = self.type_name(id);
                    merged.fields.push(Field {
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
                    });
                }
                _ => others.push((ty, at)),
            }
        }
        if merged.fields.iter().any(|f| f.flatten) {
            // A catch-all map beside a flattened union would take the union's
            // properties a second time (and send them twice).
            merged.additional = None;
        }
        if objects == 0 {
            // Non-object parts of one kind (a string and a string enum) meet
            // in the most specific of them.
            let Some((first, at)) = others.first() else {
                return Shape::Inline(TypeRef::Any);
            };
            let base = self.base_of(first);
            if others.iter().any(|(ty, _)| self.base_of(ty) != base) {
                let message = "`allOf` of non-object schemas of different types; using the first";
                self.diagnostics
                    .push(Diagnostic::warning(*at, message).degraded());
                return Shape::Inline(first.clone());
            }
            let specific = others
                .iter()
                // A named type first (an enum), then anything narrower than
                // the base type (a format), then the base itself.
                .max_by_key(|(ty, _)| (matches!(ty, TypeRef::Named(_)), *ty != base))
                .map_or(base, |(ty, _)| ty.clone());
            return Shape::Inline(specific);
        }
        for (_, at) in &others {
            let message = "`allOf` mixes objects with this non-object part, which cannot be merged into a struct; it is dropped";
            self.diagnostics
                .push(Diagnostic::warning(*at, message).degraded());
        }
        merged.additional_name = scope.claim("extra".to_owned());
        Shape::Named(TypeKind::Struct(merged))
    }

    fn merge_into(
        &self,
        merged: &mut Struct,
        scope: &mut Scope,
        names: &mut BTreeSet<String>,
        part: Struct,
    ) {
        for mut field in part.fields {
            if names.insert(field.wire.clone()) {
                field.name = scope.claim(field.name);
                merged.fields.push(field);
            } else if let Some(existing) = merged.fields.iter_mut().find(|f| f.wire == field.wire) {
                existing.optional &= field.optional;
            }
        }
        if part.additional.is_some() {
            merged.additional = merged.additional.take().or(part.additional);
        }
    }

    /// The plain type behind names: a string enum is a `String`, an alias
    /// its target, a UUID a `String`.
    fn base_of(&mut self, ty: &TypeRef) -> TypeRef {
        let mut ty = ty.clone();
        // Bounded: aliases may form a cycle in a broken spec.
        for _ in 0..32 {
            let TypeRef::Named(id) = ty else {
                break;
            };
            self.ensure_defined(id);
            match self
                .types
                .get(id)
                .and_then(Option::as_ref)
                .map(|t| t.kind.clone())
            {
                Some(TypeKind::Enum(_)) => return TypeRef::String,
                Some(TypeKind::Alias(inner)) => ty = inner,
                _ => break,
            }
        }
        match ty {
            TypeRef::Uuid | TypeRef::DateTime | TypeRef::Date => TypeRef::String,
            other => other,
        }
    }

    fn is_union(&self, id: TypeId) -> bool {
        matches!(
            self.types.get(id).and_then(Option::as_ref).map(|t| &t.kind),
            Some(TypeKind::Union(_))
        )
    }

    fn struct_of(&mut self, ty: &TypeRef) -> Option<Struct> {
        match ty {
            TypeRef::Named(id) => {
                self.ensure_defined(*id);
                self.struct_kind(*id)
            }
            _ => None,
        }
    }

    fn struct_kind(&mut self, id: TypeId) -> Option<Struct> {
        let kind = self.types.get(id)?.as_ref()?.kind.clone();
        match kind {
            TypeKind::Struct(s) => Some(s),
            TypeKind::Alias(inner) => self.struct_of(&inner),
            _ => None,
        }
    }

    /// Constraints of a schema to check before sending.
    pub fn constraints(&self, schema: &Schema, at: &str) -> Constraints {
        let mut c = Constraints::default();
        match &schema.schema_kind {
            // `anyOf: [{..}, {type: "null"}]`: the constraints of the one
            // branch that is not null (as `nullable` would have it).
            SchemaKind::AnyOf { any_of: branches } | SchemaKind::OneOf { one_of: branches } => {
                let mut others = branches
                    .iter()
                    .filter_map(|b| self.schema_at(b.into(), at))
                    .filter(|b| !union::is_null_schema(b));
                if let (Some(only), None) = (others.next(), others.next()) {
                    return self.constraints(&only, at);
                }
            }
            SchemaKind::Type(Type::String(s)) => {
                c.min_length = s.min_length.map(|n| n as u64);
                c.max_length = s.max_length.map(|n| n as u64);
                c.pattern = s.pattern.clone();
            }
            SchemaKind::Type(Type::Integer(i)) => {
                c.minimum = i
                    .minimum
                    .filter(|&m| m > i64::MIN)
                    .map(|m| (m as f64, i.exclusive_minimum));
                c.maximum = i
                    .maximum
                    .filter(|&m| m < i64::MAX)
                    .map(|m| (m as f64, i.exclusive_maximum));
            }
            SchemaKind::Type(Type::Number(n)) => {
                c.minimum = n.minimum.map(|m| (m, n.exclusive_minimum));
                c.maximum = n.maximum.map(|m| (m, n.exclusive_maximum));
            }
            SchemaKind::Type(Type::Array(a)) => {
                c.min_count = a.min_items.map(|n| n as u64);
                c.max_count = a.max_items.map(|n| n as u64);
                c.inner = self.inner_constraints(a.items.as_ref(), &format!("{at}/items"));
            }
            SchemaKind::Type(Type::Object(o)) if o.properties.is_empty() => {
                c.min_count = o.min_properties.map(|n| n as u64);
                c.max_count = o.max_properties.map(|n| n as u64);
                if let Some(AdditionalProperties::Schema(s)) = &o.additional_properties {
                    c.inner = self
                        .inner_constraints(Some(s.as_ref()), &format!("{at}/additionalProperties"));
                }
            }
            _ => {}
        }
        c
    }

    fn inner_constraints<'s>(
        &self,
        schema: Option<impl Into<SchemaRef<'s>>>,
        at: &str,
    ) -> Option<Box<Constraints>> {
        let schema = self.schema_at(schema?.into(), at)?;
        let inner = self.constraints(&schema, at);
        (!inner.is_empty()).then(|| Box::new(inner))
    }
}

fn string_shape(s: &openapiv3::StringType) -> Shape {
    if !s.enumeration.is_empty() {
        return string_enum(s.enumeration.clone());
    }
    Shape::Inline(match &s.format {
        VariantOrUnknownOrEmpty::Unknown(f) if f == "uuid" => TypeRef::Uuid,
        VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => TypeRef::DateTime,
        VariantOrUnknownOrEmpty::Item(StringFormat::Date) => TypeRef::Date,
        VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => TypeRef::String,
        _ => TypeRef::String,
    })
}

fn string_enum(values: Vec<Option<String>>) -> Shape {
    // `Unknown` is the catch-all variant for values the client does not know.
    let mut scope = Scope::with_reserved(&["Unknown"]);
    let variants = values
        .into_iter()
        .flatten()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(|wire| EnumVariant {
            name: scope.claim(camel(&wire, "Value")),
            wire,
        })
        .collect::<Vec<_>>();
    if variants.is_empty() {
        return Shape::Inline(TypeRef::String);
    }
    Shape::Named(TypeKind::Enum(StringEnum {
        variants,
        open: true,
    }))
}

fn integer_kind(
    format: &VariantOrUnknownOrEmpty<IntegerFormat>,
    _minimum: Option<i64>,
) -> IntegerKind {
    match format {
        VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => IntegerKind::I32,
        VariantOrUnknownOrEmpty::Unknown(f) if f == "uint32" => IntegerKind::U32,
        VariantOrUnknownOrEmpty::Unknown(f) if f == "uint64" || f == "uint" => IntegerKind::U64,
        _ => IntegerKind::I64,
    }
}

/// Every JSON number is an `f64`, `format: float` included: servers send
/// more digits than an `f32` holds (a latitude of 37.77597542841264 would
/// come back as 37.775974), so narrowing would lose data silently.
fn number_type(_format: &VariantOrUnknownOrEmpty<NumberFormat>) -> TypeRef {
    TypeRef::Double
}

/// Keywords that document a schema without shaping it.
fn annotation_key(key: &str) -> bool {
    matches!(
        key,
        "description"
            | "title"
            | "example"
            | "examples"
            | "default"
            | "readOnly"
            | "writeOnly"
            | "deprecated"
            | "nullable"
            | "externalDocs"
    ) || key.starts_with("x-")
}

/// Documentation of a schema.
pub fn docs_of(schema: &Schema) -> Docs {
    let data = &schema.schema_data;
    Docs {
        title: data.title.clone(),
        description: data.description.clone(),
        example: data.example.clone(),
        default: data.default.clone(),
        deprecated: data.deprecated,
    }
}

/// A type name from where a schema lives, for schemas reached only by `$ref`.
/// Every `title` in the document (and every component name), counted as
/// the type name it would make.
fn title_counts(resolver: Resolver<'_>) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    let mut pending: Vec<&serde_json::Value> = resolver.value("").into_iter().collect();
    while let Some(node) = pending.pop() {
        match node {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::String(title)) = map.get("title") {
                    *counts.entry(camel(title, "Type")).or_default() += 1;
                }
                pending.extend(map.values());
            }
            serde_json::Value::Array(items) => pending.extend(items),
            _ => {}
        }
    }
    let components = resolver
        .value("/components/schemas")
        .and_then(|c| c.as_object());
    for name in components.into_iter().flat_map(|c| c.keys()) {
        *counts.entry(camel(name, "Type")).or_default() += 1;
    }
    counts
}

fn hint_from_pointer(pointer: &str) -> String {
    // A bundled external file: name from inside the file, not from where it is stored.
    let external = format!("/{}/", crate::load::EXTERNAL_KEY);
    let pointer = match pointer.strip_prefix(&external) {
        Some(rest) => match rest.split_once('/') {
            Some((_, inside)) if !inside.is_empty() => inside,
            // The whole file: named after it (`0-pet` → `Pet`).
            _ => rest.split_once('-').map_or(rest, |(_, stem)| stem),
        },
        None => pointer,
    };
    let parts: Vec<&str> = pointer.split('/').filter(|p| !p.is_empty()).collect();
    let meaningful: Vec<&str> = parts
        .iter()
        .copied()
        .filter(|p| {
            !matches!(
                *p,
                "components" | "schemas" | "properties" | "items" | "allOf" | "oneOf" | "anyOf"
            )
        })
        .collect();
    camel(&meaningful.join(" "), "Type")
}
