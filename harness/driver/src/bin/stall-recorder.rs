//! `stall-recorder --cpus LIST [--period-us 1000] [--threshold-us 100] [--max-stalls N]
//! [--no-realtime] [--ignore-stdin] [--stream PATH]`: one thread per CPU, pinned, waking on
//! absolute ticks; every wake-up later than the threshold is a platform stall (see `stall.rs`).
//! Prints `ready` once every thread is placed, records until SIGTERM, SIGINT or end of stdin,
//! then prints one JSON document (format in harness/driver/README.md). With `--stream`, closed
//! stalls are also appended to PATH as they happen (for a harness judging a phase live). Exit 2
//! on bad arguments or an unusable CPU.
use latency_driver::clock::{capture_t0, cpu_time_ns, monotonic_ns, thread_cpu_time_ns, T0};
use latency_driver::sched::{minimise_timer_slack, parse_cpu_list, pin_to_cpu, set_fifo, sleep_until_monotonic_ns, RECORDER_PRIORITY};
use latency_driver::stall::{summarise, CpuSummary, Stall, StallTracker, TrackerConfig};
use latency_driver::steal::{read_steal_ticks, steal_over, ticks_per_s};
use serde_json::json;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};

const USAGE: &str = "usage: stall-recorder --cpus LIST [--period-us N] [--threshold-us N] [--max-stalls N] [--no-realtime] [--ignore-stdin] [--stream PATH]";
/// How often closed stalls are appended to the `--stream` file.
const STREAM_EVERY_MS: i32 = 200;

fn fail(code: i32, msg: &str) -> ! {
    eprintln!("stall-recorder: {msg}");
    std::process::exit(code);
}

struct Args {
    cpus: Vec<usize>,
    period_us: u64,
    threshold_us: u64,
    max_stalls: usize,
    realtime: bool,
    watch_stdin: bool,
    stream: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args { cpus: Vec::new(), period_us: 1000, threshold_us: 100, max_stalls: 100_000, realtime: true, watch_stdin: true, stream: None };
    let mut it = std::env::args().skip(1);
    let number = |flag: &str, v: Option<String>| -> Result<u64, String> {
        v.as_deref().and_then(|s| s.parse::<u64>().ok()).ok_or_else(|| format!("{flag} needs a whole number"))
    };
    while let Some(flag) = it.next() {
        match flag.as_str() {
            "--cpus" => a.cpus = parse_cpu_list(&it.next().ok_or("--cpus needs a CPU list")?)?,
            "--period-us" => a.period_us = number("--period-us", it.next())?,
            "--threshold-us" => a.threshold_us = number("--threshold-us", it.next())?,
            "--max-stalls" => a.max_stalls = number("--max-stalls", it.next())? as usize,
            "--no-realtime" => a.realtime = false,
            "--ignore-stdin" => a.watch_stdin = false,
            "--stream" => a.stream = Some(it.next().ok_or("--stream needs a file path")?),
            _ => return Err(format!("unknown argument {flag:?}\n{USAGE}")),
        }
    }
    if a.cpus.is_empty() {
        return Err(format!("--cpus is required\n{USAGE}"));
    }
    if a.period_us == 0 {
        return Err("--period-us must be > 0".into());
    }
    if a.threshold_us >= a.period_us {
        return Err(format!("--threshold-us ({}) must be below --period-us ({}): a wake-up is due every period", a.threshold_us, a.period_us));
    }
    Ok(a)
}

/// How the threads ended up scheduled; the same for all of them.
#[derive(Clone, Debug)]
enum Placement {
    Fifo,
    Normal(String),
}

struct CpuResult {
    stalls: Vec<Stall>,
    summary: CpuSummary,
    thread_cpu_ns: u64,
}

fn place(cpu: usize, realtime: bool) -> Result<Placement, String> {
    pin_to_cpu(cpu)?;
    minimise_timer_slack();
    if !realtime {
        return Ok(Placement::Normal("--no-realtime".into()));
    }
    match set_fifo(RECORDER_PRIORITY) {
        Ok(()) => Ok(Placement::Fifo),
        Err(e) if e.raw_os_error() == Some(libc::EPERM) => Ok(Placement::Normal("SCHED_FIFO not permitted (needs root or CAP_SYS_NICE)".into())),
        Err(e) => Err(format!("cannot set SCHED_FIFO {RECORDER_PRIORITY} on cpu {cpu}: {e}")),
    }
}

