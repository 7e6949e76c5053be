package httpapi

import (
	"bytes"
	"errors"
	"net/http"
	"strings"
)

// mediaTypeIs reports whether the Content-Type's media type is want, ignoring case and
// parameters; a missing header never matches.
func mediaTypeIs(r *http.Request, want string) bool {
	ct := r.Header.Get("Content-Type")
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	return strings.EqualFold(strings.TrimSpace(ct), want)
}

var errTooLarge = errors.New("request body is larger than MAX_BODY_BYTES")

// readBody reads the whole body into buf, refusing more than limit bytes: up front from
// Content-Length when the client sent one, while reading otherwise (chunked).
func readBody(w http.ResponseWriter, r *http.Request, limit int64, buf *bytes.Buffer) error {
	if r.ContentLength > limit {
		return errTooLarge
	}
	buf.Reset()
	if r.ContentLength > 0 {
		// Room for the body plus the read that sees EOF, so ReadFrom never has to grow.
		buf.Grow(int(r.ContentLength) + bytes.MinRead)
	}
	_, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, limit))
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return errTooLarge
	}
	return err
}
