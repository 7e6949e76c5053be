//! Micro-benchmarks of the two hot paths, without HTTP:
//! (a) parse + validate + aggregate a 100-event batch, (b) FASTQ parse + canonical 11-mer
//! counting of a 50-read × 150 bp body.
//!
//! A plain `harness = false` bench on `std::time` (no criterion: it would double the build
//! time): each case is warmed up, then timed in 15 samples of ~100 ms; the median sample's
//! time per iteration is reported, with the min and max sample for spread. Run with
//! `cargo bench --bench micro`; pass a word to run only the cases whose name contains it.

use std::hint::black_box;
use std::time::{Duration, Instant};

use processor::events::parse_batch;
use processor::fastq::analyze;
use processor::state::Store;

const SAMPLES: usize = 15;
const SAMPLE_TIME: Duration = Duration::from_millis(100);
const WARMUP: Duration = Duration::from_millis(300);

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
    let events: Vec<String> = (0..100)
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

/// Times `f` and prints one line: median, min and max time per iteration over the samples.
fn bench(name: &str, filter: Option<&str>, units_per_iter: f64, unit: &str, mut f: impl FnMut()) {
    if filter.is_some_and(|word| !name.contains(word)) {
        return;
    }
    let start = Instant::now();
    let mut warm_iters = 0u64;
    while start.elapsed() < WARMUP {
        f();
        warm_iters += 1;
    }
    let per_iter = WARMUP.as_secs_f64() / warm_iters as f64;
    let iters = ((SAMPLE_TIME.as_secs_f64() / per_iter) as u64).max(1);
    let mut samples_ns: Vec<f64> = (0..SAMPLES)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..iters {
                f();
            }
            t.elapsed().as_nanos() as f64 / iters as f64
        })
        .collect();
    samples_ns.sort_by(f64::total_cmp);
    let median = samples_ns[SAMPLES / 2];
    println!(
        "{name:<40} {median:>12.0} ns/iter (min {:.0}, max {:.0})  {:>14.0} {unit}/s",
        samples_ns[0],
        samples_ns[SAMPLES - 1],
        units_per_iter * 1e9 / median
    );
}

fn main() {
    // `cargo bench` passes `--bench`; any other argument is a name filter.
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let filter = filter.as_deref();
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);

    // (a) A rotating set of different batches, so the branch predictor and caches do not learn
    // one body; the store keeps growing to 10,000 keys as it would under load.
    let batches: Vec<String> = (0..64).map(|_| event_batch(&mut rng)).collect();
    let store = Store::new();
    let mut i = 0;
    bench("events: parse+validate+aggregate 100", filter, 100.0, "events", || {
        let body = &batches[i % batches.len()];
        i += 1;
        let batch = parse_batch(black_box(body)).expect("valid batch");
        store.apply(&batch.events);
        black_box(batch.errors.len());
    });
    let mut i = 0;
    bench("events: parse+validate only 100", filter, 100.0, "events", || {
        let body = &batches[i % batches.len()];
        i += 1;
        black_box(parse_batch(black_box(body)).expect("valid batch"));
    });

    // (b) 50 reads × 150 bp.
    let bodies: Vec<String> = (0..16).map(|_| fastq_body(&mut rng, 50, 150)).collect();
    let mut i = 0;
    bench("reads: fastq+kmers 50x150bp", filter, 50.0 * 150.0, "bases", || {
        let body = &bodies[i % bodies.len()];
        i += 1;
        black_box(analyze(black_box(body.as_bytes())).expect("valid FASTQ"));
    });
}
