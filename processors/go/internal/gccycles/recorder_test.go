package gccycles

import (
	"runtime"
	"testing"
	"time"
)

// waitUntil polls the recorder until its record is complete up to unixNs: the runtime hands
// over a trace generation about once a second.
func waitUntil(t *testing.T, r *Recorder, unixNs int64) Snapshot {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		s := r.Snapshot()
		if s.Err != nil {
			t.Fatal(s.Err)
		}
		if s.UntilUnixNs != nil && *s.UntilUnixNs >= unixNs {
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("the record never reached %d: %+v", unixNs, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestAForcedCycleIsRecordedBetweenTheClockReadingsAroundIt(t *testing.T) {
	r := Start()
	defer r.Stop()
	before := time.Now().UnixNano()
	runtime.GC()
	after := time.Now().UnixNano()
	s := waitUntil(t, r, after)

	var c *Cycle
	for i := range s.Cycles {
		if s.Cycles[i].StartUnixNs >= before {
			c = &s.Cycles[i]
			break
		}
	}
	if c == nil {
		t.Fatalf("no cycle after %d in %+v", before, s.Cycles)
	}
	if c.EndUnixNs > after || len(c.Phases) != 3 || c.Kind != KindMajor {
		t.Fatalf("%+v (runtime.GC ran from %d to %d)", c, before, after)
	}
	prev := c.StartUnixNs
	var stw int64
	for i, p := range c.Phases {
		if i > 0 && p.StartUnixNs != prev || p.StartUnixNs < prev || p.EndUnixNs < p.StartUnixNs {
			t.Fatalf("phase %d out of order: %+v", i, c.Phases)
		}
		if p.STW {
			stw += p.EndUnixNs - p.StartUnixNs
		}
		prev = p.EndUnixNs
	}
	if prev != c.EndUnixNs || stw != c.StwNs {
		t.Fatalf("phases %+v do not make up the cycle %+v", c.Phases, c)
	}
	parts := c.CPUParts
	if parts.BackgroundNs+parts.IdleNs <= 0 || c.CPUNs != parts.AssistNs+parts.BackgroundNs+parts.IdleNs+parts.PauseNs {
		t.Fatalf("the mark workers did the forced cycle's marking: %+v, total %d", parts, c.CPUNs)
	}
}

func TestASecondRecorderSaysWhyAndLeavesTheFirstTracing(t *testing.T) {
	first := Start()
	defer first.Stop()
	second := Start()
	second.Stop()
	if second.Snapshot().Err == nil {
		t.Fatal("only one execution trace can run; the second recorder should say so")
	}
	runtime.GC()
	after := time.Now().UnixNano()
	if s := waitUntil(t, first, after); len(s.Cycles) == 0 {
		t.Fatal("the first recorder stopped recording")
	}
}

func TestTheRingKeepsTheMostRecentCyclesOldestFirst(t *testing.T) {
	r := &Recorder{ring: make([]Cycle, 0, MaxCycles)}
	b := newBuilder(1, nil)
	for i := range MaxCycles + 5 {
		r.add(Cycle{StartUnixNs: int64(i)}, b)
	}
	s := r.Snapshot()
	if len(s.Cycles) != MaxCycles || s.Cycles[0].StartUnixNs != 5 || s.Cycles[MaxCycles-1].StartUnixNs != MaxCycles+4 {
		t.Fatalf("%d cycles, first %d, last %d", len(s.Cycles), s.Cycles[0].StartUnixNs, s.Cycles[len(s.Cycles)-1].StartUnixNs)
	}
}
