package gccycles

import (
	xtrace "golang.org/x/exp/trace"
)

// Range names the execution trace gives the collector's phases (golang.org/x/exp/trace, Range).
const (
	rangeMark             = "GC concurrent mark phase"
	rangeAssist           = "GC mark assist"
	rangeSweepTermination = "stop-the-world (GC sweep termination)"
	rangeMarkTermination  = "stop-the-world (GC mark termination)"
	stwPrefix             = "stop-the-world ("
	metricGOMAXPROCS      = "/sched/gomaxprocs:threads"
)

// workerMode is what a running goroutine is doing for the collector, from the label the runtime
// attaches when it starts a mark worker.
type workerMode uint8

const (
	notWorker workerMode = iota
	backgroundWorker
	idleWorker
)

var workerLabels = map[string]workerMode{
	"GC (dedicated)":  backgroundWorker,
	"GC (fractional)": backgroundWorker,
	"GC (idle)":       idleWorker,
}

// goroutine is the state kept for a goroutine that is running or inside a mark assist; others
// are not tracked, so the map stays as small as the number of Ps plus parked assists.
type goroutine struct {
	running bool
	since   xtrace.Time // start of the part of the current run not yet charged
	worker  workerMode
	assist  bool
}

// openCycle is a cycle between its start and the end of its mark termination.
type openCycle struct {
	start                        xtrace.Time
	sweepBegin, sweepEnd         xtrace.Time
	markTermBegin                xtrace.Time
	sawSweepBegin, sawSweepEnd   bool
	sawMarkTermBegin             bool
	joinedLate                   bool // the trace began while this cycle was running
	assist, background, idleMark int64
}

// clock maps trace time to wall-clock time with the clock snapshot the runtime takes at each
// generation boundary (wall and monotonic read together).
type clock struct {
	trace xtrace.Time
	wall  int64
	ok    bool
}

func (c clock) unixNs(t xtrace.Time) int64 { return c.wall + int64(t-c.trace) }

// builder turns execution-trace events, in the order the reader delivers them, into cycles.
type builder struct {
	clock      clock
	gomaxprocs int64
	open       *openCycle
	stopped    bool // the world is stopped: nothing runs, nothing is charged to a goroutine
	gs         map[xtrace.GoID]*goroutine
	last       xtrace.Time
	emit       func(Cycle)
}

func newBuilder(gomaxprocs int, emit func(Cycle)) *builder {
	return &builder{gomaxprocs: int64(gomaxprocs), gs: make(map[xtrace.GoID]*goroutine), emit: emit}
}

// event folds one event into the state; completed cycles go to emit.
func (b *builder) event(ev *xtrace.Event) {
	t := ev.Time()
	b.last = max(b.last, t)
	switch ev.Kind() {
	case xtrace.EventSync:
		if cs := ev.Sync().ClockSnapshot; cs != nil {
			b.clock = clock{trace: cs.Trace, wall: cs.Wall.UnixNano(), ok: true}
		}
	case xtrace.EventMetric:
		if m := ev.Metric(); m.Name == metricGOMAXPROCS && m.Value.Kind() == xtrace.ValueUint64 {
			b.gomaxprocs = int64(m.Value.Uint64())
		}
	case xtrace.EventLabel:
		l := ev.Label()
		if l.Resource.Kind != xtrace.ResourceGoroutine {
			return
		}
		if g := b.gs[l.Resource.Goroutine()]; g != nil && g.running {
			b.charge(g, t)
			g.worker = workerLabels[l.Label]
		}
	case xtrace.EventStateTransition:
		st := ev.StateTransition()
		if st.Resource.Kind == xtrace.ResourceGoroutine {
			from, to := st.Goroutine()
			b.transition(st.Resource.Goroutine(), from == xtrace.GoRunning, to == xtrace.GoRunning, t)
		}
	case xtrace.EventRangeBegin, xtrace.EventRangeActive, xtrace.EventRangeEnd:
		b.rangeEvent(ev.Kind(), ev.Range(), t)
	}
}

func (b *builder) transition(id xtrace.GoID, wasRunning, isRunning bool, t xtrace.Time) {
	g := b.gs[id]
	switch {
	case wasRunning && isRunning:
		// A status event at a generation boundary: still running. Track it if this is the first
		// we hear of it (the trace began while it ran).
		if g == nil || !g.running {
			b.startRunning(id, t)
		}
	case wasRunning:
		if g == nil || !g.running {
			return
		}
		b.charge(g, t)
		g.running, g.worker = false, notWorker
		if !g.assist {
			delete(b.gs, id)
		}
	case isRunning:
		b.startRunning(id, t)
	}
}

func (b *builder) startRunning(id xtrace.GoID, t xtrace.Time) {
	g := b.track(id)
	g.running, g.since, g.worker = true, t, notWorker
}

func (b *builder) track(id xtrace.GoID) *goroutine {
	g := b.gs[id]
	if g == nil {
		g = &goroutine{}
		b.gs[id] = g
	}
	return g
}

