//! `processor_core`: the Rust processor's core for Python research scripts. A `Store` holds the
//! per-key state; its methods are the processor's operations without HTTP (`processors/rust/src/
//! service.rs`), so a script gets exactly the answers the HTTP service gives, as dicts with the
//! response's fields in the response's order.
//!
//! Batches are JSON bytes, not lists of dicts: the spec's validation is defined on JSON (a
//! duplicated field: the last wins; `1.0` is an integer `ts`; `true` is not a number), the core
//! parses and validates in one pass over the bytes, and the pure-Python reference takes the same
//! bytes, so both sides of a comparison do the same work from the same input.

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use pyo3::{intern, PyErr};

use processor::fastq::{FastqError as CoreFastqError, ReadStats};
use processor::service::Ingested;
use processor::state::{KeySnapshot, Store as CoreStore};

create_exception!(
    processor_core,
    BatchError,
    PyValueError,
    "The batch was refused as a whole (not JSON, not an array, not UTF-8); nothing was applied."
);
create_exception!(
    processor_core,
    FastqError,
    PyValueError,
    "A malformed FASTQ record; `record` (1-based) and `reason` name it. Nothing was counted."
);

/// Below this many bytes the work is shorter than giving up and retaking the GIL; from it on,
/// other Python threads run while Rust works (CPython's hashlib uses the same kind of threshold).
const DETACH_MIN_BYTES: usize = 2048;

/// Per-key aggregates and the `events` / `reads` counters, held in Rust.
#[pyclass(module = "processor_core")]
struct Store {
    store: CoreStore,
}

#[pymethods]
impl Store {
    #[new]
    fn new() -> Self {
        Store { store: CoreStore::new() }
    }

    /// Validates a batch (a JSON array of events, as bytes) and applies its valid events in array
    /// order. Returns `{"accepted", "rejected", "errors": [{"index", "reason"}, ...]}` (at most
    /// ten errors); raises `BatchError` for a refused batch.
    fn ingest<'py>(&self, py: Python<'py>, body: &[u8]) -> PyResult<Bound<'py, PyDict>> {
        let text = std::str::from_utf8(body).map_err(|_| BatchError::new_err("batch is not valid UTF-8"))?;
        let outcome = if body.len() >= DETACH_MIN_BYTES {
            py.detach(|| self.store.ingest(text))
        } else {
            self.store.ingest(text)
        };
        match outcome {
            Ok(ingested) => ingested_dict(py, &ingested),
            Err(e) => Err(BatchError::new_err(e.to_string())),
        }
    }

    /// FASTQ statistics and canonical 11-mers of one body (bytes); on success its records count
    /// towards `reads`. Raises `FastqError` for a malformed record.
    fn analyze_reads<'py>(&self, py: Python<'py>, body: &[u8]) -> PyResult<Bound<'py, PyDict>> {
        let outcome = if body.len() >= DETACH_MIN_BYTES {
            py.detach(|| self.store.analyze_reads(body))
        } else {
            self.store.analyze_reads(body)
        };
        match outcome {
            Ok(stats) => read_stats_dict(py, &stats),
            Err(e) => Err(fastq_error(py, &e)),
        }
    }

    /// A key's aggregates (`count`, `sum`, `min`, `max`, `mean`, `last`, `last_ts`, `alerts`,
    /// `window`, `median`), or `None` for a key not seen since the last reset.
    fn key<'py>(&self, py: Python<'py>, key: &str) -> PyResult<Option<Bound<'py, PyDict>>> {
        self.store.key(key).map(|snapshot| key_dict(py, &snapshot)).transpose()
    }

    /// `{"keys", "events", "reads"}`.
    fn stats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let s = self.store.stats();
        let d = PyDict::new(py);
        d.set_item(intern!(py, "keys"), s.keys)?;
        d.set_item(intern!(py, "events"), s.events)?;
        d.set_item(intern!(py, "reads"), s.reads)?;
        Ok(d)
    }

    /// Clears keys, events and reads.
    fn reset(&self) {
        self.store.reset();
    }
}

