//! How much of its core the dispatcher may keep busy before it stops spinning for a while.
//!
//! At real-time priority a thread that keeps its CPU busy for more than 95 % of a second is
//! frozen for the rest of it: the kernel's RT throttling (`sched_rt_runtime_us`), or, on kernels
//! with the fair deadline server, the 50 ms per second it guarantees to normal tasks, which the
//! keep-awake thread (always runnable) is sure to claim. Measured on this VM: a 200 µs spin at
//! 5000 req/s gave a 50 ms freeze per second; at 17k req/s and above, where every gap is shorter
//! than the 50 µs spin, the dispatcher never slept, and the stall recorder saw a 53 ms stall on the
//! driver's CPU in every step. So the dispatcher counts its busy time (everything but its blocking
//! waits) in windows of `window_ns`; once it has been busy for `max_busy_share` of a window it
//! sleeps on the timer right up to each due time for the rest of that window. With the keep-awake
//! thread the CPU stays awake meanwhile, so those sends are late only by the timer's wake-up.
#[derive(Debug, Clone)]
pub struct SpinBudget {
    window_ns: u64,
    max_busy_ns: u64,
    window_start_ns: u64,
    blocked_ns: u64,
}

pub const WINDOW_NS: u64 = 100_000_000;
/// Spinning stops once a window is 70 % busy, so the core gets past calibrate's "≥ 90 % busy"
/// limit only when the driver's work fills most of the rest, not by spin-waiting.
pub const MAX_BUSY_SHARE: f64 = 0.7;

impl SpinBudget {
    pub fn new(window_ns: u64, max_busy_share: f64) -> Self {
        SpinBudget { window_ns, max_busy_ns: (window_ns as f64 * max_busy_share) as u64, window_start_ns: 0, blocked_ns: 0 }
    }

    fn roll(&mut self, now_ns: u64) {
        if now_ns >= self.window_start_ns + self.window_ns {
            self.window_start_ns = now_ns - (now_ns - self.window_start_ns) % self.window_ns;
            self.blocked_ns = 0;
        }
    }

    /// Whether the dispatcher may busy-wait now.
    pub fn allows_spin(&mut self, now_ns: u64) -> bool {
        self.roll(now_ns);
        let busy = (now_ns - self.window_start_ns).saturating_sub(self.blocked_ns);
        busy < self.max_busy_ns
    }

    /// The dispatcher was blocked (asleep) from `from_ns` to `to_ns`.
    pub fn on_blocked(&mut self, from_ns: u64, to_ns: u64) {
        self.roll(to_ns);
        self.blocked_ns += to_ns.saturating_sub(from_ns.max(self.window_start_ns));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: u64 = 1_000_000;

    #[test]
    fn a_dispatcher_that_sleeps_enough_may_always_spin() {
        let mut b = SpinBudget::new(100 * MS, 0.8);
        for k in 0..100 {
            // Busy 1 ms, asleep 1 ms.
            assert!(b.allows_spin(2 * k * MS + MS));
            b.on_blocked(2 * k * MS + MS, 2 * (k + 1) * MS);
        }
    }

    #[test]
    fn spinning_stops_once_the_window_is_busy_for_its_share() {
        let mut b = SpinBudget::new(100 * MS, 0.8);
        assert!(b.allows_spin(0));
        assert!(b.allows_spin(79 * MS));
        assert!(!b.allows_spin(80 * MS));
        assert!(!b.allows_spin(99 * MS));
    }

    #[test]
    fn a_new_window_starts_with_a_fresh_budget() {
        let mut b = SpinBudget::new(100 * MS, 0.8);
        assert!(!b.allows_spin(90 * MS));
        assert!(b.allows_spin(100 * MS));
        assert!(b.allows_spin(250 * MS), "a window with no decision in it is skipped");
        assert!(!b.allows_spin(285 * MS));
    }

    #[test]
    fn sleep_counts_only_in_the_window_it_ends_in() {
        // Asleep from 50 ms to 130 ms: the window from 100 ms holds 30 ms of it, so at 199 ms the
        // dispatcher has been busy 69 ms of that window; without the sleep it would be 99 ms.
        let mut slept = SpinBudget::new(100 * MS, 0.8);
        slept.on_blocked(50 * MS, 130 * MS);
        assert!(slept.allows_spin(199 * MS));
        let mut busy = SpinBudget::new(100 * MS, 0.8);
        assert!(!busy.allows_spin(199 * MS));
    }
}
