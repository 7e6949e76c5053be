//! The spec's HTTP edge rules on the wire (processors/README.md, "HTTP edge rules"): the request
//! head limit, and a request with both Content-Length and Transfer-Encoding.

mod common;

use std::net::SocketAddr;
use std::sync::Arc;

use common::Client;
use processor::http::{App, RuntimeInfo};
use processor::server::serve;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

async fn start() -> (SocketAddr, oneshot::Sender<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = Arc::new(App::new(4 << 20, RuntimeInfo { worker_threads: 2, flavor: "multi_thread" }, || None));
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(serve(listener, app, async move {
        let _ = stopped.await;
    }));
    (addr, stop)
}

/// A GET /v1/stats whose head (request line, headers, blank line) is exactly `bytes` long.
fn head_of(bytes: usize) -> Vec<u8> {
    let start = "GET /v1/stats HTTP/1.1\r\nHost: x\r\nX-Pad: ";
    let end = "\r\n\r\n";
    format!("{start}{}{end}", "a".repeat(bytes - start.len() - end.len())).into_bytes()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_16_kib_head_is_accepted() {
    let (addr, _stop) = start().await;
    let mut c = Client::connect(addr).await;
    c.send_raw(&head_of(16 * 1024)).await;
    assert_eq!(c.read_reply().await.expect("a response").status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_head_over_64_kib_is_431_and_the_connection_closed() {
    let (addr, _stop) = start().await;
    let mut c = Client::connect(addr).await;
    c.send_raw(&head_of(64 * 1024 + 1)).await;
    let reply = c.read_reply().await.expect("a response");
    assert_eq!((reply.status, reply.header("connection")), (431, Some("close")));
    assert!(c.is_closed().await);
    assert_eq!(Client::connect(addr).await.request("GET", "/health", None, b"").await.status, 200);
}

/// A POST /v1/events whose one-event body is framed both ways.
fn both_framings(cl_first: bool) -> Vec<u8> {
    let body = r#"[{"key":"a","ts":1,"value":1,"kind":"reading"}]"#;
    let (cl, te) = ("Content-Length: 4\r\n", "Transfer-Encoding: chunked\r\n");
    let (first, second) = if cl_first { (cl, te) } else { (te, cl) };
    format!(
        "POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n{first}{second}\r\n{:x}\r\n{body}\r\n0\r\n\r\n",
        body.len()
    )
    .into_bytes()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn content_length_with_transfer_encoding_is_400_and_the_connection_closed() {
    let (addr, _stop) = start().await;
    for cl_first in [true, false] {
        let mut c = Client::connect(addr).await;
        c.send_raw(&both_framings(cl_first)).await;
        let reply = c.read_reply().await.expect("a response");
        assert_eq!((reply.status, reply.header("connection")), (400, Some("close")), "CL first: {cl_first}");
        assert!(reply.json()["error"].as_str().is_some_and(|e| !e.is_empty()));
        assert!(c.is_closed().await);
    }
    let stats = Client::connect(addr).await.request("GET", "/v1/stats", None, b"").await.json();
    assert_eq!(stats["events"], 0, "a refused request must apply nothing");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chunked_requests_before_a_refused_one_on_the_same_connection_are_served() {
    let (addr, _stop) = start().await;
    let chunked = b"POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n[]\r\n0\r\n\r\n";
    let mut c = Client::connect(addr).await;
    // Pipelined: two ordinary chunked requests, then one framed both ways.
    c.send_raw(&[&chunked[..], &chunked[..], &both_framings(true)].concat()).await;
    let statuses = [c.read_reply().await, c.read_reply().await, c.read_reply().await].map(|r| r.map(|r| r.status));
    assert_eq!(statuses, [Some(200), Some(200), Some(400)]);
}
