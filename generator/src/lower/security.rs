//! Security: the schemes the client can send, the API's default
//! requirement, and each operation's own.
//!
//! A requirement is a list of alternatives; each alternative names schemes
//! sent together. `security: []` makes operations public; `{}` among the
//! alternatives makes credentials optional. Schemes the client cannot send
//! (mutual TLS, HTTP digest) are reported, and alternatives needing them
//! are dropped.

use openapiv3::{APIKeyLocation, SecurityRequirement, SecurityScheme};

use crate::contract::BUILDER_METHODS;
use crate::diagnostics::Diagnostic;
use crate::ir::{AuthScheme, Operation, SchemeKind, Security};
use crate::naming::{derived, snake, Scope};
use crate::resolve::Resolver;
use crate::source::escape_pointer;

/// The API's security.
pub fn security(
    spec: &openapiv3::OpenAPI,
    resolver: Resolver<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Security {
    let mut schemes = Vec::new();
    let mut names = Vec::new();
    let mut methods = Scope::with_reserved(BUILDER_METHODS);
    let declared = spec.components.iter().flat_map(|c| &c.security_schemes);
    for (name, scheme) in declared {
        let at = format!("/components/securitySchemes/{}", escape_pointer(name));
        let scheme = match resolver.resolve(scheme, &at, "security scheme") {
            Ok((scheme, _)) => scheme.into_owned(),
            Err(d) => {
                diagnostics.push(d);
                continue;
            }
        };
        let Some((kind, description)) = kind_of(scheme) else {
            let message = "this security scheme cannot be sent by the client; operations that \
                           need it get no credentials from it (configure it on your own \
                           `reqwest::Client` with `http_client`)";
            diagnostics.push(Diagnostic::warning(at, message));
            continue;
        };
        let method = methods.claim(method_name(name));
        let callback = (kind == SchemeKind::Bearer)
            .then(|| callback_name(&mut methods, &method, &at, diagnostics));
        schemes.push(AuthScheme {
            name: name.clone(),
            method,
            callback,
            kind,
            description,
        });
        names.push(name.clone());
    }
    let default = match &spec.security {
        Some(requirements) => alternatives(requirements, &names),
        // No requirement stated: send whichever credential was given.
        None => (0..schemes.len())
            .map(|i| vec![i])
            .chain([Vec::new()])
            .collect(),
    };
    let primary = default
        .iter()
        .find_map(|alternative| alternative.first().copied())
        .or((!schemes.is_empty()).then_some(0));
    Security {
        schemes,
        default,
        primary,
    }
}

/// Each operation's own requirement, where it states one that differs.
pub fn operation_security(
    operations: &mut [Operation],
    security: &Security,
    resolver: Resolver<'_>,
) {
    let names: Vec<String> = security.schemes.iter().map(|s| s.name.clone()).collect();
    for op in operations {
        let Some(raw) = resolver.value(&format!("{}/security", op.source)) else {
            continue;
        };
        let Ok(requirements) = serde_json::from_value::<Vec<SecurityRequirement>>(raw.clone())
        else {
            continue;
        };
        let own = alternatives(&requirements, &names);
        if own != security.default {
            op.security = Some(own);
        }
    }
}

/// The builder method of a scheme: its name, unless the builder has a
/// method of that name already (`api_key` → `api_key_auth`).
fn method_name(scheme: &str) -> String {
    let name = snake(scheme, "auth");
    if BUILDER_METHODS.contains(&name.as_str()) {
        format!("{name}_auth")
    } else {
        name
    }
}

/// The builder method taking a callback for a bearer scheme's token; when
/// that name is the runtime's own or another scheme's (a scheme named
/// `token` would make `token_callback`), another, with a located warning.
fn callback_name(
    methods: &mut Scope,
    method: &str,
    at: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> String {
    let wanted = derived::token_callback(method);
    if !methods.is_taken(&wanted) {
        return methods.claim(wanted);
    }
    let given = methods.claim(derived::token_callback(&format!("{method}_auth")));
    let message = format!(
        "the builder method `{wanted}` (this scheme's token callback) is taken by the client builder or another scheme; it is `{given}`"
    );
    diagnostics.push(Diagnostic::warning(at, message));
    given
}

/// Requirements → alternatives of scheme indices; an alternative naming a
/// scheme the client cannot send is dropped.
fn alternatives(requirements: &[SecurityRequirement], names: &[String]) -> Vec<Vec<usize>> {
    requirements
        .iter()
        .filter_map(|requirement| {
            requirement
                .keys()
                .map(|name| names.iter().position(|n| n == name))
                .collect::<Option<Vec<usize>>>()
        })
        .collect()
}

fn kind_of(scheme: SecurityScheme) -> Option<(SchemeKind, Option<String>)> {
    match scheme {
        SecurityScheme::HTTP {
            scheme,
            description,
            ..
        } => {
            let kind = match scheme.to_ascii_lowercase().as_str() {
                "bearer" => SchemeKind::Bearer,
                "basic" => SchemeKind::Basic,
                _ => return None,
            };
            Some((kind, description))
        }
        SecurityScheme::APIKey {
            location,
            name,
            description,
            ..
        } => {
            let kind = match location {
                APIKeyLocation::Header => SchemeKind::Header(name),
                APIKeyLocation::Query => SchemeKind::Query(name),
                APIKeyLocation::Cookie => SchemeKind::Cookie(name),
            };
            Some((kind, description))
        }
        SecurityScheme::OAuth2 { description, .. }
        | SecurityScheme::OpenIDConnect { description, .. } => {
            Some((SchemeKind::Bearer, description))
        }
    }
}

/// The raw value of a requirement list, for tests.
#[cfg(test)]
fn parse(value: serde_json::Value) -> Vec<SecurityRequirement> {
    serde_json::from_value(value).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn alternatives_keep_their_order_and_drop_unknown_schemes() {
        let names = vec!["key".to_owned(), "basic".to_owned()];
        let requirements = parse(json!([{"key": []}, {"key": [], "basic": []}, {"tls": []}, {}]));
        assert_eq!(
            alternatives(&requirements, &names),
            vec![vec![0], vec![0, 1], vec![]]
        );
        assert!(alternatives(&parse(json!([])), &names).is_empty());
    }
}
