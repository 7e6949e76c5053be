package httpapi

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"latency-harness/processors/go/internal/state"
)

// discardWriter is a ResponseWriter that keeps nothing, so the benchmark counts the handler's
// own allocations rather than a recorder's.
type discardWriter struct{ header http.Header }

func (w *discardWriter) Header() http.Header         { return w.header }
func (w *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *discardWriter) WriteHeader(int)             {}

// BenchmarkServeEvents runs POST /v1/events through the handler (routing, checks, body read,
// decode, apply, response) without the network; events=100 names the batch.
func BenchmarkServeEvents(b *testing.B) {
	b.Run("events=100", benchmarkServeEvents100)
}

func benchmarkServeEvents100(b *testing.B) {
	parts := make([]string, 100)
	for i := range parts {
		parts[i] = fmt.Sprintf(`{"key":"sensor-%05d","ts":%d,"value":%d.5,"kind":"reading"}`, i*37%1000, 1764144000000+i, i)
	}
	body := []byte("[" + strings.Join(parts, ",") + "]")
	h := New(state.NewStore(), 4<<20)
	req := httptest.NewRequest("POST", "/v1/events", nil)
	req.Header.Set("Content-Type", "application/json")
	req.ContentLength = int64(len(body))
	rd := bytes.NewReader(body)
	w := &discardWriter{header: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		rd.Reset(body)
		req.Body = io.NopCloser(rd)
		h.ServeHTTP(w, req)
	}
}
