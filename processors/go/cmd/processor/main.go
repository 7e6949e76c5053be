// Command processor is the Go implementation of the event processor (processors/README.md).
package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"syscall"
	"time"

	"latency-harness/processors/go/internal/config"
	"latency-harness/processors/go/internal/gccycles"
	"latency-harness/processors/go/internal/httpapi"
	"latency-harness/processors/go/internal/state"
)

// shutdownGrace is how long in-flight requests get after SIGTERM; the spec allows 2 s in all.
const shutdownGrace = 1500 * time.Millisecond

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "processor:", err)
		os.Exit(1)
	}
}

func run() error {
	cfg, err := config.FromEnv(os.Getenv)
	if err != nil {
		return err
	}
	runtime.GOMAXPROCS(cfg.Threads)

	ln, err := net.Listen("tcp", net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port)))
	if err != nil {
		return err
	}
	handler := httpapi.New(state.NewStore(), cfg.MaxBodyBytes)
	handler.SetInjectedCost(time.Duration(cfg.InjectDelayUs) * time.Microsecond)
	handler.SetDropEvery(cfg.InjectDropEvery)
	if cfg.GCCycles {
		// Before serving: starting the execution trace stops the world once. The trace then runs
		// until the process exits.
		handler.SetGCCycles(gccycles.Start())
	}
	srv := newServer(handler)

	if cfg.PprofAddr != "" {
		if err := servePprof(cfg.PprofAddr); err != nil {
			return err
		}
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(guard(ln)) }()

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	// Stop accepting, let in-flight requests finish, then drop whatever is left.
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); errors.Is(err, context.DeadlineExceeded) {
		srv.Close()
	}
	return nil
}

// servePprof serves the profiling endpoints on their own listener, never on the processor's.
func servePprof(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	go http.Serve(ln, mux) //nolint:errcheck // a debugging aid; it ends with the process
	return nil
}
