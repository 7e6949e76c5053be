// Package httpapi maps the spec's HTTP protocol onto the processing packages: routing, the
// ordered error checks, body limits and the JSON responses.
package httpapi

import (
	"net/http"
	"strings"
)

type route uint8

const (
	routeNone route = iota
	routeHealth
	routeMetrics
	routeEvents
	routeKey
	routeReads
	routeStats
	routeReset
)

const keyPrefix = "/v1/keys/"

// resolve maps a raw (not percent-decoded) path to its route; for routeKey it also returns the
// key segment, which must be non-empty and the last segment.
func resolve(path string) (route, string) {
	switch path {
	case "/health":
		return routeHealth, ""
	case "/metrics":
		return routeMetrics, ""
	case "/v1/events":
		return routeEvents, ""
	case "/v1/reads":
		return routeReads, ""
	case "/v1/stats":
		return routeStats, ""
	case "/v1/reset":
		return routeReset, ""
	}
	if key, ok := strings.CutPrefix(path, keyPrefix); ok && key != "" && !strings.Contains(key, "/") {
		return routeKey, key
	}
	return routeNone, ""
}

// methodAllowed reports whether method is accepted on rt, and the Allow header otherwise. GET
// routes answer HEAD as GET (net/http drops the body).
func methodAllowed(rt route, method string) (ok bool, allow string) {
	switch rt {
	case routeEvents, routeReads, routeReset:
		return method == http.MethodPost, "POST"
	default:
		return method == http.MethodGet || method == http.MethodHead, "GET, HEAD"
	}
}

// rawPath returns the request path as the client sent it: the spec routes on the undecoded path
// (a key is "the path segment as sent"), which r.URL.Path is not. Query strings are dropped.
func rawPath(r *http.Request) string {
	uri := r.RequestURI
	if !strings.HasPrefix(uri, "/") {
		// Absolute form ("http://host/path") or "*": fall back to the parsed URL.
		return r.URL.EscapedPath()
	}
	if i := strings.IndexByte(uri, '?'); i >= 0 {
		uri = uri[:i]
	}
	return uri
}
