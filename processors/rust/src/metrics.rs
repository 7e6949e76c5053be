//! `GET /metrics`: runtime figures. Rust has no garbage collector, and the response says so: no
//! pauses, no cycles, and no time up to which cycles were recorded (there is nothing to record).

use std::time::Instant;

use serde::Serialize;

/// The compiler that built this binary (set by `build.rs`).
pub const RUNTIME: &str = env!("PROCESSOR_RUSTC_VERSION");

#[derive(Serialize)]
pub struct Metrics {
    #[serde(rename = "impl")]
    pub implementation: &'static str,
    pub runtime: &'static str,
    pub uptime_s: f64,
    /// `None` (→ `null`) when the tracking allocator is not installed (unit tests).
    pub heap_bytes: Option<u64>,
    pub gc: Gc,
    pub extra: Extra,
}

#[derive(Serialize)]
pub struct Gc {
    pub collector: bool,
    pub count: u64,
    pub pause_total_ns: u64,
    pub pauses: [Pause; 0],
    pub cycles: [Cycle; 0],
    /// `null`: with no collector there is no cycle record to be complete up to any time.
    pub cycles_until_unix_ns: Option<u64>,
    pub cycle_in_progress: Option<CycleInProgress>,
}

/// The shape of a pause; never produced, since there is no collector.
#[derive(Serialize)]
pub struct Pause {
    pub end_unix_ns: u64,
    pub duration_ns: u64,
    pub kind: &'static str,
}

/// The shape of a cycle (processors/README.md); never produced.
#[derive(Serialize)]
pub struct Cycle {
    pub start_unix_ns: u64,
    pub end_unix_ns: u64,
    pub kind: &'static str,
    pub stw_ns: u64,
    pub cpu_ns: Option<u64>,
    pub phases: Vec<Phase>,
}

#[derive(Serialize)]
pub struct Phase {
    pub name: &'static str,
    pub stw: bool,
    pub start_unix_ns: u64,
    pub end_unix_ns: u64,
}

#[derive(Serialize)]
pub struct CycleInProgress {
    pub start_unix_ns: u64,
    pub kind: &'static str,
}

#[derive(Serialize)]
pub struct Extra {
    pub worker_threads: usize,
    pub runtime_flavor: &'static str,
}

pub fn collect(started: Instant, heap_bytes: Option<u64>, extra: Extra) -> Metrics {
    Metrics {
        implementation: crate::IMPL_NAME,
        runtime: RUNTIME,
        uptime_s: started.elapsed().as_secs_f64(),
        heap_bytes,
        gc: Gc {
            collector: false,
            count: 0,
            pause_total_ns: 0,
            pauses: [],
            cycles: [],
            cycles_until_unix_ns: None,
            cycle_in_progress: None,
        },
        extra,
    }
}
