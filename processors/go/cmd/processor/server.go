package main

import (
	"net"
	"net/http"
	"time"

	"latency-harness/processors/go/internal/headguard"
)

// maxHeaderBytes is what net/http is told; it reads up to 4 KiB more than this (its bufio slop)
// before it refuses a request head with 431. 60 KiB + 4 KiB puts the refusal exactly above the
// spec's 64 KiB (processors/README.md, "HTTP edge rules": 16 KiB must pass, over 64 KiB must
// be 431).
const maxHeaderBytes = 60 << 10

// newServer is the processor's http.Server: its timeouts and limits, without the listener.
func newServer(handler http.Handler) *http.Server {
	return &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second, // a 4 MiB body over a slow link, not forever
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    maxHeaderBytes,
		ConnContext:       headguard.ConnContext,
	}
}

// guard wraps the listener so that each request's raw head can be checked for both framings
// (see internal/headguard); newServer's ConnContext hands the connection to the handler.
func guard(ln net.Listener) net.Listener { return headguard.Listener{Listener: ln} }
