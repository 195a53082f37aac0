//! The runtime's files, as a generated crate's `src/runtime/mod.rs`
//! declares them. `rustfmt::skip`: the files are shipped as they are
//! written, and `cargo fmt` here must not rewrite them.

#[path = "../../../../generator/runtime/auth.rs"]
#[rustfmt::skip]
pub mod auth;
#[path = "../../../../generator/runtime/client.rs"]
#[rustfmt::skip]
pub mod client;
#[path = "../../../../generator/runtime/datetime.rs"]
#[rustfmt::skip]
pub mod datetime;
#[path = "../../../../generator/runtime/decode.rs"]
#[rustfmt::skip]
pub mod decode;
#[path = "../../../../generator/runtime/enums.rs"]
#[rustfmt::skip]
pub mod enums;
#[path = "../../../../generator/runtime/error.rs"]
#[rustfmt::skip]
pub mod error;
#[path = "../../../../generator/runtime/framing.rs"]
#[rustfmt::skip]
pub mod framing;
#[path = "../../../../generator/runtime/multipart.rs"]
#[rustfmt::skip]
pub mod multipart;
#[path = "../../../../generator/runtime/nullable.rs"]
#[rustfmt::skip]
pub mod nullable;
#[path = "../../../../generator/runtime/paging.rs"]
#[rustfmt::skip]
pub mod paging;
#[path = "../../../../generator/runtime/record.rs"]
#[rustfmt::skip]
pub mod record;
#[path = "../../../../generator/runtime/request.rs"]
#[rustfmt::skip]
pub mod request;
#[path = "../../../../generator/runtime/response.rs"]
#[rustfmt::skip]
pub mod response;
#[path = "../../../../generator/runtime/retry.rs"]
#[rustfmt::skip]
pub mod retry;
#[path = "../../../../generator/runtime/stream.rs"]
#[rustfmt::skip]
pub mod stream;
#[path = "../../../../generator/runtime/style.rs"]
#[rustfmt::skip]
pub mod style;
#[path = "../../../../generator/runtime/union.rs"]
#[rustfmt::skip]
pub mod union;
#[path = "../../../../generator/runtime/upload.rs"]
#[rustfmt::skip]
pub mod upload;
#[path = "../../../../generator/runtime/validate.rs"]
#[rustfmt::skip]
pub mod validate;
