package state

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"latency-harness/processors/go/internal/events"
)

// batchBody is a 100-event batch like the load generator's: keys from a pool of 10,000, a few
// invalid elements among them.
func batchBody(seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 1))
	kinds := []string{"reading", "reading", "reading", "alert", "heartbeat"}
	parts := make([]string, 100)
	for i := range parts {
		parts[i] = fmt.Sprintf(`{"key":"sensor-%05d","ts":%d,"value":%g,"kind":"%s"}`,
			r.IntN(10000), 1764144000000+r.IntN(1000000), float64(r.IntN(100000))/100, kinds[r.IntN(len(kinds))])
		if i%25 == 7 {
			parts[i] = `{"key":"bad key","ts":1,"value":1,"kind":"reading"}`
		}
	}
	return []byte("[" + strings.Join(parts, ",") + "]")
}

// BenchmarkIngest decodes, validates and applies one 100-event batch and renders the response:
// the work of POST /v1/events without HTTP. The sub-benchmark names the batch (events=100), as
// `harness microbench` reads it (processors/README.md, "Micro-benchmarks").
func BenchmarkIngest(b *testing.B) {
	b.Run("events=100", benchmarkIngest100)
}

func benchmarkIngest100(b *testing.B) {
	body := batchBody(42)
	store := NewStore()
	var batch events.Batch
	out := make([]byte, 0, 1024)
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if err := batch.Decode(body); err != nil {
			b.Fatal(err)
		}
		store.Apply(batch.Valid)
		out = batch.AppendResponse(out[:0])
	}
	b.ReportMetric(float64(b.N*100)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkKeyResponse renders GET /v1/keys/{key} for a key with a full window (one call: no
// batch).
func BenchmarkKeyResponse(b *testing.B) {
	var k Key
	for i := range 40 {
		k.add(int64(i), float64(i)*1.25, false)
	}
	out := make([]byte, 0, 1024)
	b.ReportAllocs()
	for b.Loop() {
		out = AppendKey(out[:0], "sensor-00042", &k)
	}
}
