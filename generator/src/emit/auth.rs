//! Security → the runtime's scheme table, one builder method per scheme,
//! the environment variables, and the crate docs that list them.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::rust_type::ident;
use crate::ir::{Api, AuthScheme, SchemeKind};
use crate::settings::Settings;

/// The environment variable each scheme is read from, in scheme order: the
/// main scheme's is `--api-key-env` or `{TITLE}_API_KEY`; the others are
/// `{TITLE}_{SCHEME}`.
pub fn env_vars(api: &Api, settings: &Settings) -> Vec<String> {
    let prefix = env_prefix(api);
    api.security
        .schemes
        .iter()
        .enumerate()
        .map(|(i, scheme)| {
            if Some(i) == api.security.primary {
                settings
                    .api_key_env
                    .clone()
                    .unwrap_or_else(|| join_env(&prefix, "API_KEY"))
            } else {
                let name = heck::ToShoutySnakeCase::to_shouty_snake_case(scheme.method.as_str());
                join_env(&prefix, &name)
            }
        })
        .collect()
}

/// The main scheme's environment variable (`API_KEY` when there is none).
pub fn primary_env(api: &Api, settings: &Settings) -> String {
    let vars = env_vars(api, settings);
    api.security
        .primary
        .and_then(|i| vars.get(i).cloned())
        .unwrap_or_else(|| join_env(&env_prefix(api), "API_KEY"))
}

fn env_prefix(api: &Api) -> String {
    let first_word = api.info.title.split_whitespace().next().unwrap_or("API");
    let prefix = heck::ToShoutySnakeCase::to_shouty_snake_case(first_word);
    let prefix: String = prefix
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if prefix.starts_with(|c: char| c.is_ascii_digit()) || prefix == "API" {
        String::new()
    } else {
        prefix
    }
}

fn join_env(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}_{name}")
    }
}

