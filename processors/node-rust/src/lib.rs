//! The Rust processor's core behind Node: a `Core` class over `processor::state::Store`, with the
//! same shapes that processors/node's JavaScript core returns (see `../node/src/core.ts`), so the
//! Node HTTP layer serializes either one with the same `JSON.stringify`.
//!
//! Bodies arrive as `BufferSlice`s: the Node `Buffer`'s bytes, borrowed for the call, not copied.
//! Results go back as plain JS objects built field by field in the spec's response order (so
//! `JSON.stringify` keeps it); napi-rs renames fields to camelCase unless told otherwise, hence
//! the `js_name`s.

use napi::bindgen_prelude::{BufferSlice, Either};
use napi_derive::napi;
use processor::alloc::{live_bytes, TrackingAllocator};
use processor::events::BatchError;
use processor::fastq::{FastqError, ReadStats};
use processor::kmer::KmerCount;
use processor::service::Ingested;
use processor::state::{KeySnapshot, Store};

/// Counts the addon's live heap (Rust allocations only; V8's heap is Node's `heapUsed`), the same
/// wrapper around the system allocator as the Rust processor's.
#[global_allocator]
static GLOBAL: TrackingAllocator = TrackingAllocator;

/// The `impl` name this processor reports in `/health` and `/metrics`.
#[napi]
pub const IMPL: &str = "node-rust";

/// One element's rejection in a `POST /v1/events` answer.
#[napi(object, object_from_js = false)]
pub struct ElementError {
    pub index: u32,
    pub reason: &'static str,
}

/// `POST /v1/events` → 200.
#[napi(object, object_from_js = false)]
pub struct IngestResult {
    pub accepted: u32,
    pub rejected: u32,
    pub errors: Vec<ElementError>,
}

/// A body refused as a whole: `POST /v1/events` → 400.
#[napi(object, object_from_js = false)]
pub struct BatchRejection {
    pub error: String,
}

#[napi(object, object_from_js = false)]
pub struct KmerEntry {
    pub kmer: String,
    pub count: i64,
}

/// `POST /v1/reads` → 200.
#[napi(object, object_from_js = false)]
pub struct FastqStats {
    pub reads: i64,
    pub bases: i64,
    #[napi(js_name = "gc_bases")]
    pub gc_bases: i64,
    #[napi(js_name = "n_bases")]
    pub n_bases: i64,
    #[napi(js_name = "quality_sum")]
    pub quality_sum: i64,
    #[napi(js_name = "q20_reads")]
    pub q20_reads: i64,
    pub kmers: i64,
    #[napi(js_name = "distinct_kmers")]
    pub distinct_kmers: i64,
    #[napi(js_name = "top_kmers")]
    pub top_kmers: Vec<KmerEntry>,
}

/// A malformed FASTQ record: `POST /v1/reads` → 400.
#[napi(object, object_from_js = false)]
pub struct FastqRejection {
    pub error: String,
    pub record: i64,
    pub reason: &'static str,
}

/// `GET /v1/keys/{key}` → 200.
#[napi(object, object_from_js = false)]
pub struct KeyView {
    pub key: String,
    pub count: i64,
    pub sum: f64,
    pub min: f64,
    pub max: f64,
    pub mean: f64,
    pub last: f64,
    #[napi(js_name = "last_ts")]
    pub last_ts: i64,
    pub alerts: i64,
    pub window: Vec<f64>,
    pub median: f64,
}

/// `GET /v1/stats`.
#[napi(object, object_from_js = false)]
pub struct Stats {
    pub keys: i64,
    pub events: i64,
    pub reads: i64,
}

/// Figures for `/metrics` `extra`, beside V8's own.
#[napi(object, object_from_js = false)]
pub struct CoreMetrics {
    /// Live bytes allocated by the Rust core (its key map, per-request buffers).
    #[napi(js_name = "core_heap_bytes")]
    pub core_heap_bytes: i64,
    /// The compiler that built the core, e.g. `rustc 1.95.0`.
    #[napi(js_name = "core_runtime")]
    pub core_runtime: &'static str,
}

/// All per-key state and the global counters, in Rust.
#[napi]
pub struct Core {
    store: Store,
}

