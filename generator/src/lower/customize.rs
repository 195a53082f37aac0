//! The user's say over the types: `replace` (a schema stands for a Rust
//! type of theirs) and `derive` (traits beyond the generated ones). Both
//! are checked here, against the IR, so that a mistake is a located error
//! and not a compile failure in generated code.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Api, TypeId, TypeKind, TypeRef};
use crate::naming::check_rust_path;
use crate::settings::Renames;

/// Sets each replacement: `key` names a schema by JSON pointer
/// (`#/components/schemas/Money`) or by its Rust type name (`Money`).
pub fn replace(api: &mut Api, replacements: &[(String, String)], found: &mut Diagnostics) {
    for (key, path) in replacements {
        if let Err(message) = check_rust_path(path) {
            found.push(Diagnostic::error("", format!("replace `{key}`: {message}")));
            continue;
        }
        let Some(id) = find(api, key) else {
            found.push(Diagnostic::warning(
                "",
                format!("replace `{key}`: no schema of the spec has that pointer or name"),
            ));
            continue;
        };
        let def = &mut api.types[id];
        def.replacement = Some(path.clone());
        // Its constraints are the user type's business now.
        def.validates = false;
    }
}

/// Adds each derive to the type `key` names (`*`: every type) and to every
/// type it holds, which must have the trait too; a trait a type cannot
/// have (`Hash` over a number) is an error at the schema.
pub fn derive(api: &mut Api, derives: &[(String, Vec<String>)], found: &mut Diagnostics) {
    for (key, traits) in derives {
        let roots: Vec<TypeId> = if key == "*" {
            (0..api.types.len()).collect()
        } else {
            match find(api, key) {
                Some(id) => vec![id],
                None => {
                    let message =
                        format!("derive `{key}`: no schema of the spec has that pointer or name");
                    found.push(Diagnostic::warning("", message));
                    continue;
                }
            }
        };
        for name in traits {
            if let Err(message) = check_rust_path(name) {
                found.push(Diagnostic::error("", format!("derive `{key}`: {message}")));
                continue;
            }
            let trait_name = name.rsplit("::").next().unwrap_or(name);
            if EVERY_TYPE_HAS.contains(&trait_name) {
                // Deriving it again would not compile: `serde` comes from
                // `record!` or impls of the generated code's own.
                let message = format!(
                    "derive `{key}`: every generated type has `{name}` already; it is left out"
                );
                found.push(Diagnostic::warning("", message));
                continue;
            }
            for id in held(api, &roots) {
                add_derive(api, id, name, found);
            }
        }
    }
}

fn add_derive(api: &mut Api, id: TypeId, name: &str, found: &mut Diagnostics) {
    let def = &api.types[id];
    if def.replacement.is_some() || matches!(def.kind, TypeKind::Alias(_)) {
        return; // Not defined here: the type it stands for has what it has.
    }
    if let Err(why) = can_derive(api, id, name) {
        let message = format!("cannot derive `{name}` for `{}`: {why}", def.name);
        found.push(Diagnostic::error(def.source.clone(), message));
        return;
    }
    let def = &mut api.types[id];
    if !def.derives.iter().any(|d| d == name) {
        def.derives.push(name.to_owned());
    }
}

/// The type with this pointer (`#/…` or `/…`) or Rust name.
fn find(api: &Api, key: &str) -> Option<TypeId> {
    let pointer = key.strip_prefix('#').unwrap_or(key);
    api.types
        .iter()
        .position(|t| t.source == pointer)
        .or_else(|| api.types.iter().position(|t| t.name == key))
}

/// `roots` and every named type they hold, through fields, variants,
/// aliases and containers.
fn held(api: &Api, roots: &[TypeId]) -> Vec<TypeId> {
    let mut seen = vec![false; api.types.len()];
    let mut pending = roots.to_vec();
    let mut out = Vec::new();
    while let Some(id) = pending.pop() {
        if std::mem::replace(&mut seen[id], true) {
            continue;
        }
        out.push(id);
        if api.types[id].replacement.is_none() {
            for ty in parts(&api.types[id].kind) {
                ty.each_named(&mut |inner| pending.push(inner));
            }
        }
    }
    out.sort_unstable();
    out
}

fn parts(kind: &TypeKind) -> Vec<&TypeRef> {
    match kind {
        TypeKind::Struct(s) => s
            .fields
            .iter()
            .map(|f| &f.ty)
            .chain(&s.additional)
            .collect(),
        TypeKind::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
        TypeKind::Alias(t) | TypeKind::Newtype(t) => vec![t],
        TypeKind::Enum(_) => Vec::new(),
    }
}

