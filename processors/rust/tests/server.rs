//! The in-process server over real TCP: error statuses on the wire, and that it keeps serving.

mod common;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::Client;
use processor::http::{App, RuntimeInfo};
use processor::server::{serve, DRAIN_TIMEOUT};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

const LIMIT: u64 = 256 * 1024;
const JSON: Option<&str> = Some("application/json");
const TEXT: Option<&str> = Some("text/plain");

struct Server {
    addr: SocketAddr,
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

async fn start() -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = Arc::new(App::new(LIMIT, RuntimeInfo { worker_threads: 2, flavor: "multi_thread" }, || None));
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(serve(listener, app, async move {
        let _ = stopped.await;
    }));
    Server { addr, stop, task }
}

async fn health_ok(addr: SocketAddr) -> bool {
    Client::connect(addr).await.request("GET", "/health", None, b"").await.status == 200
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keeps_serving_on_one_connection_after_bad_input() {
    let server = start().await;
    let mut c = Client::connect(server.addr).await;
    let deep = format!("[{}{}]", "[".repeat(50_000), "]".repeat(50_000));
    type Case<'a> = (&'a str, &'a str, Option<&'a str>, Vec<u8>, u16);
    let cases: Vec<Case> = vec![
        ("POST", "/v1/events", JSON, b"[{\"key\":".to_vec(), 400),
        ("POST", "/v1/events", JSON, b"".to_vec(), 400),
        ("POST", "/v1/events", JSON, b"{\"a\":1}".to_vec(), 400),
        ("POST", "/v1/events", JSON, b"[\"\xff\xfe\"]".to_vec(), 400),
        ("POST", "/v1/events", JSON, deep.into_bytes(), 200),
        ("POST", "/v1/events", JSON, b"[1e999999, -1e400, {\"key\":\"\\udfff\"}]".to_vec(), 200),
        ("POST", "/v1/events", TEXT, b"[]".to_vec(), 415),
        ("POST", "/v1/reads", TEXT, b"@r\nACGT\n+\nII\n".to_vec(), 400),
        ("POST", "/v1/reads", TEXT, b"\xc0\xaf".to_vec(), 400),
        ("GET", "/v1/keys/nope", None, Vec::new(), 404),
        ("GET", "/nope", None, Vec::new(), 404),
        ("PATCH", "/health", None, Vec::new(), 405),
    ];
    for (method, path, ct, body, expected) in cases {
        let reply = c.request(method, path, ct, &body).await;
        assert_eq!(reply.status, expected, "{method} {path}");
        assert_eq!(reply.header("content-type"), Some("application/json"));
        if expected != 200 {
            assert!(reply.json()["error"].as_str().is_some_and(|e| !e.is_empty()));
        }
    }
    let reply = c.request("POST", "/v1/events", JSON, br#"[{"key":"a","ts":1,"value":2,"kind":"alert"}]"#).await;
    assert_eq!(reply.json()["accepted"], 1);
    assert_eq!(c.request("GET", "/v1/keys/a", None, b"").await.json()["alerts"], 1);
    let _ = server.stop.send(());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn content_length_over_the_limit_is_413_and_the_body_drained() {
    let server = start().await;
    let mut c = Client::connect(server.addr).await;
    let reply = c.request("POST", "/v1/events", JSON, &vec![b' '; LIMIT as usize + 1]).await;
    assert_eq!((reply.status, reply.header("connection")), (413, None));
    assert_eq!(c.request("GET", "/health", None, b"").await.status, 200, "same connection still usable");
    let _ = server.stop.send(());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expect_continue_over_the_limit_is_refused_before_the_body_is_sent() {
    let server = start().await;
    let mut c = Client::connect(server.addr).await;
    c.send_raw(format!("POST /v1/events HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: {}\r\n\r\n", LIMIT + 1).as_bytes()).await;
    let reply = c.read_reply().await.expect("413 before any body byte");
    assert_eq!(reply.status, 413);
    assert!(c.is_closed().await);
    assert!(health_ok(server.addr).await);
    let _ = server.stop.send(());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn content_length_far_over_the_limit_is_refused_at_once() {
    let server = start().await;
    let mut c = Client::connect(server.addr).await;
    c.send_raw(b"POST /v1/reads HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\nContent-Length: 1000000000\r\n\r\n")
        .await;
    let reply = c.read_reply().await.expect("413 before any body byte");
    assert_eq!(reply.status, 413);
    assert!(c.is_closed().await);
    assert!(health_ok(server.addr).await);
    let _ = server.stop.send(());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chunked_body_over_the_limit_is_refused_while_reading() {
    let server = start().await;
    let mut c = Client::connect(server.addr).await;
    c.send_raw(b"POST /v1/reads HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n")
        .await;
    let chunk = vec![b'A'; 1000];
    for _ in 0..=LIMIT / 1000 {
        c.send_raw(format!("{:x}\r\n", chunk.len()).as_bytes()).await;
        c.send_raw(&chunk).await;
        c.send_raw(b"\r\n").await;
    }
    c.send_raw(b"0\r\n\r\n").await;
    let reply = c.read_reply().await.expect("413");
    assert_eq!(reply.status, 413);
    assert_eq!(c.request("GET", "/health", None, b"").await.status, 200, "same connection still usable");
    let _ = server.stop.send(());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chunked_body_within_the_limit_is_read() {
    let server = start().await;
    let mut c = Client::connect(server.addr).await;
    c.send_raw(
        b"POST /v1/events HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
    )
    .await;
    for part in [&b"[{\"key\":\"c\",\"ts\":1,"[..], &b"\"value\":1,\"kind\":\"reading\"}]"[..]] {
        c.send_raw(format!("{:x}\r\n", part.len()).as_bytes()).await;
        c.send_raw(part).await;
        c.send_raw(b"\r\n").await;
    }
    c.send_raw(b"0\r\n\r\n").await;
    let reply = c.read_reply().await.expect("200");
    assert_eq!((reply.status, reply.json()["accepted"].as_u64()), (200, Some(1)));
    let _ = server.stop.send(());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_that_is_not_http_only_ends_its_connection() {
    let server = start().await;
    let mut c = Client::connect(server.addr).await;
    c.send_raw(b"\x00\x01 this is not HTTP\r\n\r\n").await;
    let _ = c.read_reply().await; // hyper answers 400 or just closes
    assert!(c.is_closed().await);
    assert!(health_ok(server.addr).await);
    let _ = server.stop.send(());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stop_signal_closes_idle_connections_and_returns_promptly() {
    let server = start().await;
    let mut idle = Client::connect(server.addr).await;
    assert_eq!(idle.request("GET", "/v1/stats", None, b"").await.status, 200);
    let started = Instant::now();
    let _ = server.stop.send(());
    tokio::time::timeout(DRAIN_TIMEOUT + Duration::from_secs(1), server.task).await.expect("serve returns").unwrap();
    assert!(started.elapsed() < DRAIN_TIMEOUT + Duration::from_secs(1));
    assert!(idle.is_closed().await);
    assert!(tokio::net::TcpStream::connect(server.addr).await.is_err(), "no longer accepting");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_flight_request_finishes_after_the_stop_signal() {
    let server = start().await;
    let mut c = Client::connect(server.addr).await;
    let body = br#"[{"key":"late","ts":1,"value":1,"kind":"reading"}]"#;
    // Headers now, body after the stop signal: the request is in flight when the stop comes.
    c.send_raw(
        format!(
            "POST /v1/events HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .as_bytes(),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    let _ = server.stop.send(());
    tokio::time::sleep(Duration::from_millis(100)).await;
    c.send_raw(body).await;
    let reply = c.read_reply().await.expect("the in-flight request is answered");
    assert_eq!((reply.status, reply.json()["accepted"].as_u64()), (200, Some(1)));
    tokio::time::timeout(DRAIN_TIMEOUT + Duration::from_secs(1), server.task).await.expect("serve returns").unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unread_bodies_of_early_errors_are_drained_and_the_connection_kept() {
    let server = start().await;
    let mut c = Client::connect(server.addr).await;
    for (method, path, ct, expected) in [
        ("POST", "/nope", JSON, 404),
        ("PUT", "/v1/events", JSON, 405),
        ("POST", "/v1/events", TEXT, 415),
        ("POST", "/v1/reset", None, 200),
    ] {
        let reply = c.request(method, path, ct, &vec![b'x'; 10_000]).await;
        assert_eq!((reply.status, reply.header("connection")), (expected, None), "{method} {path}");
    }
    assert_eq!(c.request("GET", "/health", None, b"").await.status, 200);
    let _ = server.stop.send(());
}
