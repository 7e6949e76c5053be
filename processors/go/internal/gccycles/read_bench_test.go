package gccycles

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime/trace"
	"strings"
	"testing"

	xtrace "golang.org/x/exp/trace"
)

// captureServerTrace records the execution trace of requests HTTP round trips against a handler
// that decodes a 100-element JSON array: the kind of events (scheduling, network syscalls,
// allocation-driven GC) the processor's trace carries per request.
func captureServerTrace(tb testing.TB, requests int) []byte {
	tb.Helper()
	body := "[" + strings.TrimSuffix(strings.Repeat(`{"key":"sensor-00042","ts":1764144000123,"value":12.5,"kind":"reading"},`, 100), ",") + "]"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var batch []map[string]any
		if err := json.NewDecoder(r.Body).Decode(&batch); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.Write([]byte(`{"accepted":100,"rejected":0,"errors":[]}`)) //nolint:errcheck
	}))
	defer srv.Close()
	var buf bytes.Buffer
	if err := trace.Start(&buf); err != nil {
		tb.Fatal(err)
	}
	for range requests {
		res, err := http.Post(srv.URL, "application/json", strings.NewReader(body))
		if err != nil {
			trace.Stop()
			tb.Fatal(err)
		}
		io.Copy(io.Discard, res.Body) //nolint:errcheck
		res.Body.Close()
	}
	trace.Stop()
	return buf.Bytes()
}

// BenchmarkReadTrace is the recorder's reading cost alone: parse a captured trace and fold every
// event into cycles. Its ns/event and B/op (divided by events/op) times the processor's event
// rate is the CPU and garbage the reader adds.
func BenchmarkReadTrace(b *testing.B) {
	data := captureServerTrace(b, 2000)
	var events int
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		rd, err := xtrace.NewReader(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		bl := newBuilder(1, func(Cycle) {})
		events = 0
		for {
			ev, err := rd.ReadEvent()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			bl.event(&ev)
			events++
		}
	}
	b.ReportMetric(float64(events), "events/op")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(events), "ns/event")
}
