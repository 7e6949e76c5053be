//! The stall recorder as a process: it says `ready`, records until stdin closes or a signal
//! arrives, and prints one JSON document; bad arguments and unusable CPUs are one-line errors.
use serde_json::Value;
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const RECORDER: &str = env!("CARGO_BIN_EXE_stall-recorder");

fn start(args: &[&str]) -> (Child, BufReader<std::process::ChildStdout>) {
    let mut child = Command::new(RECORDER).args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn stall-recorder");
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    assert_eq!(line, "ready\n");
    (child, out)
}

fn finish(mut child: Child, mut out: BufReader<std::process::ChildStdout>) -> Value {
    let mut rest = String::new();
    out.read_to_string(&mut rest).unwrap();
    assert!(child.wait().unwrap().success());
    serde_json::from_str(&rest).expect("one JSON document after ready")
}

fn cpu_count() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

#[test]
fn closing_stdin_stops_it_and_it_reports_every_cpu_it_watched() {
    let cpus = if cpu_count() > 1 { "0,1" } else { "0" };
    let (mut child, out) = start(&["--cpus", cpus, "--period-us", "500", "--threshold-us", "200"]);
    std::thread::sleep(Duration::from_millis(200));
    drop(child.stdin.take());
    let doc = finish(child, out);
    assert_eq!(doc["tool"], "stall-recorder");
    assert_eq!(doc["stopped_by"], "stdin closed");
    assert_eq!(doc["period_us"], 500);
    assert_eq!(doc["threshold_us"], 200);
    let watched: Vec<u64> = doc["cpus"].as_array().unwrap().iter().map(|c| c["cpu"].as_u64().unwrap()).collect();
    assert_eq!(watched, if cpu_count() > 1 { vec![0, 1] } else { vec![0] });
    for c in doc["cpus"].as_array().unwrap() {
        assert!(c["wakeups"].as_u64().unwrap() > 0);
        assert!(c["stall_time_ns"].as_u64().unwrap() <= c["observed_ns"].as_u64().unwrap());
    }
    assert!(doc["t0_monotonic_ns"].as_str().unwrap().parse::<u64>().is_ok());
    assert!(doc["t0_unix_ns"].as_str().unwrap().parse::<u64>().is_ok());
    assert!(doc["self_cpu"]["utilisation"].as_f64().is_some());
}

#[test]
fn each_reported_stall_lies_on_a_watched_cpu_and_starts_on_a_tick() {
    let (mut child, out) = start(&["--cpus", "0", "--period-us", "500", "--threshold-us", "1"]);
    std::thread::sleep(Duration::from_millis(100));
    drop(child.stdin.take());
    let doc = finish(child, out);
    // A 1 µs threshold makes nearly every wake-up a stall, so there is something to check.
    for s in doc["stalls"].as_array().unwrap() {
        assert_eq!(s["cpu"], 0);
        let (start, end) = (s["start_ns"].as_u64().unwrap(), s["end_ns"].as_u64().unwrap());
        assert_eq!(start % 500_000, 0, "a stall starts on the tick it missed");
        assert!(end > start);
    }
    assert_eq!(doc["stalls"].as_array().unwrap().len() as u64, doc["cpus"][0]["stalls"].as_u64().unwrap());
}

#[test]
fn sigterm_stops_it_with_a_full_report() {
    let (child, out) = start(&["--cpus", "0"]);
    std::thread::sleep(Duration::from_millis(50));
    // SAFETY: signalling our own child by its pid.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let doc = finish(child, out);
    assert_eq!(doc["stopped_by"], "SIGTERM");
    assert_eq!(doc["cpus"].as_array().unwrap().len(), 1);
}

#[test]
fn the_stall_cap_keeps_counting_what_it_does_not_list() {
    let (mut child, out) = start(&["--cpus", "0", "--period-us", "500", "--threshold-us", "1", "--max-stalls", "1"]);
    std::thread::sleep(Duration::from_millis(100));
    drop(child.stdin.take());
    let doc = finish(child, out);
    let c = &doc["cpus"][0];
    assert!(doc["stalls"].as_array().unwrap().len() <= 1);
    assert_eq!(c["stalls"].as_u64().unwrap(), doc["stalls"].as_array().unwrap().len() as u64 + c["stalls_dropped"].as_u64().unwrap());
}

#[test]
fn without_realtime_it_says_so() {
    let (mut child, out) = start(&["--cpus", "0", "--no-realtime"]);
    drop(child.stdin.take());
    let doc = finish(child, out);
    assert_eq!(doc["scheduling"]["realtime"], false);
    assert_eq!(doc["scheduling"]["policy"], "normal");
    assert!(doc["scheduling"]["reason"].as_str().unwrap().contains("--no-realtime"));
}

fn run_to_error(args: &[&str], stdin: Stdio) -> (i32, String) {
    let out = Command::new(RECORDER).args(args).stdin(stdin).output().expect("spawn stall-recorder");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn a_cpu_that_does_not_exist_is_a_one_line_error() {
    let (code, err) = run_to_error(&["--cpus", "1000"], Stdio::piped());
    assert_eq!(code, 2);
    assert!(err.contains("cpu 1000") && err.contains("online CPUs"), "{err}");
    assert_eq!(err.trim().lines().count(), 1);
}

#[test]
fn stdin_from_dev_null_is_refused_instead_of_stopping_at_once() {
    let (code, err) = run_to_error(&["--cpus", "0"], Stdio::null());
    assert_eq!(code, 2);
    assert!(err.contains("--ignore-stdin"), "{err}");
}

#[test]
fn a_threshold_not_below_the_period_is_refused() {
    let (code, err) = run_to_error(&["--cpus", "0", "--period-us", "100", "--threshold-us", "100"], Stdio::piped());
    assert_eq!(code, 2);
    assert!(err.contains("--threshold-us"), "{err}");
}
