//! Building a client, and the credentials each request carries.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use reqwest::Method;

use super::server::{Recorded, Reply, TestServer};
use crate::runtime::auth::{Scheme, SchemeKind};
use crate::runtime::client::{ApiDefaults, BuildError, ClientBuilder};
use crate::runtime::request::RequestFailure;
use crate::runtime::retry::RetryPolicy;

/// Every kind of scheme; operations need the bearer token, or the header
/// key and the cookie together.
const SCHEMES: &[Scheme] = &[
    Scheme {
        name: "bearer",
        kind: SchemeKind::Bearer,
        env: "RT_TOKEN",
    },
    Scheme {
        name: "key",
        kind: SchemeKind::Header("x-api-key"),
        env: "RT_KEY",
    },
    Scheme {
        name: "session",
        kind: SchemeKind::Cookie("sid"),
        env: "RT_SESSION",
    },
    Scheme {
        name: "query",
        kind: SchemeKind::Query("api_key"),
        env: "RT_QUERY",
    },
    Scheme {
        name: "basic",
        kind: SchemeKind::Basic,
        env: "RT_BASIC",
    },
];

const SECURED: ApiDefaults = ApiDefaults {
    base_url: Some("https://api.example.com/v1/"),
    schemes: SCHEMES,
    security: &[&[0], &[1, 2]],
    public_operations: false,
    primary: Some(0),
    user_agent: "runtime-tests",
};

async fn ok_server() -> TestServer {
    TestServer::start(|_| Reply::text(200, "text/plain", "ok")).await
}

async fn seen(builder: ClientBuilder, security: Option<&'static [&'static [usize]]>) -> Recorded {
    let server = ok_server().await;
    let client = builder.base_url(&server.url).build().expect("a client");
    let mut request = client.request(Method::GET, "/calls", "/calls?x=1");
    if let Some(security) = security {
        request = request.security(security);
    }
    request.send().await.expect("sent");
    server.requests().remove(0)
}

#[test]
fn a_client_needs_a_valid_base_url_and_a_key_when_every_operation_needs_one() {
    let built = ClientBuilder::new(SECURED)
        .api_key("t")
        .build()
        .expect("a client");
    assert_eq!(built.base_url(), "https://api.example.com/v1");
    let missing = ClientBuilder::new(SECURED).build().expect_err("no key");
    assert!(
        matches!(missing, BuildError::MissingApiKey { env: "RT_TOKEN" }),
        "{missing:?}"
    );
    assert_eq!(
        missing.to_string(),
        "no API key: pass one or set the RT_TOKEN environment variable"
    );
    let other_alternative = ClientBuilder::new(SECURED)
        .secret(1, "k")
        .secret(2, "s")
        .build();
    assert!(
        other_alternative.is_ok(),
        "the key and the cookie together suffice"
    );
    let half = ClientBuilder::new(SECURED).secret(1, "k").build();
    assert!(
        matches!(half, Err(BuildError::MissingApiKey { .. })),
        "{half:?}"
    );
    let no_url = ClientBuilder::new(ApiDefaults {
        base_url: None,
        ..SECURED
    })
    .api_key("t")
    .build()
    .expect_err("no URL");
    assert!(matches!(no_url, BuildError::MissingBaseUrl));
    let bad_url = ClientBuilder::new(SECURED)
        .api_key("t")
        .base_url("not a url")
        .build()
        .expect_err("a bad URL");
    assert_eq!(bad_url.to_string(), "invalid base URL `not a url`");
    let bad_key = ClientBuilder::new(SECURED)
        .api_key("a\nb")
        .build()
        .expect_err("a bad key");
    assert!(matches!(bad_key, BuildError::InvalidApiKey), "{bad_key:?}");
    let bad_header = ClientBuilder::new(SECURED)
        .api_key("t")
        .default_header("bad name", "v")
        .build()
        .expect_err("a bad header");
    assert!(matches!(bad_header, BuildError::InvalidHeader));
}

