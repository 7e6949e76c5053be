use super::Scanner;

/// A small seeded generator: the tests need varied input, not statistical quality.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// Scans `stream` in reads of random sizes, as a socket would deliver it.
fn feed(scanner: &mut Scanner, stream: &[u8], rng: &mut Rng) {
    let mut rest = stream;
    while !rest.is_empty() {
        let n = 1 + rng.below(rest.len().min(700));
        scanner.scan(&rest[..n]);
        rest = &rest[n..];
    }
}

fn random_case(name: &str, rng: &mut Rng) -> String {
    name.chars().map(|c| if rng.below(2) == 0 { c.to_ascii_uppercase() } else { c }).collect()
}

/// Body text that looks like a head with both framings: the scanner must skip it.
const TEMPTING: &str = "\r\n\r\nPOST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n";

/// One request hyper accepts: no body, a Content-Length body, or a chunked body (random chunk
/// sizes, extensions, blanks after the size, trailers). Returns it and whether it is chunked.
fn ordinary_request(rng: &mut Rng) -> (String, bool) {
    let mut out = String::new();
    if rng.below(5) == 0 {
        out.push_str("\r\n");
    }
    let body = format!("{}{TEMPTING}{}", "x".repeat(rng.below(300)), "y".repeat(rng.below(300)));
    let eol = if rng.below(4) == 0 { "\n" } else { "\r\n" }; // httparse also ends head lines at LF
    match rng.below(3) {
        0 => (format!("{out}GET /v1/stats HTTP/1.1{eol}Host: x{eol}{eol}"), false),
        1 => {
            let cl = random_case("content-length", rng);
            (format!("{out}POST /v1/events HTTP/1.1{eol}Host: x{eol}{cl}:  {} {eol}{eol}{body}", body.len()), false)
        }
        _ => {
            let te = random_case("transfer-encoding", rng);
            out.push_str(&format!("POST /v1/events HTTP/1.1{eol}{te}: chunked{eol}Host: x{eol}{eol}"));
            let mut rest = body.as_str();
            while !rest.is_empty() {
                let n = 1 + rng.below(rest.len());
                let ext = ["", ";name=value", " \t", " ; a"][rng.below(4)];
                out.push_str(&format!("{n:x}{ext}\r\n{}\r\n", &rest[..n]));
                rest = &rest[n..];
            }
            out.push_str("0\r\n");
            if rng.below(3) == 0 {
                out.push_str("X-Trailer: 1\r\n");
            }
            out.push_str("\r\n");
            (out, true)
        }
    }
}

#[test]
fn ordinary_requests_are_never_reported_and_followed_to_the_end() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for round in 0..300 {
        let mut scanner = Scanner::default();
        let mut stream = String::new();
        let mut chunked = 0;
        for _ in 0..1 + rng.below(12) {
            let (raw, is_chunked) = ordinary_request(&mut rng);
            stream.push_str(&raw);
            chunked += u64::from(is_chunked);
        }
        feed(&mut scanner, stream.as_bytes(), &mut rng);
        assert!(
            scanner.between_requests() && scanner.both_framings() == 0 && scanner.chunked_heads() == chunked,
            "round {round}: {scanner:?}\n{stream:?}"
        );
    }
}

#[test]
fn reports_the_first_head_with_both_framings_by_its_chunked_ordinal() {
    for both in
        ["Content-Length: 4\r\nTransfer-Encoding: chunked\r\n", "transfer-encoding: chunked\r\ncontent-length: 4\r\n"]
    {
        let stream = format!(
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n[]\r\n0\r\n\r\n\
             POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\n[]\
             POST / HTTP/1.1\r\n{both}\r\n2\r\n[]\r\n0\r\n\r\n"
        );
        let mut scanner = Scanner::default();
        feed(&mut scanner, stream.as_bytes(), &mut Rng(7));
        assert_eq!(scanner.both_framings(), 2, "{both:?}");
    }
}

#[test]
fn stops_without_reporting_where_hyper_frames_differently() {
    for (name, stream) in [
        ("HTTP/1.0", "POST / HTTP/1.0\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"),
        ("folded header", "POST / HTTP/1.1\r\nX-A: 1\r\n folded\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"),
        (
            "bare LF in chunks",
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\n[]\r\n0\r\n\r\nPOST / HTTP/1.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n",
        ),
        ("not chunked last", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\nContent-Length: 4\r\n\r\n"),
    ] {
        let mut scanner = Scanner::default();
        scanner.scan(stream.as_bytes());
        assert!(scanner.stopped() && scanner.both_framings() == 0, "{name}: {scanner:?}");
    }
}
