package gccycles

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"runtime/trace"
	"sync"
	"time"

	xtrace "golang.org/x/exp/trace"
)

// MaxCycles is how many recent cycles a snapshot holds, as many as the runtime keeps pauses.
const MaxCycles = 256

// The reader works in slices of at most maxSlice and then sleeps, so that with GOMAXPROCS=1 a
// request never waits behind a whole generation's parse. A sleep (not runtime.Gosched) is what
// lets the scheduler poll the network: Gosched puts this goroutine on the global run queue,
// which the scheduler serves before it looks for ready connections.
const (
	maxSlice     = 100 * time.Microsecond
	yieldFor     = 50 * time.Microsecond
	checkEvery   = 256 // events between looks at the clock
	publishEvery = 4096
)

// Recorder streams the runtime's execution trace into an in-process reader for the life of the
// process and keeps the most recent cycles. The trace's only stop-the-world is runtime/trace's
// own start, before the listener serves; after that the runtime starts a new trace generation
// every second without stopping the world (each P is preempted once to write its status).
type Recorder struct {
	pw      *io.PipeWriter
	done    chan struct{}
	tracing bool // this recorder started the execution trace, so Stop may end it

	mu         sync.Mutex
	ring       []Cycle // oldest overwritten first once full
	next       int
	until      int64
	haveUntil  bool
	inProgress *InProgress
	err        error
}

// Snapshot is what a /metrics response reports about cycles.
type Snapshot struct {
	// Cycles completed, oldest first, at most MaxCycles.
	Cycles []Cycle
	// UntilUnixNs is the time up to which Cycles is complete; nil before the first generation
	// of the trace has been read.
	UntilUnixNs *int64
	InProgress  *InProgress
	// Err says why cycles are not being recorded, if they are not.
	Err error
}

// Start begins tracing. It never fails outright: a recorder that could not start (another
// execution trace already running) or whose trace it cannot read reports why in Snapshot.Err.
func Start() *Recorder {
	pr, pw := io.Pipe()
	r := &Recorder{pw: pw, done: make(chan struct{}), ring: make([]Cycle, 0, MaxCycles)}
	if err := trace.Start(pw); err != nil {
		r.err = fmt.Errorf("runtime/trace: %w", err)
		close(r.done)
		return r
	}
	r.tracing = true
	go r.consume(pr)
	return r
}

// Stop ends tracing and waits for the reader to finish.
func (r *Recorder) Stop() {
	if !r.tracing {
		return
	}
	trace.Stop()
	r.pw.Close()
	<-r.done
}

// Snapshot copies the current record.
func (r *Recorder) Snapshot() Snapshot {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := Snapshot{Cycles: make([]Cycle, 0, len(r.ring)), Err: r.err}
	s.Cycles = append(append(s.Cycles, r.ring[r.next:]...), r.ring[:r.next]...)
	if r.haveUntil {
		until := r.until
		s.UntilUnixNs = &until
	}
	if r.inProgress != nil {
		p := *r.inProgress
		s.InProgress = &p
	}
	return s
}

func (r *Recorder) consume(pr *io.PipeReader) {
	defer close(r.done)
	err := r.read(pr)
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrClosedPipe) {
		return
	}
	r.mu.Lock()
	r.err = fmt.Errorf("reading the execution trace: %w", err)
	r.haveUntil, r.inProgress = false, nil
	r.mu.Unlock()
	// The tracer writes into the pipe synchronously: stop it and drain what it still writes, or
	// it would block forever while the runtime kept buffering trace data.
	go func() {
		trace.Stop()
		r.pw.Close()
	}()
	io.Copy(io.Discard, pr) //nolint:errcheck // draining; the error is already recorded
}

func (r *Recorder) read(pr io.Reader) error {
	rd, err := xtrace.NewReader(pr)
	if err != nil {
		return err
	}
	var b *builder
	b = newBuilder(runtime.GOMAXPROCS(0), func(c Cycle) { r.add(c, b) })
	sliceStart := time.Now()
	for n := 1; ; n++ {
		ev, err := rd.ReadEvent()
		if err != nil {
			return err
		}
		b.event(&ev)
		if ev.Kind() == xtrace.EventSync || n%publishEvery == 0 {
			r.publish(b)
		}
		if n%checkEvery == 0 && time.Since(sliceStart) > maxSlice {
			time.Sleep(yieldFor)
			sliceStart = time.Now()
		}
	}
}

// add records a completed cycle and, in the same step, the state after it, so a snapshot never
// shows a cycle both completed and in progress.
func (r *Recorder) add(c Cycle, b *builder) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.ring) < MaxCycles {
		r.ring = append(r.ring, c)
	} else {
		r.ring[r.next] = c
		r.next = (r.next + 1) % MaxCycles
	}
	r.publishLocked(b)
}

func (r *Recorder) publish(b *builder) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.publishLocked(b)
}

func (r *Recorder) publishLocked(b *builder) {
	until, ok := b.untilUnixNs()
	p, open := b.inProgress()
	r.until, r.haveUntil = until, ok
	r.inProgress = nil
	if open {
		r.inProgress = &p
	}
}
