//! Platform stalls from wake-up lateness (the idea of jHiccup). A thread pinned to a CPU sleeps to
//! absolute ticks `k × period`; when it wakes later than `threshold` after a tick, the CPU was not
//! available to it from that tick until it woke: a stall `[tick, woke]`. Pure logic only; the
//! threads, clocks and output live in `bin/stall-recorder.rs`.
//!
//! What the interval means: the end is exact to the wake-up latency; the start is the first tick
//! the thread missed, so a stall that began between two ticks is reported up to one period late.
//! A stall shorter than `period + threshold` is seen only when a tick falls inside it early
//! enough, with probability `(length − threshold) / period`.
use serde::Serialize;

/// Stalls longer than this are counted apart (the summary's `stalls_over_1ms`).
pub const LONG_STALL_NS: u64 = 1_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Stall {
    /// ns after the recorder's t0 (CLOCK_MONOTONIC).
    pub start_ns: u64,
    pub end_ns: u64,
}

impl Stall {
    pub fn duration_ns(&self) -> u64 {
        self.end_ns - self.start_ns
    }
}

#[derive(Debug, Clone, Copy)]
pub struct TrackerConfig {
    pub period_ns: u64,
    pub threshold_ns: u64,
    /// At most this many stalls are kept; later ones are counted (in every figure) but not listed.
    pub max_stalls: usize,
}

/// Figures over every stall seen, kept or not.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StallCounts {
    pub wakeups: u64,
    pub stalls: u64,
    pub stalls_dropped: u64,
    pub stall_time_ns: u64,
    pub stalls_over_1ms: u64,
    pub max_stall_ns: u64,
}

#[derive(Debug)]
pub struct StallTracker {
    cfg: TrackerConfig,
    kept: Vec<Stall>,
    /// The latest stall, still open to merging with the next one.
    pending: Option<Stall>,
    counts: StallCounts,
}

impl StallTracker {
    pub fn new(cfg: TrackerConfig) -> Self {
        assert!(cfg.period_ns > 0, "period must be > 0");
        StallTracker { cfg, kept: Vec::with_capacity(cfg.max_stalls.min(4096)), pending: None, counts: StallCounts::default() }
    }

    /// Records a wake-up for the tick at `tick_ns` that happened at `woke_ns`, and returns the next
    /// tick to sleep to: the first one after `woke_ns`, so the ticks a stall swallowed become part
    /// of that one stall instead of a burst of late wake-ups.
    pub fn on_wake(&mut self, tick_ns: u64, woke_ns: u64) -> u64 {
        self.counts.wakeups += 1;
        let late_ns = woke_ns.saturating_sub(tick_ns);
        if late_ns > self.cfg.threshold_ns {
            self.add(Stall { start_ns: tick_ns, end_ns: woke_ns });
        } else if self.pending.is_some_and(|p| woke_ns > p.end_ns + self.cfg.threshold_ns) {
            // No later stall can merge with it (the next one starts at a tick after this wake-up),
            // so close it now: a live reader (`--stream`) then sees it without waiting for the next.
            self.flush();
        }
        tick_ns + self.cfg.period_ns * (late_ns / self.cfg.period_ns + 1)
    }

    /// Closed stalls kept so far; `kept_since(n)` gives those after the first n, for streaming.
    pub fn kept_len(&self) -> usize {
        self.kept.len()
    }

    pub fn kept_since(&self, n: usize) -> &[Stall] {
        &self.kept[n.min(self.kept.len())..]
    }

    /// Two stalls closer than the threshold are one: the thread ran only for its own bookkeeping
    /// in between, and a gap that short could not itself be told apart from stalled time.
    fn add(&mut self, s: Stall) {
        match &mut self.pending {
            Some(p) if s.start_ns <= p.end_ns + self.cfg.threshold_ns => p.end_ns = p.end_ns.max(s.end_ns),
            _ => {
                self.flush();
                self.pending = Some(s);
            }
        }
    }

    fn flush(&mut self) {
        let Some(s) = self.pending.take() else { return };
        let d = s.duration_ns();
        let c = &mut self.counts;
        c.stalls += 1;
        c.stall_time_ns += d;
        c.max_stall_ns = c.max_stall_ns.max(d);
        if d > LONG_STALL_NS {
            c.stalls_over_1ms += 1;
        }
        if self.kept.len() < self.cfg.max_stalls {
            self.kept.push(s);
        } else {
            c.stalls_dropped += 1;
        }
    }

    /// Closes the last stall and returns the kept stalls (in time order) and the counts.
    pub fn finish(mut self) -> (Vec<Stall>, StallCounts) {
        self.flush();
        (self.kept, self.counts)
    }
}

/// The per-CPU summary in the recorder's output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CpuSummary {
    pub cpu: usize,
    #[serde(flatten)]
    pub counts: StallCounts,
    /// From the first tick to the last wake-up: the time the recorder watched this CPU.
    pub observed_ns: u64,
    /// stall_time_ns / observed_ns.
    pub stall_share: f64,
}

