//! `stall-injector --cpu N [--spin-us 5000] [--every-ms 500] [--count 5] [--first-ms 500]`: a
//! known stall, for testing the stall recorder. On one CPU, at SCHED_FIFO at the recorder's own
//! priority (so the recorder's thread on that CPU cannot preempt it and must wake late), it spins
//! for `spin-us` at `first-ms + i × every-ms` after its t0, `count` times, then prints one JSON
//! document with the intervals it actually spun, on CLOCK_MONOTONIC with the same t0 pairing as
//! the driver and the recorder. Needs root (or CAP_SYS_NICE): a stall at normal priority would be
//! preempted and prove nothing. Exit 2 on bad arguments or without the privilege.
use latency_driver::clock::{capture_t0, monotonic_ns};
use latency_driver::sched::{minimise_timer_slack, pin_to_cpu, set_fifo, set_normal, sleep_until_monotonic_ns, RECORDER_PRIORITY};
use serde_json::json;

const MAX_SPIN_US: u64 = 100_000;
const USAGE: &str = "usage: stall-injector --cpu N [--spin-us 5000] [--every-ms 500] [--count 5] [--first-ms 500]";

fn fail(code: i32, msg: &str) -> ! {
    eprintln!("stall-injector: {msg}");
    std::process::exit(code);
}

struct Args {
    cpu: usize,
    spin_us: u64,
    every_ms: u64,
    count: u64,
    first_ms: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut cpu = None;
    let mut a = Args { cpu: 0, spin_us: 5_000, every_ms: 500, count: 5, first_ms: 500 };
    let mut it = std::env::args().skip(1);
    let number = |flag: &str, v: Option<String>| -> Result<u64, String> {
        v.as_deref().and_then(|s| s.parse::<u64>().ok()).ok_or_else(|| format!("{flag} needs a whole number"))
    };
    while let Some(flag) = it.next() {
        match flag.as_str() {
            "--cpu" => cpu = Some(number("--cpu", it.next())? as usize),
            "--spin-us" => a.spin_us = number("--spin-us", it.next())?,
            "--every-ms" => a.every_ms = number("--every-ms", it.next())?,
            "--count" => a.count = number("--count", it.next())?,
            "--first-ms" => a.first_ms = number("--first-ms", it.next())?,
            _ => return Err(format!("unknown argument {flag:?}\n{USAGE}")),
        }
    }
    a.cpu = cpu.ok_or_else(|| format!("--cpu is required\n{USAGE}"))?;
    if a.count == 0 {
        return Err("--count must be > 0".into());
    }
    // Each spin runs at real-time priority: keep it well inside the kernel's RT budget (95 % of
    // every second), or the throttling would cut the stall short and the test would lie.
    if !(1..=MAX_SPIN_US).contains(&a.spin_us) {
        return Err(format!("--spin-us must be between 1 and {MAX_SPIN_US}"));
    }
    if a.count > 1 && a.spin_us * 2 > a.every_ms * 1_000 {
        return Err(format!("--spin-us ({} µs) may take at most half of --every-ms ({} ms)", a.spin_us, a.every_ms));
    }
    Ok(a)
}

fn main() {
    let a = parse_args().unwrap_or_else(|e| fail(2, &e));
    pin_to_cpu(a.cpu).unwrap_or_else(|e| fail(2, &e));
    minimise_timer_slack();
    if let Err(e) = set_fifo(RECORDER_PRIORITY) {
        fail(2, &format!("needs SCHED_FIFO {RECORDER_PRIORITY} (root or CAP_SYS_NICE): {e}"));
    }
    let t0 = capture_t0();
    let spin_ns = a.spin_us * 1_000;
    let mut injected = Vec::with_capacity(a.count as usize);
    for i in 0..a.count {
        sleep_until_monotonic_ns(t0.monotonic_ns + (a.first_ms + i * a.every_ms) * 1_000_000);
        let start = monotonic_ns();
        let mut now = start;
        while now < start + spin_ns {
            std::hint::spin_loop();
            now = monotonic_ns();
        }
        injected.push(json!({ "start_ns": start - t0.monotonic_ns, "end_ns": now - t0.monotonic_ns }));
    }
    // Printing and exiting at FIFO priority would stall the recorder once more, unasked.
    set_normal().ok();
    let doc = json!({
        "schema_version": 1,
        "tool": "stall-injector",
        "t0_monotonic_ns": t0.monotonic_ns.to_string(),
        "t0_unix_ns": t0.unix_ns.to_string(),
        "t0_pairing_uncertainty_ns": t0.pairing_uncertainty_ns,
        "cpu": a.cpu,
        "priority": RECORDER_PRIORITY,
        "injected": injected,
    });
    println!("{doc}");
}
