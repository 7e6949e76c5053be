// Package config reads the processor's settings from the environment.
package config

import (
	"fmt"
	"strconv"
)

// Config is the processor's configuration (see processors/README.md, "Configuration").
type Config struct {
	Host         string
	Port         int
	Threads      int
	MaxBodyBytes int64
	// PprofAddr, from PPROF_ADDR, is where to serve net/http/pprof for profiling; empty (the
	// default, and always under the harness) serves nothing.
	PprofAddr string
	// InjectDelayUs, from INJECT_DELAY_US, adds a busy-wait of this many microseconds to every
	// POST /v1/events: a known, deliberate cost used to prove that the harness's regression gate
	// detects a regression of known size. 0 (the default) adds nothing; the harness records any
	// value it sets in the run's provenance.
	InjectDelayUs int
	// InjectDropEvery, from INJECT_DROP_EVERY, makes the processor lose every Nth accepted event:
	// the answer still counts it as accepted, but it is neither applied nor counted in /v1/stats.
	// A known, deliberate fault used to prove that the harness notices acknowledged events that
	// were not kept. 0 (the default) drops nothing.
	InjectDropEvery int
	// GCCycles, from GC_CYCLES ("on", the default, or "off"), records GC cycles for /metrics from
	// the runtime's execution trace. "off" exists to measure what recording costs and to leave
	// the execution tracer free for PPROF_ADDR's /debug/pprof/trace.
	GCCycles bool
}

// FromEnv reads HOST, PORT, THREADS and MAX_BODY_BYTES (and the processor's own PPROF_ADDR,
// INJECT_DELAY_US, GC_CYCLES) through getenv, applying the defaults, and rejects values that are
// not usable.
func FromEnv(getenv func(string) string) (Config, error) {
	c := Config{Host: "127.0.0.1", Port: 8080, Threads: 1, MaxBodyBytes: 4 << 20}
	if v := getenv("HOST"); v != "" {
		c.Host = v
	}
	c.PprofAddr = getenv("PPROF_ADDR")
	switch v := getenv("GC_CYCLES"); v {
	case "", "on":
		c.GCCycles = true
	case "off":
	default:
		return c, fmt.Errorf("GC_CYCLES must be on or off, got %q", v)
	}
	var err error
	if c.Port, err = intSetting(getenv, "PORT", c.Port, 0, 65535); err != nil {
		return c, err
	}
	if c.Threads, err = intSetting(getenv, "THREADS", c.Threads, 1, 4096); err != nil {
		return c, err
	}
	if c.InjectDelayUs, err = intSetting(getenv, "INJECT_DELAY_US", 0, 0, 1_000_000); err != nil {
		return c, err
	}
	if c.InjectDropEvery, err = intSetting(getenv, "INJECT_DROP_EVERY", 0, 0, 1<<30); err != nil {
		return c, err
	}
	maxBody, err := intSetting(getenv, "MAX_BODY_BYTES", int(c.MaxBodyBytes), 0, 1<<40)
	c.MaxBodyBytes = int64(maxBody)
	return c, err
}

func intSetting(getenv func(string) string, name string, def, lo, hi int) (int, error) {
	v := getenv(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%s must be an integer from %d to %d, got %q", name, lo, hi, v)
	}
	return n, nil
}
