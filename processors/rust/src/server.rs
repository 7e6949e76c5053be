//! The accept loop: one hyper HTTP/1.1 connection task per socket, and a graceful stop.

use std::convert::Infallible;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use hyper::body::Incoming;
use hyper::header::TRANSFER_ENCODING;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::Request;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;

use crate::headguard::{FramingWatch, Guarded};
use crate::http::{both_framings, handle, App};

/// In-flight requests get this long after a stop signal; the spec allows 2 s for the exit.
pub const DRAIN_TIMEOUT: Duration = Duration::from_millis(1500);
/// The request head limit, request line included (processors/README.md, "HTTP edge rules":
/// 16 KiB must pass, over 64 KiB must be 431). Without it hyper only stops at its read buffer's
/// ~400 KB.
pub const MAX_HEADER_BYTES: usize = 64 * 1024;
/// Pause after a failed `accept` (e.g. out of file descriptors) so the loop does not spin.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(10);

/// Serves until `shutdown` completes, then stops accepting, lets in-flight requests finish
/// (idle keep-alive connections are closed) and returns within [`DRAIN_TIMEOUT`].
pub async fn serve(listener: TcpListener, app: Arc<App>, shutdown: impl Future<Output = ()>) {
    let mut builder = http1::Builder::new();
    // A timer enables hyper's header read timeout (30 s), which bounds slow-header clients.
    builder.timer(TokioTimer::new());
    // Over the limit hyper answers 431 itself (an empty body: it offers no hook to write one)
    // and closes the connection.
    builder.max_header_size(MAX_HEADER_BYTES);
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);

    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => {
                    tokio::time::sleep(ACCEPT_BACKOFF).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Responses are written in one go; Nagle would only add latency.
        let _ = stream.set_nodelay(true);
        let app = Arc::clone(&app);
        let watch = Arc::new(FramingWatch::default());
        let io = TokioIo::new(Guarded::new(stream, Arc::clone(&watch)));
        let service = service_fn(move |req: Request<Incoming>| {
            let app = Arc::clone(&app);
            // hyper hides a Content-Length sent with Transfer-Encoding; the spec refuses the pair.
            let refused = req.headers().contains_key(TRANSFER_ENCODING) && watch.both_framings();
            async move { Ok::<_, Infallible>(if refused { both_framings() } else { handle(&app, req).await }) }
        });
        let connection = graceful.watch(builder.serve_connection(io, service));
        tokio::spawn(async move {
            // A connection error (client reset, malformed HTTP) only ends that connection.
            let _ = connection.await;
        });
    }

    drop(listener);
    let _ = tokio::time::timeout(DRAIN_TIMEOUT, graceful.shutdown()).await;
}
