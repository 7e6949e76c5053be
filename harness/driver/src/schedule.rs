//! Intended send times. Request i is sent at the time when the cumulative number of arrivals
//! N(t) reaches i. Times are computed from i (never accumulated), so they do not drift.
use crate::config::ScheduleConfig;

pub const PHASE_WARMUP: u8 = crate::records::PHASE_WARMUP_U8;
pub const PHASE_MEASURE: u8 = crate::records::PHASE_MEASURE_U8;

#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    pub config: ScheduleConfig,
    pub warmup_s: f64,
    pub measure_s: f64,
}

impl Schedule {
    /// Intended time of request `i` in seconds after t0.
    pub fn intended_s(&self, i: u64) -> f64 {
        let i = i as f64;
        match self.config {
            ScheduleConfig::Constant { rate_per_s } => i / rate_per_s,
            ScheduleConfig::Ramp { from_per_s: a, to_per_s: b } => {
                let warm = a * self.warmup_s;
                if i < warm {
                    return i / a;
                }
                // In the measure phase N(W + x) = aW + a x + (b - a) x^2 / (2M); solve for x in
                // the form 2k / (a + sqrt(a^2 + 2(b-a)k/M)), which stays exact when a == b and
                // finite when a == 0.
                let k = i - warm;
                let disc = a * a + 2.0 * (b - a) * k / self.measure_s;
                if disc < 0.0 {
                    return f64::INFINITY;
                }
                self.warmup_s + 2.0 * k / (a + disc.sqrt())
            }
        }
    }

    pub fn intended_ns(&self, i: u64) -> u64 {
        (self.intended_s(i) * 1e9).round() as u64
    }

    pub fn total_s(&self) -> f64 {
        self.warmup_s + self.measure_s
    }

    /// All intended times (ns) with their phase, for requests whose intended time is before the end.
    pub fn all(&self) -> Vec<(u64, u8)> {
        let end_s = self.total_s();
        let mut out = Vec::new();
        let mut i = 0u64;
        loop {
            let t = self.intended_s(i);
            if t.is_nan() || t >= end_s {
                break;
            }
            let phase = if t < self.warmup_s { PHASE_WARMUP } else { PHASE_MEASURE };
            out.push(((t * 1e9).round() as u64, phase));
            i += 1;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn constant(rate: f64, w: f64, m: f64) -> Schedule {
        Schedule { config: ScheduleConfig::Constant { rate_per_s: rate }, warmup_s: w, measure_s: m }
    }

    #[test]
    fn constant_rate_spaces_requests_evenly() {
        let s = constant(1000.0, 1.0, 2.0);
        let all = s.all();
        assert_eq!(all.len(), 3000);
        assert_eq!(all[0], (0, PHASE_WARMUP));
        assert_eq!(all[1].0, 1_000_000);
        assert_eq!(all[999], (999_000_000, PHASE_WARMUP));
        assert_eq!(all[1000], (1_000_000_000, PHASE_MEASURE));
        assert_eq!(all[2999].0, 2_999_000_000);
    }

    #[test]
    fn ramp_with_equal_ends_equals_constant() {
        let r = Schedule { config: ScheduleConfig::Ramp { from_per_s: 500.0, to_per_s: 500.0 }, warmup_s: 1.0, measure_s: 3.0 };
        assert_eq!(r.all(), constant(500.0, 1.0, 3.0).all());
    }

    #[test]
    fn ramp_count_is_area_under_rate() {
        // warmup 1 s at 100/s, then 100 -> 300/s over 2 s: 100 + (100+300)/2*2 = 500 requests.
        let r = Schedule { config: ScheduleConfig::Ramp { from_per_s: 100.0, to_per_s: 300.0 }, warmup_s: 1.0, measure_s: 2.0 };
        let n = r.all().len() as i64;
        assert!((n - 500).abs() <= 1, "{n}");
    }

    #[test]
    fn ramp_intervals_shrink_as_rate_rises() {
        let r = Schedule { config: ScheduleConfig::Ramp { from_per_s: 100.0, to_per_s: 1000.0 }, warmup_s: 0.0, measure_s: 2.0 };
        let t = r.all();
        let first = t[1].0 - t[0].0;
        let last = t[t.len() - 1].0 - t[t.len() - 2].0;
        assert!(first > 9_000_000 && last < 1_100_000, "{first} {last}");
    }
}
