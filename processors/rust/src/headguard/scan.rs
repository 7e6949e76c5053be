//! The framing of one connection's request stream, as hyper (httparse) reads it.

/// Longer lines are not followed: hyper refuses a head over the server's 64 KiB anyway.
const MAX_LINE: usize = 64 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// A request head, line by line.
    Head,
    /// A Content-Length body: `remaining` bytes to skip.
    Body,
    /// A chunk-size line.
    ChunkLine,
    /// Chunk data: `remaining` bytes to skip.
    ChunkData,
    /// The CR, then the LF, after chunk data.
    ChunkCr,
    ChunkLf,
    /// Trailer lines, up to an empty one.
    Trailer,
    /// Not following this connection any more.
    Stopped,
}

/// Follows the bytes read from one connection, in order.
#[derive(Debug)]
pub struct Scanner {
    state: State,
    /// The start of a line that continues in the next read.
    pending: Vec<u8>,
    remaining: u64,
    seen_request_line: bool,
    content_length: Option<u64>,
    has_te: bool,
    te_chunked: bool,
    chunked_heads: u64,
    both_framings: u64,
}

impl Default for Scanner {
    fn default() -> Self {
        Scanner {
            state: State::Head,
            pending: Vec::new(),
            remaining: 0,
            seen_request_line: false,
            content_length: None,
            has_te: false,
            te_chunked: false,
            chunked_heads: 0,
            both_framings: 0,
        }
    }
}

impl Scanner {
    pub fn stopped(&self) -> bool {
        self.state == State::Stopped
    }

    /// The ordinal, among this connection's chunked requests (1 = the first), of the first head
    /// that also had Content-Length; 0 while there is none. The scanner stops there: that
    /// request ends the connection.
    pub fn both_framings(&self) -> u64 {
        self.both_framings
    }

    /// Heads with Transfer-Encoding: chunked seen so far.
    pub fn chunked_heads(&self) -> u64 {
        self.chunked_heads
    }

    /// Whether the stream so far ended exactly between two requests.
    pub fn between_requests(&self) -> bool {
        self.state == State::Head && self.pending.is_empty() && !self.seen_request_line
    }

    /// Follows `bytes`, the next bytes read from the connection.
    pub fn scan(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() && self.state != State::Stopped {
            match self.state {
                State::Body | State::ChunkData => {
                    let n = self.remaining.min(bytes.len() as u64);
                    self.remaining -= n;
                    bytes = &bytes[n as usize..];
                    if self.remaining == 0 {
                        self.state = if self.state == State::Body { State::Head } else { State::ChunkCr };
                    }
                }
                State::ChunkCr | State::ChunkLf => {
                    let want = if self.state == State::ChunkCr { b'\r' } else { b'\n' };
                    self.state = match (bytes[0] == want, self.state) {
                        (true, State::ChunkCr) => State::ChunkLf,
                        (true, _) => State::ChunkLine,
                        (false, _) => State::Stopped,
                    };
                    bytes = &bytes[1..];
                }
                _ => {
                    let Some(i) = bytes.iter().position(|&b| b == b'\n') else {
                        if self.pending.len() + bytes.len() > MAX_LINE {
                            self.state = State::Stopped;
                        } else {
                            self.pending.extend_from_slice(bytes);
                        }
                        return;
                    };
                    let (line, rest) = bytes.split_at(i + 1);
                    if self.pending.is_empty() {
                        self.line(line);
                    } else {
                        let mut joined = std::mem::take(&mut self.pending);
                        joined.extend_from_slice(line);
                        self.line(&joined);
                        joined.clear();
                        self.pending = joined;
                    }
                    bytes = rest;
                }
            }
        }
    }

    /// One complete line, its `\n` included.
    fn line(&mut self, line: &[u8]) {
        match self.state {
            State::Head => self.head_line(trim_eol(line)),
            State::ChunkLine => self.chunk_line(line),
            State::Trailer => {
                // hyper ends trailer lines at CRLF only.
                if !line.ends_with(b"\r\n") {
                    self.state = State::Stopped;
                } else if line.len() == 2 {
                    self.state = State::Head;
                }
            }
            _ => unreachable!("line() is only called in the line states"),
        }
    }

