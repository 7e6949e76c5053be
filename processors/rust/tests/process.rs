//! The real binary: configuration errors, silence on stdout/stderr, and SIGTERM → exit 0 in 2 s.

mod common;

use std::net::{SocketAddr, TcpListener};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::Client;

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn spawn(envs: &[(&str, &str)]) -> Child {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_processor"));
    cmd.env_remove("HOST").env_remove("PORT").env_remove("THREADS").env_remove("MAX_BODY_BYTES");
    cmd.envs(envs.iter().copied()).stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd.spawn().expect("start the processor binary")
}

async fn wait_ready(addr: SocketAddr) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if tokio::net::TcpStream::connect(addr).await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("processor not listening on {addr}");
}

fn wait_exit(child: &mut Child, within: Duration) -> Option<std::process::ExitStatus> {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    None
}

fn sigterm(child: &Child) {
    let ok = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap().success();
    assert!(ok, "kill -TERM");
}

#[tokio::test]
async fn sigterm_exits_zero_within_two_seconds_and_prints_nothing() {
    for threads in ["1", "2"] {
        let port = free_port();
        let mut child = spawn(&[("PORT", &port.to_string()), ("THREADS", threads)]);
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        wait_ready(addr).await;
        let mut idle = Client::connect(addr).await;
        let reply = idle.request("POST", "/v1/events", Some("application/json"), b"[1,{}]").await;
        assert_eq!(reply.status, 200);
        assert_eq!(
            idle.request("GET", "/metrics", None, b"").await.json()["extra"]["worker_threads"],
            threads.parse::<u64>().unwrap()
        );
        assert!(idle.request("GET", "/metrics", None, b"").await.json()["heap_bytes"].as_u64().unwrap() > 0);

        let started = Instant::now();
        sigterm(&child);
        let status = wait_exit(&mut child, Duration::from_secs(2)).unwrap_or_else(|| {
            let _ = child.kill();
            panic!("still running 2 s after SIGTERM (THREADS={threads})")
        });
        assert!(status.success(), "exit status {status:?}");
        assert!(started.elapsed() < Duration::from_secs(2));
        let out = child.wait_with_output().unwrap();
        assert!(out.stdout.is_empty() && out.stderr.is_empty(), "printed: {out:?}");
    }
}

#[test]
fn bad_configuration_is_one_line_on_stderr_and_a_failure() {
    for (var, value) in [("THREADS", "zero"), ("PORT", "99999"), ("MAX_BODY_BYTES", "-5")] {
        let mut child = spawn(&[(var, value)]);
        let status = wait_exit(&mut child, Duration::from_secs(5)).expect("exits");
        assert!(!status.success());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(var), "{stderr}");
    }
}

#[test]
fn port_in_use_is_one_line_on_stderr_and_a_failure() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let mut child = spawn(&[("PORT", &port)]);
    let status = wait_exit(&mut child, Duration::from_secs(5)).expect("exits");
    assert!(!status.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8(out.stderr).unwrap().lines().count(), 1);
}
