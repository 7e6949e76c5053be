// Package metrics reports the runtime figures of GET /metrics.
package metrics

import (
	"encoding/json"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"time"

	"latency-harness/processors/go/internal/gccycles"
)

// maxPauses is how many recent pauses a report lists; the runtime itself remembers 256.
const maxPauses = 256

// Report is the body of GET /metrics, fields in the spec's order.
type Report struct {
	Impl      string  `json:"impl"`
	Runtime   string  `json:"runtime"`
	UptimeS   float64 `json:"uptime_s"`
	HeapBytes uint64  `json:"heap_bytes"`
	GC        GC      `json:"gc"`
	Extra     Extra   `json:"extra"`
}

// GC describes the collector: its recent stop-the-world pauses and its recent cycles.
type GC struct {
	Collector    bool    `json:"collector"`
	Count        int64   `json:"count"`
	PauseTotalNs int64   `json:"pause_total_ns"`
	Pauses       []Pause `json:"pauses"`
	// Cycles, oldest first, complete up to CyclesUntilUnixNs (null when not recorded).
	Cycles            []gccycles.Cycle     `json:"cycles"`
	CyclesUntilUnixNs *int64               `json:"cycles_until_unix_ns"`
	CycleInProgress   *gccycles.InProgress `json:"cycle_in_progress"`
}

// Pause is one collection's stop-the-world time: Go records, per cycle, the sum of its two
// stop-the-world phases and the moment the cycle's last one ended.
type Pause struct {
	EndUnixNs  int64  `json:"end_unix_ns"`
	DurationNs int64  `json:"duration_ns"`
	Kind       string `json:"kind"`
}

// Extra holds Go-specific figures.
type Extra struct {
	GOMAXPROCS    int     `json:"gomaxprocs"`
	Goroutines    int     `json:"goroutines"`
	GCCPUFraction float64 `json:"gc_cpu_fraction"`
	// GCCycles says where gc.cycles come from: "runtime/trace", "off" (GC_CYCLES=off), or
	// "unavailable: <why>".
	GCCycles string `json:"gc_cycles"`
}

// CycleSource supplies GC cycles; *gccycles.Recorder is the one the processor uses.
type CycleSource interface {
	Snapshot() gccycles.Snapshot
}

// runtime/metrics names read for each report.
const (
	heapObjectsBytes = "/memory/classes/heap/objects:bytes"
	gcCPUSeconds     = "/cpu/classes/gc/total:cpu-seconds"
	totalCPUSeconds  = "/cpu/classes/total:cpu-seconds"
)

// Collect gathers a report. It reads the GC history with debug.ReadGCStats and the heap with
// runtime/metrics, neither of which stops the world (runtime.ReadMemStats would, so it is never
// called). cycles is nil when cycle recording is off.
func Collect(started time.Time, cycles CycleSource) Report {
	samples := []metrics.Sample{{Name: heapObjectsBytes}, {Name: gcCPUSeconds}, {Name: totalCPUSeconds}}
	metrics.Read(samples)

	var stats debug.GCStats
	debug.ReadGCStats(&stats)
	// Pause and PauseEnd are most recent first; the report wants oldest first.
	n := min(len(stats.Pause), len(stats.PauseEnd), maxPauses)
	pauses := make([]Pause, n)
	for i := range n {
		pauses[n-1-i] = Pause{
			EndUnixNs:  stats.PauseEnd[i].UnixNano(),
			DurationNs: stats.Pause[i].Nanoseconds(),
			Kind:       "stw",
		}
	}

	var gcFraction float64
	if total := float64Value(samples[2]); total > 0 {
		gcFraction = float64Value(samples[1]) / total
	}
	recorded, source := gccycles.Snapshot{Cycles: []gccycles.Cycle{}}, "off"
	if cycles != nil {
		recorded, source = cycles.Snapshot(), "runtime/trace"
		if recorded.Err != nil {
			source = "unavailable: " + recorded.Err.Error()
		}
	}
	return Report{
		Impl:      "go",
		Runtime:   runtime.Version(),
		UptimeS:   time.Since(started).Seconds(),
		HeapBytes: uint64Value(samples[0]),
		GC: GC{
			Collector:         true,
			Count:             stats.NumGC,
			PauseTotalNs:      stats.PauseTotal.Nanoseconds(),
			Pauses:            pauses,
			Cycles:            recorded.Cycles,
			CyclesUntilUnixNs: recorded.UntilUnixNs,
			CycleInProgress:   recorded.InProgress,
		},
		Extra: Extra{
			GOMAXPROCS:    runtime.GOMAXPROCS(0),
			Goroutines:    runtime.NumGoroutine(),
			GCCPUFraction: gcFraction,
			GCCycles:      source,
		},
	}
}

func uint64Value(s metrics.Sample) uint64 {
	if s.Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s.Value.Uint64()
}

func float64Value(s metrics.Sample) float64 {
	if s.Value.Kind() != metrics.KindFloat64 {
		return 0
	}
	return s.Value.Float64()
}

// AppendJSON appends the report as JSON. encoding/json is fine here: /metrics is polled once a
// second, not part of the hot path.
// It can only fail on a non-finite float, which uptime and a CPU fraction never are.
func (r *Report) AppendJSON(out []byte) ([]byte, error) {
	b, err := json.Marshal(r)
	return append(out, b...), err
}
