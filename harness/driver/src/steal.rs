//! Per-CPU steal time from /proc/stat: the time the hypervisor ran something else while this
//! guest's vCPU wanted to run. Counted in clock ticks (USER_HZ), so only long windows say much.
use serde::Serialize;
use std::collections::BTreeMap;

/// Steal ticks per CPU from the text of /proc/stat (`cpuN user nice system idle iowait irq
/// softirq steal …`). Kernels too old to report steal give no entry.
pub fn parse_proc_stat(text: &str) -> BTreeMap<usize, u64> {
    let mut out = BTreeMap::new();
    for line in text.lines() {
        let mut fields = line.split_ascii_whitespace();
        let Some(name) = fields.next() else { continue };
        let Some(cpu) = name.strip_prefix("cpu").and_then(|n| n.parse::<usize>().ok()) else { continue };
        if let Some(steal) = fields.nth(7).and_then(|v| v.parse::<u64>().ok()) {
            out.insert(cpu, steal);
        }
    }
    out
}

pub fn read_steal_ticks() -> BTreeMap<usize, u64> {
    std::fs::read_to_string("/proc/stat").map(|t| parse_proc_stat(&t)).unwrap_or_default()
}

pub fn ticks_per_s() -> u64 {
    // SAFETY: sysconf has no preconditions.
    let t = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if t > 0 { t as u64 } else { 100 }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Steal {
    pub start_ticks: u64,
    pub end_ticks: u64,
    pub ticks_per_s: u64,
    pub steal_ns: u64,
    /// steal_ns / the window it was read over.
    pub share: f64,
}

/// Steal over a window for one CPU, or None when /proc/stat did not report it at both ends.
pub fn steal_over(start: &BTreeMap<usize, u64>, end: &BTreeMap<usize, u64>, cpu: usize, ticks_per_s: u64, window_ns: u64) -> Option<Steal> {
    let (&s, &e) = (start.get(&cpu)?, end.get(&cpu)?);
    let steal_ns = e.saturating_sub(s) * 1_000_000_000 / ticks_per_s;
    let share = if window_ns == 0 { 0.0 } else { steal_ns as f64 / window_ns as f64 };
    Some(Steal { start_ticks: s, end_ticks: e, ticks_per_s, steal_ns, share })
}

#[cfg(test)]
mod tests {
    use super::*;

    const STAT: &str = "cpu  17745 0 8903 52310 890 0 291 208 0 0\n\
                        cpu0 8313 0 3566 28066 108 0 25 95 0 0\n\
                        cpu1 9431 0 5337 24244 781 0 265 113 0 0\n\
                        intr 123 4 5\n";

    #[test]
    fn reads_the_eighth_value_of_each_cpu_line_and_skips_the_total() {
        let m = parse_proc_stat(STAT);
        assert_eq!(m.into_iter().collect::<Vec<_>>(), vec![(0, 95), (1, 113)]);
    }

    #[test]
    fn a_line_without_a_steal_field_gives_no_entry() {
        assert!(parse_proc_stat("cpu0 1 2 3 4\n").is_empty());
    }

    #[test]
    fn steal_over_a_window_converts_ticks_to_ns_and_a_share() {
        let a = BTreeMap::from([(1, 100)]);
        let b = BTreeMap::from([(1, 150)]);
        let s = steal_over(&a, &b, 1, 100, 2_000_000_000).unwrap();
        assert_eq!(s.steal_ns, 500_000_000);
        assert!((s.share - 0.25).abs() < 1e-12);
        assert!(steal_over(&a, &b, 0, 100, 1).is_none());
    }
}
