//! A small log-linear latency histogram for the closed-loop mode, in integer µs: exact below
//! 128 µs, then 64 buckets per power of two (every value within 1/64 = 1.6% of its bucket). The
//! open-loop driver writes every request instead and the harness builds HDR histograms from the
//! records; a closed-loop run only needs its throughput and a summary of its latency, and at
//! hundreds of thousands of requests a second a record per request would be most of its work.

const LINEAR: u64 = 128;
const PER_OCTAVE: usize = 64;
/// Octaves above the linear range: up to 2^63 µs.
const BUCKETS: usize = LINEAR as usize + PER_OCTAVE * 57;

#[derive(Debug, Clone)]
pub struct LatencyHistogram {
    counts: Vec<u64>,
    total: u64,
    max_us: u64,
}

impl Default for LatencyHistogram {
    fn default() -> Self {
        LatencyHistogram { counts: vec![0; BUCKETS], total: 0, max_us: 0 }
    }
}

fn index(v: u64) -> usize {
    if v < LINEAR {
        return v as usize;
    }
    let msb = 63 - v.leading_zeros() as u64;
    // Keep the top 7 bits: v >> shift lies in [64, 128).
    let shift = msb - 6;
    (shift as usize) * PER_OCTAVE + (v >> shift) as usize
}

/// The bucket's lowest and highest value.
fn bounds(i: usize) -> (u64, u64) {
    if i < LINEAR as usize {
        return (i as u64, i as u64);
    }
    let shift = (i / PER_OCTAVE - 1) as u64;
    let top = (i - shift as usize * PER_OCTAVE) as u64;
    (top << shift, ((top + 1) << shift) - 1)
}

impl LatencyHistogram {
    pub fn record(&mut self, us: u64) {
        self.counts[index(us)] += 1;
        self.total += 1;
        self.max_us = self.max_us.max(us);
    }

    pub fn count(&self) -> u64 {
        self.total
    }

    pub fn max_us(&self) -> u64 {
        self.max_us
    }

    /// The p-quantile (nearest rank): the middle of its bucket, never above the maximum seen.
    pub fn quantile_us(&self, p: f64) -> u64 {
        if self.total == 0 {
            return 0;
        }
        let rank = ((p * self.total as f64).ceil() as u64).clamp(1, self.total);
        let mut seen = 0;
        for (i, &c) in self.counts.iter().enumerate() {
            seen += c;
            if seen >= rank {
                let (lo, hi) = bounds(i);
                return (lo + (hi - lo) / 2).min(self.max_us);
            }
        }
        self.max_us
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_contiguous_and_hold_their_values() {
        for v in [0u64, 1, 127, 128, 129, 255, 256, 1000, 65_535, 1 << 40] {
            let (lo, hi) = bounds(index(v));
            assert!(lo <= v && v <= hi, "{v} not in [{lo}, {hi}]");
        }
        for i in 0..2000 {
            assert_eq!(bounds(i).1 + 1, bounds(i + 1).0, "gap after bucket {i}");
        }
    }

    #[test]
    fn quantiles_are_within_two_percent() {
        let mut h = LatencyHistogram::default();
        for v in 1..=10_000u64 {
            h.record(v);
        }
        for (p, want) in [(0.5, 5000.0), (0.99, 9900.0), (0.999, 9990.0)] {
            let got = h.quantile_us(p) as f64;
            assert!((got - want).abs() / want < 0.02, "p{p}: {got} vs {want}");
        }
        assert_eq!(h.quantile_us(1.0), 10_000);
        assert_eq!(h.count(), 10_000);
    }

    #[test]
    fn an_empty_histogram_answers_zero() {
        assert_eq!(LatencyHistogram::default().quantile_us(0.99), 0);
    }
}
