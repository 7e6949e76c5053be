//! The processor's two workloads as whole operations on a [`Store`], without HTTP: what the
//! `POST /v1/events` and `POST /v1/reads` routes do once the request has passed the HTTP checks,
//! and what the Node addon (`processors/node-rust`) and the Python extension (`interop/python`)
//! call, so that all three run exactly the same code.

use serde::Serialize;

use crate::events::{self, BatchError, Rejection};
use crate::fastq::{self, FastqError, ReadStats};
use crate::state::Store;

/// The outcome of an applied batch; field order is the `POST /v1/events` response's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Ingested {
    pub accepted: usize,
    pub rejected: usize,
    /// The first [`events::MAX_LISTED_ERRORS`] rejections, in index order.
    pub errors: Vec<Rejection>,
}

impl Store {
    /// Parses and validates a batch (a JSON array of events), then applies its valid events in
    /// array order. A refused batch applies nothing.
    pub fn ingest(&self, body: &str) -> Result<Ingested, BatchError> {
        let batch = events::parse_batch(body)?;
        self.apply(&batch.events);
        Ok(Ingested { accepted: batch.events.len(), rejected: batch.rejected, errors: batch.errors })
    }

    /// FASTQ statistics of one body; on success its records are added to the `reads` counter.
    pub fn analyze_reads(&self, body: &[u8]) -> Result<ReadStats, FastqError> {
        let stats = fastq::analyze(body)?;
        self.add_reads(stats.reads);
        Ok(stats)
    }
}

#[cfg(test)]
mod tests;
