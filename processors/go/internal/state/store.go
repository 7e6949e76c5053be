package state

import (
	"sync"

	"latency-harness/processors/go/internal/events"
)

// Store is the process-wide state. One mutex guards it: a batch is applied as a whole while
// holding it, so concurrent batches never interleave, and the critical section is only the
// arithmetic (parsing and validation happen before, outside it).
type Store struct {
	mu     sync.Mutex
	index  map[string]int32 // key → position in keys
	keys   keyChunks
	events int64
	reads  int64
}

// NewStore returns an empty store.
func NewStore() *Store {
	s := &Store{}
	s.reset()
	return s
}

func (s *Store) reset() {
	// Fresh containers rather than clear(): after a reset the memory of the old keys should be
	// returned to the collector, as a restart would.
	s.index = make(map[string]int32)
	s.keys = keyChunks{}
	s.events = 0
	s.reads = 0
}

// Reset clears keys, events and reads.
func (s *Store) Reset() {
	s.mu.Lock()
	s.reset()
	s.mu.Unlock()
}

// Apply applies validated events in order, creating keys on first sight.
func (s *Store) Apply(evs []events.Event) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range evs {
		ev := &evs[i]
		pos, ok := s.index[string(ev.Key)] // the conversion does not allocate for a lookup
		if !ok {
			pos = s.keys.add()
			s.index[string(ev.Key)] = pos
		}
		s.keys.at(pos).add(ev.TS, ev.Value, ev.Alert)
	}
	s.events += int64(len(evs))
}

// Lookup copies the aggregates of key into k; ok is false for an unknown key.
func (s *Store) Lookup(key string, k *Key) (ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	pos, ok := s.index[key]
	if ok {
		*k = *s.keys.at(pos)
	}
	return ok
}

// AddReads grows the reads counter by n.
func (s *Store) AddReads(n int64) {
	s.mu.Lock()
	s.reads += n
	s.mu.Unlock()
}

// Stats are the global counters.
type Stats struct {
	Keys, Events, Reads int64
}

// Stats returns a consistent snapshot of the counters.
func (s *Store) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return Stats{Keys: int64(s.keys.n), Events: s.events, Reads: s.reads}
}

// chunkSize is how many keys share one allocation.
const chunkSize = 256

// keyChunks stores keys in fixed-size chunks rather than one growing slice: adding a key never
// copies the existing ones, so a million keys (about 330 MB) never cause a copy of that size while the
// lock is held, and each chunk is a pointer-free allocation the collector does not scan.
type keyChunks struct {
	chunks []*[chunkSize]Key
	n      int32
}

func (c *keyChunks) add() int32 {
	if int(c.n)%chunkSize == 0 {
		c.chunks = append(c.chunks, new([chunkSize]Key))
	}
	c.n++
	return c.n - 1
}

func (c *keyChunks) at(pos int32) *Key {
	return &c.chunks[pos/chunkSize][pos%chunkSize]
}
