package config

import "testing"

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestDefaults(t *testing.T) {
	c, err := FromEnv(env(nil))
	if err != nil || c != (Config{Host: "127.0.0.1", Port: 8080, Threads: 1, MaxBodyBytes: 4194304, GCCycles: true}) {
		t.Fatalf("%+v %v", c, err)
	}
}

func TestReadsEverySetting(t *testing.T) {
	c, err := FromEnv(env(map[string]string{"HOST": "::1", "PORT": "9000", "THREADS": "2", "MAX_BODY_BYTES": "1024", "PPROF_ADDR": "127.0.0.1:6060"}))
	if err != nil || c != (Config{Host: "::1", Port: 9000, Threads: 2, MaxBodyBytes: 1024, PprofAddr: "127.0.0.1:6060", GCCycles: true}) {
		t.Fatalf("%+v %v", c, err)
	}
}

func TestRejectsUnusableValues(t *testing.T) {
	for _, bad := range []map[string]string{{"PORT": "http"}, {"PORT": "70000"}, {"THREADS": "0"},
		{"THREADS": "1.5"}, {"MAX_BODY_BYTES": "-1"}, {"MAX_BODY_BYTES": "4MiB"}} {
		if _, err := FromEnv(env(bad)); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}

func TestInjectDelayIsOffByDefaultAndValidated(t *testing.T) {
	c, err := FromEnv(env(nil))
	if err != nil || c.InjectDelayUs != 0 {
		t.Fatalf("default: %v %d", err, c.InjectDelayUs)
	}
	c, err = FromEnv(env(map[string]string{"INJECT_DELAY_US": "40"}))
	if err != nil || c.InjectDelayUs != 40 {
		t.Fatalf("40: %v %d", err, c.InjectDelayUs)
	}
	if _, err := FromEnv(env(map[string]string{"INJECT_DELAY_US": "-1"})); err == nil {
		t.Fatal("a negative delay must be rejected")
	}
}

func TestInjectDropEveryIsOffByDefaultAndValidated(t *testing.T) {
	c, err := FromEnv(env(nil))
	if err != nil || c.InjectDropEvery != 0 {
		t.Fatalf("default: %v %d", err, c.InjectDropEvery)
	}
	c, err = FromEnv(env(map[string]string{"INJECT_DROP_EVERY": "100"}))
	if err != nil || c.InjectDropEvery != 100 {
		t.Fatalf("100: %v %d", err, c.InjectDropEvery)
	}
	for _, bad := range []string{"-1", "every", "2.5"} {
		if _, err := FromEnv(env(map[string]string{"INJECT_DROP_EVERY": bad})); err == nil {
			t.Errorf("INJECT_DROP_EVERY=%q accepted", bad)
		}
	}
}

func TestGCCyclesAreOnUnlessTurnedOff(t *testing.T) {
	for v, want := range map[string]bool{"": true, "on": true, "off": false} {
		c, err := FromEnv(env(map[string]string{"GC_CYCLES": v}))
		if err != nil || c.GCCycles != want {
			t.Errorf("GC_CYCLES=%q: %v %v", v, c.GCCycles, err)
		}
	}
	if _, err := FromEnv(env(map[string]string{"GC_CYCLES": "yes"})); err == nil {
		t.Fatal("only on and off are accepted")
	}
}
