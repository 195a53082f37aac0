//! Credentials: the schemes the API declares, what the user gave for each,
//! and which of them a request sends. No credential ever appears in `Debug`
//! output or in traces.

use std::fmt;
use std::sync::Arc;

use base64::Engine as _;
use reqwest::header::{HeaderName, HeaderValue, AUTHORIZATION};

/// How the API expects a credential, from the spec's `securitySchemes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SchemeKind {
    /// `Authorization: Bearer <token>` (HTTP bearer, OAuth 2, OpenID Connect).
    Bearer,
    /// `Authorization: Basic <base64(username:password)>`.
    Basic,
    /// A key in the request header of this name.
    Header(&'static str),
    /// A key in the query parameter of this name.
    Query(&'static str),
    /// A key in the cookie of this name.
    Cookie(&'static str),
}

/// One security scheme of the API.
#[derive(Debug, Clone, Copy)]
pub struct Scheme {
    /// Its name in the spec.
    pub name: &'static str,
    /// How it is sent.
    pub kind: SchemeKind,
    /// The environment variable `Client::from_env` reads it from (for
    /// basic authentication, `username:password`).
    pub env: &'static str,
}

/// A function giving the current bearer token, called for every attempt of
/// every request (for tokens the caller refreshes).
pub type TokenCallback = Arc<dyn Fn() -> String + Send + Sync>;

/// A credential for one scheme.
#[derive(Clone)]
pub(super) enum Credential {
    /// A key or token, sent as the scheme says.
    Secret(Arc<str>),
    /// A username and password (basic authentication).
    Basic(Arc<str>, Arc<str>),
    /// A bearer token asked for at each attempt.
    Callback(TokenCallback),
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl Credential {
    /// Reads a credential from an environment variable's value.
    pub(super) fn from_env_value(kind: SchemeKind, value: String) -> Self {
        match (kind, value.split_once(':')) {
            (SchemeKind::Basic, Some((user, password))) => {
                Credential::Basic(user.into(), password.into())
            }
            (SchemeKind::Basic, None) => Credential::Basic(value.into(), "".into()),
            _ => Credential::Secret(value.into()),
        }
    }
}

/// Where one credential goes in a request.
#[derive(Debug, Clone)]
pub(super) enum Placement {
    /// A header (sensitive: never logged by the HTTP stack).
    Header(HeaderName, HeaderValue),
    /// A query pair.
    Query(&'static str, String),
    /// A `name=value` pair of the `Cookie` header.
    Cookie(&'static str, String),
}

/// Why no credentials could be sent.
#[derive(Debug)]
pub(super) struct Missing(pub(super) String);

/// A credential made ready when the client is built: fixed ones are encoded
/// once (headers parsed, basic credentials base64-encoded), so a request
/// only clones them; a callback is asked at each request.
#[derive(Clone)]
pub(super) enum Prepared {
    /// Sent as it is.
    Fixed(Placement),
    /// A bearer token asked for at each request.
    Callback(TokenCallback),
}

impl fmt::Debug for Prepared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Prepares a credential for its scheme; `None` when it cannot go into a
/// request (a character not allowed in a header).
pub(super) fn prepare(scheme: &Scheme, credential: &Credential) -> Option<Prepared> {
    match credential {
        Credential::Callback(token) => Some(Prepared::Callback(token.clone())),
        fixed => placement(scheme, fixed).ok().map(Prepared::Fixed),
    }
}

/// The credentials to send for an operation needing one of `alternatives`
/// (each a set of scheme indices sent together): the first alternative whose
/// schemes all have a credential. An empty alternative needs none.
pub(super) fn placements(
    schemes: &[Scheme],
    credentials: &[Option<Prepared>],
    alternatives: &[&[usize]],
) -> Result<Vec<Placement>, Missing> {
    if alternatives.is_empty() {
        return Ok(Vec::new());
    }
    for alternative in alternatives {
        let given: Option<Vec<(&Scheme, &Prepared)>> = alternative
            .iter()
            .map(|&i| Some((schemes.get(i)?, credentials.get(i)?.as_ref()?)))
            .collect();
        if let Some(given) = given {
            return given
                .into_iter()
                .map(|(scheme, prepared)| match prepared {
                    Prepared::Fixed(placement) => Ok(placement.clone()),
                    Prepared::Callback(token) => {
                        placement(scheme, &Credential::Callback(token.clone()))
                    }
                })
                .collect();
        }
    }
    let wanted: Vec<String> = alternatives
        .iter()
        .map(|alternative| {
            let names: Vec<String> = alternative
                .iter()
                .filter_map(|&i| schemes.get(i))
                .map(|s| format!("`{}` ({})", s.name, s.env))
                .collect();
            names.join(" and ")
        })
        .collect();
    Err(Missing(format!(
        "no credentials for this operation: set {}",
        wanted.join(", or ")
    )))
}

fn placement(scheme: &Scheme, credential: &Credential) -> Result<Placement, Missing> {
    let invalid = || Missing(format!("the credential of `{}` is not valid in a request", scheme.name));
    let secret = match credential {
        Credential::Secret(secret) => secret.to_string(),
        Credential::Callback(token) => token(),
        Credential::Basic(user, password) => {
            let encoded =
                base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
            return sensitive(AUTHORIZATION, &format!("Basic {encoded}")).ok_or_else(invalid);
        }
    };
    match scheme.kind {
        SchemeKind::Bearer => {
            sensitive(AUTHORIZATION, &format!("Bearer {secret}")).ok_or_else(invalid)
        }
        // A key given for a basic scheme is the username (as payment APIs use it).
        SchemeKind::Basic => {
            let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{secret}:"));
            sensitive(AUTHORIZATION, &format!("Basic {encoded}")).ok_or_else(invalid)
        }
        SchemeKind::Header(name) => {
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid())?;
            sensitive(name, &secret).ok_or_else(invalid)
        }
        SchemeKind::Query(name) => Ok(Placement::Query(name, secret)),
        SchemeKind::Cookie(name) => Ok(Placement::Cookie(name, secret)),
    }
}

fn sensitive(name: HeaderName, value: &str) -> Option<Placement> {
    let mut value = HeaderValue::from_str(value).ok()?;
    value.set_sensitive(true);
    Some(Placement::Header(name, value))
}

/// The `Cookie` header for cookie credentials, after any cookie already set.
pub(super) fn cookie_header(existing: Option<&HeaderValue>, pairs: &[(&str, &str)]) -> Option<HeaderValue> {
    let mut text = existing
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .unwrap_or_default();
    for (name, value) in pairs {
        if !text.is_empty() {
            text.push_str("; ");
        }
        text.push_str(name);
        text.push('=');
        text.push_str(value);
    }
    let mut value = HeaderValue::from_str(&text).ok()?;
    value.set_sensitive(true);
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEMES: &[Scheme] = &[
        Scheme {
            name: "key",
            kind: SchemeKind::Header("x-api-key"),
            env: "X_KEY",
        },
        Scheme {
            name: "basic",
            kind: SchemeKind::Basic,
            env: "X_BASIC",
        },
    ];

    #[test]
    fn the_first_alternative_with_every_credential_is_sent() {
        let basic = Credential::Basic("sk_1".into(), "".into());
        let credentials = [None, prepare(&SCHEMES[1], &basic)];
        let sent = placements(SCHEMES, &credentials, &[&[0], &[1]]).unwrap();
        match &sent[..] {
            [Placement::Header(name, value)] => {
                assert_eq!(name, AUTHORIZATION);
                assert_eq!(value.to_str().unwrap(), "Basic c2tfMTo=");
                assert!(value.is_sensitive());
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn missing_credentials_name_the_schemes_and_their_variables() {
        let error = placements(SCHEMES, &[None, None], &[&[0], &[0, 1]]).unwrap_err();
        assert_eq!(
            error.0,
            "no credentials for this operation: set `key` (X_KEY), or `key` (X_KEY) and `basic` (X_BASIC)"
        );
        assert!(placements(SCHEMES, &[None, None], &[&[0], &[]]).unwrap().is_empty());
        assert!(placements(SCHEMES, &[None, None], &[]).unwrap().is_empty());
    }

    #[test]
    fn basic_credentials_from_the_environment_split_at_the_first_colon() {
        match Credential::from_env_value(SchemeKind::Basic, "user:pa:ss".into()) {
            Credential::Basic(user, password) => {
                assert_eq!((&*user, &*password), ("user", "pa:ss"));
            }
            other => panic!("{other:?}"),
        }
    }
}
