//! The run configuration (a JSON file whose path is the driver's argument).
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub host: String,
    pub port: u16,
    /// JSONL request pool (see `pool`).
    pub pool_path: String,
    /// Where the binary records file is written (see `records`).
    pub records_path: String,
    pub schedule: ScheduleConfig,
    pub warmup_s: f64,
    pub measure_s: f64,
    /// Fixed pool of keep-alive connections; one request in flight per connection.
    pub connections: usize,
    /// A request not completed this long after its INTENDED time is recorded as a timeout.
    pub timeout_ms: u64,
    /// Stop scheduling new requests after this many errors (connect/timeout/reset/parse).
    #[serde(default)]
    pub stop_after_errors: Option<u64>,
    /// The dispatcher sleeps on a timerfd until this long before the next due time, then spins.
    #[serde(default = "default_spin_us")]
    pub spin_us: u64,
    /// Keep the driver's CPU awake with an idle-priority spinner while the driver sleeps (see
    /// `keep_awake`). Needs the driver pinned to exactly one CPU that it has to itself.
    #[serde(default)]
    pub keep_awake: bool,
    /// Append completed records to this file while the schedule runs (`stream.rs`).
    #[serde(default)]
    pub stream_path: Option<String>,
    /// Stop scheduling when stdin says `stop` or ends (`engine::EngineOptions::control_stdin`).
    #[serde(default)]
    pub control_stdin: bool,
    /// Schedule-lag p99 above this marks the run driver-limited.
    #[serde(default = "default_lag_limit_us")]
    pub lag_p99_limit_us: u64,
}

fn default_spin_us() -> u64 {
    50
}

fn default_lag_limit_us() -> u64 {
    1_000
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ScheduleConfig {
    Constant { rate_per_s: f64 },
    /// Warmup runs at `from_per_s`; the rate then rises linearly to `to_per_s` over the measure phase.
    Ramp { from_per_s: f64, to_per_s: f64 },
}

impl Config {
    pub fn validate(&self) -> Result<(), String> {
        let mut errors = Vec::new();
        let finite_nonneg = |v: f64| v.is_finite() && v >= 0.0;
        if !finite_nonneg(self.warmup_s) {
            errors.push("warmup_s must be a finite number >= 0".to_string());
        }
        if !(self.measure_s.is_finite() && self.measure_s > 0.0) {
            errors.push("measure_s must be a finite number > 0".to_string());
        }
        if self.connections == 0 || self.connections > 60_000 {
            errors.push("connections must be between 1 and 60000".to_string());
        }
        if self.timeout_ms == 0 {
            errors.push("timeout_ms must be > 0".to_string());
        }
        match self.schedule {
            ScheduleConfig::Constant { rate_per_s } => {
                if !(rate_per_s.is_finite() && rate_per_s > 0.0) {
                    errors.push("schedule.rate_per_s must be > 0".to_string());
                }
            }
            ScheduleConfig::Ramp { from_per_s, to_per_s } => {
                if !(finite_nonneg(from_per_s) && finite_nonneg(to_per_s)) || (from_per_s == 0.0 && to_per_s == 0.0) {
                    errors.push("schedule.from_per_s and to_per_s must be >= 0 and not both 0".to_string());
                }
                if from_per_s == 0.0 && self.warmup_s > 0.0 {
                    errors.push("a ramp with warmup_s > 0 needs from_per_s > 0 (warmup runs at from_per_s)".to_string());
                }
            }
        }
        if errors.is_empty() { Ok(()) } else { Err(errors.join("; ")) }
    }
}
