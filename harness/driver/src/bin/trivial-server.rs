//! `trivial-server [--host H] [--port P]`: the smallest fast HTTP/1.1 keep-alive server. It
//! answers 200 `{"ok":true}` to any request (bodies with Content-Length are read and ignored),
//! on one thread with epoll. Prints `listening PORT` once ready (`--port 0` picks a free port).
//! Used to measure the load driver's own floor: the server does almost nothing.
use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::fd::AsRawFd;

use latency_driver::socket::{Epoll, READ};

const RESPONSE: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}";
const LISTENER: u64 = u64::MAX;

struct Client {
    stream: TcpStream,
    buf: Vec<u8>,
}

/// Length of the first complete request in `buf`, if any; Err on a malformed header.
fn request_len(buf: &[u8]) -> Result<Option<usize>, ()> {
    let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
        return if buf.len() > 64 * 1024 { Err(()) } else { Ok(None) };
    };
    let head = std::str::from_utf8(&buf[..end]).map_err(|_| ())?;
    let mut body = 0usize;
    for line in head.split("\r\n").skip(1) {
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                body = value.trim().parse().map_err(|_| ())?;
            } else if name.eq_ignore_ascii_case("transfer-encoding") {
                return Err(());
            }
        }
    }
    let total = end + 4 + body;
    Ok(if buf.len() >= total { Some(total) } else { None })
}

/// Reads what is available and answers every complete request. false = close the connection.
fn serve(c: &mut Client) -> bool {
    let mut chunk = [0u8; 16 * 1024];
    loop {
        match c.stream.read(&mut chunk) {
            Ok(0) => return false,
            Ok(n) => {
                c.buf.extend_from_slice(&chunk[..n]);
                if n < chunk.len() {
                    break;
                }
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
    let mut out = Vec::new();
    loop {
        match request_len(&c.buf) {
            Ok(Some(n)) => {
                c.buf.drain(..n);
                out.extend_from_slice(RESPONSE);
            }
            Ok(None) => break,
            Err(()) => return false,
        }
    }
    // Responses are tiny: a blocking write of a few hundred bytes into an empty socket buffer
    // completes at once, so the server stays simple.
    if !out.is_empty() {
        c.stream.set_nonblocking(false).ok();
        let ok = c.stream.write_all(&out).is_ok();
        c.stream.set_nonblocking(true).ok();
        return ok;
    }
    true
}

fn main() {
    let mut host = "127.0.0.1".to_string();
    let mut port = 0u16;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--host" => host = args.next().unwrap_or_default(),
            "--port" => port = args.next().and_then(|p| p.parse().ok()).unwrap_or_else(|| {
                eprintln!("trivial-server: --port needs a number");
                std::process::exit(2)
            }),
            _ => {
                eprintln!("usage: trivial-server [--host H] [--port P]");
                std::process::exit(2);
            }
        }
    }
    let listener = TcpListener::bind((host.as_str(), port)).unwrap_or_else(|e| {
        eprintln!("trivial-server: cannot listen on {host}:{port}: {e}");
        std::process::exit(1)
    });
    listener.set_nonblocking(true).expect("nonblocking listener");
    let epoll = Epoll::new().expect("epoll");
    epoll.add(listener.as_raw_fd(), READ, LISTENER).expect("register listener");
    println!("listening {}", listener.local_addr().expect("bound address").port());
    io::stdout().flush().ok();

    let mut clients: HashMap<u64, Client> = HashMap::new();
    let mut next_id = 0u64;
    let mut events = vec![libc::epoll_event { events: 0, u64: 0 }; 512];
    loop {
        let n = epoll.wait(&mut events, -1).expect("epoll_wait");
        for ev in &events[..n] {
            // epoll_event is packed: copy the token out instead of borrowing it.
            let token = ev.u64;
            if token == LISTENER {
                while let Ok((stream, _)) = listener.accept() {
                    stream.set_nonblocking(true).ok();
                    stream.set_nodelay(true).ok();
                    if epoll.add(stream.as_raw_fd(), READ, next_id).is_ok() {
                        clients.insert(next_id, Client { stream, buf: Vec::new() });
                        next_id += 1;
                    }
                }
                continue;
            }
            let keep = clients.get_mut(&token).is_some_and(serve);
            if !keep {
                if let Some(c) = clients.remove(&token) {
                    epoll.delete(c.stream.as_raw_fd());
                }
            }
        }
    }
}