/// Traits every generated type derives or implements.
const EVERY_TYPE_HAS: &[&str] = &["Debug", "Clone", "PartialEq", "Serialize", "Deserialize"];

/// Traits the generated code knows what every part of a type needs for
/// (and derives some types already: emit leaves such a derive out).
const KNOWN: &[&str] = &["Eq", "Hash", "PartialOrd", "Ord", "Default", "Copy"];

/// Whether type `id` can have the standard trait `name` derived, given what
/// it holds directly (the types it holds get the derive too and are
/// checked on their own); other traits are the user's to vouch for.
fn can_derive(api: &Api, id: TypeId, name: &str) -> Result<(), String> {
    let trait_name = name.rsplit("::").next().unwrap_or(name);
    if !KNOWN.contains(&trait_name) {
        return Ok(());
    }
    let def = &api.types[id];
    let open_union = matches!(&def.kind, TypeKind::Union(u) if u.tag.is_some());
    match (trait_name, &def.kind) {
        ("Default", TypeKind::Enum(_) | TypeKind::Union(_)) => {
            return Err("an enum has no default value".to_owned());
        }
        // The generated struct derives `Default` when every field may be
        // absent (emit's `derives_default`); else a field has none.
        ("Default", TypeKind::Struct(s)) if !s.fields.iter().all(|f| f.optional) => {
            return Err("a required field has no default value".to_owned());
        }
        ("Copy", TypeKind::Enum(_)) => {
            return Err("it keeps unknown values as a `String`".to_owned());
        }
        ("Hash" | "PartialOrd" | "Ord" | "Copy", _) if open_union => {
            return Err("it keeps unknown variants as a `serde_json::Value`".to_owned());
        }
        _ => {}
    }
    for ty in parts(&def.kind) {
        if let Some(leaf) = lacking(ty, trait_name) {
            return Err(format!("it holds {leaf}, which has no `{trait_name}`"));
        }
    }
    Ok(())
}

/// The first thing inside `ty` (not looking into named types) that lacks
/// the trait.
fn lacking(ty: &TypeRef, trait_name: &str) -> Option<&'static str> {
    let (number, json, dates, file, owned) = (
        "a number (`f64`)",
        "any JSON (`serde_json::Value`)",
        "a date or time",
        "a file",
        "owned data",
    );
    let refused: &[&str] = match trait_name {
        "Eq" => &[number],
        "Hash" => &[number, json],
        "PartialOrd" => &[json, dates, file],
        "Ord" => &[number, json, dates, file],
        "Copy" => &[json, dates, file, owned],
        _ => &[],
    };
    let leaf = match ty {
        TypeRef::Double => Some(number),
        TypeRef::Any | TypeRef::Object => Some(json),
        TypeRef::DateTime | TypeRef::Date => Some(dates),
        TypeRef::File => Some(file),
        TypeRef::String | TypeRef::Bytes => Some(owned),
        TypeRef::Array(inner) | TypeRef::Map(inner) => {
            return if trait_name == "Copy" {
                Some(owned)
            } else {
                lacking(inner, trait_name)
            };
        }
        TypeRef::Nullable(inner) | TypeRef::Boxed(inner) => {
            if trait_name == "Copy" && matches!(ty, TypeRef::Boxed(_)) {
                return Some(owned);
            }
            return lacking(inner, trait_name);
        }
        TypeRef::Tuple(items) => return items.iter().find_map(|t| lacking(t, trait_name)),
        _ => None,
    }?;
    refused.contains(&leaf).then_some(leaf)
}

/// Renames what the settings name; a new name that is not an identifier
/// or is taken is an error, an old one that matches nothing a warning.
pub fn rename(api: &mut Api, renames: &Renames, found: &mut Diagnostics) {
    let lists: [(&[(String, String)], Renamer); 4] = [
        (&renames.types, rename_type),
        (&renames.operations, rename_operation),
        (&renames.fields, rename_field),
        (&renames.variants, rename_variant),
    ];
    for (list, apply) in lists {
        for (old, new) in list {
            let what = format!("rename `{old}` to `{new}`");
            let result = check_identifier(new)
                .map_err(Some)
                .and_then(|()| apply(api, old, new));
            match result {
                Ok(()) => {}
                Err(Some(message)) => {
                    found.push(Diagnostic::error("", format!("{what}: {message}")));
                }
                Err(None) => {
                    found.push(Diagnostic::warning(
                        "",
                        format!("{what}: nothing has that name"),
                    ));
                }
            }
        }
    }
}

