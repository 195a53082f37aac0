//! A request body given as bytes or as a stream of chunks (a recording
//! read from disk as it is sent).

use std::fmt;

/// A binary request body: bytes (anything that converts into a `Vec<u8>`
/// or is [`bytes::Bytes`]), or a stream of chunks ([`Upload::stream`]).
///
/// Bytes are sent again when a request is retried. A stream is sent once:
/// a request with a streamed body is never retried, since its chunks are
/// gone after the first attempt.
pub struct Upload {
    pub(super) body: UploadBody,
}

pub(super) enum UploadBody {
    Bytes(bytes::Bytes),
    Stream(reqwest::Body),
}

impl Upload {
    /// A body read from `chunks` as it is sent (`Transfer-Encoding:
    /// chunked`); an error from the stream aborts the request.
    pub fn stream<S, E>(chunks: S) -> Self
    where
        S: futures_util::stream::TryStream<Ok = bytes::Bytes, Error = E> + Send + 'static,
        E: Into<Box<dyn std::error::Error + Send + Sync>>,
        bytes::Bytes: From<S::Ok>,
    {
        Upload {
            body: UploadBody::Stream(reqwest::Body::wrap_stream(chunks)),
        }
    }

    /// Whether the body is a stream (sent once, never retried).
    pub fn is_stream(&self) -> bool {
        matches!(self.body, UploadBody::Stream(_))
    }
}

impl fmt::Debug for Upload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.body {
            UploadBody::Bytes(bytes) => write!(f, "Upload({} bytes)", bytes.len()),
            UploadBody::Stream(_) => f.write_str("Upload(stream)"),
        }
    }
}

impl From<bytes::Bytes> for Upload {
    fn from(bytes: bytes::Bytes) -> Self {
        Upload {
            body: UploadBody::Bytes(bytes),
        }
    }
}

impl From<Vec<u8>> for Upload {
    fn from(bytes: Vec<u8>) -> Self {
        bytes::Bytes::from(bytes).into()
    }
}

impl From<&[u8]> for Upload {
    fn from(bytes: &[u8]) -> Self {
        bytes::Bytes::copy_from_slice(bytes).into()
    }
}

impl<const N: usize> From<&[u8; N]> for Upload {
    fn from(bytes: &[u8; N]) -> Self {
        bytes::Bytes::copy_from_slice(bytes).into()
    }
}

impl From<String> for Upload {
    fn from(text: String) -> Self {
        bytes::Bytes::from(text).into()
    }
}

impl From<&str> for Upload {
    fn from(text: &str) -> Self {
        bytes::Bytes::copy_from_slice(text.as_bytes()).into()
    }
}
