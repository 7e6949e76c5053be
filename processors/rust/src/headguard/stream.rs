//! The stream wrapper that feeds the scanner, and what it tells the service.

use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{ready, Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

use super::Scanner;

/// Shared by a connection's stream and its service.
#[derive(Debug, Default)]
pub struct FramingWatch {
    /// The scanner's `both_framings` ordinal, 0 while there is none.
    flagged: AtomicU64,
    /// Chunked requests handed to `both_framings` so far.
    chunked_served: AtomicU64,
}

impl FramingWatch {
    /// Whether this request, which hyper decoded as chunked, also carried a Content-Length on
    /// the wire. Call it exactly once for each chunked request, in the order they are served: it
    /// counts them to match them with the heads the scanner saw. (Relaxed is enough: a
    /// connection's reads and its service run in the same task.)
    pub fn both_framings(&self) -> bool {
        let served = self.chunked_served.fetch_add(1, Ordering::Relaxed) + 1;
        self.flagged.load(Ordering::Relaxed) == served
    }
}

/// A stream whose reads are followed by a [`Scanner`]; writes pass straight through.
pub struct Guarded<S> {
    inner: S,
    scanner: Scanner,
    watch: Arc<FramingWatch>,
}

impl<S> Guarded<S> {
    pub fn new(inner: S, watch: Arc<FramingWatch>) -> Self {
        Guarded { inner, scanner: Scanner::default(), watch }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Guarded<S> {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        ready!(Pin::new(&mut this.inner).poll_read(cx, buf))?;
        if !this.scanner.stopped() {
            this.scanner.scan(&buf.filled()[before..]);
            if this.scanner.both_framings() != 0 {
                this.watch.flagged.store(this.scanner.both_framings(), Ordering::Relaxed);
            }
        }
        Poll::Ready(Ok(()))
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Guarded<S> {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}
