//! Keeps the driver's CPU from going idle while the driver sleeps between sends.
//!
//! On a virtual machine an idle vCPU halts, and the hypervisor may give its physical CPU to
//! someone else; the driver's next timer then fires only when the host runs the vCPU again, which
//! can take milliseconds (on this project's KVM guest the halt-polling window is 0, so every idle
//! moment halts). That is why the driver was punctual at 20–50k req/s, where it never sleeps, and
//! late at 5–7.5k req/s, where it does. Spinning in the driver's own thread would fix it but, at
//! real-time priority, runs into the kernel's RT throttling (a 50 ms freeze per second above 95 %
//! of a core). So a second thread spins instead, at SCHED_IDLE on the driver's one CPU: it runs
//! only when the driver sleeps, yields to the driver (or anyone) at once, and keeps the vCPU
//! running so timer interrupts and responses are handled without a halt exit. Its CPU time is
//! measured and reported apart from the driver's work.
//!
//! When the driver keeps its core busy, the spinner is a runnable task that never gets to run, and
//! the kernel answers a starving normal task by freezing real-time ones (RT throttling, or the fair
//! deadline server's 50 ms per second): seen here as a 50 ms stall per second of both the driver
//! and the stall recorder. A busy core needs no keeping awake, so the spinner steps aside (sleeps,
//! and is then not runnable) for `PAUSE_NS` whenever it got less than `MIN_SHARE` of a window.
//! The pause is long because being runnable now and then is enough: with 50 ms pauses the
//! freezes stayed.
use crate::clock::{monotonic_ns, thread_cpu_time_ns};
use crate::sched::{allowed_cpus, pin_to_cpu, set_idle, sleep_until_monotonic_ns};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;

const WINDOW_NS: u64 = 10_000_000;
const MIN_SHARE: f64 = 0.2;
const PAUSE_NS: u64 = 1_000_000_000;
/// A paused spinner looks at the stop flag this often.
const STOP_POLL_NS: u64 = 5_000_000;

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct KeepAwakeStats {
    pub cpu_ns: u64,
    /// Time it stood aside because the core was busy anyway.
    pub paused_ns: u64,
}

pub struct KeepAwake {
    stop: Arc<AtomicBool>,
    handle: JoinHandle<KeepAwakeStats>,
}

/// Whether a spinner that got `cpu_ns` of a `wall_ns` window should step aside.
pub fn core_was_busy(cpu_ns: u64, wall_ns: u64) -> bool {
    (cpu_ns as f64) < MIN_SHARE * wall_ns as f64
}

fn thread_cpu_ns() -> u64 {
    let (user, system) = thread_cpu_time_ns();
    user + system
}

fn spin(stop: &AtomicBool) -> KeepAwakeStats {
    let mut paused_ns = 0;
    while !stop.load(Ordering::Relaxed) {
        let (w0, c0) = (monotonic_ns(), thread_cpu_ns());
        // No PAUSE hint: some hypervisors treat a PAUSE loop as lock spinning and take the vCPU
        // away, the very thing this thread is for.
        while !stop.load(Ordering::Relaxed) && monotonic_ns() < w0 + WINDOW_NS {}
        if core_was_busy(thread_cpu_ns() - c0, monotonic_ns() - w0) {
            let (from, until) = (monotonic_ns(), monotonic_ns() + PAUSE_NS);
            while !stop.load(Ordering::Relaxed) && monotonic_ns() < until {
                sleep_until_monotonic_ns(until.min(monotonic_ns() + STOP_POLL_NS));
            }
            paused_ns += monotonic_ns() - from;
        }
    }
    KeepAwakeStats { cpu_ns: thread_cpu_ns(), paused_ns }
}

impl KeepAwake {
    /// Starts the spinner on the calling thread's CPU, which must be exactly one: on a CPU the
    /// driver shares with others, the spinner would not keep the driver's CPU awake.
    pub fn start() -> Result<Self, String> {
        let cpus = allowed_cpus().map_err(|e| format!("cannot read the driver's CPU affinity: {e}"))?;
        let &[cpu] = cpus.as_slice() else {
            return Err(format!("keep_awake needs the driver pinned to exactly one CPU; it may run on {} CPUs", cpus.len()));
        };
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let (placed_tx, placed_rx) = std::sync::mpsc::channel();
        let handle = std::thread::Builder::new()
            .name("keep-awake".into())
            .spawn(move || {
                // The thread inherits the driver's policy (FIFO under chrt): leave it before spinning.
                let placed = set_idle().map_err(|e| format!("cannot set SCHED_IDLE: {e}")).and_then(|_| pin_to_cpu(cpu));
                let ok = placed.is_ok();
                placed_tx.send(placed).ok();
                if ok { spin(&flag) } else { KeepAwakeStats::default() }
            })
            .map_err(|e| format!("cannot start the keep-awake thread: {e}"))?;
        placed_rx.recv().map_err(|_| "keep-awake thread died".to_string())??;
        Ok(KeepAwake { stop, handle })
    }

    /// Stops the spinner and returns what it cost and how long it stood aside.
    pub fn stop(self) -> KeepAwakeStats {
        self.stop.store(true, Ordering::Relaxed);
        self.handle.join().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spinner_that_got_a_fifth_of_the_window_stays() {
        assert!(!core_was_busy(2_000_000, 10_000_000));
    }

    #[test]
    fn a_spinner_starved_by_a_busy_core_steps_aside() {
        assert!(core_was_busy(1_999_999, 10_000_000));
        assert!(core_was_busy(0, 60_000_000), "frozen out for the whole window");
    }
}