    fn head_line(&mut self, line: &[u8]) {
        if !self.seen_request_line {
            if line.is_empty() {
                return; // httparse skips blank lines before the request line
            }
            if !line.ends_with(b" HTTP/1.1") || line.starts_with(b"CONNECT ") {
                self.state = State::Stopped; // HTTP/1.0 frames by other rules; CONNECT tunnels
            } else {
                self.seen_request_line = true;
            }
            return;
        }
        if line.is_empty() {
            self.end_of_head();
            return;
        }
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            self.state = State::Stopped; // httparse refuses the head (a folded line too)
            return;
        };
        let (name, value) = (&line[..colon], trim_ows(&line[colon + 1..]));
        if name.eq_ignore_ascii_case(b"content-length") {
            match (digits(value), self.content_length) {
                (Some(n), None) => self.content_length = Some(n),
                (Some(n), Some(prev)) if n == prev => {}
                _ => self.state = State::Stopped, // hyper refuses a bad or conflicting length
            }
        } else if name.eq_ignore_ascii_case(b"transfer-encoding") {
            // As hyper: each Transfer-Encoding line decides by its last coding.
            self.has_te = true;
            let last = value.rsplit(|&b| b == b',').next().map_or(&[][..], trim_ows);
            self.te_chunked = last.eq_ignore_ascii_case(b"chunked");
        }
    }

    fn end_of_head(&mut self) {
        let (content_length, has_te, te_chunked) = (self.content_length, self.has_te, self.te_chunked);
        self.seen_request_line = false;
        self.content_length = None;
        self.has_te = false;
        self.te_chunked = false;
        if has_te {
            if !te_chunked {
                self.state = State::Stopped; // hyper answers 400 and closes
                return;
            }
            self.chunked_heads += 1;
            if content_length.is_some() {
                self.both_framings = self.chunked_heads;
                self.state = State::Stopped;
                return;
            }
            self.state = State::ChunkLine;
        } else if let Some(n) = content_length.filter(|&n| n > 0) {
            self.remaining = n;
            self.state = State::Body;
        }
    }

    /// hyper's chunk-size line: hex digits, optional blanks, an optional extension, then CRLF.
    fn chunk_line(&mut self, line: &[u8]) {
        let Some(body) = line.strip_suffix(b"\r\n") else {
            self.state = State::Stopped;
            return;
        };
        let size_end = body.iter().position(|&b| !b.is_ascii_hexdigit()).unwrap_or(body.len());
        let (size, after) = body.split_at(size_end);
        let after = trim_ows_start(after);
        let well_formed =
            !size.is_empty() && size.len() <= 16 && (after.is_empty() || after[0] == b';') && !after.contains(&b'\r');
        let Some(n) = well_formed.then(|| u64::from_str_radix(std::str::from_utf8(size).ok()?, 16).ok()).flatten()
        else {
            self.state = State::Stopped;
            return;
        };
        if n == 0 {
            self.state = State::Trailer;
        } else {
            self.remaining = n;
            self.state = State::ChunkData;
        }
    }
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let line = &line[..line.len() - 1];
    line.strip_suffix(b"\r").unwrap_or(line)
}

fn trim_ows_start(b: &[u8]) -> &[u8] {
    let start = b.iter().position(|&c| c != b' ' && c != b'\t').unwrap_or(b.len());
    &b[start..]
}

fn trim_ows(b: &[u8]) -> &[u8] {
    let b = trim_ows_start(b);
    let end = b.iter().rposition(|&c| c != b' ' && c != b'\t').map_or(0, |i| i + 1);
    &b[..end]
}

/// A Content-Length value as hyper reads it: decimal digits only.
fn digits(b: &[u8]) -> Option<u64> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(b).ok()?.parse().ok()
}

#[cfg(test)]
mod tests;