impl Default for Core {
    fn default() -> Self {
        Self::new()
    }
}

#[napi]
impl Core {
    #[napi(constructor)]
    pub fn new() -> Self {
        Core { store: Store::new() }
    }

    /// Validates a batch and applies its valid events in array order.
    #[napi]
    pub fn ingest(&self, body: BufferSlice) -> Either<IngestResult, BatchRejection> {
        // The HTTP layer has checked UTF-8 already (→ 400 before this call); checking again is
        // what makes a `&str` of JavaScript-owned bytes sound for any caller.
        let Ok(text) = std::str::from_utf8(&body) else {
            return Either::B(BatchRejection { error: "body is not valid UTF-8".to_owned() });
        };
        match self.store.ingest(text) {
            Ok(ingested) => Either::A(ingest_result(ingested)),
            Err(e) => Either::B(batch_rejection(&e)),
        }
    }

    /// FASTQ statistics and canonical 11-mers of one body; adds its records to `reads`.
    #[napi]
    pub fn analyze_reads(&self, body: BufferSlice) -> Either<FastqStats, FastqRejection> {
        match self.store.analyze_reads(&body) {
            Ok(stats) => Either::A(fastq_stats(stats)),
            Err(e) => Either::B(fastq_rejection(&e)),
        }
    }

    /// A key's aggregates, or `null` for a key never seen since the last reset.
    #[napi]
    pub fn key(&self, key: String) -> Option<KeyView> {
        self.store.key(&key).map(key_view)
    }

    #[napi]
    pub fn stats(&self) -> Stats {
        let s = self.store.stats();
        Stats { keys: as_js_int(s.keys), events: as_js_int(s.events), reads: as_js_int(s.reads) }
    }

    /// Clears keys, events and reads.
    #[napi]
    pub fn reset(&self) {
        self.store.reset();
    }

    #[napi]
    pub fn metrics(&self) -> CoreMetrics {
        CoreMetrics { core_heap_bytes: as_js_int(live_bytes() as u64), core_runtime: processor::metrics::RUNTIME }
    }
}

/// Every count here is far below 2^53 (events, bases and keys of one process; `ts` is capped at
/// 2^53 − 1 by validation), so it is exact as a JavaScript number.
fn as_js_int(n: u64) -> i64 {
    n as i64
}

fn ingest_result(ingested: Ingested) -> IngestResult {
    IngestResult {
        // A batch is at most a few MiB, so it has far fewer than 2^32 elements.
        accepted: ingested.accepted as u32,
        rejected: ingested.rejected as u32,
        errors: ingested
            .errors
            .into_iter()
            .map(|r| ElementError { index: r.index as u32, reason: r.reason.as_str() })
            .collect(),
    }
}

fn batch_rejection(e: &BatchError) -> BatchRejection {
    BatchRejection { error: e.to_string() }
}

fn fastq_stats(s: ReadStats) -> FastqStats {
    FastqStats {
        reads: as_js_int(s.reads),
        bases: as_js_int(s.bases),
        gc_bases: as_js_int(s.gc_bases),
        n_bases: as_js_int(s.n_bases),
        quality_sum: as_js_int(s.quality_sum),
        q20_reads: as_js_int(s.q20_reads),
        kmers: as_js_int(s.kmers),
        distinct_kmers: as_js_int(s.distinct_kmers),
        top_kmers: s.top_kmers.into_iter().map(kmer_entry).collect(),
    }
}

fn kmer_entry(k: KmerCount) -> KmerEntry {
    KmerEntry { kmer: k.kmer, count: as_js_int(k.count) }
}

fn fastq_rejection(e: &FastqError) -> FastqRejection {
    FastqRejection { error: e.to_string(), record: as_js_int(e.record), reason: e.reason.as_str() }
}

fn key_view(s: KeySnapshot) -> KeyView {
    KeyView {
        key: s.key,
        count: as_js_int(s.count),
        sum: s.sum,
        min: s.min,
        max: s.max,
        mean: s.mean,
        last: s.last,
        last_ts: as_js_int(s.last_ts),
        alerts: as_js_int(s.alerts),
        window: s.window,
        median: s.median,
    }
}