fn watch(cpu: usize, t0: u64, cfg: TrackerConfig, stop: &AtomicBool, live: Option<mpsc::Sender<(usize, Stall)>>) -> CpuResult {
    let mut tracker = StallTracker::new(cfg);
    let mut sent = 0;
    // Every thread uses the same tick grid (t0 + k × period), so stalls on different CPUs line up.
    let mut tick = (monotonic_ns() - t0) / cfg.period_ns * cfg.period_ns + cfg.period_ns;
    let first_tick = tick;
    let mut last_wake = first_tick;
    loop {
        sleep_until_monotonic_ns(t0 + tick);
        let woke = monotonic_ns() - t0;
        if stop.load(Ordering::Relaxed) {
            break;
        }
        last_wake = woke;
        tick = tracker.on_wake(tick, woke);
        if let Some(tx) = &live {
            if tracker.kept_len() > sent {
                for s in tracker.kept_since(sent) {
                    tx.send((cpu, *s)).ok();
                }
                sent = tracker.kept_len();
            }
        }
    }
    let (stalls, counts) = tracker.finish();
    let (user_ns, system_ns) = thread_cpu_time_ns();
    CpuResult { stalls, summary: summarise(cpu, counts, last_wake.saturating_sub(first_tick)), thread_cpu_ns: user_ns + system_ns }
}

/// Blocks SIGTERM and SIGINT in the calling thread (threads spawned later inherit the mask) and
/// returns a signalfd that reads them.
fn signal_fd() -> libc::c_int {
    // SAFETY: sigset operations on a local set; signalfd creates a new fd.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGTERM);
        libc::sigaddset(&mut set, libc::SIGINT);
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
        let fd = libc::signalfd(-1, &set, libc::SFD_CLOEXEC);
        if fd < 0 {
            fail(1, &format!("signalfd: {}", std::io::Error::last_os_error()));
        }
        fd
    }
}

/// Appends closed stalls to the `--stream` file: a `t0_monotonic_ns N` line, then `cpu start_ns end_ns` per stall.
struct StallStream {
    file: std::fs::File,
    rx: mpsc::Receiver<(usize, Stall)>,
}

impl StallStream {
    fn drain(&mut self) {
        let lines: String = self.rx.try_iter().map(|(cpu, s)| format!("{cpu} {} {}\n", s.start_ns, s.end_ns)).collect();
        if !lines.is_empty() {
            // A reader that went away must not stop the recording.
            self.file.write_all(lines.as_bytes()).ok();
        }
    }
}

/// Waits until a signal arrives or stdin reaches its end; returns what stopped the recording.
fn wait_for_stop(sig_fd: libc::c_int, watch_stdin: bool, mut stream: Option<&mut StallStream>) -> &'static str {
    let mut fds = vec![libc::pollfd { fd: sig_fd, events: libc::POLLIN, revents: 0 }];
    if watch_stdin {
        fds.push(libc::pollfd { fd: 0, events: libc::POLLIN, revents: 0 });
    }
    let mut buf = [0u8; 4096];
    loop {
        // SAFETY: fds is a valid array of pollfd of the given length.
        let timeout = if stream.is_some() { STREAM_EVERY_MS } else { -1 };
        let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, timeout) };
        if let Some(s) = stream.as_deref_mut() {
            s.drain();
        }
        if n <= 0 {
            continue;
        }
        if fds[0].revents != 0 {
            let mut info: libc::signalfd_siginfo = unsafe { std::mem::zeroed() };
            unsafe { libc::read(sig_fd, &mut info as *mut _ as *mut libc::c_void, std::mem::size_of::<libc::signalfd_siginfo>()) };
            return if info.ssi_signo == libc::SIGINT as u32 { "SIGINT" } else { "SIGTERM" };
        }
        if fds.len() > 1 && fds[1].revents != 0 {
            // Anything written to stdin is ignored; its end (the parent closed it or died) stops us.
            let r = unsafe { libc::read(0, buf.as_mut_ptr() as *mut libc::c_void, buf.len()) };
            if r <= 0 {
                return "stdin closed";
            }
        }
    }
}

/// Stdin that is a file or /dev/null ends at once, which would stop the recording before it began.
fn stdin_can_signal_its_end() -> bool {
    // SAFETY: zeroed stat is a valid out-value for fstat.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    if unsafe { libc::fstat(0, &mut st) } != 0 {
        return false;
    }
    let kind = st.st_mode & libc::S_IFMT;
    let dev_null = kind == libc::S_IFCHR && st.st_rdev == libc::makedev(1, 3);
    kind != libc::S_IFREG && !dev_null
}