#[test]
fn a_client_the_http_library_refuses_keeps_its_reason() {
    use std::error::Error as _;
    let refused = ClientBuilder::new(SECURED)
        .api_key("t")
        .user_agent("line\nbreak")
        .build()
        .expect_err("no such user agent");
    assert!(matches!(refused, BuildError::Http(_)), "{refused:?}");
    assert_eq!(refused.to_string(), "could not set up the HTTP client");
    assert!(
        refused.source().is_some(),
        "the reqwest error is the source"
    );
    assert!(BuildError::MissingBaseUrl.source().is_none());
}

#[test]
fn a_client_without_credentials_is_built_when_some_operation_is_public() {
    for defaults in [
        ApiDefaults {
            public_operations: true,
            ..SECURED
        },
        ApiDefaults {
            security: &[],
            ..SECURED
        },
        ApiDefaults {
            security: &[&[0], &[]],
            ..SECURED
        },
        ApiDefaults {
            primary: None,
            ..SECURED
        },
    ] {
        assert!(ClientBuilder::new(defaults).build().is_ok(), "{defaults:?}");
    }
}

#[test]
fn secrets_never_show_in_debug_output() {
    let builder = ClientBuilder::new(SECURED).api_key("top-secret");
    let shown = format!("{builder:?}");
    assert!(!shown.contains("top-secret"), "{shown}");
    assert!(shown.contains("Some(<redacted>)"), "{shown}");
    let client = builder.build().expect("a client");
    let shown = format!("{client:?}");
    assert!(!shown.contains("top-secret"), "{shown}");
    assert!(shown.contains("api.example.com"), "{shown}");
    assert!(shown.contains("Some(<redacted>)"), "{shown}");
}

#[tokio::test]
async fn the_first_alternative_with_every_credential_is_sent() {
    let bearer = seen(ClientBuilder::new(SECURED).api_key("t1"), None).await;
    assert_eq!(bearer.header("authorization"), Some("Bearer t1"));
    assert_eq!(bearer.header("x-api-key"), None);
    let pair = seen(
        ClientBuilder::new(SECURED).secret(1, "k1").secret(2, "s1"),
        None,
    )
    .await;
    assert_eq!(pair.header("authorization"), None);
    assert_eq!(pair.header("x-api-key"), Some("k1"));
    assert_eq!(pair.header("cookie"), Some("sid=s1"));
    let query = seen(
        ClientBuilder::new(SECURED).api_key("t").secret(3, "q 1"),
        Some(&[&[3]]),
    )
    .await;
    assert_eq!(query.target, "/calls?x=1&api_key=q%201");
    assert_eq!(
        query.header("authorization"),
        None,
        "only the operation's schemes"
    );
    let public = seen(ClientBuilder::new(SECURED).api_key("t"), Some(&[])).await;
    assert_eq!(
        public.header("authorization"),
        None,
        "a public operation sends none"
    );
}

#[tokio::test]
async fn basic_credentials_are_encoded_and_a_bare_secret_is_a_username() {
    let basic = seen(
        ClientBuilder::new(SECURED)
            .api_key("t")
            .basic(4, "ann", "pw:1"),
        Some(&[&[4]]),
    )
    .await;
    assert_eq!(basic.header("authorization"), Some("Basic YW5uOnB3OjE="));
    let bare = seen(
        ClientBuilder::new(SECURED).api_key("t").secret(4, "ann"),
        Some(&[&[4]]),
    )
    .await;
    assert_eq!(bare.header("authorization"), Some("Basic YW5uOg=="));
}

