//! Routing and the HTTP side of each route. Checks run in the specified order:
//! 404 unknown path → 405 wrong method → 415 content type → 413 body size → 400 UTF-8 → route.

use std::time::Instant;

use bytes::{Buf, Bytes};
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::Body;
use hyper::header::{HeaderMap, HeaderValue, ALLOW, CONNECTION, CONTENT_TYPE, EXPECT};
use hyper::http::request::Parts;
use hyper::{Method, Request, Response, StatusCode};
use serde::Serialize;

use crate::metrics::{self, Extra};
use crate::state::Store;

/// How the runtime was built, for `/metrics`.
#[derive(Clone, Copy, Debug)]
pub struct RuntimeInfo {
    pub worker_threads: usize,
    pub flavor: &'static str,
}

/// Shared by every connection: state plus the few settings the handlers need.
pub struct App {
    pub store: Store,
    pub max_body_bytes: u64,
    started: Instant,
    runtime: RuntimeInfo,
    heap_bytes: fn() -> Option<u64>,
}

impl App {
    /// `heap_bytes` reads the tracking allocator when the binary installs it.
    pub fn new(max_body_bytes: u64, runtime: RuntimeInfo, heap_bytes: fn() -> Option<u64>) -> Self {
        App { store: Store::new(), max_body_bytes, started: Instant::now(), runtime, heap_bytes }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Route<'a> {
    Health,
    Metrics,
    Events,
    Key(&'a str),
    Reads,
    Stats,
    Reset,
}

impl Route<'_> {
    /// `path` excludes the query string, which every route ignores.
    fn parse(path: &str) -> Option<Route<'_>> {
        Some(match path {
            "/health" => Route::Health,
            "/metrics" => Route::Metrics,
            "/v1/events" => Route::Events,
            "/v1/reads" => Route::Reads,
            "/v1/stats" => Route::Stats,
            "/v1/reset" => Route::Reset,
            _ => {
                // The key is the raw segment (not percent-decoded); empty or nested is unknown.
                let key = path.strip_prefix("/v1/keys/")?;
                if key.is_empty() || key.contains('/') {
                    return None;
                }
                Route::Key(key)
            }
        })
    }

    fn method(self) -> Method {
        match self {
            Route::Events | Route::Reads | Route::Reset => Method::POST,
            Route::Health | Route::Metrics | Route::Key(_) | Route::Stats => Method::GET,
        }
    }
}

type Reply = Response<Full<Bytes>>;

/// Handles one request. Never fails: every problem is a JSON error response.
pub async fn handle<B>(app: &App, req: Request<B>) -> Reply
where
    B: Body<Data = Bytes>,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let (parts, body) = req.into_parts();
    let mut body = Some(body);
    let mut reply = respond(app, &parts, &mut body).await;
    // A reply sent before its request body was read (404, 405, 415, reset): read the rest and
    // drop it, so the connection stays usable, as Node and Go servers do; close it if the body
    // is larger than we are willing to read.
    if let Some(unread) = body {
        if !discard(unread, drain_cap(app.max_body_bytes)).await {
            reply = closing(reply);
        }
    }
    reply
}

/// Routing and the route handlers; a handler that reads the body takes it out of `body`.
async fn respond<B>(app: &App, parts: &Parts, body: &mut Option<B>) -> Reply
where
    B: Body<Data = Bytes>,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let Some(route) = Route::parse(parts.uri.path()) else {
        return error(StatusCode::NOT_FOUND, "not found");
    };
    let allowed = route.method();
    // HEAD is answered as GET; hyper leaves the body out.
    let method_ok = parts.method == allowed || (allowed == Method::GET && parts.method == Method::HEAD);
    if !method_ok {
        let mut reply = error(StatusCode::METHOD_NOT_ALLOWED, "method not allowed");
        let allow = if allowed == Method::GET { "GET, HEAD" } else { "POST" };
        reply.headers_mut().insert(ALLOW, HeaderValue::from_static(allow));
        return reply;
    }

    match route {
        Route::Health => {
            json(StatusCode::OK, &Health { status: "ok", implementation: crate::IMPL_NAME, version: crate::VERSION })
        }
        Route::Metrics => {
            let extra = Extra { worker_threads: app.runtime.worker_threads, runtime_flavor: app.runtime.flavor };
            json(StatusCode::OK, &metrics::collect(app.started, (app.heap_bytes)(), extra))
        }
        Route::Stats => json(StatusCode::OK, &app.store.stats()),
        // The body is ignored: no content-type, size or UTF-8 check.
        Route::Reset => {
            app.store.reset();
            json(StatusCode::OK, &ResetDone { reset: true })
        }
        Route::Key(key) => match app.store.key(key) {
            Some(snapshot) => json(StatusCode::OK, &snapshot),
            None => error(StatusCode::NOT_FOUND, "unknown key"),
        },
        Route::Events => match post_body(app, &parts.headers, body, "application/json").await {
            Ok(body) => match std::str::from_utf8(&body) {
                Ok(text) => ingest(app, text),
                Err(_) => not_utf8(),
            },
            Err(reply) => reply,
        },
        Route::Reads => match post_body(app, &parts.headers, body, "text/plain").await {
            Ok(body) => match std::str::from_utf8(&body) {
                Ok(text) => reads(app, text),
                Err(_) => not_utf8(),
            },
            Err(reply) => reply,
        },
    }
}

/// How many bytes of a body we read only to throw away (an unread or oversize body), so that a
/// client that writes its whole body before reading the reply gets the reply rather than a
/// broken pipe. Beyond this the connection is closed instead.
fn drain_cap(limit: u64) -> u64 {
    limit.saturating_add(limit.max(1 << 20))
}

