//! Entry point: configuration, the tokio runtime sized by `THREADS`, signals, exit codes.

use std::process::ExitCode;
use std::sync::Arc;

use processor::alloc::{live_bytes, TrackingAllocator};
use processor::config::Config;
use processor::http::{App, RuntimeInfo};
use processor::server::serve;
use tokio::net::TcpListener;
use tokio::signal::unix::{signal, SignalKind};

#[global_allocator]
static GLOBAL: TrackingAllocator = TrackingAllocator;

fn heap_bytes() -> Option<u64> {
    Some(live_bytes() as u64)
}

fn main() -> ExitCode {
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => return fail(&e.to_string()),
    };

    // THREADS=1: a current-thread runtime runs every task on the main thread, with no work
    // stealing or cross-thread wake-ups; THREADS=N: a multi-thread runtime with N workers.
    let (runtime, flavor) = if config.threads == 1 {
        (tokio::runtime::Builder::new_current_thread().enable_all().build(), "current_thread")
    } else {
        let mut builder = tokio::runtime::Builder::new_multi_thread();
        builder.worker_threads(config.threads).enable_all();
        (builder.build(), "multi_thread")
    };
    let runtime = match runtime {
        Ok(runtime) => runtime,
        Err(e) => return fail(&format!("cannot start the tokio runtime: {e}")),
    };

    runtime.block_on(async {
        let listener = match TcpListener::bind((config.host.as_str(), config.port)).await {
            Ok(listener) => listener,
            Err(e) => return fail(&format!("cannot listen on {}:{}: {e}", config.host, config.port)),
        };
        let (Ok(mut terminate), Ok(mut interrupt)) = (signal(SignalKind::terminate()), signal(SignalKind::interrupt()))
        else {
            return fail("cannot install the SIGTERM/SIGINT handlers");
        };

        let runtime_info = RuntimeInfo { worker_threads: config.threads, flavor };
        let app = Arc::new(App::new(config.max_body_bytes, runtime_info, heap_bytes));
        let stop = async move {
            tokio::select! {
                _ = terminate.recv() => {}
                _ = interrupt.recv() => {}
            }
        };
        // Spawned, so that with N workers the accept loop runs on a worker, not beside them.
        match tokio::spawn(serve(listener, app, stop)).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&format!("server task failed: {e}")),
        }
    })
}

/// Start-up failures: one line on stderr, non-zero exit.
fn fail(message: &str) -> ExitCode {
    eprintln!("processor: {message}");
    ExitCode::FAILURE
}