#[tokio::test]
async fn credentials_come_from_the_environment_when_asked() {
    // Variables only this test reads.
    const FROM_ENV: &[Scheme] = &[
        Scheme {
            name: "basic",
            kind: SchemeKind::Basic,
            env: "RUNTIME_TESTS_BASIC",
        },
        Scheme {
            name: "key",
            kind: SchemeKind::Header("x-key"),
            env: "RUNTIME_TESTS_UNSET",
        },
    ];
    std::env::set_var("RUNTIME_TESTS_BASIC", "ann:pw");
    let defaults = ApiDefaults {
        schemes: FROM_ENV,
        security: &[&[0]],
        primary: Some(0),
        ..SECURED
    };
    let request = seen(ClientBuilder::new(defaults).api_key_from_env(), None).await;
    assert_eq!(request.header("authorization"), Some("Basic YW5uOnB3"));
    assert_eq!(request.header("x-key"), None);
    std::env::set_var("RUNTIME_TESTS_BASIC", "ann");
    let user_only = seen(ClientBuilder::new(defaults).api_key_from_env(), None).await;
    assert_eq!(user_only.header("authorization"), Some("Basic YW5uOg=="));
}

#[tokio::test]
async fn a_token_callback_is_asked_on_every_request() {
    let asked = Arc::new(AtomicUsize::new(0));
    let counter = asked.clone();
    let server = ok_server().await;
    let client = ClientBuilder::new(SECURED)
        .base_url(&server.url)
        .token_callback(0, move || {
            format!("t{}", counter.fetch_add(1, Ordering::SeqCst))
        })
        .build()
        .expect("a callback is a credential");
    for _ in 0..2 {
        client
            .request(Method::GET, "/a", "/a")
            .send()
            .await
            .expect("sent");
    }
    let tokens: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.header("authorization").unwrap_or_default().to_owned())
        .collect();
    assert_eq!(tokens, ["Bearer t0", "Bearer t1"]);
    assert_eq!(asked.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn an_operation_without_its_credentials_is_refused_before_sending() {
    let server = ok_server().await;
    let client = ClientBuilder::new(SECURED)
        .base_url(&server.url)
        .api_key("t")
        .build()
        .expect("a client");
    let failure = client
        .request(Method::GET, "/a", "/a")
        .security(&[&[1, 2], &[3]])
        .send()
        .await
        .expect_err("no key for it");
    let RequestFailure::Invalid(error) = failure else {
        panic!("{failure:?}")
    };
    assert_eq!(
        error.to_string(),
        "credentials: no credentials for this operation: set `key` (RT_KEY) and `session` (RT_SESSION), or `query` (RT_QUERY)"
    );
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn per_client_settings_apply_to_the_requests_made_through_that_copy() {
    let server = TestServer::start(|_| Reply::text(503, "text/plain", "busy")).await;
    let client = ClientBuilder::new(SECURED)
        .base_url(&server.url)
        .api_key("t")
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("a client");
    let retrying =
        client.with_retry_policy(RetryPolicy::default().with_max_retries(1).with_backoff(
            Duration::from_millis(1),
            Duration::from_millis(1),
            Duration::from_millis(1),
        ));
    client
        .request(Method::GET, "/a", "/a")
        .send()
        .await
        .expect("an answer");
    assert_eq!(server.requests().len(), 1, "the original does not retry");
    retrying
        .request(Method::GET, "/a", "/a")
        .send()
        .await
        .expect("an answer");
    assert_eq!(server.requests().len(), 3, "the copy retries once");
}

#[tokio::test]
async fn timeouts_set_on_the_builder_apply() {
    let server = TestServer::start(|_| {
        Reply::text(200, "text/plain", "late").after(Duration::from_millis(300))
    })
    .await;
    let client = ClientBuilder::new(SECURED)
        .base_url(&server.url)
        .api_key("t")
        .retry_policy(RetryPolicy::none())
        .timeout(Duration::from_millis(50))
        .build()
        .expect("a client");
    let failure = client
        .request(Method::GET, "/a", "/a")
        .send()
        .await
        .expect_err("late");
    assert!(
        matches!(failure, RequestFailure::Timeout(_, 0)),
        "{failure:?}"
    );
}