/// `Err(None)`: nothing by that name; `Err(Some(..))`: it cannot be done.
type Renaming = Result<(), Option<String>>;

/// One kind of renaming: (api, old, new).
type Renamer = fn(&mut Api, &str, &str) -> Renaming;

fn check_identifier(name: &str) -> Result<(), String> {
    match check_rust_path(name) {
        Ok(()) if !name.contains("::") => Ok(()),
        _ => Err(format!("`{name}` is not a Rust identifier")),
    }
}

fn rename_type(api: &mut Api, old: &str, new: &str) -> Renaming {
    let id = find(api, old).ok_or(None)?;
    if api.types.iter().any(|t| t.name == new) {
        return Err(Some(format!("a type is named `{new}` already")));
    }
    api.types[id].name = new.to_owned();
    Ok(())
}

fn rename_operation(api: &mut Api, old: &str, new: &str) -> Renaming {
    let snake_old = crate::naming::snake(old, "op");
    let index = api
        .operations
        .iter()
        .position(|op| op.name == old || op.name == snake_old)
        .ok_or(None)?;
    let taken = api.operations.iter().any(|op| op.name == new)
        || crate::contract::CLIENT_METHODS.contains(&new);
    if taken {
        return Err(Some(format!("a method is named `{new}` already")));
    }
    let camel = crate::naming::camel(new, "Op");
    let (error, params) = (
        crate::naming::derived::error_enum(&camel),
        crate::naming::derived::params_struct(&camel),
    );
    let clash = api
        .types
        .iter()
        .any(|t| t.name == error || t.name == params)
        || api
            .operations
            .iter()
            .enumerate()
            .any(|(i, op)| i != index && (op.error_name == error || op.params_name == params));
    if clash {
        return Err(Some(format!("`{error}` or `{params}` is taken")));
    }
    let op = &mut api.operations[index];
    let was = std::mem::replace(&mut op.name, new.to_owned());
    op.error_name = error;
    op.params_name = params;
    if let Some(stream) = &mut op.stream {
        stream.method = if stream.only {
            new.to_owned()
        } else {
            stream.method.replacen(&was, new, 1)
        };
    }
    Ok(())
}

/// `Type.member`: the type's id and the member's name.
fn member<'a>(api: &Api, path: &'a str) -> Result<(TypeId, &'a str), Option<String>> {
    let (ty, name) = path
        .rsplit_once('.')
        .ok_or_else(|| Some(format!("`{path}`: write `Type.member`")))?;
    Ok((find(api, ty).ok_or(None)?, name))
}

fn rename_field(api: &mut Api, path: &str, new: &str) -> Renaming {
    let (id, old) = member(api, path)?;
    let TypeKind::Struct(s) = &mut api.types[id].kind else {
        return Err(Some(format!("`{path}`: not a struct")));
    };
    let index = s
        .fields
        .iter()
        .position(|f| f.name == old || f.wire == old)
        .ok_or(None)?;
    if s.fields.iter().any(|f| f.name == new) || s.additional_name == new {
        return Err(Some(format!("the struct has a field `{new}` already")));
    }
    s.fields[index].name = new.to_owned();
    Ok(())
}

fn rename_variant(api: &mut Api, path: &str, new: &str) -> Renaming {
    let (id, old) = member(api, path)?;
    let names: Vec<&mut String> = match &mut api.types[id].kind {
        TypeKind::Enum(e) => e
            .variants
            .iter_mut()
            .filter(|v| v.name == old || v.wire == old)
            .map(|v| &mut v.name)
            .collect(),
        TypeKind::Union(u) => u
            .variants
            .iter_mut()
            .filter(|v| v.name == old || v.tag_value.as_deref() == Some(old))
            .map(|v| &mut v.name)
            .collect(),
        _ => return Err(Some(format!("`{path}`: not an enum"))),
    };
    let Some(name) = names.into_iter().next() else {
        return Err(None);
    };
    *name = new.to_owned();
    let taken = match &api.types[id].kind {
        TypeKind::Enum(e) => {
            e.variants.iter().filter(|v| v.name == new).count() > 1 || new == "Unknown"
        }
        TypeKind::Union(u) => {
            u.variants.iter().filter(|v| v.name == new).count() > 1 || new == "Unknown"
        }
        _ => false,
    };
    if taken {
        return Err(Some(format!("the enum has a variant `{new}` already")));
    }
    Ok(())
}