/// The `schemes`, `security`, `public_operations` and `primary` fields of the runtime's `ApiDefaults`.
pub fn defaults_fields(api: &Api, settings: &Settings) -> TokenStream {
    let envs = env_vars(api, settings);
    let schemes = api.security.schemes.iter().zip(&envs).map(|(scheme, env)| {
        let name = &scheme.name;
        let kind = match &scheme.kind {
            SchemeKind::Bearer => quote!(Bearer),
            SchemeKind::Basic => quote!(Basic),
            SchemeKind::Header(n) => quote!(Header(#n)),
            SchemeKind::Query(n) => quote!(Query(#n)),
            SchemeKind::Cookie(n) => quote!(Cookie(#n)),
        };
        quote! {
            runtime::auth::Scheme { name: #name, kind: runtime::auth::SchemeKind::#kind, env: #env },
        }
    });
    let security = alternatives(&api.security.default);
    let primary = match api.security.primary {
        Some(i) => {
            let i = Literal::usize_unsuffixed(i);
            quote!(Some(#i))
        }
        None => quote!(None),
    };
    let public_operations = api.has_public_operations();
    quote! {
        schemes: &[#(#schemes)*],
        security: #security,
        public_operations: #public_operations,
        primary: #primary,
    }
}

/// `&[&[0], &[1, 2]]`.
pub fn alternatives(alternatives: &[Vec<usize>]) -> TokenStream {
    let each = alternatives.iter().map(|a| {
        let indices = a.iter().map(|i| Literal::usize_unsuffixed(*i));
        quote!(&[#(#indices),*])
    });
    quote!(&[#(#each),*])
}

/// One builder method per scheme (besides `api_key`, which sets the main one).
pub fn builder_methods(api: &Api, settings: &Settings) -> TokenStream {
    if api.security.schemes.is_empty() {
        return TokenStream::new();
    }
    let envs = env_vars(api, settings);
    let methods = api
        .security
        .schemes
        .iter()
        .enumerate()
        .map(|(i, scheme)| scheme_method(i, scheme, &envs[i]));
    quote! {
        impl ClientBuilder {
            #(#methods)*
        }
    }
}

fn scheme_method(index: usize, scheme: &AuthScheme, env: &str) -> TokenStream {
    let method = ident(&scheme.method);
    let i = Literal::usize_unsuffixed(index);
    let what = match &scheme.kind {
        SchemeKind::Bearer => "a bearer token (`Authorization: Bearer`)".to_owned(),
        SchemeKind::Basic => "a username and password (`Authorization: Basic`)".to_owned(),
        SchemeKind::Header(n) => format!("a key sent in the `{n}` header"),
        SchemeKind::Query(n) => format!("a key sent as the `{n}` query parameter"),
        SchemeKind::Cookie(n) => format!("a key sent in the `{n}` cookie"),
    };
    let doc = format!(
        " Authenticates with the `{}` scheme: {what}. From the environment: `{env}`{}.",
        scheme.name.replace('`', "'"),
        if scheme.kind == SchemeKind::Basic {
            " (`username:password`)"
        } else {
            ""
        }
    );
    match scheme.kind {
        SchemeKind::Basic => quote! {
            #[doc = #doc]
            pub fn #method(self, username: impl Into<String>, password: impl Into<String>) -> Self {
                self.basic(#i, username, password)
            }
        },
        SchemeKind::Bearer => {
            let callback = scheme.callback.as_deref().map(|name| {
                let callback = ident(name);
                let callback_doc = format!(
                    " Authenticates with the `{}` scheme, asking `token` for the bearer token on every request (for tokens you refresh, such as OAuth 2 access tokens).",
                    scheme.name.replace('`', "'")
                );
                quote! {
                    #[doc = #callback_doc]
                    pub fn #callback(self, token: impl Fn() -> String + Send + Sync + 'static) -> Self {
                        self.token_callback(#i, token)
                    }
                }
            });
            quote! {
                #[doc = #doc]
                pub fn #method(self, token: impl Into<String>) -> Self {
                    self.secret(#i, token)
                }

                #callback
            }
        }
        _ => quote! {
            #[doc = #doc]
            pub fn #method(self, key: impl Into<String>) -> Self {
                self.secret(#i, key)
            }
        },
    }
}

/// The crate docs' section on authentication.
pub fn docs(api: &Api, settings: &Settings) -> String {
    let schemes = &api.security.schemes;
    if schemes.is_empty() {
        return String::new();
    }
    let envs = env_vars(api, settings);
    let mut text = String::from("# Authentication\n\n");
    for (i, (scheme, env)) in schemes.iter().zip(&envs).enumerate() {
        let main = if Some(i) == api.security.primary {
            ", also set by [`ClientBuilder::api_key`] and [`Client::new`]"
        } else {
            ""
        };
        text.push_str(&format!(
            "- `{}`: [`ClientBuilder::{}`]{main}; environment variable `{env}`.\n",
            scheme.name.replace('`', "'"),
            scheme.method
        ));
    }
    text.push_str(
        "\n[`ClientBuilder::api_key_from_env`] (and [`Client::from_env`]) read every \
         variable that is set. Each request sends the credentials its operation \
         requires (the first alternative the client has all credentials for); \
         public operations send none. Credentials never appear in `Debug` output or \
         traces. Mutual TLS and other schemes the client cannot send are configured on \
         your own `reqwest::Client` ([`ClientBuilder::http_client`]).",
    );
    text
}

#[cfg(test)]
mod tests {
    use super::env_prefix;
    use crate::ir::Api;

    fn titled(title: &str) -> Api {
        let mut api = Api::default();
        api.info.title = title.to_owned();
        api
    }

    #[test]
    fn the_key_variable_is_named_after_the_first_word_of_the_title() {
        assert_eq!(env_prefix(&titled("SLNG Voice Agents API")), "SLNG");
        assert_eq!(
            env_prefix(&titled("API for pets")),
            "",
            "API alone adds nothing"
        );
        assert_eq!(
            env_prefix(&titled("3scale management")),
            "",
            "not a digit first"
        );
        assert_eq!(env_prefix(&titled("my-shop")), "MY_SHOP");
    }
}
