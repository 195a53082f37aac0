//! `oneOf`/`anyOf` → unions: variants, their names and tags, and the order
//! untagged variants are tried in.

use std::collections::BTreeSet;

use super::compose::says_no_shape;
use super::{docs_of, Shape, TypeSpace};
use crate::diagnostics::Diagnostic;
use crate::ir::{TypeKind, TypeRef, Union, UnionVariant};
use crate::model::{Discriminator, Kind, Pointer, Schema};
use crate::naming::{camel, Scope};

/// The longest chain of references and wrappers followed to see whether a
/// branch is its union again.
const MAX_WRAPPERS: usize = 64;

/// A tag no `discriminator` declares, inferred from the branches.
struct InferredTag {
    property: String,
}

/// The tag property of a union, its declared mapping and default.
struct Tag<'d> {
    property: &'d str,
    mapping: &'d [(&'d str, &'d str)],
    default: Option<&'d str>,
}

impl TypeSpace<'_> {
    pub(super) fn union(
        &mut self,
        schema: &Schema<'_>,
        branches: &[Pointer],
        keyword: &str,
        name: &str,
    ) -> Shape {
        let _ = keyword;
        let inferred = match &schema.discriminator {
            Some(_) => None,
            None => self.inferred_tag(branches),
        };
        let tag = match (&schema.discriminator, &inferred) {
            (
                Some(Discriminator {
                    property,
                    mapping,
                    default,
                }),
                _,
            ) => Some(Tag {
                property,
                mapping,
                default: *default,
            }),
            (None, Some(found)) => Some(Tag {
                property: &found.property,
                mapping: &[],
                default: None,
            }),
            (None, None) => None,
        };
        // One branch and null (`anyOf: [{..}, {type: "null"}]`) is that
        // branch made nullable, named as the union would be.
        let resolved: Vec<Option<Schema<'_>>> =
            branches.iter().map(|b| self.schema_at(b)).collect();
        let looping = self.branches_leading_back(schema, branches);
        let is_null = |i: usize| resolved[i].as_ref().is_some_and(Schema::is_null);
        let non_null: Vec<usize> = (0..branches.len())
            .filter(|&i| !is_null(i) && !looping[i])
            .collect();
        if let [only] = non_null.as_slice() {
            if (0..branches.len()).any(is_null) {
                let ty = self.type_of(&branches[*only], name);
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
        for ((at, resolved), looping) in branches.iter().zip(&resolved).zip(looping) {
            if resolved.as_ref().is_some_and(Schema::is_null) {
                nullable = true;
                continue;
            }
            if looping {
                continue;
            }
            let variant_name = self.variant_name(at, resolved.as_ref());
            let ty = self.type_of(at, &format!("{name}{variant_name}"));
            let tag_value = tag
                .as_ref()
                .and_then(|t| self.tag_value(t, at, resolved.as_ref()));
            let default = tag.as_ref().and_then(|t| t.default).is_some_and(|target| {
                let refs = self.branch_refs(at, resolved.as_ref());
                refs.iter().any(|r| names_schema(target, r))
            });
            let docs = resolved.as_ref().map(docs_of).unwrap_or_default();
            variants.push(UnionVariant {
                name: scope.claim(variant_name),
                tag_value,
                default,
                ty,
                docs,
            });
        }
        if let Some(target) = tag.as_ref().and_then(|t| t.default) {
            if !variants.iter().any(|v| v.default) {
                let at = format!("{}/discriminator/defaultMapping", schema.at.as_str());
                let message = format!(
                    "`defaultMapping` names `{target}`, which is not a branch of this union; \
                     objects whose tag it does not list are `Unknown`"
                );
                self.diagnostics.push(Diagnostic::warning(&at, message));
            }
        }
        let shape = if variants.is_empty() {
            return match nullable {
                // Null is its one value.
                true => Shape::Inline(TypeRef::Null),
                false => self.any_json(schema, "no branch of this union admits a value"),
            };
        } else {
            self.union_shape(variants, tag.map(|t| t.property.to_owned()))
        };
        match (shape, nullable) {
            (Shape::Inline(ty), true) => Shape::Inline(TypeRef::Nullable(Box::new(ty))),
            (Shape::Named(kind), true) => {
                let id = self.reserve(schema.at.as_str(), name);
                self.fill(id, kind, docs_of(schema));
                Shape::Inline(TypeRef::Nullable(Box::new(TypeRef::Named(id))))
            }
            (shape, false) => shape,
        }
    }

    /// Per branch: it is the union again, through references and wrappers
    /// only (`AnyOf: {anyOf: [{$ref: AnyOf}, {type: "null"}]}`). Such a
    /// branch admits nothing the others do not, and a variant for it would
    /// decode by trying the union again without reading anything, until the
    /// stack overflows: it is left out, with a warning.
    fn branches_leading_back(&mut self, schema: &Schema<'_>, branches: &[Pointer]) -> Vec<bool> {
        let home = schema.at.as_str();
        let looping: Vec<bool> = branches.iter().map(|b| self.leads_to(b, home)).collect();
        for (at, _) in branches
            .iter()
            .zip(&looping)
            .filter(|(_, looping)| **looping)
        {
            let message = "this branch is the union itself again, through references only: \
                           it admits nothing the other branches do not, and is left out";
            self.diagnostics
                .push(Diagnostic::warning(at.as_str(), message));
        }
        looping
    }

    /// Whether the schema at `at` comes to `home` through references and
    /// wrappers only, reading no value on the way.
    fn leads_to(&self, at: &Pointer, home: &str) -> bool {
        let mut at = at.clone();
        // Bounded: a wrapper cycle that does not pass `home` never ends.
        for _ in 0..MAX_WRAPPERS {
            let Some(schema) = self.read(&at) else {
                return false;
            };
            let next = match schema.reference {
                Some(reference) => match crate::resolve::local_pointer(reference, at.as_str()) {
                    Ok(target) => Pointer::from_escaped(target),
                    Err(_) => return false,
                },
                None => match self.wrapped(&schema) {
                    Some(inner) => inner,
                    None => return false,
                },
            };
            if next.as_str() == home {
                return true;
            }
            at = next;
        }
        false
    }

    /// The one schema a schema only wraps: the part of an `allOf` whose
    /// other parts only annotate, or the one `oneOf`/`anyOf` branch beside
    /// `null`.
    fn wrapped(&self, schema: &Schema<'_>) -> Option<Pointer> {
        let bare = Schema {
            all_of: Vec::new(),
            one_of: Vec::new(),
            any_of: Vec::new(),
            ..schema.clone()
        };
        if !says_no_shape(&bare) {
            return None;
        }
        let annotates = |at: &Pointer| {
            self.read(at)
                .is_some_and(|part| part.reference.is_none() && says_no_shape(&part))
        };
        let null = |at: &Pointer| self.schema_at(at).is_some_and(|s| s.is_null());
        match (&schema.all_of[..], &schema.one_of[..], &schema.any_of[..]) {
            (parts, [], []) => the_one(parts, annotates),
            ([], branches, []) | ([], [], branches) => the_one(branches, null),
            _ => None,
        }
    }

    fn union_shape(&mut self, mut variants: Vec<UnionVariant>, tag: Option<String>) -> Shape {
        if variants.len() == 1 {
            return Shape::Inline(variants.remove(0).ty);
        }
        // Tagged when every branch but the default has a tag and no two
        // share one.
        let tagged_ones = || variants.iter().filter(|v| !v.default);
        let tags: BTreeSet<&Option<String>> = tagged_ones().map(|v| &v.tag_value).collect();
        let distinct = tags.len() == tagged_ones().count();
        let tagged = tag.filter(|_| distinct && tagged_ones().all(|v| v.tag_value.is_some()));
        if tagged.is_none() {
            // Untagged: serde tries variants in order, so the most permissive go last.
            variants.sort_by_key(|v| permissiveness(&v.ty));
            variants.iter_mut().for_each(|v| {
                v.tag_value = None;
                v.default = false;
            });
        }
        Shape::Named(TypeKind::Union(Union {
            tag: tagged,
            variants,
        }))
    }

    fn variant_name(&self, at: &Pointer, resolved: Option<&Schema<'_>>) -> String {
        let written = self.read(at);
        if let Some(reference) = written.as_ref().and_then(|w| w.reference) {
            if let Some(id) = self
                .resolver
                .follow(reference, at.as_str())
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
        if let Some(title) = schema.title {
            return camel(title, "Variant");
        }
        match schema.kind {
            Some(Kind::String) => "Text",
            Some(Kind::Array) => "List",
            Some(Kind::Integer) => "Integer",
            Some(Kind::Number) => "Number",
            Some(Kind::Boolean) => "Boolean",
            Some(Kind::Object) => "Object",
            _ => "Variant",
        }
        .to_owned()
    }

    /// The tag selecting a branch: from the mapping, from a one-value enum on
    /// the tag property (through `allOf`), or the component's name.
    fn tag_value(
        &self,
        tag: &Tag<'_>,
        at: &Pointer,
        resolved: Option<&Schema<'_>>,
    ) -> Option<String> {
        let refs = self.branch_refs(at, resolved);
        for reference in &refs {
            let mapped = tag
                .mapping
                .iter()
                .find(|(_, target)| names_schema(target, reference));
            if let Some((value, _)) = mapped {
                return Some((*value).to_owned());
            }
        }
        if let Some(value) = resolved.and_then(|s| self.single_enum_property(s, tag.property, 0)) {
            return Some(value);
        }
        // Not in the mapping: the implicit value, the schema's name (OpenAPI:
        // a mapping adds to the implicit values, it does not replace them),
        // unless the mapping gives that value to another schema.
        match refs.as_slice() {
            [only] => only
                .rsplit('/')
                .next()
                .filter(|name| !tag.mapping.iter().any(|(value, _)| value == name))
                .map(str::to_owned),
            _ => None,
        }
    }

    /// A tag no `discriminator` declares: a property that every branch fixes
    /// to one value of its own (`kind: {const: cat}`), as pydantic writes
    /// discriminated unions.
    fn inferred_tag(&self, branches: &[Pointer]) -> Option<InferredTag> {
        if branches.len() < 2 {
            return None;
        }
        let schemas: Vec<Schema<'_>> = branches
            .iter()
            .map(|b| self.schema_at(b))
            .collect::<Option<_>>()?;
        let first = &schemas[0];
        first.properties.iter().find_map(|(property, _)| {
            self.single_enum_property(first, property, 0)?;
            let values: Option<BTreeSet<String>> = schemas
                .iter()
                .map(|s| self.single_enum_property(s, property, 0))
                .collect();
            (values?.len() == schemas.len()).then(|| InferredTag {
                property: (*property).to_owned(),
            })
        })
    }

    /// The only value a property may take (`enum: [x]`), looking through `allOf`.
    fn single_enum_property(
        &self,
        schema: &Schema<'_>,
        property: &str,
        depth: usize,
    ) -> Option<String> {
        if depth > 8 {
            return None;
        }
        if let Some((_, at)) = schema.properties.iter().find(|(name, _)| *name == property) {
            let found = self.schema_at(at)?;
            // Only text tags: a value of another type is no string.
            return match found.enumeration {
                [only] => only.as_str().map(str::to_owned),
                _ => None,
            };
        }
        schema.all_of.iter().find_map(|part| {
            let part = self.schema_at(part)?;
            self.single_enum_property(&part, property, depth + 1)
        })
    }

    /// The `$ref`s a union branch names: its own, or those of its `allOf` parts.
    fn branch_refs(&self, at: &Pointer, resolved: Option<&Schema<'_>>) -> Vec<String> {
        if let Some(reference) = self.read(at).and_then(|w| w.reference) {
            return vec![reference.to_owned()];
        }
        resolved
            .map(|s| s.all_of.as_slice())
            .unwrap_or_default()
            .iter()
            .filter_map(|p| Some(self.read(p)?.reference?.to_owned()))
            .collect()
    }
}

/// Whether a mapping's target (a `$ref`, or a bare component name) names the
/// schema a branch refers to.
pub(super) fn names_schema(target: &str, reference: &str) -> bool {
    target == reference || reference.rsplit('/').next() == Some(target)
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

/// The one schema of `all` that `besides` does not set aside.
fn the_one(all: &[Pointer], besides: impl Fn(&Pointer) -> bool) -> Option<Pointer> {
    let mut rest = all.iter().filter(|at| !besides(at));
    let only = rest.next()?;
    rest.next().is_none().then(|| only.clone())
}