pub fn summarise(cpu: usize, counts: StallCounts, observed_ns: u64) -> CpuSummary {
    let stall_share = if observed_ns == 0 { 0.0 } else { counts.stall_time_ns as f64 / observed_ns as f64 };
    CpuSummary { cpu, counts, observed_ns, stall_share }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: u64 = 1_000_000;
    const US: u64 = 1_000;

    fn tracker(max_stalls: usize) -> StallTracker {
        StallTracker::new(TrackerConfig { period_ns: MS, threshold_ns: 100 * US, max_stalls })
    }

    #[test]
    fn a_wake_within_the_threshold_is_not_a_stall() {
        let mut t = tracker(10);
        assert_eq!(t.on_wake(MS, MS + 100 * US), 2 * MS);
        let (stalls, counts) = t.finish();
        assert!(stalls.is_empty());
        assert_eq!(counts.wakeups, 1);
        assert_eq!(counts.stalls, 0);
    }

    #[test]
    fn a_late_wake_is_a_stall_from_the_tick_to_the_wake() {
        let mut t = tracker(10);
        t.on_wake(MS, MS + 101 * US);
        let (stalls, counts) = t.finish();
        assert_eq!(stalls, vec![Stall { start_ns: MS, end_ns: MS + 101 * US }]);
        assert_eq!(counts.stall_time_ns, 101 * US);
    }

    #[test]
    fn ticks_a_stall_swallowed_are_skipped_not_reported_again() {
        let mut t = tracker(10);
        // Due at 1 ms, woke at 5.3 ms: the next tick is 6 ms, not 2 ms.
        assert_eq!(t.on_wake(MS, 5 * MS + 300 * US), 6 * MS);
        assert_eq!(t.on_wake(6 * MS, 6 * MS + 10 * US), 7 * MS);
        let (stalls, counts) = t.finish();
        assert_eq!(stalls, vec![Stall { start_ns: MS, end_ns: 5 * MS + 300 * US }]);
        assert_eq!(counts.stalls_over_1ms, 1);
        assert_eq!(counts.wakeups, 2);
    }

    #[test]
    fn a_wake_exactly_on_a_later_tick_sleeps_to_the_one_after() {
        let mut t = tracker(10);
        assert_eq!(t.on_wake(MS, 3 * MS), 4 * MS);
    }

    #[test]
    fn stalls_closer_than_the_threshold_merge_into_one() {
        let mut t = tracker(10);
        // Woke at 1.95 ms (stall 1 ms → 1.95 ms), next tick 2 ms woke at 2.5 ms: 50 µs apart.
        assert_eq!(t.on_wake(MS, MS + 950 * US), 2 * MS);
        t.on_wake(2 * MS, 2 * MS + 500 * US);
        let (stalls, counts) = t.finish();
        assert_eq!(stalls, vec![Stall { start_ns: MS, end_ns: 2 * MS + 500 * US }]);
        assert_eq!(counts.stalls, 1);
        assert_eq!(counts.stall_time_ns, 1_500 * US);
        assert_eq!(counts.max_stall_ns, 1_500 * US);
        assert_eq!(counts.stalls_over_1ms, 1, "the merged stall is over 1 ms though neither part was");
    }

    #[test]
    fn stalls_further_apart_than_the_threshold_stay_apart() {
        let mut t = tracker(10);
        t.on_wake(MS, MS + 500 * US);
        t.on_wake(2 * MS, 2 * MS + 500 * US);
        let (stalls, counts) = t.finish();
        assert_eq!(stalls.len(), 2);
        assert_eq!(counts.stalls, 2);
        assert_eq!(counts.stalls_over_1ms, 0);
    }

    #[test]
    fn stalls_beyond_the_cap_are_counted_but_not_kept() {
        let mut t = tracker(2);
        for k in 0..5u64 {
            let tick = (1 + 10 * k) * MS;
            t.on_wake(tick, tick + 2 * MS);
        }
        let (stalls, counts) = t.finish();
        assert_eq!(stalls.len(), 2);
        assert_eq!(stalls[1].start_ns, 11 * MS);
        assert_eq!(counts.stalls, 5);
        assert_eq!(counts.stalls_dropped, 3);
        assert_eq!(counts.stall_time_ns, 10 * MS);
        assert_eq!(counts.stalls_over_1ms, 5);
    }

    #[test]
    fn a_stall_is_closed_once_an_on_time_wake_leaves_no_room_to_merge() {
        let mut t = tracker(10);
        t.on_wake(MS, MS + 500 * US);
        assert_eq!(t.kept_len(), 0, "open while the next tick might still merge with it");
        t.on_wake(2 * MS, 2 * MS + 10 * US);
        assert_eq!(t.kept_since(0), &[Stall { start_ns: MS, end_ns: MS + 500 * US }]);
        let (stalls, counts) = t.finish();
        assert_eq!(stalls.len(), 1);
        assert_eq!(counts.stalls, 1);
    }

    #[test]
    fn summary_gives_the_share_of_observed_time_in_stalls() {
        let mut t = tracker(10);
        t.on_wake(MS, 3 * MS + 500 * US);
        let (_, counts) = t.finish();
        let s = summarise(1, counts, 100 * MS);
        assert_eq!(s.cpu, 1);
        assert!((s.stall_share - 0.025).abs() < 1e-12, "{}", s.stall_share);
        assert_eq!(s.counts.max_stall_ns, 2_500 * US);
    }

    #[test]
    fn summary_of_nothing_observed_has_zero_share() {
        assert_eq!(summarise(0, StallCounts::default(), 0).stall_share, 0.0);
    }
}
