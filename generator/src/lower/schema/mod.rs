//! Schemas → named types and type references.
//!
//! Every named type is registered under the JSON pointer of its schema, so a
//! schema reached both inline and through a deep `$ref` becomes one type.
//! Component names are claimed first, so inline types never take them.

use std::collections::{BTreeSet, HashMap};

use crate::diagnostics::Diagnostic;
use crate::ir::{
    Constraints, Docs, EnumVariant, Field, IntegerKind, StringEnum, Struct, TypeDef, TypeId,
    TypeKind, TypeRef,
};
use crate::model::{Additional, Kind, Pointer, Schema};
use crate::naming::{camel, derived, looks_secret, snake, Scope};
use crate::resolve::Resolver;
use crate::source::is_component_schema;
use serde_json::Value;

mod compose;
mod multipart;
mod union;

/// The named types made so far, and how to make more.
pub struct TypeSpace<'a> {
    resolver: Resolver<'a>,
    types: Vec<Option<TypeDef>>,
    by_pointer: HashMap<String, TypeId>,
    nullable: BTreeSet<TypeId>,
    names: Scope,
    /// Component schemas reserved but not lowered yet, lowered on first need.
    pending: HashMap<TypeId, Pointer>,
    /// Pointers of inline schemas being lowered, with the type named for
    /// one when a cycle closes on it.
    in_progress: HashMap<String, Option<TypeId>>,
    /// How many schemas and components of the document each title (as a
    /// type name) belongs to: an inline schema is named from its title only
    /// when no other shares it.
    titles: HashMap<String, usize>,
    /// Polymorphic bases (a `discriminator` whose mapping names children
    /// that `allOf` the base): the union the base stands for → the struct
    /// of the base's own fields, which its children merge.
    base_fields: HashMap<TypeId, TypeId>,
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
            base_fields: HashMap::new(),
            diagnostics: Vec::new(),
        }
    }

    /// The name of a new inline type: its title when the title is its own
    /// (no other schema or component has it), else the path-based `hint`.
    fn inline_name(&self, schema: &Schema<'_>, hint: &str) -> String {
        let title = schema.title.map(|t| camel(t, "Type"));
        match title {
            Some(title) if self.titles.get(&title) == Some(&1) && !self.names.is_taken(&title) => {
                title
            }
            _ => hint.to_owned(),
        }
    }

    /// Claims the names of the component schemas, in order, before anything else.
    pub fn reserve_components(&mut self) {
        let components = Pointer::root().child("components").child("schemas");
        let Some(serde_json::Value::Object(schemas)) = self.resolver.value(components.as_str())
        else {
            return;
        };
        for name in schemas.keys() {
            let pointer = components.child(name);
            let id = self.reserve(pointer.as_str(), name);
            // Known before any reference to it is lowered, which may come
            // before the component itself is: every use is then `Option`.
            if self
                .read(&pointer)
                .is_some_and(|schema| schema.nullable && schema.reference.is_none())
            {
                self.nullable.insert(id);
            }
            self.pending.insert(id, pointer);
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
        if let Some(pointer) = self.pending.remove(&id) {
            self.define_component(id, &pointer);
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
            replacement: None,
            derives: Vec::new(),
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
    fn define_component(&mut self, id: TypeId, pointer: &Pointer) {
        let type_name = self.type_name(id);
        let Some(schema) = self.read(pointer) else {
            return;
        };
        if let Some(cycle) = self.reference_cycle(pointer) {
            self.fill(id, TypeKind::Alias(TypeRef::Any), Docs::default());
            let message = format!(
                "`{type_name}` names a cycle of references with no schema in it ({}), a type no value has; using any JSON value",
                cycle.join(" → ")
            );
            // Not through `any_json`: a bare `$ref` has no structure of its own.
            self.diagnostics
                .push(Diagnostic::warning(pointer.as_str(), message).degraded());
            return;
        }
        if schema.reference.is_some() {
            let ty = self.type_of(pointer, &type_name);
            self.fill(id, TypeKind::Alias(ty), Docs::default());
            return;
        }
        if schema.nullable {
            self.nullable.insert(id);
        }
        let kind = match self.polymorphic_base(id, &schema, &type_name) {
            Some(kind) => kind,
            None => match self.shape(&schema, &type_name) {
                Shape::Inline(ty) => TypeKind::Alias(ty),
                Shape::Named(kind) => kind,
            },
        };
        self.fill(id, kind, docs_of(&schema));
    }

    /// The schemas a chain of pure references starting at `start` runs
    /// through, when it comes back on itself without reaching a schema
    /// (`A: {$ref: B}`, `B: {allOf: [{$ref: A}]}`): no value has that type.
    fn reference_cycle(&self, start: &Pointer) -> Option<Vec<String>> {
        let mut chain = vec![start.as_str().to_owned()];
        loop {
            let schema = self.read(&Pointer::from_escaped(chain.last()?.clone()))?;
            let (reference, at) = match (schema.reference, schema.all_of.as_slice()) {
                (Some(reference), _) => (reference, schema.at.clone()),
                (None, [only]) if compose::only_composes(&schema) => {
                    (self.read(only)?.reference?, only.clone())
                }
                _ => return None,
            };
            let next = crate::resolve::local_pointer(reference, at.as_str()).ok()?;
            if let Some(start) = chain.iter().position(|p| *p == next) {
                return Some(chain.split_off(start));
            }
            chain.push(next);
        }
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

    /// The schema written at `at`, as the model reads it.
    fn read(&self, at: &Pointer) -> Option<Schema<'a>> {
        Schema::read(self.resolver.value("")?, at)
    }

    /// The Rust type for the schema written at `at` (inline or a `$ref`);
    /// `hint` names any new type. Nothing there is any JSON value.
    pub fn type_of(&mut self, at: &Pointer, hint: &str) -> TypeRef {
        let Some(schema) = self.read(at) else {
            return TypeRef::Any;
        };
        match schema.reference {
            Some(reference) => {
                let ty = self.type_of_reference(reference, at);
                // OpenAPI 3.0 ignores siblings of `$ref`, but authors write
                // `nullable: true` beside one and mean it.
                match (schema.nullable, ty) {
                    (true, TypeRef::Nullable(inner)) => TypeRef::Nullable(inner),
                    (true, ty) => TypeRef::Nullable(Box::new(ty)),
                    (false, ty) => ty,
                }
            }
            None => {
                let ty = self.inline(&schema, hint);
                if schema.nullable && !matches!(ty, TypeRef::Nullable(_)) {
                    TypeRef::Nullable(Box::new(ty))
                } else {
                    ty
                }
            }
        }
    }

    fn type_of_reference(&mut self, reference: &str, at: &Pointer) -> TypeRef {
        let target = match self.resolver.follow(reference, at.as_str()) {
            Ok(target) => target,
            Err(diagnostic) => {
                self.diagnostics.push(diagnostic);
                return TypeRef::Any;
            }
        };
        if let Some(&id) = self.by_pointer.get(&target) {
            return self.named(id);
        }
        let hint = hint_from_pointer(&target);
        self.type_of(&Pointer::from_escaped(target), &hint)
    }

    fn named(&self, id: TypeId) -> TypeRef {
        if self.nullable.contains(&id) {
            TypeRef::Nullable(Box::new(TypeRef::Named(id)))
        } else {
            TypeRef::Named(id)
        }
    }

    fn inline(&mut self, schema: &Schema<'_>, hint: &str) -> TypeRef {
        let pointer = schema.at.as_str();
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
        let shape = self.shape(schema, hint);
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

    /// What a schema becomes: all its keywords at once. Composition
    /// (`allOf`, `oneOf`, `anyOf`) is read together with the object's own
    /// `properties` beside it, never instead of them.
    fn shape(&mut self, schema: &Schema<'_>, name: &str) -> Shape {
        if !schema.tuple.is_empty() {
            return Shape::Inline(self.tuple(&schema.tuple, name));
        }
        let composed =
            !schema.all_of.is_empty() || !schema.one_of.is_empty() || !schema.any_of.is_empty();
        if composed {
            if let Some(shape) = self.composed(schema, name) {
                return shape;
            }
        }
        match schema.kind {
            Some(Kind::String) => string_shape(schema),
            Some(Kind::Integer) => Shape::Inline(TypeRef::Integer(integer_kind(schema.format))),
            // Every JSON number is an `f64`, `format: float` included:
            // servers send more digits than an `f32` holds (a latitude of
            // 37.77597542841264 would come back as 37.775974).
            Some(Kind::Number) => Shape::Inline(TypeRef::Double),
            Some(Kind::Boolean) => Shape::Inline(TypeRef::Boolean),
            Some(Kind::Array) => Shape::Inline(self.array(schema, name)),
            Some(Kind::Object) => self.object(schema, name),
            Some(Kind::Null) => Shape::Inline(TypeRef::Null),
            None => self.untyped(schema, name),
        }
    }

    /// Any JSON value for a schema that has structure (fields, items,
    /// branches, values) no Rust type here keeps: reported where it is,
    /// with why, as a degraded warning. (A schema that says nothing of its
    /// shape is free-form, and is any JSON value without a word.)
    fn any_json(&mut self, schema: &Schema<'_>, why: &str) -> Shape {
        let message = format!("{why}; using any JSON value");
        self.diagnostics
            .push(Diagnostic::warning(schema.at.as_str(), message).degraded());
        Shape::Inline(TypeRef::Any)
    }

    /// A schema without `type`: its other keywords say what it is.
    fn untyped(&mut self, schema: &Schema<'_>, name: &str) -> Shape {
        if !schema.properties.is_empty() {
            return self.object(schema, name);
        }
        if schema.items.is_some() {
            return Shape::Inline(self.array(schema, name));
        }
        if let Some(values) = schema.string_values().filter(|v| !v.is_empty()) {
            return string_enum(values);
        }
        if schema.not.is_some() {
            return self.any_json(schema, "`not` schemas cannot be expressed in Rust types");
        }
        if schema.additional != Additional::Unsaid {
            return self.object(schema, name);
        }
        if schema.is_null() {
            return Shape::Inline(TypeRef::Null);
        }
        if let Some(ty) = enum_type(schema.enumeration) {
            return Shape::Inline(ty);
        }
        if !schema.enumeration.is_empty() {
            return self.any_json(
                schema,
                "an `enum` of values that are not all strings has no Rust enum here yet",
            );
        }
        // Nothing says what it is: free-form.
        Shape::Inline(TypeRef::Any)
    }

    /// A tuple of the item schemas (3.1 `prefixItems`).
    fn tuple(&mut self, items: &[Pointer], name: &str) -> TypeRef {
        let items = items
            .iter()
            .enumerate()
            .map(|(i, at)| self.type_of(at, &derived::tuple_item(name, i)))
            .collect();
        TypeRef::Tuple(items)
    }

    fn array(&mut self, schema: &Schema<'_>, name: &str) -> TypeRef {
        let item = match &schema.items {
            Some(items) => self.type_of(items, &derived::array_item(name)),
            None => TypeRef::Any,
        };
        TypeRef::Array(Box::new(item))
    }

    /// The type of the values beyond the named properties, if any are allowed.
    fn additional(&mut self, schema: &Schema<'_>, name: &str) -> Option<TypeRef> {
        match &schema.additional {
            Additional::Schema(at) => Some(self.type_of(at, &derived::map_value(name))),
            Additional::Any => Some(TypeRef::Any),
            Additional::Unsaid | Additional::Closed => None,
        }
    }

    fn object(&mut self, schema: &Schema<'_>, name: &str) -> Shape {
        let extra = self.additional(schema, name);
        if schema.properties.is_empty() {
            return Shape::Inline(match extra {
                Some(TypeRef::Any) | None => TypeRef::Object,
                Some(value) => TypeRef::Map(Box::new(value)),
            });
        }
        Shape::Named(TypeKind::Struct(self.fields(schema, name, extra)))
    }

    /// The struct of a schema's own `properties`.
    fn fields(&mut self, schema: &Schema<'_>, name: &str, extra: Option<TypeRef>) -> Struct {
        let mut scope = Scope::default();
        let fields = schema
            .properties
            .iter()
            .map(|(wire, at)| self.field(&mut scope, wire, at, &schema.required, name))
            .collect();
        let additional_name = scope.claim("extra".to_owned());
        Struct {
            fields,
            additional: extra,
            additional_name,
            required_alternatives: Vec::new(),
        }
    }

    fn field(
        &mut self,
        scope: &mut Scope,
        wire: &str,
        at: &Pointer,
        required: &[&str],
        parent: &str,
    ) -> Field {
        let hint = derived::field(parent, wire);
        let ty = self.type_of(at, &hint);
        let written = self.read(at);
        let resolved = self.schema_at(at);
        let docs = written
            .as_ref()
            .filter(|s| s.reference.is_none())
            .map(docs_of)
            .unwrap_or_default();
        let read_only = resolved.as_ref().is_some_and(|s| s.read_only);
        Field {
            name: scope.claim(snake(wire, "field")),
            wire: wire.to_owned(),
            ty,
            optional: read_only || !required.contains(&wire),
            docs,
            constraints: resolved
                .as_ref()
                .map(|s| self.constraints(s))
                .unwrap_or_default(),
            flatten: false,
            secret: looks_secret(wire),
            read_only,
            write_only: resolved.as_ref().is_some_and(|s| s.write_only),
        }
    }

    /// The schema written at `at`, or the one its `$ref` names.
    pub fn schema_at(&self, at: &Pointer) -> Option<Schema<'a>> {
        let written = self.read(at)?;
        match written.reference {
            None => Some(written),
            Some(reference) => {
                let target = self.resolver.follow(reference, at.as_str()).ok()?;
                self.read(&Pointer::from_escaped(target))
            }
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
    pub fn constraints(&self, schema: &Schema<'_>) -> Constraints {
        self.constraints_along(schema, &mut Vec::new())
    }

    /// Constraints of `schema`, reached through the schemas on `path`: a
    /// schema that holds itself (lists of lists of itself) is not entered
    /// again, where its own type checks what is deeper.
    fn constraints_along(&self, schema: &Schema<'_>, path: &mut Vec<Pointer>) -> Constraints {
        if path.contains(&schema.at) {
            return Constraints::default();
        }
        path.push(schema.at.clone());
        let c = self.own_constraints(schema, path);
        path.pop();
        c
    }

    fn own_constraints(&self, schema: &Schema<'_>, path: &mut Vec<Pointer>) -> Constraints {
        let mut c = Constraints::default();
        let bounds = &schema.bounds;
        let branches = if schema.any_of.is_empty() {
            &schema.one_of
        } else {
            &schema.any_of
        };
        if !branches.is_empty() {
            // `anyOf: [{..}, {type: "null"}]`: the constraints of the one
            // branch that is not null (as `nullable` would have it).
            let mut others = branches
                .iter()
                .filter_map(|b| self.schema_at(b))
                .filter(|b| !b.is_null());
            if let (Some(only), None) = (others.next(), others.next()) {
                return self.constraints_along(&only, path);
            }
            return c;
        }
        match schema.kind {
            Some(Kind::String) => {
                c.min_length = bounds.min_length;
                c.max_length = bounds.max_length;
                c.pattern = bounds.pattern.clone();
                c.format = schema
                    .format
                    .filter(|f| !matches!(*f, "uuid" | "date-time" | "date" | "binary" | "byte"))
                    .map(str::to_owned);
            }
            Some(Kind::Integer) => {
                let within = |&(m, _): &(f64, bool)| m > i64::MIN as f64 && m < i64::MAX as f64;
                c.minimum = bounds.minimum.filter(within);
                c.maximum = bounds.maximum.filter(within);
                c.allowed = numbers(schema.enumeration).unwrap_or_default();
            }
            Some(Kind::Number) => {
                c.minimum = bounds.minimum;
                c.maximum = bounds.maximum;
                c.allowed = numbers(schema.enumeration).unwrap_or_default();
            }
            None => c.allowed = numbers(schema.enumeration).unwrap_or_default(),
            Some(Kind::Array) => {
                c.min_count = bounds.min_items;
                c.max_count = bounds.max_items;
                c.inner = schema
                    .items
                    .as_ref()
                    .and_then(|at| self.inner_constraints(at, path));
            }
            Some(Kind::Object) if schema.properties.is_empty() && schema.all_of.is_empty() => {
                c.min_count = bounds.min_properties;
                c.max_count = bounds.max_properties;
                if let Additional::Schema(at) = &schema.additional {
                    c.inner = self.inner_constraints(at, path);
                }
            }
            _ => {}
        }
        c
    }

    fn inner_constraints(&self, at: &Pointer, path: &mut Vec<Pointer>) -> Option<Box<Constraints>> {
        let schema = self.schema_at(at)?;
        let inner = self.constraints_along(&schema, path);
        (!inner.is_empty()).then(|| Box::new(inner))
    }
}

/// The numbers of an `enum` of numbers (nulls aside, which `nullable`
/// says); `None` when some value is not a number.
fn numbers(values: &[Value]) -> Option<Vec<f64>> {
    values
        .iter()
        .filter(|v| !v.is_null())
        .map(Value::as_f64)
        .collect()
}

/// The type of an `enum` without a `type`, from its values (nulls aside):
/// whole numbers are an integer, numbers a number, `true`/`false` a
/// boolean; `None` for a mix, or nothing but nulls.
fn enum_type(values: &[Value]) -> Option<TypeRef> {
    let mut values = values.iter().filter(|v| !v.is_null()).peekable();
    values.peek()?;
    let values: Vec<&Value> = values.collect();
    if values.iter().all(|v| v.is_i64() || v.is_u64()) {
        Some(TypeRef::Integer(IntegerKind::I64))
    } else if values.iter().all(|v| v.is_number()) {
        Some(TypeRef::Double)
    } else if values.iter().all(|v| v.is_boolean()) {
        Some(TypeRef::Boolean)
    } else {
        None
    }
}

fn string_shape(schema: &Schema<'_>) -> Shape {
    if let Some(values) = schema.string_values().filter(|v| !v.is_empty()) {
        return string_enum(values);
    }
    Shape::Inline(match schema.format {
        Some("uuid") => TypeRef::Uuid,
        Some("date-time") => TypeRef::DateTime,
        Some("date") => TypeRef::Date,
        _ => TypeRef::String,
    })
}

fn string_enum(values: Vec<&str>) -> Shape {
    named_enum(values.into_iter().map(|v| (v, None)).collect())
}

/// A string enum of values, each named after its title when it has one.
fn named_enum(values: Vec<(&str, Option<&str>)>) -> Shape {
    // `Unknown` is the catch-all variant for values the client does not know.
    let mut scope = Scope::with_reserved(&["Unknown"]);
    let mut seen = BTreeSet::new();
    let mut values: Vec<_> = values
        .into_iter()
        .filter(|(v, _)| seen.insert(*v))
        .collect();
    values.sort_by_key(|(v, _)| *v);
    let variants = values
        .into_iter()
        .map(|(wire, title)| EnumVariant {
            name: scope.claim(camel(title.unwrap_or(wire), "Value")),
            wire: wire.to_owned(),
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

fn integer_kind(format: Option<&str>) -> IntegerKind {
    match format {
        Some("int32") => IntegerKind::I32,
        Some("uint32") => IntegerKind::U32,
        Some("uint64" | "uint") => IntegerKind::U64,
        _ => IntegerKind::I64,
    }
}

/// Documentation of a schema.
pub fn docs_of(schema: &Schema<'_>) -> Docs {
    Docs {
        title: schema.title.map(str::to_owned),
        description: schema.description.map(str::to_owned),
        example: schema.example.cloned(),
        default: schema.default.cloned(),
        deprecated: schema.deprecated,
    }
}

/// Every `title` in the document, counted as the type name it would make.
/// (Component names need no count: they are claimed before any inline
/// schema is named.)
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
    counts
}

/// A type name from where a schema lives, for schemas reached only by `$ref`.
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

#[cfg(test)]
mod tests {
    use super::hint_from_pointer;

    #[test]
    fn names_come_from_where_a_schema_lives() {
        assert_eq!(
            hint_from_pointer("/components/schemas/Pet/properties/owner"),
            "PetOwner"
        );
        let external = format!("/{}", crate::load::EXTERNAL_KEY);
        // Inside a bundled file: from inside it, not from where it is stored.
        assert_eq!(
            hint_from_pointer(&format!("{external}/0-pet/Owner")),
            "Owner"
        );
        // The whole file, however its pointer ends: after the file.
        assert_eq!(hint_from_pointer(&format!("{external}/0-pet")), "Pet");
        assert_eq!(hint_from_pointer(&format!("{external}/0-pet/")), "Pet");
    }
}
