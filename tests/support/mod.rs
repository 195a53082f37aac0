//! Test support for the root crate's tests: the loopback server
//! (`server.rs`, shared with `tests/fixture-clients`) and retry settings.

#![allow(dead_code)]

mod server;
#[cfg(feature = "tracing")]
pub mod trace_capture;

use std::time::Duration;

pub use server::*;

/// The default retry policy with millisecond waits, so tests stay fast.
pub fn fast_retries() -> slng_agents::RetryPolicy {
    let ms = Duration::from_millis;
    slng_agents::RetryPolicy::default().with_backoff(ms(1), ms(4), ms(4))
}
