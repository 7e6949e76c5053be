package httpapi

import (
	"bytes"
	"errors"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"latency-harness/processors/go/internal/events"
	"latency-harness/processors/go/internal/fastq"
	"latency-harness/processors/go/internal/headguard"
	"latency-harness/processors/go/internal/metrics"
	"latency-harness/processors/go/internal/state"
)

// Version is reported by /health.
const Version = "0.1.0"

// Handler serves the whole protocol. It is an http.Handler of its own rather than an
// http.ServeMux: ServeMux routes on the percent-decoded path and redirects unclean paths, while
// the spec routes on the raw path and wants a JSON 404 or 405 for everything unknown.
type Handler struct {
	store        *state.Store
	maxBodyBytes int64
	started      time.Time
	scratch      sync.Pool // *scratch
	injectedCost time.Duration
	dropEvery    int64        // INJECT_DROP_EVERY; 0 = off (see inject.go)
	dropSeen     atomic.Int64 // accepted events counted towards dropEvery
	gcCycles     metrics.CycleSource
}

// scratch is the per-request working memory, pooled so that steady traffic reuses buffers
// instead of allocating them for every request.
type scratch struct {
	body    bytes.Buffer
	out     []byte
	batch   events.Batch
	counter *fastq.Counter
	top     [fastq.TopN]fastq.KmerCount
	key     state.Key
	kept    []events.Event // the events applied when INJECT_DROP_EVERY is on
}

// New returns a handler over store that accepts bodies of up to maxBodyBytes.
func New(store *state.Store, maxBodyBytes int64) *Handler {
	h := &Handler{store: store, maxBodyBytes: maxBodyBytes, started: time.Now()}
	h.scratch.New = func() any {
		return &scratch{out: make([]byte, 0, 1024), counter: fastq.NewCounter()}
	}
	return h
}

// Shared header values: assigning a prebuilt slice avoids allocating one per response.
// net/http only reads them.
var (
	jsonContentType = []string{"application/json"}
	closeConnection = []string{"close"}
	allowPost       = []string{"POST"}
	allowGet        = []string{"GET, HEAD"}
)

// Pre-rendered constant bodies.
var (
	bodyHealth           = []byte(`{"status":"ok","impl":"go","version":"` + Version + `"}`)
	bodyReset            = []byte(`{"reset":true}`)
	bodyNotFound         = []byte(`{"error":"not found"}`)
	bodyUnknownKey       = []byte(`{"error":"unknown key"}`)
	bodyMethodNotAllowed = []byte(`{"error":"method not allowed"}`)
	bodyNotJSON          = []byte(`{"error":"Content-Type must be application/json"}`)
	bodyNotText          = []byte(`{"error":"Content-Type must be text/plain"}`)
	bodyTooLarge         = []byte(`{"error":"request body is larger than MAX_BODY_BYTES"}`)
	bodyBadRead          = []byte(`{"error":"could not read the request body"}`)
	bodyNotUTF8          = []byte(`{"error":"request body is not valid UTF-8"}`)
	bodyMalformedJSON    = []byte(`{"error":"request body is not well-formed JSON"}`)
	bodyNotArray         = []byte(`{"error":"request body must be a JSON array of events"}`)
	bodyMetricsFailed    = []byte(`{"error":"could not encode the runtime figures"}`)
	bodyBothFramings     = []byte(`{"error":"request has both Content-Length and Transfer-Encoding"}`)
)

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// Content-Length and Transfer-Encoding together: net/http frames the request by the latter and
	// hides the former; the spec refuses it and closes (see internal/headguard).
	if len(r.TransferEncoding) > 0 && headguard.BothFramings(r) {
		w.Header()["Connection"] = closeConnection
		writeJSON(w, http.StatusBadRequest, bodyBothFramings)
		return
	}
	rt, key := resolve(rawPath(r))
	if rt == routeNone {
		writeJSON(w, http.StatusNotFound, bodyNotFound)
		return
	}
	if ok, allow := methodAllowed(rt, r.Method); !ok {
		if allow == "POST" {
			w.Header()["Allow"] = allowPost
		} else {
			w.Header()["Allow"] = allowGet
		}
		writeJSON(w, http.StatusMethodNotAllowed, bodyMethodNotAllowed)
		return
	}
	switch rt {
	case routeHealth:
		writeJSON(w, http.StatusOK, bodyHealth)
	case routeMetrics:
		h.serveMetrics(w)
	case routeEvents:
		h.serveEvents(w, r)
	case routeKey:
		h.serveKey(w, key)
	case routeReads:
		h.serveReads(w, r)
	case routeStats:
		s := h.getScratch()
		s.out = state.AppendStats(s.out[:0], h.store.Stats())
		writeJSON(w, http.StatusOK, s.out)
		h.scratch.Put(s)
	case routeReset:
		h.store.Reset()
		writeJSON(w, http.StatusOK, bodyReset)
	}
}

