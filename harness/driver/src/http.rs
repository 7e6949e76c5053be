//! A minimal HTTP/1.1 response parser: status line, Content-Length, chunked bodies, close-delimited
//! bodies, `Connection: close`. It is incremental: feed it the whole buffer so far and it returns
//! the response's length once complete, remembering where it got to (headers, chunk position).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Complete {
    pub status: u16,
    /// Bytes of the buffer the response used (the rest belongs to nothing: we never pipeline).
    pub consumed: usize,
    /// The server will close (or has closed) the connection after this response.
    pub close: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Body {
    Length(usize),
    /// Offset of the next chunk-size line.
    Chunked(usize),
    UntilClose,
}

#[derive(Debug, Clone, Copy)]
struct Head {
    status: u16,
    header_len: usize,
    body: Body,
    close: bool,
}

#[derive(Debug, Default)]
pub struct Parser {
    head: Option<Head>,
}

#[derive(Debug, PartialEq, Eq)]
pub struct ParseError(pub &'static str);

const MAX_HEADER_BYTES: usize = 64 * 1024;

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if hay.len() < needle.len() || from > hay.len() - needle.len() {
        return None;
    }
    hay[from..].windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

fn parse_head(buf: &[u8], header_len: usize) -> Result<Head, ParseError> {
    let text = std::str::from_utf8(&buf[..header_len]).map_err(|_| ParseError("non-UTF-8 header"))?;
    let mut lines = text.split("\r\n");
    let status_line = lines.next().ok_or(ParseError("empty response"))?;
    let mut parts = status_line.splitn(3, ' ');
    let version = parts.next().unwrap_or("");
    let http10 = match version {
        "HTTP/1.1" => false,
        "HTTP/1.0" => true,
        _ => return Err(ParseError("bad status line")),
    };
    let code = parts.next().unwrap_or("");
    if code.len() != 3 {
        return Err(ParseError("bad status code"));
    }
    let status: u16 = code.parse().map_err(|_| ParseError("bad status code"))?;
    let mut length: Option<usize> = None;
    let mut chunked = false;
    let mut close = http10;
    for line in lines {
        if line.is_empty() {
            continue;
        }
        let (name, value) = line.split_once(':').ok_or(ParseError("bad header line"))?;
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            let n: usize = value.parse().map_err(|_| ParseError("bad content-length"))?;
            if length.is_some_and(|m| m != n) {
                return Err(ParseError("conflicting content-length"));
            }
            length = Some(n);
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            chunked = value.rsplit(',').next().is_some_and(|last| last.trim().eq_ignore_ascii_case("chunked"));
        } else if name.eq_ignore_ascii_case("connection") {
            for token in value.split(',') {
                let t = token.trim();
                if t.eq_ignore_ascii_case("close") {
                    close = true;
                } else if t.eq_ignore_ascii_case("keep-alive") && http10 {
                    close = false;
                }
            }
        }
    }
    let no_body = (100..200).contains(&status) || status == 204 || status == 304;
    let body = if no_body {
        Body::Length(0)
    } else if chunked {
        Body::Chunked(header_len)
    } else if let Some(n) = length {
        Body::Length(n)
    } else {
        close = true;
        Body::UntilClose
    };
    Ok(Head { status, header_len, body, close })
}

impl Parser {
    pub fn reset(&mut self) {
        self.head = None;
    }

