//! The generator's contract (`oas_gen::contract`) against the runtime as it
//! is compiled into the SLNG client: the generated docs quote these numbers,
//! lowering reserves these names, so they must be the runtime's own.

use oas_gen::contract::{self, DEFAULTS};
use reqwest::Method;
use slng_agents::runtime::client::{
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, DEFAULT_TIMEOUT,
};
use slng_agents::runtime::retry::{is_idempotent, RetryPolicy};

#[test]
fn the_idempotent_methods_are_the_ones_the_runtime_retries() {
    let all = [
        "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "QUERY",
        "COPY",
    ];
    for name in all {
        let method = Method::from_bytes(name.as_bytes()).expect("a method");
        assert_eq!(
            contract::is_idempotent(name),
            is_idempotent(&method),
            "{name}: the contract and runtime/retry.rs disagree"
        );
    }
}

#[test]
fn the_quoted_defaults_are_the_runtimes() {
    let policy = RetryPolicy::default();
    assert_eq!(policy.max_retries, DEFAULTS.max_retries);
    assert_eq!(&*policy.statuses, DEFAULTS.retried_statuses);
    assert_eq!(
        DEFAULT_CONNECT_TIMEOUT.as_secs(),
        DEFAULTS.connect_timeout_secs
    );
    assert_eq!(DEFAULT_TIMEOUT.as_secs(), DEFAULTS.timeout_secs);
    assert_eq!(DEFAULT_READ_TIMEOUT.as_secs(), DEFAULTS.read_timeout_secs);
}

#[test]
fn this_crate_depends_on_what_the_generated_code_needs() {
    let manifest = include_str!("../Cargo.toml");
    let dependencies = manifest
        .split("\n[dependencies]\n")
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
        .expect("a [dependencies] table");
    let declared: Vec<&str> = dependencies
        .lines()
        .filter_map(|line| line.split(['=', '.', ' ']).next())
        .filter(|name| !name.is_empty() && !name.starts_with('#'))
        .collect();
    let mut needed: Vec<&str> = contract::DEPENDENCIES.iter().map(|d| d.name).collect();
    let mut declared_sorted = declared.clone();
    declared_sorted.sort_unstable();
    needed.sort_unstable();
    assert_eq!(declared_sorted, needed, "root Cargo.toml [dependencies]");
}
