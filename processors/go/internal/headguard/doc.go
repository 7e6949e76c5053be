// Package headguard finds requests that carry both Content-Length and Transfer-Encoding, which
// the spec answers with 400 and a closed connection (processors/README.md, "HTTP edge rules";
// RFC 9112 §6.1: a request-smuggling defence).
//
// net/http accepts such a request: it frames the body by Transfer-Encoding and deletes the
// Content-Length header before the handler runs, so the handler cannot tell. headguard therefore
// looks at the bytes as they are read from the connection: a Listener wraps each accepted
// connection in a Conn whose Read follows the HTTP/1.1 framing (request heads, Content-Length
// bodies, chunked bodies) and notes the first head that has both headers. The handler asks, for
// each chunked request only, whether it is that one (BothFramings).
//
// The scanner follows only what net/http accepts byte for byte: anything else (HTTP/1.0, a
// folded header line, a malformed chunk line, CONNECT) stops it for the rest of that connection.
// A stopped scanner never reports a request, so it can miss one on an unusual connection but can
// never refuse an ordinary request. Its cost is one pass over each request head and each chunk
// line; Content-Length bodies are skipped by count.
package headguard