    /// `eof`: the peer closed its side; a close-delimited body is then complete.
    pub fn poll(&mut self, buf: &[u8], eof: bool) -> Result<Option<Complete>, ParseError> {
        let head = match self.head {
            Some(h) => h,
            None => match find(buf, b"\r\n\r\n", 0) {
                Some(end) => {
                    let h = parse_head(buf, end + 4)?;
                    self.head = Some(h);
                    h
                }
                None if buf.len() > MAX_HEADER_BYTES => return Err(ParseError("header too large")),
                None if eof && !buf.is_empty() => return Err(ParseError("truncated header")),
                None => return Ok(None),
            },
        };
        let done = |consumed: usize| Ok(Some(Complete { status: head.status, consumed, close: head.close || eof }));
        match head.body {
            Body::Length(n) => {
                let end = head.header_len + n;
                if buf.len() >= end { done(end) } else if eof { Err(ParseError("truncated body")) } else { Ok(None) }
            }
            Body::UntilClose => {
                if eof { done(buf.len()) } else { Ok(None) }
            }
            Body::Chunked(mut pos) => loop {
                let Some(line_end) = find(buf, b"\r\n", pos) else {
                    return if eof { Err(ParseError("truncated chunk")) } else { Ok(None) };
                };
                let line = std::str::from_utf8(&buf[pos..line_end]).map_err(|_| ParseError("bad chunk size"))?;
                let size_text = line.split(';').next().unwrap_or("").trim();
                let size = usize::from_str_radix(size_text, 16).map_err(|_| ParseError("bad chunk size"))?;
                if size == 0 {
                    // Trailers (rare) end with an empty line; without trailers the empty line follows directly.
                    let after = line_end + 2;
                    if buf.len() >= after + 2 && &buf[after..after + 2] == b"\r\n" {
                        return done(after + 2);
                    }
                    return match find(buf, b"\r\n\r\n", line_end) {
                        Some(e) => done(e + 4),
                        None if eof => Err(ParseError("truncated trailers")),
                        None => Ok(None),
                    };
                }
                let data_end = line_end + 2 + size;
                if buf.len() < data_end + 2 {
                    return if eof { Err(ParseError("truncated chunk")) } else { Ok(None) };
                }
                if &buf[data_end..data_end + 2] != b"\r\n" {
                    return Err(ParseError("chunk not followed by CRLF"));
                }
                pos = data_end + 2;
                self.head = Some(Head { body: Body::Chunked(pos), ..head });
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(buf: &[u8]) -> Result<Option<Complete>, ParseError> {
        Parser::default().poll(buf, false)
    }

    #[test]
    fn content_length_response_completes() {
        let r = b"HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n{\"ok\":true}";
        assert_eq!(whole(r).unwrap(), Some(Complete { status: 200, consumed: r.len(), close: false }));
    }

    #[test]
    fn partial_body_waits_then_completes() {
        let r = b"HTTP/1.1 404 Not Found\r\ncontent-length: 4\r\n\r\nabcd";
        let mut p = Parser::default();
        assert_eq!(p.poll(&r[..20], false).unwrap(), None);
        assert_eq!(p.poll(&r[..r.len() - 1], false).unwrap(), None);
        assert_eq!(p.poll(r, false).unwrap().unwrap().status, 404);
    }

    #[test]
    fn chunked_body_completes_across_reads() {
        let r = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n3;x=y\r\nefg\r\n0\r\n\r\n";
        let mut p = Parser::default();
        for cut in [30, 50, 60, r.len() - 1] {
            assert_eq!(p.poll(&r[..cut], false).unwrap(), None, "cut {cut}");
        }
        assert_eq!(p.poll(r, false).unwrap(), Some(Complete { status: 200, consumed: r.len(), close: false }));
    }

    #[test]
    fn chunked_with_trailers_completes() {
        let r = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\nX-T: 1\r\n\r\n";
        assert_eq!(whole(r).unwrap().unwrap().consumed, r.len());
    }

    #[test]
    fn connection_close_is_reported() {
        let r = b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
        assert!(whole(r).unwrap().unwrap().close);
    }

    #[test]
    fn close_delimited_body_needs_eof() {
        let r = b"HTTP/1.0 200 OK\r\n\r\nhello";
        let mut p = Parser::default();
        assert_eq!(p.poll(r, false).unwrap(), None);
        assert_eq!(p.poll(r, true).unwrap(), Some(Complete { status: 200, consumed: r.len(), close: true }));
    }

    #[test]
    fn garbage_is_a_parse_error() {
        assert!(whole(b"HELLO\r\n\r\n").is_err());
        assert!(whole(b"HTTP/1.1 2x0 OK\r\n\r\n").is_err());
        assert!(Parser::default().poll(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab", true).is_err());
    }
}
