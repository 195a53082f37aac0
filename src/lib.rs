//! Client for the SLNG Voice Agents API: agents, outbound call dispatch and
//! web sessions.
//!
//! This crate is generated at build time (by `build.rs`, with oas-gen) from
//! `spec/agents.oas.yaml`, and regenerated only when that spec changes. The
//! same client, vendored as a standalone crate that needs no generator, is
//! `generated-client/`.
//!
//! # Example
//!
//! ```no_run
//! use slng_agents::operations::DispatchCallError;
//! use slng_agents::types::AgentCallCreate;
//! use slng_agents::{Client, Error};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! // Reads the key from the SLNG_API_KEY environment variable.
//! let client = Client::from_env()?;
//! let agent_id = "550e8400-e29b-41d4-a716-446655440000".parse()?;
//! let call = AgentCallCreate::new("+14155550100");
//! match client.dispatch_call(agent_id, &call).await {
//!     Ok(dispatched) => println!("call {} ({})", dispatched.call_id, dispatched.status()),
//!     Err(Error::Status(DispatchCallError::PaymentRequired(response))) => {
//!         eprintln!("top up credits: {:?}", response.message());
//!     }
//!     Err(other) => return Err(other.into()),
//! }
//! # Ok(())
//! # }
//! ```
#![warn(missing_docs)]

include!(concat!(env!("OUT_DIR"), "/slng_agents.rs"));

/// The README's examples, compiled as doctests so they stay true.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