fn main() {
    let args = parse_args().unwrap_or_else(|e| fail(2, &e));
    if args.watch_stdin && !stdin_can_signal_its_end() {
        fail(2, "stdin is a file or /dev/null, whose end would stop the recording at once: give it a pipe (close it to stop) or pass --ignore-stdin");
    }
    let sig_fd = signal_fd();
    let cfg = TrackerConfig { period_ns: args.period_us * 1_000, threshold_ns: args.threshold_us * 1_000, max_stalls: args.max_stalls };
    let steal_start = read_steal_ticks();
    let (cpu_u0, cpu_s0) = cpu_time_ns();
    let t0: T0 = capture_t0();
    let stop = Arc::new(AtomicBool::new(false));
    let (live_tx, live_rx) = mpsc::channel::<(usize, Stall)>();
    let mut stream = args.stream.as_deref().map(|path| {
        let mut file = std::fs::File::create(path).unwrap_or_else(|e| fail(2, &format!("cannot create stream file {path}: {e}")));
        writeln!(file, "t0_monotonic_ns {}", t0.monotonic_ns).unwrap_or_else(|e| fail(1, &format!("cannot write {path}: {e}")));
        StallStream { file, rx: live_rx }
    });
    let streaming = stream.is_some();

    let (placed_tx, placed_rx) = mpsc::channel::<Result<Placement, String>>();
    let handles: Vec<_> = args
        .cpus
        .iter()
        .map(|&cpu| {
            let (stop, placed_tx, realtime) = (stop.clone(), placed_tx.clone(), args.realtime);
            let live = streaming.then(|| live_tx.clone());
            std::thread::Builder::new()
                .name(format!("stall-cpu{cpu}"))
                .spawn(move || {
                    let placed = place(cpu, realtime);
                    let ok = placed.is_ok();
                    placed_tx.send(placed).ok();
                    ok.then(|| watch(cpu, t0.monotonic_ns, cfg, &stop, live))
                })
                .unwrap_or_else(|e| fail(1, &format!("cannot start a thread: {e}")))
        })
        .collect();
    drop(placed_tx);
    drop(live_tx);
    let mut placement = Placement::Fifo;
    for _ in &args.cpus {
        match placed_rx.recv().expect("every thread reports its placement") {
            Ok(p @ Placement::Normal(_)) => placement = p,
            Ok(Placement::Fifo) => {}
            Err(e) => fail(2, &e),
        }
    }
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "ready").and_then(|_| out.flush()).ok();
    }

    let stopped_by = wait_for_stop(sig_fd, args.watch_stdin, stream.as_mut());
    stop.store(true, Ordering::Relaxed);
    let results: Vec<CpuResult> = handles.into_iter().map(|h| h.join().expect("recorder thread").expect("placed thread")).collect();
    if let Some(s) = stream.as_mut() {
        s.drain();
    }
    let wall_ns = monotonic_ns() - t0.monotonic_ns;
    let steal_end = read_steal_ticks();
    let (cpu_u1, cpu_s1) = cpu_time_ns();
    let hz = ticks_per_s();

    let mut stalls: Vec<(usize, Stall)> = results.iter().flat_map(|r| r.stalls.iter().map(move |s| (r.summary.cpu, *s))).collect();
    stalls.sort_by_key(|&(cpu, s)| (s.start_ns, cpu));
    let self_cpu_ns = (cpu_u1 - cpu_u0) + (cpu_s1 - cpu_s0);
    let scheduling = match &placement {
        Placement::Fifo => json!({ "policy": "fifo", "priority": RECORDER_PRIORITY, "realtime": true }),
        Placement::Normal(why) => json!({ "policy": "normal", "priority": 0, "realtime": false, "reason": why }),
    };
    let doc = json!({
        "schema_version": 1,
        "tool": "stall-recorder",
        // Strings: nanosecond clock readings exceed 2^53 and would lose precision as JSON numbers.
        "t0_monotonic_ns": t0.monotonic_ns.to_string(),
        "t0_unix_ns": t0.unix_ns.to_string(),
        "t0_pairing_uncertainty_ns": t0.pairing_uncertainty_ns,
        "wall_ns": wall_ns,
        "period_us": args.period_us,
        "threshold_us": args.threshold_us,
        "max_stalls_per_cpu": args.max_stalls,
        "scheduling": scheduling,
        "stopped_by": stopped_by,
        "self_cpu": {
            "user_ns": cpu_u1 - cpu_u0,
            "system_ns": cpu_s1 - cpu_s0,
            "utilisation": if wall_ns == 0 { 0.0 } else { self_cpu_ns as f64 / wall_ns as f64 },
        },
        "cpus": results.iter().map(|r| {
            let mut v = serde_json::to_value(&r.summary).expect("summary serialises");
            v["recorder_cpu_ns"] = json!(r.thread_cpu_ns);
            v["steal"] = json!(steal_over(&steal_start, &steal_end, r.summary.cpu, hz, wall_ns));
            v
        }).collect::<Vec<_>>(),
        "stalls": stalls.iter().map(|(cpu, s)| json!({ "cpu": cpu, "start_ns": s.start_ns, "end_ns": s.end_ns })).collect::<Vec<_>>(),
    });
    let mut out = std::io::stdout().lock();
    writeln!(out, "{doc}").and_then(|_| out.flush()).ok();
}
