package metrics

import (
	"runtime"
	"testing"
	"time"
)

func TestPausesAreOldestFirstWithWallClockEnds(t *testing.T) {
	before := time.Now().UnixNano()
	runtime.GC()
	runtime.GC()
	r := Collect(time.Now())
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
	r := Collect(time.Now())
	if r.Impl != "go" || r.Runtime != runtime.Version() || !r.GC.Collector || r.HeapBytes == 0 ||
		r.Extra.GOMAXPROCS != runtime.GOMAXPROCS(0) {
		t.Fatalf("%+v", r)
	}
	if _, err := r.AppendJSON(nil); err != nil {
		t.Fatal(err)
	}
}
