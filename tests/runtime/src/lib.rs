//! The client runtime every generated crate holds (`generator/runtime/*.rs`,
//! listed in `oas_gen::contract::RUNTIME`), compiled here as the same
//! `runtime` module, so that its logic is tested, and mutated, in one small
//! crate instead of through a generated client.

pub mod runtime;

#[cfg(test)]
mod checks;

#[cfg(test)]
mod types;
