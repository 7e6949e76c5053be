//! The event processor (see `../README.md` for the specification): per-key event aggregation
//! and FASTQ k-mer statistics over HTTP/1.1, on tokio + hyper 1 + serde_json.
//!
//! The `server` feature (on by default) adds the HTTP service (`http`, `server`); without it the
//! crate is the core that the Node addon and the Python extension call (`service`).

pub mod alloc;
pub mod config;
pub mod events;
pub mod fastq;
#[cfg(feature = "server")]
pub mod headguard;
#[cfg(feature = "server")]
pub mod http;
pub mod js_compat;
pub mod kmer;
pub mod metrics;
#[cfg(feature = "server")]
pub mod server;
pub mod service;
pub mod state;

/// The `impl` field of `/health` and `/metrics`.
pub const IMPL_NAME: &str = "rust";
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
