//! The Rust core alone, on the inputs of the Python FFI benchmark (interop/python/bench): batch
//! ingestion and FASTQ + k-mer counting at the same batch sizes, and one key read, so that
//! "through PyO3" and "without any boundary" are timed on the same bytes.
//!
//! `cargo bench --bench interop -- --inputs DIR --out FILE`, where DIR was written by
//! `interop/python/bench/inputs.py`; `interop/python/bench/run.py` runs it that way and turns the
//! samples it writes into the shared result format (median and interval computed there, the same
//! way for pyperf's values and these). Without `--inputs` it says so and does nothing. `--smoke`
//! times 3 samples of about 1 ms each: it checks the whole path end to end, its figures mean
//! nothing, and the file says so (`"smoke": true`).
//!
//! Each case is warmed up, then timed in samples of about 100 ms (pyperf's default value length);
//! a sample's figure is its time per call. Every call takes its body as bytes, as the extension
//! does: ingestion includes `std::str::from_utf8`, as it does behind PyO3 and behind HTTP.

mod support;

use std::collections::HashMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use processor::fastq::analyze;
use processor::state::Store;
use serde_json::Value;
use support::{record, time_calls, write_samples_file, Samples, Timing, SMOKE};

const MEASURE: Timing =
    Timing { samples: 31, sample_time: Duration::from_millis(100), warmup: Duration::from_millis(300) };
const IMPLEMENTATION: &str = "rust-core";

struct Case {
    name: String,
    batch_size: u64,
    unit: String,
    files: Vec<String>,
    keys: Vec<String>,
}

/// The bodies of every case, by file name.
type Bodies = HashMap<String, Vec<u8>>;

fn run_case(case: &Case, bodies: &Bodies, timing: Timing) -> Result<Samples, String> {
    let files: Vec<&[u8]> = case.files.iter().map(|f| bodies[f].as_slice()).collect();
    let n = files.len();
    match case.name.as_str() {
        "ingest" => {
            let store = Store::new();
            check(
                store.ingest(std::str::from_utf8(files[0]).map_err(|e| e.to_string())?).map(|i| i.accepted as u64)
                    == Ok(case.batch_size),
                "ingest",
            )?;
            Ok(time_calls(timing, |i| {
                let text = std::str::from_utf8(black_box(files[i % n])).expect("checked above");
                black_box(store.ingest(text).expect("checked above"));
            }))
        }
        "analyze_reads" => {
            check(analyze(files[0]).map(|s| s.reads) == Ok(case.batch_size), "analyze_reads")?;
            Ok(time_calls(timing, |i| {
                black_box(analyze(black_box(files[i % n])).expect("checked above"));
            }))
        }
        "key" => {
            let store = Store::new();
            for body in &files {
                store.ingest(std::str::from_utf8(body).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
            }
            check(case.keys.iter().all(|k| store.key(k).is_some()), "key")?;
            let keys = &case.keys;
            Ok(time_calls(timing, |i| {
                black_box(store.key(black_box(&keys[i % keys.len()])));
            }))
        }
        other => Err(format!("no Rust subject for case {other:?}")),
    }
}

/// A subject that does not give the expected answer is not timed.
fn check(ok: bool, what: &str) -> Result<(), String> {
    if ok {
        Ok(())
    } else {
        Err(format!("{what}: the core's answer to the first input is not the expected one"))
    }
}

fn load(dir: &Path) -> Result<(Vec<Case>, Bodies), String> {
    let read = |name: &str| {
        std::fs::read(dir.join(name)).map_err(|e| format!("cannot read {}: {e}", dir.join(name).display()))
    };
    let manifest: Value = serde_json::from_slice(&read("manifest.json")?).map_err(|e| format!("manifest.json: {e}"))?;
    let strings = |v: &Value| -> Vec<String> {
        v.as_array().map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_owned)).collect()).unwrap_or_default()
    };
    let mut cases = Vec::new();
    let mut bodies = HashMap::new();
    for c in manifest["cases"].as_array().ok_or("manifest.json: no cases")? {
        let case = Case {
            name: c["name"].as_str().unwrap_or_default().to_owned(),
            batch_size: c["batch_size"].as_u64().unwrap_or_default(),
            unit: c["unit"].as_str().unwrap_or_default().to_owned(),
            files: strings(&c["files"]),
            keys: strings(&c["keys"]),
        };
        for f in &case.files {
            if !bodies.contains_key(f) {
                bodies.insert(f.clone(), read(f)?);
            }
        }
        cases.push(case);
    }
    Ok((cases, bodies))
}

struct Args {
    inputs: PathBuf,
    out: PathBuf,
    smoke: bool,
}

/// `None`: not asked to run (plain `cargo bench`); `Err`: asked, but wrongly.
fn parse_args() -> Result<Option<Args>, String> {
    let (mut inputs, mut out, mut smoke) = (None, None, false);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--inputs" => inputs = args.next().map(PathBuf::from),
            "--out" => out = args.next().map(PathBuf::from),
            "--smoke" => smoke = true,
            "--bench" => {}
            other => return Err(format!("unknown argument {other:?} (expected --inputs DIR --out FILE [--smoke])")),
        }
    }
    match (inputs, out) {
        (None, None) => Ok(None),
        (Some(inputs), Some(out)) => Ok(Some(Args { inputs, out, smoke })),
        _ => Err("--inputs DIR and --out FILE go together".to_owned()),
    }
}

fn run(args: &Args) -> Result<(), String> {
    let (cases, bodies) = load(&args.inputs)?;
    let timing = if args.smoke { SMOKE } else { MEASURE };
    let mut results = Vec::new();
    // The empty call has no Rust counterpart: without a boundary there is nothing to cross.
    for case in cases.iter().filter(|c| c.name != "noop") {
        let samples = run_case(case, &bodies, timing)?;
        eprintln!(
            "interop: {}/{IMPLEMENTATION}/{}: median {:.0} ns/call",
            case.name,
            case.batch_size,
            samples.median_ns()
        );
        let shared = support::Case {
            name: &case.name,
            implementation: IMPLEMENTATION,
            batch_size: case.batch_size,
            batch_unit: &case.unit,
        };
        results.push(record(&shared, &samples));
    }
    write_samples_file(&args.out, args.smoke, results)
}

fn main() -> ExitCode {
    match parse_args() {
        Ok(None) => {
            eprintln!(
                "interop: needs --inputs DIR --out FILE; interop/python/bench/run.py passes them. Nothing to do."
            );
            ExitCode::SUCCESS
        }
        Ok(Some(args)) => match run(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("interop: {e}");
                ExitCode::FAILURE
            }
        },
        Err(e) => {
            eprintln!("interop: {e}");
            ExitCode::from(2)
        }
    }
}
