package metrics

import (
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"latency-harness/processors/go/internal/gccycles"
)

func TestPausesAreOldestFirstWithWallClockEnds(t *testing.T) {
	before := time.Now().UnixNano()
	runtime.GC()
	runtime.GC()
	r := Collect(time.Now(), nil)
	if r.GC.Count < 2 || len(r.GC.Pauses) < 2 || len(r.GC.Pauses) > maxPauses {
		t.Fatalf("count %d, %d pauses", r.GC.Count, len(r.GC.Pauses))
	}
	for i := 1; i < len(r.GC.Pauses); i++ {
		if r.GC.Pauses[i].EndUnixNs < r.GC.Pauses[i-1].EndUnixNs {
			t.Fatalf("pause %d ends before pause %d", i, i-1)
		}
	}
	if last := r.GC.Pauses[len(r.GC.Pauses)-1]; last.EndUnixNs < before || last.Kind != "stw" {
		t.Fatalf("the latest pause %+v should be the runtime.GC() just forced", last)
	}
}

func TestReportNamesTheRuntime(t *testing.T) {
	r := Collect(time.Now(), nil)
	if r.Impl != "go" || r.Runtime != runtime.Version() || !r.GC.Collector || r.HeapBytes == 0 ||
		r.Extra.GOMAXPROCS != runtime.GOMAXPROCS(0) {
		t.Fatalf("%+v", r)
	}
	if _, err := r.AppendJSON(nil); err != nil {
		t.Fatal(err)
	}
}

type fixedCycles gccycles.Snapshot

func (f fixedCycles) Snapshot() gccycles.Snapshot { return gccycles.Snapshot(f) }

func TestWithoutACycleSourceCyclesAreOffAndEmpty(t *testing.T) {
	r := Collect(time.Now(), nil)
	b, err := r.AppendJSON(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"cycles":[],"cycles_until_unix_ns":null,"cycle_in_progress":null},`) || r.Extra.GCCycles != "off" {
		t.Fatalf("%s", b)
	}
}

func TestRecordedCyclesAreReportedWithTheirSource(t *testing.T) {
	until := int64(1_764_144_001_000_000_000)
	c := gccycles.Cycle{StartUnixNs: 1_764_144_000_000_000_000, EndUnixNs: 1_764_144_000_002_000_000, Kind: gccycles.KindMajor,
		Phases: []gccycles.Phase{{Name: gccycles.PhaseMark, StartUnixNs: 1_764_144_000_000_000_000, EndUnixNs: 1_764_144_000_002_000_000}}}
	r := Collect(time.Now(), fixedCycles{Cycles: []gccycles.Cycle{c}, UntilUnixNs: &until,
		InProgress: &gccycles.InProgress{StartUnixNs: until - 5, Kind: gccycles.KindMajor}})
	b, err := r.AppendJSON(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"cycles":[{"start_unix_ns":1764144000000000000,"end_unix_ns":1764144000002000000,"kind":"major",`,
		`"cycles_until_unix_ns":1764144001000000000,"cycle_in_progress":{"start_unix_ns":1764144000999999995,"kind":"major"}}`,
		`"gc_cycles":"runtime/trace"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("missing %s in %s", want, b)
		}
	}
}

func TestAnUnavailableCycleSourceSaysWhy(t *testing.T) {
	r := Collect(time.Now(), fixedCycles{Cycles: []gccycles.Cycle{}, Err: errors.New("execution tracer already enabled")})
	if r.Extra.GCCycles != "unavailable: execution tracer already enabled" || r.GC.Cycles == nil {
		t.Fatalf("%+v", r.Extra)
	}
}
