package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

type metricsBody struct {
	GC struct {
		Cycles []struct {
			StartUnixNs int64 `json:"start_unix_ns"`
			EndUnixNs   int64 `json:"end_unix_ns"`
			Phases      []struct{ Name string }
		}
		CyclesUntilUnixNs *int64 `json:"cycles_until_unix_ns"`
	}
	Extra struct {
		GCCycles string `json:"gc_cycles"`
	}
}

func startProcessor(t *testing.T, env ...string) string {
	t.Helper()
	port := freePort(t)
	cmd := exec.Command(buildBinary(t))
	cmd.Env = append(append(os.Environ(), "PORT="+port, "THREADS=1"), env...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	addr := "127.0.0.1:" + port
	waitReady(t, addr)
	return addr
}

func getMetrics(t *testing.T, addr string) metricsBody {
	t.Helper()
	res, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var m metricsBody
	if err := json.NewDecoder(res.Body).Decode(&m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestTheProcessorServesTheGCCyclesItsLoadCauses(t *testing.T) {
	addr := startProcessor(t, "GOGC=5")
	events := make([]string, 100)
	for i := range events {
		events[i] = fmt.Sprintf(`{"key":"k%d","ts":%d,"value":1.5,"kind":"reading"}`, i, i)
	}
	batch := "[" + strings.Join(events, ",") + "]"

	deadline := time.Now().Add(30 * time.Second)
	for {
		for range 50 {
			res, err := http.Post("http://"+addr+"/v1/events", "application/json", strings.NewReader(batch))
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
		}
		m := getMetrics(t, addr)
		if m.Extra.GCCycles != "runtime/trace" {
			t.Fatalf("gc_cycles %q", m.Extra.GCCycles)
		}
		if n := len(m.GC.Cycles); n > 0 {
			last := m.GC.Cycles[n-1]
			if m.GC.CyclesUntilUnixNs == nil || last.EndUnixNs > *m.GC.CyclesUntilUnixNs || last.StartUnixNs > last.EndUnixNs || len(last.Phases) != 3 {
				t.Fatalf("%+v", m.GC)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("no GC cycle was reported under load with GOGC=5")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestGCCyclesOffLeavesTheCycleListEmpty(t *testing.T) {
	m := getMetrics(t, startProcessor(t, "GC_CYCLES=off"))
	if m.Extra.GCCycles != "off" || m.GC.Cycles == nil || len(m.GC.Cycles) != 0 || m.GC.CyclesUntilUnixNs != nil {
		t.Fatalf("%+v", m)
	}
}
