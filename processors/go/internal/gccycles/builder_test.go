package gccycles

import (
	"testing"
	"time"

	xtrace "golang.org/x/exp/trace"
)

// wallAtZero is the wall clock (Unix ns) at trace time 0 in these synthetic traces.
const wallAtZero = 1_764_144_000_000_000_000

// script builds synthetic execution-trace events and feeds them to a builder, the way the
// reader delivers them.
type script struct {
	t      *testing.T
	b      *builder
	cycles []Cycle
}

func newScript(t *testing.T) *script {
	s := &script{t: t}
	s.b = newBuilder(1, func(c Cycle) { s.cycles = append(s.cycles, c) })
	s.sync(0)
	return s
}

func (s *script) feed(e xtrace.Event, err error) {
	s.t.Helper()
	if err != nil {
		s.t.Fatal(err)
	}
	s.b.event(&e)
}

func (s *script) sync(at xtrace.Time) {
	s.feed(xtrace.MakeEvent(xtrace.EventConfig[xtrace.Sync]{Kind: xtrace.EventSync, Time: at, Details: xtrace.Sync{
		N: 1, ClockSnapshot: &xtrace.ClockSnapshot{Trace: at, Wall: time.Unix(0, wallAtZero+int64(at)), Mono: uint64(at)},
	}}))
}

func (s *script) gomaxprocs(at xtrace.Time, n uint64) {
	s.feed(xtrace.MakeEvent(xtrace.EventConfig[xtrace.Metric]{Kind: xtrace.EventMetric, Time: at, Details: xtrace.Metric{
		Name: metricGOMAXPROCS, Value: xtrace.Uint64Value(n),
	}}))
}

func (s *script) rng(kind xtrace.EventKind, at xtrace.Time, g xtrace.GoID, name string, scope xtrace.ResourceID) {
	s.feed(xtrace.MakeEvent(xtrace.EventConfig[xtrace.Range]{Kind: kind, Time: at, Goroutine: g, Details: xtrace.Range{Name: name, Scope: scope}}))
}

func (s *script) cycleBegin(at xtrace.Time) {
	s.rng(xtrace.EventRangeBegin, at, 1, rangeMark, xtrace.ResourceID{Kind: xtrace.ResourceNone})
}

func (s *script) cycleActive(at xtrace.Time) {
	s.rng(xtrace.EventRangeActive, at, 1, rangeMark, xtrace.ResourceID{Kind: xtrace.ResourceNone})
}

func (s *script) stw(kind xtrace.EventKind, at xtrace.Time, name string) {
	s.rng(kind, at, 1, name, xtrace.MakeResourceID(xtrace.GoID(1)))
}

func (s *script) assist(kind xtrace.EventKind, at xtrace.Time, g xtrace.GoID) {
	s.rng(kind, at, g, rangeAssist, xtrace.MakeResourceID(g))
}

func (s *script) goState(at xtrace.Time, g xtrace.GoID, from, to xtrace.GoState) {
	s.feed(xtrace.MakeEvent(xtrace.EventConfig[xtrace.StateTransition]{Kind: xtrace.EventStateTransition, Time: at, Goroutine: g,
		Details: xtrace.MakeGoStateTransition(g, from, to)}))
}

func (s *script) start(at xtrace.Time, g xtrace.GoID) {
	s.goState(at, g, xtrace.GoRunnable, xtrace.GoRunning)
}
func (s *script) block(at xtrace.Time, g xtrace.GoID) {
	s.goState(at, g, xtrace.GoRunning, xtrace.GoWaiting)
}

func (s *script) label(at xtrace.Time, g xtrace.GoID, label string) {
	s.feed(xtrace.MakeEvent(xtrace.EventConfig[xtrace.Label]{Kind: xtrace.EventLabel, Time: at, Goroutine: g,
		Details: xtrace.Label{Label: label, Resource: xtrace.MakeResourceID(g)}}))
}

// cycle runs the four stop-the-world edges of one cycle: sweep termination [sweepBegin,
// sweepEnd], mark termination [markTermBegin, end].
func (s *script) phases(sweepBegin, sweepEnd, markTermBegin, end xtrace.Time) {
	s.stw(xtrace.EventRangeBegin, sweepBegin, rangeSweepTermination)
	s.stw(xtrace.EventRangeEnd, sweepEnd, rangeSweepTermination)
	s.stw(xtrace.EventRangeBegin, markTermBegin, rangeMarkTermination)
	s.stw(xtrace.EventRangeEnd, end, rangeMarkTermination)
}

