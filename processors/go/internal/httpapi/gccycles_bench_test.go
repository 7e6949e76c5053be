package httpapi

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime/metrics"
	"strings"
	"testing"

	"latency-harness/processors/go/internal/gccycles"
	"latency-harness/processors/go/internal/state"
)

// BenchmarkServeEventsLoopback sends POST /v1/events over keep-alive loopback connections with
// GC-cycle recording off and on, so the difference is what recording costs per request: the
// runtime's tracer on every scheduling event and syscall, the in-process reader, and the
// reader's garbage (gc-cycles/op: how many more collections it causes). The client runs in the
// same process and is traced too, so the "on" figure is an upper bound; the workload figure
// comes from processors/go/bench/gc-cycles-overhead.sh.
func BenchmarkServeEventsLoopback(b *testing.B) {
	parts := make([]string, 100)
	for i := range parts {
		parts[i] = fmt.Sprintf(`{"key":"sensor-%05d","ts":%d,"value":%d.5,"kind":"reading"}`, i*37%1000, 1764144000000+i, i)
	}
	body := []byte("[" + strings.Join(parts, ",") + "]")
	for _, recording := range []bool{false, true} {
		b.Run(fmt.Sprintf("gc_cycles=%v", map[bool]string{false: "off", true: "on"}[recording]), func(b *testing.B) {
			h := New(state.NewStore(), 4<<20)
			if recording {
				rec := gccycles.Start()
				defer rec.Stop()
				h.SetGCCycles(rec)
			}
			srv := httptest.NewServer(h)
			defer srv.Close()
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
			cycles := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
			metrics.Read(cycles)
			before := cycles[0].Value.Uint64()
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					res, err := client.Post(srv.URL+"/v1/events", "application/json", bytes.NewReader(body))
					if err != nil {
						b.Error(err)
						return
					}
					io.Copy(io.Discard, res.Body) //nolint:errcheck // the status is what matters
					res.Body.Close()
					if res.StatusCode != http.StatusOK {
						b.Errorf("status %d", res.StatusCode)
						return
					}
				}
			})
			b.StopTimer()
			metrics.Read(cycles)
			b.ReportMetric(float64(cycles[0].Value.Uint64()-before)/float64(b.N), "gc-cycles/op")
		})
	}
}