/// Reads and drops a body; false when it is over `cap` or broken (then the caller closes).
async fn discard<B: Body>(body: B, cap: u64) -> bool {
    if body.is_end_stream() {
        return true;
    }
    if body.size_hint().lower() > cap {
        return false;
    }
    let mut body = std::pin::pin!(body);
    let mut read: u64 = 0;
    while let Some(frame) = body.frame().await {
        let Ok(frame) = frame else { return false };
        if let Some(data) = frame.data_ref() {
            read += data.remaining() as u64;
            if read > cap {
                return false;
            }
        }
    }
    true
}

fn ingest(app: &App, body: &str) -> Reply {
    match app.store.ingest(body) {
        Ok(ingested) => json(StatusCode::OK, &ingested),
        Err(e) => error(StatusCode::BAD_REQUEST, &e.to_string()),
    }
}

fn reads(app: &App, body: &str) -> Reply {
    match app.store.analyze_reads(body.as_bytes()) {
        Ok(stats) => json(StatusCode::OK, &stats),
        Err(e) => json(
            StatusCode::BAD_REQUEST,
            &FastqFailure { error: &e.to_string(), record: e.record, reason: e.reason.as_str() },
        ),
    }
}

/// Checks 3 and 4 for a POST body: media type (415), then size (413). The caller checks UTF-8
/// (400) on the bytes in place, without copying them into a `String`.
async fn post_body<B>(app: &App, headers: &HeaderMap, body: &mut Option<B>, media_type: &str) -> Result<Bytes, Reply>
where
    B: Body<Data = Bytes>,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    if !has_media_type(headers, media_type) {
        return Err(error(StatusCode::UNSUPPORTED_MEDIA_TYPE, &format!("Content-Type must be {media_type}")));
    }
    match body.take() {
        Some(body) => read_body(body, headers, app.max_body_bytes).await,
        None => Ok(Bytes::new()),
    }
}

fn not_utf8() -> Reply {
    error(StatusCode::BAD_REQUEST, "request body is not valid UTF-8")
}

/// Reads the whole body, refusing more than `limit` bytes: from `Content-Length` before reading
/// (hyper reports it as the exact size hint), while reading otherwise (chunked).
async fn read_body<B>(body: B, headers: &HeaderMap, limit: u64) -> Result<Bytes, Reply>
where
    B: Body<Data = Bytes>,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let mut body = std::pin::pin!(body);
    if body.size_hint().lower() > limit {
        // A client waiting for `100 Continue` has not sent the body: answer now and close.
        let drained = !expects_continue(headers) && discard(body, drain_cap(limit)).await;
        return Err(too_large(limit, drained));
    }
    let limit_usize = usize::try_from(limit).unwrap_or(usize::MAX);
    // `Limited` borrows the body, so what is left of it can still be drained after a 413.
    match Limited::new(body.as_mut(), limit_usize).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(e) if e.is::<LengthLimitError>() => {
            let drained = discard(body, drain_cap(limit)).await;
            Err(too_large(limit, drained))
        }
        // The client went away or sent a broken chunked encoding: the connection is unusable.
        Err(_) => Err(closing(error(StatusCode::BAD_REQUEST, "could not read the request body"))),
    }
}

fn expects_continue(headers: &HeaderMap) -> bool {
    headers.get(EXPECT).is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"100-continue"))
}

/// 413; the connection is closed unless the whole body was read (and dropped).
fn too_large(limit: u64, drained: bool) -> Reply {
    let reply = error(StatusCode::PAYLOAD_TOO_LARGE, &format!("request body exceeds {limit} bytes"));
    if drained {
        reply
    } else {
        closing(reply)
    }
}

/// The answer to a request with both Content-Length and Transfer-Encoding (see `headguard`).
pub fn both_framings() -> Reply {
    closing(error(StatusCode::BAD_REQUEST, "request has both Content-Length and Transfer-Encoding"))
}

fn closing(mut reply: Reply) -> Reply {
    reply.headers_mut().insert(CONNECTION, HeaderValue::from_static("close"));
    reply
}

/// Compares the media type case-insensitively, ignoring parameters; missing is wrong.
fn has_media_type(headers: &HeaderMap, expected: &str) -> bool {
    let Some(value) = headers.get(CONTENT_TYPE) else { return false };
    let media = value.as_bytes().split(|&b| b == b';').next().unwrap_or_default();
    media.trim_ascii().eq_ignore_ascii_case(expected.as_bytes())
}

#[derive(Serialize)]
struct Health {
    status: &'static str,
    #[serde(rename = "impl")]
    implementation: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct ResetDone {
    reset: bool,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: &'a str,
}

#[derive(Serialize)]
struct FastqFailure<'a> {
    error: &'a str,
    record: u64,
    reason: &'static str,
}

fn error(status: StatusCode, message: &str) -> Reply {
    json(status, &ErrorBody { error: message })
}

fn json<T: Serialize>(status: StatusCode, value: &T) -> Reply {
    let mut body = Vec::with_capacity(256);
    let mut status = status;
    // Serializing these plain structs cannot fail; keep serving even if it somehow did.
    if serde_json::to_writer(&mut body, value).is_err() {
        body.clear();
        body.extend_from_slice(br#"{"error":"could not encode the response"}"#);
        status = StatusCode::INTERNAL_SERVER_ERROR;
    }
    let mut reply = Response::new(Full::new(Bytes::from(body)));
    *reply.status_mut() = status;
    reply.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    reply
}

#[cfg(test)]
mod tests;
