//! `closed-loop CONFIG.json`: N connections, each sending its next request when the previous
//! response arrives, for `warmup_s` then `measure_s`; prints a JSON summary on stdout (throughput,
//! 2xx per second, a latency summary, its own CPU). Exit 2 on a bad configuration, 3 when the
//! target cannot be reached. See `latency_driver::closed_loop`.
use latency_driver::clock::thread_cpu_time_ns;
use latency_driver::closed_loop::{ClosedLoop, ClosedLoopOptions};
use latency_driver::pool::parse_pool;
use latency_driver::socket::resolve;
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    host: String,
    port: u16,
    pool_path: String,
    warmup_s: f64,
    measure_s: f64,
    connections: usize,
    timeout_ms: u64,
}

fn fail(code: i32, msg: String) -> ! {
    eprintln!("closed-loop: {msg}");
    std::process::exit(code);
}

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| fail(2, "usage: closed-loop CONFIG.json".into()));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| fail(2, format!("cannot read {path}: {e}")));
    let cfg: Config = serde_json::from_str(&text).unwrap_or_else(|e| fail(2, format!("bad config {path}: {e}")));
    if !(cfg.warmup_s.is_finite() && cfg.warmup_s >= 0.0) || !(cfg.measure_s.is_finite() && cfg.measure_s >= 1.0) {
        fail(2, format!("bad config {path}: warmup_s must be ≥ 0 and measure_s ≥ 1 (whole seconds are counted)"));
    }
    if cfg.connections == 0 || cfg.connections > 60_000 || cfg.timeout_ms == 0 {
        fail(2, format!("bad config {path}: connections must be 1–60000 and timeout_ms > 0"));
    }
    let pool_text = std::fs::read_to_string(&cfg.pool_path).unwrap_or_else(|e| fail(2, format!("cannot read pool {}: {e}", cfg.pool_path)));
    let pool = parse_pool(&pool_text, &cfg.host, cfg.port).unwrap_or_else(|e| fail(2, format!("bad pool {}: {e}", cfg.pool_path)));
    if pool.is_empty() {
        fail(2, format!("bad pool {}: no requests", cfg.pool_path));
    }
    let addr = resolve(&cfg.host, cfg.port).unwrap_or_else(|e| fail(3, format!("cannot resolve {}:{}: {e}", cfg.host, cfg.port)));
    let opts = ClosedLoopOptions {
        addr,
        connections: cfg.connections,
        warmup_ns: (cfg.warmup_s * 1e9) as u64,
        measure_ns: (cfg.measure_s * 1e9) as u64,
        timeout_ns: cfg.timeout_ms * 1_000_000,
    };
    let engine = ClosedLoop::connect(opts, &pool).unwrap_or_else(|e| fail(3, format!("cannot connect to {addr}: {e}")));
    let (u0, s0) = thread_cpu_time_ns();
    let out = engine.run().unwrap_or_else(|e| fail(1, format!("run failed: {e}")));
    let (u1, s1) = thread_cpu_time_ns();
    let wall_s = cfg.warmup_s + cfg.measure_s;
    let measured_s = out.measured_ns as f64 / 1e9;
    let cpu_s = (u1 - u0 + s1 - s0) as f64 / 1e9;
    let h = &out.latency;
    let summary = json!({
        "schema_version": 1,
        "tool": "closed-loop",
        "target": { "host": cfg.host, "port": cfg.port, "connections": cfg.connections, "warmup_s": cfg.warmup_s, "measure_s": cfg.measure_s, "timeout_ms": cfg.timeout_ms, "pool_entries": pool.len() },
        "counts": {
            "completed": out.completed,
            "ok_2xx": out.ok_2xx,
            "non_2xx": out.completed - out.ok_2xx,
            "errors": { "connect": out.errors.connect, "timeout": out.errors.timeout, "reset": out.errors.reset, "parse": out.errors.parse },
            "reconnects": out.reconnects,
        },
        "requests_per_s": out.ok_2xx as f64 / measured_s,
        "ok_per_second": out.ok_per_second,
        "latency_us": {
            "count": h.count(), "p50": h.quantile_us(0.5), "p90": h.quantile_us(0.9),
            "p99": h.quantile_us(0.99), "p999": h.quantile_us(0.999), "max": h.max_us(),
        },
        "cpu": { "user_s": (u1 - u0) as f64 / 1e9, "system_s": (s1 - s0) as f64 / 1e9, "utilisation": cpu_s / wall_s },
    });
    println!("{}", serde_json::to_string_pretty(&summary).expect("summary serialises"));
}
