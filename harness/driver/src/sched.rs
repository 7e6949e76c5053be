//! Thread placement and scheduling policy for the stall recorder, the stall injector and the
//! driver's keep-awake thread. Every call here acts on the calling thread only (Linux applies
//! sched_setaffinity / sched_setscheduler with pid 0 to the calling thread, not the process).
use std::io;

/// Real-time FIFO priority of the stall recorder's threads (and of the injector, which must be
/// exactly as strong so that the recorder cannot preempt it and sees its spin as a stall).
///
/// - Above the driver (`REALTIME_PRIORITY` = 50 in harness/src/drive/pin.ts) and above threaded
///   IRQ handlers (FIFO 50 by default): on the driver's CPU, the driver's own busy time must never
///   show up as a platform stall, because the harness ranks "stall on the driver's CPU" and
///   "driver schedule lag" as different causes.
/// - Below 99, where the kernel's per-CPU housekeeping threads (watchdog, …) run: the recorder
///   observes the machine and must not outrank it. Kernel work at 99 shows up as a stall, which is
///   what it is for every thread below it.
/// - Its duty cycle (one wake-up of a few µs per period) is far below the RT throttling budget
///   (`sched_rt_runtime_us`, 95 % of each second), so it never gets throttled.
pub const RECORDER_PRIORITY: i32 = 90;

fn cvt(r: libc::c_int) -> io::Result<()> {
    if r < 0 { Err(io::Error::last_os_error()) } else { Ok(()) }
}

/// Pins the calling thread to one CPU. A CPU that is offline, outside this process's cpuset or
/// beyond CPU_SETSIZE is refused with a message that names the CPUs that exist.
pub fn pin_to_cpu(cpu: usize) -> Result<(), String> {
    if cpu >= libc::CPU_SETSIZE as usize {
        return Err(format!("cpu {cpu} is beyond CPU_SETSIZE ({})", libc::CPU_SETSIZE));
    }
    // SAFETY: a zeroed cpu_set_t is the empty set; CPU_SET is given an index below CPU_SETSIZE.
    let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
    unsafe { libc::CPU_SET(cpu, &mut set) };
    cvt(unsafe { libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set) })
        .map_err(|e| format!("cannot pin to cpu {cpu}: {e} (online CPUs: {})", online_cpus()))
}

/// The CPUs the calling thread may run on.
pub fn allowed_cpus() -> io::Result<Vec<usize>> {
    // SAFETY: zeroed cpu_set_t is a valid out-value.
    let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
    cvt(unsafe { libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut set) })?;
    Ok((0..libc::CPU_SETSIZE as usize).filter(|&c| unsafe { libc::CPU_ISSET(c, &set) }).collect())
}

fn online_cpus() -> String {
    std::fs::read_to_string("/sys/devices/system/cpu/online").map(|s| s.trim().to_string()).unwrap_or_else(|_| "unknown".into())
}

/// SCHED_FIFO at `priority` for the calling thread. Fails with EPERM without root or CAP_SYS_NICE.
pub fn set_fifo(priority: i32) -> io::Result<()> {
    let param = libc::sched_param { sched_priority: priority };
    cvt(unsafe { libc::sched_setscheduler(0, libc::SCHED_FIFO, &param) })
}

/// Back to the normal policy (SCHED_OTHER), e.g. before work that must not delay others.
pub fn set_normal() -> io::Result<()> {
    let param = libc::sched_param { sched_priority: 0 };
    cvt(unsafe { libc::sched_setscheduler(0, libc::SCHED_OTHER, &param) })
}

/// SCHED_IDLE for the calling thread: it runs only when nothing else wants the CPU and yields to
/// any other thread at once. Allowed without privileges.
pub fn set_idle() -> io::Result<()> {
    let param = libc::sched_param { sched_priority: 0 };
    cvt(unsafe { libc::sched_setscheduler(0, libc::SCHED_IDLE, &param) })
}

/// Timer slack of 1 ns for the calling thread: a normal-priority thread otherwise has its timed
/// sleeps rounded up by 50 µs (real-time threads have no slack).
pub fn minimise_timer_slack() {
    unsafe { libc::prctl(libc::PR_SET_TIMERSLACK, 1 as libc::c_ulong) };
}

/// Sleeps until an absolute CLOCK_MONOTONIC time (never wakes early; signals restart the sleep).
pub fn sleep_until_monotonic_ns(deadline_ns: u64) {
    let ts = libc::timespec { tv_sec: (deadline_ns / 1_000_000_000) as libc::time_t, tv_nsec: (deadline_ns % 1_000_000_000) as libc::c_long };
    // SAFETY: ts is valid; remain may be null with TIMER_ABSTIME.
    while unsafe { libc::clock_nanosleep(libc::CLOCK_MONOTONIC, libc::TIMER_ABSTIME, &ts, std::ptr::null_mut()) } == libc::EINTR {}
}

/// Parses a CPU list such as "0,1" or "0-3,6" into sorted, distinct CPU numbers.
pub fn parse_cpu_list(text: &str) -> Result<Vec<usize>, String> {
    let bad = || format!("bad CPU list {text:?} (expected e.g. 0,1 or 0-3)");
    let mut cpus = Vec::new();
    for part in text.split(',') {
        let (a, b) = match part.split_once('-') {
            Some((a, b)) => (a, b),
            None => (part, part),
        };
        let a: usize = a.parse().map_err(|_| bad())?;
        let b: usize = b.parse().map_err(|_| bad())?;
        if a > b || b >= libc::CPU_SETSIZE as usize {
            return Err(bad());
        }
        cpus.extend(a..=b);
    }
    cpus.sort_unstable();
    cpus.dedup();
    Ok(cpus)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_list_accepts_singles_and_ranges() {
        assert_eq!(parse_cpu_list("0,1").unwrap(), vec![0, 1]);
        assert_eq!(parse_cpu_list("2-4,0,3").unwrap(), vec![0, 2, 3, 4]);
    }

    #[test]
    fn cpu_list_rejects_garbage_and_reversed_ranges() {
        for bad in ["", "a", "1,", "3-1", "0-", "99999"] {
            assert!(parse_cpu_list(bad).is_err(), "{bad:?}");
        }
    }
}
