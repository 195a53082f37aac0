//! oas-gen: OpenAPI 3.0 → Rust client generator.

pub mod diagnostics;
pub mod load;