func (s *script) only() Cycle {
	s.t.Helper()
	if len(s.cycles) != 1 {
		s.t.Fatalf("want one cycle, got %d: %+v", len(s.cycles), s.cycles)
	}
	return s.cycles[0]
}

func TestCyclePhasesAreOnTheWallClockOfTheSnapshot(t *testing.T) {
	s := newScript(t)
	s.sync(1_000_000) // a later snapshot: conversion uses the one in force
	s.cycleBegin(2_000_000)
	s.phases(2_030_000, 2_100_000, 5_000_000, 5_300_000)
	c := s.only()
	w := func(t xtrace.Time) int64 { return wallAtZero + int64(t) }
	want := []Phase{
		{Name: PhaseSweepTermination, STW: true, StartUnixNs: w(2_030_000), EndUnixNs: w(2_100_000)},
		{Name: PhaseMark, STW: false, StartUnixNs: w(2_100_000), EndUnixNs: w(5_000_000)},
		{Name: PhaseMarkTermination, STW: true, StartUnixNs: w(5_000_000), EndUnixNs: w(5_300_000)},
	}
	if c.StartUnixNs != w(2_000_000) || c.EndUnixNs != w(5_300_000) || c.Kind != KindMajor || len(c.Phases) != 3 {
		t.Fatalf("%+v", c)
	}
	for i := range want {
		if c.Phases[i] != want[i] {
			t.Fatalf("phase %d: got %+v, want %+v", i, c.Phases[i], want[i])
		}
	}
}

func TestStwIsBothTerminationsAndPauseCPUCountsEveryP(t *testing.T) {
	s := newScript(t)
	s.gomaxprocs(10, 4)
	s.cycleBegin(1_000)
	s.phases(1_000, 1_100, 9_000, 9_300)
	c := s.only()
	if c.StwNs != 400 || c.CPUParts.PauseNs != 1_600 || c.CPUNs != 1_600 {
		t.Fatalf("stw %d, parts %+v, cpu %d", c.StwNs, c.CPUParts, c.CPUNs)
	}
}

func TestMarkWorkerRunsAreBackgroundOrIdleCPUByLabel(t *testing.T) {
	s := newScript(t)
	s.cycleBegin(1_000)
	s.stw(xtrace.EventRangeBegin, 1_000, rangeSweepTermination)
	s.stw(xtrace.EventRangeEnd, 1_100, rangeSweepTermination)
	s.start(2_000, 7)
	s.label(2_000, 7, "GC (fractional)")
	s.block(2_500, 7)
	s.start(3_000, 8)
	s.label(3_000, 8, "GC (idle)")
	s.block(3_200, 8)
	s.start(4_000, 7) // the same goroutine, this time as a dedicated worker
	s.label(4_000, 7, "GC (dedicated)")
	s.block(4_100, 7)
	s.stw(xtrace.EventRangeBegin, 9_000, rangeMarkTermination)
	s.stw(xtrace.EventRangeEnd, 9_300, rangeMarkTermination)
	p := s.only().CPUParts
	if p.BackgroundNs != 600 || p.IdleNs != 200 || p.AssistNs != 0 {
		t.Fatalf("%+v", p)
	}
}

func TestAssistCountsOnlyTheTimeTheGoroutineRan(t *testing.T) {
	s := newScript(t)
	s.cycleBegin(1_000)
	s.stw(xtrace.EventRangeBegin, 1_000, rangeSweepTermination)
	s.stw(xtrace.EventRangeEnd, 1_100, rangeSweepTermination)
	s.start(2_000, 9)
	s.assist(xtrace.EventRangeBegin, 2_400, 9)
	s.block(2_600, 9) // parked in the assist, waiting for credit
	s.goState(2_700, 9, xtrace.GoWaiting, xtrace.GoRunnable)
	s.start(3_000, 9)
	s.assist(xtrace.EventRangeEnd, 3_100, 9)
	s.block(3_500, 9)
	s.stw(xtrace.EventRangeBegin, 9_000, rangeMarkTermination)
	s.stw(xtrace.EventRangeEnd, 9_300, rangeMarkTermination)
	if p := s.only().CPUParts; p.AssistNs != 300 || p.BackgroundNs != 0 {
		t.Fatalf("%+v", p)
	}
}

