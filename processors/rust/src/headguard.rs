//! Finds requests that carry both Content-Length and Transfer-Encoding, which the spec answers
//! with 400 and a closed connection (processors/README.md, "HTTP edge rules"; RFC 9112 §6.1: a
//! request-smuggling defence).
//!
//! hyper accepts such a request: it frames the body by Transfer-Encoding, removes the
//! Content-Length header before the service sees the request, and closes the connection after
//! the answer. So the check looks at the bytes as they are read: [`Guarded`] wraps each accepted
//! stream and follows the HTTP/1.1 framing (request heads, Content-Length bodies, chunked bodies)
//! with a [`Scanner`], noting the first head that has both headers; the service asks, for each
//! chunked request only, whether it is that one ([`FramingWatch::both_framings`]).
//!
//! The scanner follows only what hyper accepts byte for byte; anything else (HTTP/1.0, a header
//! line without a colon, a malformed chunk line, CONNECT) stops it for the rest of that
//! connection. A stopped scanner never reports a request, so it can miss one on an unusual
//! connection but never refuses an ordinary request. Its cost is one pass over each request head
//! and chunk line; Content-Length bodies are skipped by count.

mod scan;
mod stream;

pub use scan::Scanner;
pub use stream::{FramingWatch, Guarded};
