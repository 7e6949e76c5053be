//! The request pool: a JSONL file, one request per line:
//! `{"method":"POST","path":"/v1/events","content_type":"application/json","body_base64":"…","kind":1}`
//! (`content_type`, `body_base64` optional; `kind` is a small label id copied into each record).
//! Each entry is serialised once into the exact bytes sent on the wire.
use base64::Engine as _;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    method: String,
    path: String,
    #[serde(default)]
    content_type: Option<String>,
    #[serde(default)]
    body_base64: Option<String>,
    #[serde(default)]
    kind: u8,
}

#[derive(Debug, Clone)]
pub struct PoolEntry {
    pub wire: Vec<u8>,
    pub kind: u8,
}

pub fn parse_pool(text: &str, host: &str, port: u16) -> Result<Vec<PoolEntry>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let l: Line = serde_json::from_str(line).map_err(|e| format!("pool line {}: {e}", n + 1))?;
        if l.method.is_empty() || !l.method.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(format!("pool line {}: method must be upper-case letters", n + 1));
        }
        if !l.path.starts_with('/') || l.path.bytes().any(|b| b <= b' ' || b == 0x7f) {
            return Err(format!("pool line {}: path must start with / and contain no spaces or control bytes", n + 1));
        }
        let body = match &l.body_base64 {
            Some(b) => base64::engine::general_purpose::STANDARD.decode(b).map_err(|e| format!("pool line {}: body_base64: {e}", n + 1))?,
            None => Vec::new(),
        };
        let mut wire = format!("{} {} HTTP/1.1\r\nHost: {}:{}\r\n", l.method, l.path, host, port).into_bytes();
        if let Some(ct) = &l.content_type {
            if ct.bytes().any(|b| b == b'\r' || b == b'\n') {
                return Err(format!("pool line {}: content_type contains a line break", n + 1));
            }
            wire.extend_from_slice(format!("Content-Type: {ct}\r\n").as_bytes());
        }
        if !body.is_empty() || l.method != "GET" {
            wire.extend_from_slice(format!("Content-Length: {}\r\n", body.len()).as_bytes());
        }
        wire.extend_from_slice(b"\r\n");
        wire.extend_from_slice(&body);
        out.push(PoolEntry { wire, kind: l.kind });
    }
    if out.is_empty() {
        return Err("request pool is empty".to_string());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_entry_serialises_with_length_and_type() {
        let p = parse_pool(r#"{"method":"POST","path":"/v1/events","content_type":"application/json","body_base64":"eyJhIjoxfQ==","kind":3}"#, "127.0.0.1", 8080).unwrap();
        assert_eq!(p[0].kind, 3);
        assert_eq!(
            String::from_utf8(p[0].wire.clone()).unwrap(),
            "POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{\"a\":1}"
        );
    }

    #[test]
    fn get_entry_has_no_length() {
        let p = parse_pool("{\"method\":\"GET\",\"path\":\"/health\"}\n\n", "h", 1).unwrap();
        assert_eq!(String::from_utf8(p[0].wire.clone()).unwrap(), "GET /health HTTP/1.1\r\nHost: h:1\r\n\r\n");
    }

    #[test]
    fn header_injection_is_rejected() {
        assert!(parse_pool(r#"{"method":"GET","path":"/a b"}"#, "h", 1).is_err());
        assert!(parse_pool(r#"{"method":"GET","path":"/","content_type":"a\r\nX: y"}"#, "h", 1).is_err());
    }
}