func TestNothingRunningIsChargedWhileTheWorldIsStopped(t *testing.T) {
	s := newScript(t)
	s.cycleBegin(1_000)
	s.stw(xtrace.EventRangeBegin, 1_000, rangeSweepTermination)
	s.stw(xtrace.EventRangeEnd, 1_100, rangeSweepTermination)
	// The worker that finds no more work runs mark termination itself.
	s.start(5_000, 7)
	s.label(5_000, 7, "GC (fractional)")
	s.stw(xtrace.EventRangeBegin, 6_000, rangeMarkTermination)
	s.stw(xtrace.EventRangeEnd, 6_400, rangeMarkTermination)
	s.block(6_500, 7)
	if p := s.only().CPUParts; p.BackgroundNs != 1_000 || p.PauseNs != 500 {
		t.Fatalf("%+v", p)
	}
}

func TestWorkBeforeTheCycleStartedIsNotTheCycles(t *testing.T) {
	s := newScript(t)
	s.start(500, 9) // running since before the cycle
	s.cycleBegin(1_000)
	s.stw(xtrace.EventRangeBegin, 1_200, rangeSweepTermination)
	s.stw(xtrace.EventRangeEnd, 1_300, rangeSweepTermination)
	s.assist(xtrace.EventRangeBegin, 1_500, 9)
	s.assist(xtrace.EventRangeEnd, 1_800, 9)
	s.stw(xtrace.EventRangeBegin, 9_000, rangeMarkTermination)
	s.stw(xtrace.EventRangeEnd, 9_300, rangeMarkTermination)
	if p := s.only().CPUParts; p.AssistNs != 300 {
		t.Fatalf("%+v", p)
	}
}

func TestACycleAlreadyRunningWhenTheTraceBeganIsNotReported(t *testing.T) {
	s := newScript(t)
	s.cycleActive(1_000)
	s.stw(xtrace.EventRangeBegin, 9_000, rangeMarkTermination)
	s.stw(xtrace.EventRangeEnd, 9_300, rangeMarkTermination)
	if len(s.cycles) != 0 {
		t.Fatalf("%+v", s.cycles)
	}
	if _, ok := s.b.inProgress(); ok {
		t.Fatal("a cycle whose start was not seen is not reported in progress")
	}
}

func TestTheCycleActiveAtEachGenerationIsTheSameCycle(t *testing.T) {
	s := newScript(t)
	s.cycleBegin(1_000)
	s.stw(xtrace.EventRangeBegin, 1_000, rangeSweepTermination)
	s.stw(xtrace.EventRangeEnd, 1_100, rangeSweepTermination)
	s.sync(5_000)
	s.cycleActive(5_000)
	s.stw(xtrace.EventRangeBegin, 9_000, rangeMarkTermination)
	s.stw(xtrace.EventRangeEnd, 9_300, rangeMarkTermination)
	if c := s.only(); c.StartUnixNs != wallAtZero+1_000 {
		t.Fatalf("%+v", c)
	}
}

func TestInProgressAndUntilFollowTheLastEvent(t *testing.T) {
	s := newScript(t)
	s.cycleBegin(1_000)
	s.stw(xtrace.EventRangeBegin, 1_000, rangeSweepTermination)
	s.stw(xtrace.EventRangeEnd, 1_100, rangeSweepTermination)
	s.start(4_000, 3)
	p, ok := s.b.inProgress()
	until, haveUntil := s.b.untilUnixNs()
	if !ok || p != (InProgress{StartUnixNs: wallAtZero + 1_000, Kind: KindMajor}) || !haveUntil || until != wallAtZero+4_000 {
		t.Fatalf("in progress %+v %v, until %d %v", p, ok, until, haveUntil)
	}
	s.stw(xtrace.EventRangeBegin, 9_000, rangeMarkTermination)
	s.stw(xtrace.EventRangeEnd, 9_300, rangeMarkTermination)
	if _, ok := s.b.inProgress(); ok {
		t.Fatal("the cycle ended")
	}
}

func TestNoCycleIsReportedBeforeAClockSnapshot(t *testing.T) {
	s := &script{t: t}
	s.b = newBuilder(1, func(c Cycle) { s.cycles = append(s.cycles, c) })
	s.cycleBegin(1_000)
	s.phases(1_000, 1_100, 9_000, 9_300)
	if _, ok := s.b.untilUnixNs(); ok || len(s.cycles) != 0 {
		t.Fatalf("%+v", s.cycles)
	}
}
