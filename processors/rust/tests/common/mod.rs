//! A raw HTTP/1.1 client over TCP, so tests can send exactly the bytes they mean (invalid UTF-8,
//! chunked bodies, lying headers) and see exactly what comes back.

#![allow(dead_code)]

use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("JSON body")
    }
}

pub struct Client {
    stream: BufReader<TcpStream>,
}

impl Client {
    pub async fn connect(addr: std::net::SocketAddr) -> Client {
        Client { stream: BufReader::new(TcpStream::connect(addr).await.expect("connect")) }
    }

    pub async fn send_raw(&mut self, bytes: &[u8]) {
        self.stream.get_mut().write_all(bytes).await.expect("write");
    }

    pub async fn request(&mut self, method: &str, path: &str, content_type: Option<&str>, body: &[u8]) -> Reply {
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: test\r\nContent-Length: {}\r\n", body.len());
        if let Some(ct) = content_type {
            head.push_str(&format!("Content-Type: {ct}\r\n"));
        }
        head.push_str("\r\n");
        self.send_raw(head.as_bytes()).await;
        self.send_raw(body).await;
        self.read_reply().await.expect("a response")
    }

    /// Reads one response; `None` if the server closed the connection first.
    pub async fn read_reply(&mut self) -> Option<Reply> {
        tokio::time::timeout(Duration::from_secs(10), self.read_reply_inner()).await.expect("response within 10 s")
    }

    async fn read_reply_inner(&mut self) -> Option<Reply> {
        let mut line = String::new();
        if self.stream.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let status: u16 = line.split_whitespace().nth(1)?.parse().ok()?;
        let mut headers = Vec::new();
        loop {
            line.clear();
            self.stream.read_line(&mut line).await.ok()?;
            let trimmed = line.trim_end();
            if trimmed.is_empty() {
                break;
            }
            let (name, value) = trimmed.split_once(':')?;
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
        let length: usize = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
            .map_or(0, |(_, v)| v.parse().unwrap());
        let mut body = vec![0; length];
        self.stream.read_exact(&mut body).await.ok()?;
        Some(Reply { status, headers, body })
    }

    /// True when the server has closed the connection (EOF within a second).
    pub async fn is_closed(&mut self) -> bool {
        let mut buf = [0u8; 1];
        matches!(tokio::time::timeout(Duration::from_secs(1), self.stream.read(&mut buf)).await, Ok(Ok(0)) | Ok(Err(_)))
    }
}
