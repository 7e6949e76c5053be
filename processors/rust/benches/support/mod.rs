//! What the two `harness = false` benches share: the timing loop and the samples file the harness
//! reads (`harness/schema/v1/microbench-samples.schema.json`): per case, the time of one call in
//! each sample and the calls timed. The median and its interval are computed by the reader, the
//! same way for every language's samples.

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// How long and how often each case is timed.
#[derive(Clone, Copy)]
pub struct Timing {
    pub samples: usize,
    pub sample_time: Duration,
    pub warmup: Duration,
}

/// Three samples of about 1 ms: checks the whole path end to end; its figures mean nothing.
pub const SMOKE: Timing =
    Timing { samples: 3, sample_time: Duration::from_millis(1), warmup: Duration::from_millis(1) };

pub const TOOL: &str = "cargo bench (harness = false, std::time::Instant)";

pub struct Samples {
    pub per_call_ns: Vec<f64>,
    pub iterations: u64,
}

impl Samples {
    pub fn median_ns(&self) -> f64 {
        let mut sorted = self.per_call_ns.clone();
        sorted.sort_by(f64::total_cmp);
        sorted[sorted.len() / 2]
    }
}

/// Times `call(i)` for i = 0, 1, 2, …: a warm-up, then samples of about `timing.sample_time`,
/// each the same number of calls (sized from the warm-up's rate).
pub fn time_calls(timing: Timing, mut call: impl FnMut(usize)) -> Samples {
    let mut i = 0usize;
    let started = Instant::now();
    while started.elapsed() < timing.warmup {
        call(i);
        i += 1;
    }
    let per_call = started.elapsed().as_secs_f64() / i as f64;
    let calls_per_sample = ((timing.sample_time.as_secs_f64() / per_call) as u64).max(1);
    let per_call_ns = (0..timing.samples)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..calls_per_sample {
                call(i);
                i += 1;
            }
            t.elapsed().as_nanos() as f64 / calls_per_sample as f64
        })
        .collect();
    Samples { per_call_ns, iterations: calls_per_sample * timing.samples as u64 }
}

/// One case of the samples file.
pub struct Case<'a> {
    pub name: &'a str,
    pub implementation: &'a str,
    pub batch_size: u64,
    pub batch_unit: &'a str,
}

pub fn record(case: &Case<'_>, samples: &Samples) -> Value {
    json!({
        "name": case.name,
        "implementation": case.implementation,
        "language": "Rust",
        "batch_size": case.batch_size,
        "batch_unit": case.batch_unit,
        "samples_ns": samples.per_call_ns,
        "iterations": samples.iterations,
    })
}

pub fn write_samples_file(path: &Path, smoke: bool, records: Vec<Value>) -> Result<(), String> {
    let document = json!({
        "tool": TOOL,
        "runtime": processor::metrics::RUNTIME,
        "smoke": smoke,
        "results": records,
    });
    let text = serde_json::to_string_pretty(&document).map_err(|e| e.to_string())?;
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}
