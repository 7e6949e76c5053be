//! Clocks. All record times are CLOCK_MONOTONIC nanoseconds relative to the run's t0; t0 is also
//! expressed in CLOCK_REALTIME so other processes' wall-clock events (GC pauses) line up.

pub fn monotonic_ns() -> u64 {
    read(libc::CLOCK_MONOTONIC)
}

pub fn realtime_ns() -> u64 {
    read(libc::CLOCK_REALTIME)
}

fn read(clock: libc::clockid_t) -> u64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: ts is a valid out-pointer; clock ids used here always exist on Linux.
    unsafe { libc::clock_gettime(clock, &mut ts) };
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

/// The pairing of a monotonic t0 with the wall clock. The realtime clock is read on both sides
/// of the monotonic read; the midpoint is the estimate and the gap its uncertainty.
#[derive(Debug, Clone, Copy)]
pub struct T0 {
    pub monotonic_ns: u64,
    pub unix_ns: u64,
    pub pairing_uncertainty_ns: u64,
}

pub fn capture_t0() -> T0 {
    let before = realtime_ns();
    let mono = monotonic_ns();
    let after = realtime_ns();
    T0 { monotonic_ns: mono, unix_ns: before / 2 + after / 2 + (before % 2 + after % 2) / 2, pairing_uncertainty_ns: after.saturating_sub(before) }
}

/// CPU time (user, system) of this process, all threads, in nanoseconds, from getrusage.
pub fn cpu_time_ns() -> (u64, u64) {
    rusage_ns(libc::RUSAGE_SELF)
}

/// CPU time (user, system) of the calling thread in nanoseconds.
pub fn thread_cpu_time_ns() -> (u64, u64) {
    rusage_ns(libc::RUSAGE_THREAD)
}

fn rusage_ns(who: libc::c_int) -> (u64, u64) {
    // SAFETY: zeroed rusage is a valid out-value for getrusage.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(who, &mut ru) };
    let tv = |t: libc::timeval| t.tv_sec as u64 * 1_000_000_000 + t.tv_usec as u64 * 1_000;
    (tv(ru.ru_utime), tv(ru.ru_stime))
}
