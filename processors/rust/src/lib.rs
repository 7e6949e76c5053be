//! The event processor (see `../README.md` for the specification): per-key event aggregation
//! and FASTQ k-mer statistics over HTTP/1.1, on tokio + hyper 1 + serde_json.

pub mod alloc;
pub mod config;
pub mod events;
pub mod fastq;
pub mod headguard;
pub mod http;
pub mod js_compat;
pub mod kmer;
pub mod metrics;
pub mod server;
pub mod state;

/// The `impl` field of `/health` and `/metrics`.
pub const IMPL_NAME: &str = "rust";
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
