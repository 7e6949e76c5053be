package state

import (
	"fmt"
	"testing"

	"latency-harness/processors/go/internal/events"
)

func ev(key string, ts int64, value float64) events.Event {
	return events.Event{Key: []byte(key), TS: ts, Value: value}
}

func TestApplyCreatesKeysOnFirstSightAndCountsEvents(t *testing.T) {
	s := NewStore()
	s.Apply([]events.Event{ev("a", 1, 1), ev("b", 1, 2), ev("a", 2, 3)})
	var k Key
	if !s.Lookup("a", &k) || k.Count != 2 || k.Sum != 4 {
		t.Fatalf("a: %+v", k)
	}
	if got := s.Stats(); got != (Stats{Keys: 2, Events: 3}) {
		t.Fatalf("stats %+v", got)
	}
}

func TestLookupOfUnknownKeyFails(t *testing.T) {
	var k Key
	if NewStore().Lookup("nope", &k) {
		t.Fatal("found an unknown key")
	}
}

func TestApplyDoesNotRetainTheEventKeyBytes(t *testing.T) {
	s := NewStore()
	key := []byte("abc")
	s.Apply([]events.Event{{Key: key, TS: 1, Value: 1}})
	copy(key, "xyz") // the request body is reused for the next request
	var k Key
	if !s.Lookup("abc", &k) || s.Lookup("xyz", &k) {
		t.Fatal("the store aliases the request's bytes")
	}
}

func TestKeysBeyondOneChunkKeepTheirOwnState(t *testing.T) {
	s := NewStore()
	n := 3*chunkSize + 7
	for i := range n {
		s.Apply([]events.Event{ev(fmt.Sprint("k", i), int64(i), float64(i))})
	}
	for _, i := range []int{0, chunkSize - 1, chunkSize, n - 1} {
		var k Key
		if !s.Lookup(fmt.Sprint("k", i), &k) || k.Last != float64(i) || k.Count != 1 {
			t.Fatalf("key %d: %+v", i, k)
		}
	}
}

func TestResetClearsKeysEventsAndReads(t *testing.T) {
	s := NewStore()
	s.Apply([]events.Event{ev("a", 1, 1)})
	s.AddReads(5)
	s.Reset()
	var k Key
	if s.Lookup("a", &k) || s.Stats() != (Stats{}) {
		t.Fatalf("after reset: stats %+v", s.Stats())
	}
}

func TestAppendStats(t *testing.T) {
	if got := string(AppendStats(nil, Stats{Keys: 1, Events: 2, Reads: 3})); got != `{"keys":1,"events":2,"reads":3}` {
		t.Fatal(got)
	}
}