/// FASTQ statistics of one body without a `Store` (nothing is counted anywhere).
#[pyfunction]
fn analyze_reads<'py>(py: Python<'py>, body: &[u8]) -> PyResult<Bound<'py, PyDict>> {
    let outcome = if body.len() >= DETACH_MIN_BYTES {
        py.detach(|| processor::fastq::analyze(body))
    } else {
        processor::fastq::analyze(body)
    };
    match outcome {
        Ok(stats) => read_stats_dict(py, &stats),
        Err(e) => Err(fastq_error(py, &e)),
    }
}

/// Does nothing: one call across the boundary and back, the floor under every other call.
#[pyfunction]
fn noop() {}

fn ingested_dict<'py>(py: Python<'py>, ingested: &Ingested) -> PyResult<Bound<'py, PyDict>> {
    let errors = PyList::empty(py);
    for rejection in &ingested.errors {
        let e = PyDict::new(py);
        e.set_item(intern!(py, "index"), rejection.index)?;
        e.set_item(intern!(py, "reason"), rejection.reason.as_str())?;
        errors.append(e)?;
    }
    let d = PyDict::new(py);
    d.set_item(intern!(py, "accepted"), ingested.accepted)?;
    d.set_item(intern!(py, "rejected"), ingested.rejected)?;
    d.set_item(intern!(py, "errors"), errors)?;
    Ok(d)
}

fn read_stats_dict<'py>(py: Python<'py>, s: &ReadStats) -> PyResult<Bound<'py, PyDict>> {
    let top = PyList::empty(py);
    for k in &s.top_kmers {
        let entry = PyDict::new(py);
        entry.set_item(intern!(py, "kmer"), &k.kmer)?;
        entry.set_item(intern!(py, "count"), k.count)?;
        top.append(entry)?;
    }
    let d = PyDict::new(py);
    d.set_item(intern!(py, "reads"), s.reads)?;
    d.set_item(intern!(py, "bases"), s.bases)?;
    d.set_item(intern!(py, "gc_bases"), s.gc_bases)?;
    d.set_item(intern!(py, "n_bases"), s.n_bases)?;
    d.set_item(intern!(py, "quality_sum"), s.quality_sum)?;
    d.set_item(intern!(py, "q20_reads"), s.q20_reads)?;
    d.set_item(intern!(py, "kmers"), s.kmers)?;
    d.set_item(intern!(py, "distinct_kmers"), s.distinct_kmers)?;
    d.set_item(intern!(py, "top_kmers"), top)?;
    Ok(d)
}

fn key_dict<'py>(py: Python<'py>, s: &KeySnapshot) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(intern!(py, "key"), &s.key)?;
    d.set_item(intern!(py, "count"), s.count)?;
    d.set_item(intern!(py, "sum"), s.sum)?;
    d.set_item(intern!(py, "min"), s.min)?;
    d.set_item(intern!(py, "max"), s.max)?;
    d.set_item(intern!(py, "mean"), s.mean)?;
    d.set_item(intern!(py, "last"), s.last)?;
    d.set_item(intern!(py, "last_ts"), s.last_ts)?;
    d.set_item(intern!(py, "alerts"), s.alerts)?;
    d.set_item(intern!(py, "window"), PyList::new(py, &s.window)?)?;
    d.set_item(intern!(py, "median"), s.median)?;
    Ok(d)
}

/// `FastqError(message)` with `record` and `reason` attributes.
fn fastq_error(py: Python<'_>, e: &CoreFastqError) -> PyErr {
    let err = FastqError::new_err(e.to_string());
    let value = err.value(py);
    let attributes = value
        .setattr(intern!(py, "record"), e.record)
        .and_then(|()| value.setattr(intern!(py, "reason"), e.reason.as_str()));
    match attributes {
        Ok(()) => err,
        Err(failed) => failed,
    }
}

#[pymodule]
fn processor_core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Store>()?;
    m.add_function(wrap_pyfunction!(analyze_reads, m)?)?;
    m.add_function(wrap_pyfunction!(noop, m)?)?;
    m.add("BatchError", m.py().get_type::<BatchError>())?;
    m.add("FastqError", m.py().get_type::<FastqError>())?;
    Ok(())
}
