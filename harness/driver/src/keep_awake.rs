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
use crate::clock::thread_cpu_time_ns;
use crate::sched::{allowed_cpus, pin_to_cpu, set_idle};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;

pub struct KeepAwake {
    stop: Arc<AtomicBool>,
    handle: JoinHandle<u64>,
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
                // No PAUSE hint: some hypervisors treat a PAUSE loop as lock spinning and take the
                // vCPU away, the very thing this thread is for.
                while ok && !flag.load(Ordering::Relaxed) {}
                let (user, system) = thread_cpu_time_ns();
                user + system
            })
            .map_err(|e| format!("cannot start the keep-awake thread: {e}"))?;
        placed_rx.recv().map_err(|_| "keep-awake thread died".to_string())??;
        Ok(KeepAwake { stop, handle })
    }

    /// Stops the spinner and returns the CPU time it used, in ns.
    pub fn stop(self) -> u64 {
        self.stop.store(true, Ordering::Relaxed);
        self.handle.join().unwrap_or(0)
    }
}
