//! Micro-benchmarks of the two hot paths, without HTTP:
//! (a) parse + validate + aggregate a 100-event batch, (b) FASTQ parse + canonical 11-mer
//! counting of a 50-read × 150 bp body.
//!
//! A plain `harness = false` bench on `std::time` (no criterion: it would double the build
//! time): each case is warmed up, then timed in 15 samples of ~100 ms. One line per case on
//! stdout (median, min and max sample per call); with `MICROBENCH_OUT=FILE` (set by
//! `harness microbench`) also the samples file the harness stores (benches/support). Run with
//! `cargo bench --bench micro`; pass a word to run only the cases whose name contains it, and
//! `--smoke` for three 1 ms samples per case (checks the path; figures mean nothing).

mod support;

use std::hint::black_box;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use processor::events::parse_batch;
use processor::fastq::analyze;
use processor::state::Store;
use serde_json::Value;
use support::{record, time_calls, write_samples_file, Case, Samples, Timing, SMOKE};

const MEASURE: Timing =
    Timing { samples: 15, sample_time: Duration::from_millis(100), warmup: Duration::from_millis(300) };
const IMPLEMENTATION: &str = "rust";
const EVENTS_PER_BATCH: u64 = 100;
const READS_PER_BODY: u64 = 50;
const READ_LENGTH: usize = 150;

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// 100 events over 10,000 keys, the same shape the harness sends.
fn event_batch(rng: &mut XorShift) -> String {
    let kinds = ["reading", "reading", "reading", "alert", "heartbeat"];
    let events: Vec<String> = (0..EVENTS_PER_BATCH)
        .map(|i| {
            format!(
                r#"{{"key":"sensor-{:05}","ts":{},"value":{:.3},"kind":"{}"}}"#,
                rng.next() % 10_000,
                1_764_144_000_000u64 + i,
                (rng.next() % 100_000) as f64 / 1000.0,
                kinds[(rng.next() % kinds.len() as u64) as usize]
            )
        })
        .collect();
    format!("[{}]", events.join(","))
}

fn fastq_body(rng: &mut XorShift, reads: usize, length: usize) -> String {
    let mut body = String::new();
    for r in 0..reads {
        body.push_str(&format!("@read{r}\n"));
        for _ in 0..length {
            body.push(if rng.next() % 200 == 0 { 'N' } else { ['A', 'C', 'G', 'T'][(rng.next() % 4) as usize] });
        }
        body.push_str("\n+\n");
        for _ in 0..length {
            body.push((b'!' + (rng.next() % 41) as u8) as char);
        }
        body.push('\n');
    }
    body
}

/// The cases to run and where their samples go.
struct Run {
    filter: Option<String>,
    timing: Timing,
    records: Vec<Value>,
}

impl Run {
    /// Times `f` unless the filter leaves the case out, and prints one line: median, min and max
    /// time per call over the samples, and the items per second at the median.
    fn case(&mut self, case: Case<'_>, f: impl FnMut(usize)) {
        let label = format!("{}/{}={}", case.name, case.batch_unit, case.batch_size);
        if self.filter.as_deref().is_some_and(|word| !label.contains(word)) {
            return;
        }
        let samples: Samples = time_calls(self.timing, f);
        let median = samples.median_ns();
        let (min, max) = samples.per_call_ns.iter().fold((f64::INFINITY, 0f64), |(lo, hi), &x| (lo.min(x), hi.max(x)));
        println!(
            "{label:<32} {median:>12.0} ns/call (min {min:.0}, max {max:.0})  {:>14.0} {}/s",
            case.batch_size as f64 * 1e9 / median,
            case.batch_unit
        );
        self.records.push(record(&case, &samples));
    }
}

fn main() -> ExitCode {
    // `cargo bench` passes `--bench`; `--smoke` shortens every case; any other word is a filter.
    let args: Vec<String> = std::env::args().skip(1).collect();
    let smoke = args.iter().any(|a| a == "--smoke");
    let filter = args.iter().find(|a| !a.starts_with('-')).cloned();
    let out = std::env::var_os("MICROBENCH_OUT").map(PathBuf::from);
    let mut run = Run { filter, timing: if smoke { SMOKE } else { MEASURE }, records: Vec::new() };
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);

    // (a) A rotating set of different batches, so the branch predictor and caches do not learn
    // one body; the store keeps growing to 10,000 keys as it would under load.
    let batches: Vec<String> = (0..64).map(|_| event_batch(&mut rng)).collect();
    let store = Store::new();
    let events =
        |name| Case { name, implementation: IMPLEMENTATION, batch_size: EVENTS_PER_BATCH, batch_unit: "events" };
    run.case(events("ingest"), |i| {
        let batch = parse_batch(black_box(&batches[i % batches.len()])).expect("valid batch");
        store.apply(&batch.events);
        black_box(batch.errors.len());
    });
    run.case(events("parse_validate"), |i| {
        black_box(parse_batch(black_box(&batches[i % batches.len()])).expect("valid batch"));
    });

    // (b) 50 reads × 150 bp.
    let bodies: Vec<String> = (0..16).map(|_| fastq_body(&mut rng, READS_PER_BODY as usize, READ_LENGTH)).collect();
    let reads =
        Case { name: "analyze_reads", implementation: IMPLEMENTATION, batch_size: READS_PER_BODY, batch_unit: "reads" };
    run.case(reads, |i| {
        black_box(analyze(black_box(bodies[i % bodies.len()].as_bytes())).expect("valid FASTQ"));
    });

    let Some(path) = out else { return ExitCode::SUCCESS };
    match write_samples_file(&path, smoke, run.records) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("micro: {e}");
            ExitCode::FAILURE
        }
    }
}
