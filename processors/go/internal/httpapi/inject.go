package httpapi

import (
	"time"

	"latency-harness/processors/go/internal/events"
)

// Deliberate costs and faults, all off by default, that exist only so the harness can prove its
// own checks catch them (its regression gate, its kept-what-it-acknowledged check). When off,
// each costs one comparison per POST /v1/events.

// SetInjectedCost makes every POST /v1/events busy-wait for d (INJECT_DELAY_US): CPU work, not
// a sleep, so it costs what real work would. Off (0) by default.
func (h *Handler) SetInjectedCost(d time.Duration) { h.injectedCost = d }

func spin(d time.Duration) {
	for start := time.Now(); time.Since(start) < d; {
	}
}

// SetDropEvery makes the handler lose every nth accepted event (INJECT_DROP_EVERY), counted
// across requests since the process started: the answer still reports it as accepted, but it is
// neither applied to its key nor counted in /v1/stats. Off (0) by default; call it before serving.
func (h *Handler) SetDropEvery(n int) { h.dropEvery = int64(n) }

// keepUndropped returns valid without the events that fall on a multiple of dropEvery, reusing
// kept's storage. One atomic add per batch reserves the batch's positions in the count, so
// concurrent batches never drop the same position twice or skip one.
func (h *Handler) keepUndropped(valid, kept []events.Event) []events.Event {
	n := int64(len(valid))
	before := h.dropSeen.Add(n) - n
	kept = kept[:0]
	for i := range valid {
		if (before+int64(i)+1)%h.dropEvery != 0 {
			kept = append(kept, valid[i])
		}
	}
	return kept
}
