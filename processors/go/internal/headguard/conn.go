package headguard

import (
	"context"
	"net"
	"net/http"
	"sync/atomic"
)

// Listener wraps every accepted connection in a Conn.
type Listener struct{ net.Listener }

// Accept returns the next connection, wrapped.
func (l Listener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &Conn{Conn: c}, nil
}

// Conn follows the request framing of the bytes read through it.
type Conn struct {
	net.Conn
	scan scanner
	// flagged publishes scan.bothFramings to the handler: net/http may read the connection
	// (its background read) on another goroutine than the one running the handler.
	flagged atomic.Int64
	// chunkedServed counts the chunked requests handed to BothFramings; only the connection's
	// serving goroutine touches it.
	chunkedServed int64
}

// Read reads from the connection and follows what it read.
func (c *Conn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 && c.scan.state != stopped {
		c.scan.scan(p[:n])
		if c.scan.bothFramings != 0 {
			c.flagged.Store(c.scan.bothFramings)
		}
	}
	return n, err
}

// CloseWrite half-closes the connection: net/http does so before closing, so that a client still
// sending can read the answer.
func (c *Conn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return c.Conn.Close()
}

type connKey struct{}

// ConnContext is an http.Server ConnContext that makes the Conn reachable from each request.
func ConnContext(ctx context.Context, c net.Conn) context.Context {
	if gc, ok := c.(*Conn); ok {
		return context.WithValue(ctx, connKey{}, gc)
	}
	return ctx
}

// BothFramings reports whether r, a request net/http decoded as chunked (len(r.TransferEncoding)
// > 0), also carried a Content-Length header on the wire. Call it exactly once for each chunked
// request, in the order they are served; it counts them to match them with the heads it saw.
func BothFramings(r *http.Request) bool {
	c, ok := r.Context().Value(connKey{}).(*Conn)
	if !ok {
		return false
	}
	c.chunkedServed++
	return c.flagged.Load() == c.chunkedServed
}
