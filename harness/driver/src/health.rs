//! The driver's judgement of itself: did it keep its schedule? A run where the driver was the
//! bottleneck must be flagged, not reported as the server's latency.
use crate::records::{Record, FLAG_QUEUED, PHASE_MEASURE_U8, UNSENT};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LagUs {
    pub p50: u64,
    pub p99: u64,
    pub max: u64,
    /// Requests that found a free connection (only they measure the driver's own delay).
    pub samples: u64,
}

#[derive(Debug, Clone)]
pub struct HealthInput {
    pub warmup_s: f64,
    pub measure_s: f64,
    pub wall_ns: u64,
    pub cpu_user_ns: u64,
    pub cpu_system_ns: u64,
    /// Time spent busy-waiting for the next due time (CPU burnt by design, not work).
    pub spin_ns: u64,
    /// CPU time of the keep-awake thread (0 without it); not in cpu_user_ns / cpu_system_ns.
    pub keep_awake_cpu_ns: u64,
    /// Time the keep-awake thread stood aside because the core was busy anyway.
    pub keep_awake_paused_ns: u64,
    pub lag_p99_limit_us: u64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Health {
    pub schedule_lag_us: LagUs,
    pub cpu_user_s: f64,
    pub cpu_system_s: f64,
    pub wall_s: f64,
    /// CPU time / wall time (1.0 = one full core), spinning included.
    pub cpu_utilisation: f64,
    pub spin_s: f64,
    /// (CPU time − spin time) / wall time: the share of a core the driver needed for real work.
    pub cpu_work_utilisation: f64,
    /// CPU time of the thread that keeps the driver's CPU awake while it sleeps (0 without it).
    pub keep_awake_cpu_s: f64,
    /// Time the keep-awake thread stood aside because the driver kept the core busy.
    pub keep_awake_paused_s: f64,
    pub target_send_rate_per_s: f64,
    pub achieved_send_rate_per_s: f64,
    /// Share of measure-phase requests that had to wait for a free connection.
    pub queued_fraction: f64,
    pub driver_limited: bool,
    pub driver_limited_reasons: Vec<String>,
}

pub const CPU_LIMIT: f64 = 0.9;
pub const SEND_RATE_FLOOR: f64 = 0.97;
/// Below this queued share the connections were mostly idle, so a slow send rate is the driver's fault.
pub const IDLE_QUEUED_FRACTION: f64 = 0.1;

fn nearest_rank(sorted: &[u64], q: f64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

pub fn assess(records: &[Record], h: &HealthInput) -> Health {
    let mut lags: Vec<u64> = records
        .iter()
        .filter(|r| r.sent_ns != UNSENT && r.flags & FLAG_QUEUED == 0)
        .map(|r| r.sent_ns.saturating_sub(r.intended_ns))
        .collect();
    lags.sort_unstable();
    let lag = LagUs {
        p50: nearest_rank(&lags, 0.5) / 1000,
        p99: nearest_rank(&lags, 0.99) / 1000,
        max: lags.last().copied().unwrap_or(0) / 1000,
        samples: lags.len() as u64,
    };

    let measure: Vec<&Record> = records.iter().filter(|r| r.phase == PHASE_MEASURE_U8).collect();
    let warmup_ns = (h.warmup_s * 1e9).round() as u64;
    let end_ns = warmup_ns + (h.measure_s * 1e9).round() as u64;
    let sent: Vec<&&Record> = measure.iter().filter(|r| r.sent_ns != UNSENT).collect();
    let last_sent = sent.iter().map(|r| r.sent_ns).max().unwrap_or(0);
    // If every request went out on time the span is the measure phase; a driver that falls behind
    // stretches it, which lowers the achieved rate.
    let span_s = (last_sent.max(end_ns) - warmup_ns) as f64 / 1e9;
    // A schedule stopped before its measure phase began (stdin closed during warmup) has none.
    let target = if h.measure_s > 0.0 { measure.len() as f64 / h.measure_s } else { 0.0 };
    let achieved = if span_s > 0.0 { sent.len() as f64 / span_s } else { 0.0 };
    let queued = measure.iter().filter(|r| r.flags & FLAG_QUEUED != 0).count();
    let queued_fraction = if measure.is_empty() { 0.0 } else { queued as f64 / measure.len() as f64 };

    let wall_s = h.wall_ns as f64 / 1e9;
    let cpu_ns = h.cpu_user_ns + h.cpu_system_ns;
    let util = if wall_s > 0.0 { cpu_ns as f64 / h.wall_ns as f64 } else { 0.0 };
    let work_util = if wall_s > 0.0 { cpu_ns.saturating_sub(h.spin_ns) as f64 / h.wall_ns as f64 } else { 0.0 };

    let mut reasons = Vec::new();
    if lag.p99 > h.lag_p99_limit_us {
        reasons.push(format!("schedule lag p99 {} us > limit {} us", lag.p99, h.lag_p99_limit_us));
    }
    if work_util >= CPU_LIMIT {
        reasons.push(format!("driver CPU (excluding spin-wait) at {:.0}% of one core", work_util * 100.0));
    }
    if target > 0.0 && achieved < SEND_RATE_FLOOR * target && queued_fraction < IDLE_QUEUED_FRACTION {
        reasons.push(format!("sent {achieved:.0}/s < {:.0}% of target {target:.0}/s while connections were idle", SEND_RATE_FLOOR * 100.0));
    }
    Health {
        schedule_lag_us: lag,
        cpu_user_s: h.cpu_user_ns as f64 / 1e9,
        cpu_system_s: h.cpu_system_ns as f64 / 1e9,
        wall_s,
        cpu_utilisation: util,
        spin_s: h.spin_ns as f64 / 1e9,
        cpu_work_utilisation: work_util,
        keep_awake_cpu_s: h.keep_awake_cpu_ns as f64 / 1e9,
        keep_awake_paused_s: h.keep_awake_paused_ns as f64 / 1e9,
        target_send_rate_per_s: target,
        achieved_send_rate_per_s: achieved,
        queued_fraction,
        driver_limited: !reasons.is_empty(),
        driver_limited_reasons: reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on_time(n: u64, interval_ns: u64, lag_ns: u64) -> Vec<Record> {
        (0..n)
            .map(|i| {
                let mut r = Record::new(i * interval_ns, PHASE_MEASURE_U8, 0);
                r.sent_ns = i * interval_ns + lag_ns;
                r.done_ns = r.sent_ns + 50_000;
                r.status = 200;
                r
            })
            .collect()
    }

    fn input(cpu_ns: u64, spin_ns: u64) -> HealthInput {
        HealthInput { warmup_s: 0.0, measure_s: 1.0, wall_ns: 1_000_000_000, cpu_user_ns: cpu_ns, cpu_system_ns: 0, spin_ns, keep_awake_cpu_ns: 0, keep_awake_paused_ns: 0, lag_p99_limit_us: 1000 }
    }

    #[test]
    fn punctual_driver_is_healthy() {
        let h = assess(&on_time(1000, 1_000_000, 5_000), &input(300_000_000, 0));
        assert_eq!(h.schedule_lag_us.p99, 5);
        assert!(!h.driver_limited, "{:?}", h.driver_limited_reasons);
    }

    #[test]
    fn large_lag_flags_the_run() {
        let h = assess(&on_time(1000, 1_000_000, 2_000_000), &input(300_000_000, 0));
        assert!(h.driver_limited);
        assert!(h.driver_limited_reasons[0].contains("lag"));
    }

    #[test]
    fn spinning_is_not_counted_as_work() {
        let h = assess(&on_time(1000, 1_000_000, 5_000), &input(990_000_000, 700_000_000));
        assert!(!h.driver_limited, "{:?}", h.driver_limited_reasons);
        let busy = assess(&on_time(1000, 1_000_000, 5_000), &input(990_000_000, 0));
        assert!(busy.driver_limited_reasons.iter().any(|r| r.contains("CPU")));
    }
}
