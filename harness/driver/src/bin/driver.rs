//! `driver CONFIG.json`: runs one open-loop schedule, writes the records file, prints a JSON
//! summary on stdout. Exit 2 on a bad configuration, 3 when the target cannot be reached.
use latency_driver::clock::{capture_t0, monotonic_ns, thread_cpu_time_ns};
use latency_driver::config::{Config, ScheduleConfig};
use latency_driver::engine::{unsent_count, Engine, EngineOptions, StoppedBy};
use latency_driver::health::{assess, HealthInput};
use latency_driver::keep_awake::KeepAwake;
use latency_driver::pool::parse_pool;
use latency_driver::records::{write_file, Record, ERR_CONNECT, ERR_NONE, ERR_PARSE, ERR_RESET, ERR_TIMEOUT, HEADER_BYTES, RECORD_BYTES, UNSENT};
use latency_driver::schedule::{Schedule, PHASE_MEASURE, PHASE_WARMUP};
use latency_driver::sched::minimise_timer_slack;
use latency_driver::socket::resolve;
use latency_driver::stream::RecordStream;
use serde_json::json;

fn fail(code: i32, msg: String) -> ! {
    eprintln!("driver: {msg}");
    std::process::exit(code);
}

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| fail(2, "usage: driver CONFIG.json".into()));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| fail(2, format!("cannot read {path}: {e}")));
    let cfg: Config = serde_json::from_str(&text).unwrap_or_else(|e| fail(2, format!("bad config {path}: {e}")));
    cfg.validate().unwrap_or_else(|e| fail(2, format!("bad config {path}: {e}")));
    let pool_text = std::fs::read_to_string(&cfg.pool_path).unwrap_or_else(|e| fail(2, format!("cannot read pool {}: {e}", cfg.pool_path)));
    let pool = parse_pool(&pool_text, &cfg.host, cfg.port).unwrap_or_else(|e| fail(2, format!("bad pool {}: {e}", cfg.pool_path)));
    let addr = resolve(&cfg.host, cfg.port).unwrap_or_else(|e| fail(3, format!("cannot resolve {}:{}: {e}", cfg.host, cfg.port)));

    let schedule = Schedule { config: cfg.schedule.clone(), warmup_s: cfg.warmup_s, measure_s: cfg.measure_s };
    let records: Vec<Record> = schedule.all().into_iter().enumerate().map(|(i, (t, phase))| Record::new(t, phase, pool[i % pool.len()].kind)).collect();
    let scheduled = records.len();

    let stream = cfg.stream_path.as_deref().map(|p| RecordStream::create(p).unwrap_or_else(|e| fail(2, format!("cannot create stream file {p}: {e}"))));
    minimise_timer_slack();
    let opts = EngineOptions {
        addr,
        connections: cfg.connections,
        timeout_ns: cfg.timeout_ms * 1_000_000,
        spin_ns: cfg.spin_us * 1_000,
        stop_after_errors: cfg.stop_after_errors,
        stream,
        control_stdin: cfg.control_stdin,
    };
    let engine = Engine::connect(opts, &pool, records).unwrap_or_else(|e| fail(3, format!("cannot connect to {addr}: {e}")));

    let keep_awake = cfg.keep_awake.then(|| KeepAwake::start().unwrap_or_else(|e| fail(2, e)));
    // This thread's CPU only: the keep-awake spinner's time is reported on its own.
    let (cpu_u0, cpu_s0) = thread_cpu_time_ns();
    let t0 = capture_t0();
    let (records, stats) = engine.run(t0.monotonic_ns).unwrap_or_else(|e| fail(1, format!("run failed: {e}")));
    let wall_ns = monotonic_ns() - t0.monotonic_ns;
    let (cpu_u1, cpu_s1) = thread_cpu_time_ns();
    let keep_awake = keep_awake.map(KeepAwake::stop).unwrap_or_default();

    write_file(&cfg.records_path, &records).unwrap_or_else(|e| fail(1, format!("cannot write {}: {e}", cfg.records_path)));
    // A stopped schedule ends where its first never-scheduled request would have been due, so
    // the phase's length and its request count describe the same span.
    let end_s = if records.len() < scheduled { schedule.intended_s(records.len() as u64) } else { schedule.total_s() };
    let measured_s = (end_s - cfg.warmup_s).max(0.0);

    let health = assess(
        &records,
        &HealthInput {
            warmup_s: cfg.warmup_s,
            measure_s: measured_s,
            wall_ns,
            cpu_user_ns: cpu_u1 - cpu_u0,
            cpu_system_ns: cpu_s1 - cpu_s0,
            spin_ns: stats.spin_ns,
            keep_awake_cpu_ns: keep_awake.cpu_ns,
            keep_awake_paused_ns: keep_awake.paused_ns,
            lag_p99_limit_us: cfg.lag_p99_limit_us,
        },
    );
    let count_err = |k: u8| records.iter().filter(|r| r.error == k).count();
    let completed = records.iter().filter(|r| r.error == ERR_NONE && r.status != 0).count();
    let ok = records.iter().filter(|r| r.error == ERR_NONE && (200..300).contains(&r.status)).count();
    let schedule_json = match cfg.schedule {
        ScheduleConfig::Constant { rate_per_s } => json!({ "kind": "constant", "rate_per_s": rate_per_s }),
        ScheduleConfig::Ramp { from_per_s, to_per_s } => json!({ "kind": "ramp", "from_per_s": from_per_s, "to_per_s": to_per_s }),
    };
    let summary = json!({
        "schema_version": 1,
        // A string: Unix nanoseconds exceed 2^53 and would lose precision as a JSON number.
        "t0_unix_ns": t0.unix_ns.to_string(),
        // The same instant on CLOCK_MONOTONIC: the stall recorder's stalls line up with the
        // records exactly through it, without the wall-clock pairing's uncertainty.
        "t0_monotonic_ns": t0.monotonic_ns.to_string(),
        "t0_pairing_uncertainty_ns": t0.pairing_uncertainty_ns,
        "records_path": cfg.records_path,
        "record_header_bytes": HEADER_BYTES,
        "record_bytes": RECORD_BYTES,
        "target": {
            "host": cfg.host, "port": cfg.port, "schedule": schedule_json,
            "warmup_s": cfg.warmup_s, "measure_s": cfg.measure_s,
            "connections": cfg.connections, "timeout_ms": cfg.timeout_ms,
            "stop_after_errors": cfg.stop_after_errors, "pool_entries": pool.len(),
        },
        "counts": {
            "scheduled": scheduled,
            "recorded": records.len(),
            "warmup": records.iter().filter(|r| r.phase == PHASE_WARMUP).count(),
            "measure": records.iter().filter(|r| r.phase == PHASE_MEASURE).count(),
            "sent": records.len() - unsent_count(&records),
            "completed": completed,
            "ok_2xx": ok,
            "non_2xx": completed - ok,
            "errors": {
                "connect": count_err(ERR_CONNECT), "timeout": count_err(ERR_TIMEOUT),
                "reset": count_err(ERR_RESET), "parse": count_err(ERR_PARSE),
            },
            "never_sent": records.iter().filter(|r| r.sent_ns == UNSENT).count(),
            "reconnects": stats.reconnects,
        },
        "stopped_early": stats.stopped_early,
        "stopped_by": match stats.stopped_by { StoppedBy::Schedule => "schedule", StoppedBy::Errors => "errors", StoppedBy::Control => "control" },
        // The measure phase as run: measure_s, or less when the schedule was stopped.
        "measured_s": measured_s,
        "scheduler": {
            "method": if cfg.keep_awake { "epoll + timerfd sleep, busy-wait for the final spin_us; an idle-priority thread keeps the CPU awake" } else { "epoll + timerfd sleep, busy-wait for the final spin_us" },
            "spin_us": cfg.spin_us,
            "keep_awake": cfg.keep_awake,
            "threads": if cfg.keep_awake { 2 } else { 1 },
        },
        "health": health,
    });
    println!("{}", serde_json::to_string_pretty(&summary).expect("summary serialises"));
}