// charge adds a running goroutine's time since it was last charged to the open cycle, in the
// bucket of what it was doing, and restarts its clock at t.
func (b *builder) charge(g *goroutine, t xtrace.Time) {
	if g.running && b.open != nil && !b.stopped && t > g.since {
		d := int64(t - g.since)
		switch {
		case g.worker == backgroundWorker:
			b.open.background += d
		case g.worker == idleWorker:
			b.open.idleMark += d
		case g.assist:
			b.open.assist += d
		}
	}
	g.since = t
}

func (b *builder) chargeAll(t xtrace.Time) {
	for _, g := range b.gs {
		b.charge(g, t)
	}
}

func (b *builder) rangeEvent(kind xtrace.EventKind, r xtrace.Range, t xtrace.Time) {
	switch r.Name {
	case rangeMark:
		switch kind {
		case xtrace.EventRangeBegin:
			b.chargeAll(t) // what ran before the cycle is not the cycle's
			b.open = &openCycle{start: t}
		case xtrace.EventRangeActive:
			// Repeated at every generation boundary while a cycle runs; new to us only when the
			// trace began in the middle of a cycle, whose start we then never saw.
			if b.open == nil {
				b.chargeAll(t)
				b.open = &openCycle{start: t, joinedLate: true}
			}
		}
		// The range's end is emitted inside mark termination; the cycle ends with that phase.
	case rangeAssist:
		if r.Scope.Kind != xtrace.ResourceGoroutine {
			return
		}
		id := r.Scope.Goroutine()
		switch kind {
		case xtrace.EventRangeBegin, xtrace.EventRangeActive:
			g := b.track(id)
			b.charge(g, t)
			g.assist = true
		case xtrace.EventRangeEnd:
			if g := b.gs[id]; g != nil {
				b.charge(g, t)
				g.assist = false
				if !g.running {
					delete(b.gs, id)
				}
			}
		}
	default:
		if len(r.Name) >= len(stwPrefix) && r.Name[:len(stwPrefix)] == stwPrefix {
			b.stopTheWorld(kind, r.Name, t)
		}
	}
}

func (b *builder) stopTheWorld(kind xtrace.EventKind, name string, t xtrace.Time) {
	switch kind {
	case xtrace.EventRangeBegin:
		b.chargeAll(t)
		b.stopped = true
	case xtrace.EventRangeEnd:
		b.chargeAll(t) // restarts every running goroutine's clock; nothing is charged while stopped
		b.stopped = false
	}
	c := b.open
	if c == nil {
		return
	}
	switch {
	case name == rangeSweepTermination && kind == xtrace.EventRangeBegin:
		c.sweepBegin, c.sawSweepBegin = t, true
	case name == rangeSweepTermination && kind == xtrace.EventRangeEnd:
		c.sweepEnd, c.sawSweepEnd = t, true
	case name == rangeMarkTermination && kind == xtrace.EventRangeBegin:
		c.markTermBegin, c.sawMarkTermBegin = t, true
	case name == rangeMarkTermination && kind == xtrace.EventRangeEnd:
		b.open = nil
		if !c.joinedLate && c.sawSweepBegin && c.sawSweepEnd && c.sawMarkTermBegin && b.clock.ok {
			b.emit(b.finish(c, t))
		}
	}
}

func (b *builder) finish(c *openCycle, end xtrace.Time) Cycle {
	stw := int64(c.sweepEnd-c.sweepBegin) + int64(end-c.markTermBegin)
	parts := CPUParts{AssistNs: c.assist, BackgroundNs: c.background, IdleNs: c.idleMark, PauseNs: stw * b.gomaxprocs}
	wall := b.clock.unixNs
	return Cycle{
		StartUnixNs: wall(c.start),
		EndUnixNs:   wall(end),
		Kind:        KindMajor,
		StwNs:       stw,
		CPUNs:       parts.AssistNs + parts.BackgroundNs + parts.IdleNs + parts.PauseNs,
		Phases: []Phase{
			{Name: PhaseSweepTermination, STW: true, StartUnixNs: wall(c.sweepBegin), EndUnixNs: wall(c.sweepEnd)},
			{Name: PhaseMark, STW: false, StartUnixNs: wall(c.sweepEnd), EndUnixNs: wall(c.markTermBegin)},
			{Name: PhaseMarkTermination, STW: true, StartUnixNs: wall(c.markTermBegin), EndUnixNs: wall(end)},
		},
		CPUParts: parts,
	}
}

// inProgress is the cycle running at the last event, if any.
func (b *builder) inProgress() (InProgress, bool) {
	if b.open == nil || b.open.joinedLate || !b.clock.ok {
		return InProgress{}, false
	}
	return InProgress{StartUnixNs: b.clock.unixNs(b.open.start), Kind: KindMajor}, true
}

// untilUnixNs is the wall-clock time of the last event folded in: every cycle that ended before
// it has been emitted.
func (b *builder) untilUnixNs() (int64, bool) {
	if !b.clock.ok {
		return 0, false
	}
	return b.clock.unixNs(b.last), true
}