func (h *Handler) getScratch() *scratch { return h.scratch.Get().(*scratch) }

// readChecked runs the checks shared by both POST routes with a body (content type, size,
// UTF-8) and, if all pass, leaves the body in s.body. It writes the error response itself.
func (h *Handler) readChecked(w http.ResponseWriter, r *http.Request, s *scratch, mediaType string, wrongType []byte) bool {
	if !mediaTypeIs(r, mediaType) {
		writeJSON(w, http.StatusUnsupportedMediaType, wrongType)
		return false
	}
	if err := readBody(w, r, h.maxBodyBytes, &s.body); err != nil {
		if err == errTooLarge {
			w.Header()["Connection"] = closeConnection
			writeJSON(w, http.StatusRequestEntityTooLarge, bodyTooLarge)
		} else {
			writeJSON(w, http.StatusBadRequest, bodyBadRead)
		}
		return false
	}
	if !utf8.Valid(s.body.Bytes()) {
		writeJSON(w, http.StatusBadRequest, bodyNotUTF8)
		return false
	}
	return true
}

func (h *Handler) serveEvents(w http.ResponseWriter, r *http.Request) {
	s := h.getScratch()
	defer h.scratch.Put(s)
	if !h.readChecked(w, r, s, "application/json", bodyNotJSON) {
		return
	}
	b := &s.batch
	defer b.Reset() // drop references into the body before the scratch goes back to the pool
	if err := b.Decode(s.body.Bytes()); err != nil {
		if err == events.ErrNotArray {
			writeJSON(w, http.StatusBadRequest, bodyNotArray)
		} else {
			writeJSON(w, http.StatusBadRequest, bodyMalformedJSON)
		}
		return
	}
	if h.dropEvery > 0 {
		s.kept = h.keepUndropped(b.Valid, s.kept)
		h.store.Apply(s.kept)
		clear(s.kept) // as b.Reset does: no references into the body once it goes back to the pool
	} else {
		h.store.Apply(b.Valid)
	}
	if h.injectedCost > 0 {
		spin(h.injectedCost)
	}
	s.out = b.AppendResponse(s.out[:0])
	writeJSON(w, http.StatusOK, s.out)
}

// SetGCCycles makes /metrics report the GC cycles src records; without it gc.cycles is empty
// and extra.gc_cycles is "off".
func (h *Handler) SetGCCycles(src metrics.CycleSource) { h.gcCycles = src }

func (h *Handler) serveKey(w http.ResponseWriter, key string) {
	s := h.getScratch()
	defer h.scratch.Put(s)
	if !h.store.Lookup(key, &s.key) {
		writeJSON(w, http.StatusNotFound, bodyUnknownKey)
		return
	}
	s.out = state.AppendKey(s.out[:0], key, &s.key)
	writeJSON(w, http.StatusOK, s.out)
}

func (h *Handler) serveReads(w http.ResponseWriter, r *http.Request) {
	s := h.getScratch()
	defer h.scratch.Put(s)
	if !h.readChecked(w, r, s, "text/plain", bodyNotText) {
		return
	}
	st, err := fastq.Parse(s.body.Bytes(), s.counter)
	if pe, ok := errors.AsType[*fastq.ParseError](err); ok {
		s.out = fastq.AppendError(s.out[:0], pe)
		writeJSON(w, http.StatusBadRequest, s.out)
		return
	}
	h.store.AddReads(st.Reads)
	s.out = fastq.AppendResponse(s.out[:0], &st, s.counter, s.counter.Top(fastq.TopN, s.top[:0]))
	writeJSON(w, http.StatusOK, s.out)
}

func (h *Handler) serveMetrics(w http.ResponseWriter) {
	report := metrics.Collect(h.started, h.gcCycles)
	body, err := report.AppendJSON(nil)
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, bodyMetricsFailed)
		return
	}
	writeJSON(w, http.StatusOK, body)
}

// chunkingThreshold is net/http's response buffer: a handler that writes less than this and
// returns gets a Content-Length computed for it.
const chunkingThreshold = 2048

// writeJSON sends a complete JSON response. Content-Length is set explicitly only for bodies
// that net/http would otherwise send chunked (it computes it itself for small ones).
func writeJSON(w http.ResponseWriter, status int, body []byte) {
	hdr := w.Header()
	hdr["Content-Type"] = jsonContentType
	if len(body) >= chunkingThreshold {
		hdr["Content-Length"] = []string{strconv.Itoa(len(body))}
	}
	w.WriteHeader(status)
	w.Write(body) //nolint:errcheck // a failed write means the client went away; nothing to do
}
