// Package gccycles records the collector's cycles from the runtime's execution trace: when each
// cycle's stop-the-world phases and its concurrent mark phase began and ended, in wall-clock Unix
// nanoseconds, and how much CPU the collector took during the cycle (processors/README.md,
// "GET /metrics"). With GOMAXPROCS=1 the mark phase takes the only P for its workers and makes
// allocating goroutines assist, so a cycle can delay requests without a long stop-the-world
// pause; debug.ReadGCStats sees only the pauses.
package gccycles

// Cycle is one completed collection, as /metrics serves it.
type Cycle struct {
	StartUnixNs int64 `json:"start_unix_ns"`
	EndUnixNs   int64 `json:"end_unix_ns"`
	// Kind is "major": every Go cycle marks the whole heap (there are no generations).
	Kind string `json:"kind"`
	// StwNs is the time the world was stopped: sweep termination plus mark termination.
	StwNs int64 `json:"stw_ns"`
	// CPUNs is CPUParts summed: what the collector cost the processor's CPUs in this cycle.
	CPUNs    int64    `json:"cpu_ns"`
	Phases   []Phase  `json:"phases"`
	CPUParts CPUParts `json:"cpu_parts"`
}

// Phase is one part of a cycle. Go's phases follow each other without gaps: sweep termination
// (stop-the-world), mark (concurrent), mark termination (stop-the-world).
type Phase struct {
	Name        string `json:"name"`
	STW         bool   `json:"stw"`
	StartUnixNs int64  `json:"start_unix_ns"`
	EndUnixNs   int64  `json:"end_unix_ns"`
}

// CPUParts splits the collector's CPU time the way GODEBUG=gctrace=1 does.
type CPUParts struct {
	// AssistNs is time goroutines spent running mark assists: work the collector charges to
	// the goroutines that allocate while it marks (request handlers, here).
	AssistNs int64 `json:"assist_ns"`
	// BackgroundNs is time the dedicated and fractional mark workers ran: with GOMAXPROCS=1 the
	// fractional worker takes the only P for about a quarter of the mark phase.
	BackgroundNs int64 `json:"background_ns"`
	// IdleNs is time idle-priority mark workers ran on a P that had nothing else to do.
	IdleNs int64 `json:"idle_ns"`
	// PauseNs is the stop-the-world time times GOMAXPROCS: every P stands still.
	PauseNs int64 `json:"pause_ns"`
}

// InProgress is a cycle that had begun but not ended when the record was last brought up to date.
type InProgress struct {
	StartUnixNs int64  `json:"start_unix_ns"`
	Kind        string `json:"kind"`
}

// Phase names, as the spec lists them.
const (
	PhaseSweepTermination = "sweep_termination"
	PhaseMark             = "mark"
	PhaseMarkTermination  = "mark_termination"
)

// KindMajor is the only kind of cycle Go's collector runs.
const KindMajor = "major"
