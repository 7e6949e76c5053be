package httpapi

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"latency-harness/processors/go/internal/state"
)

func TestInjectedCostDelaysEventsOnly(t *testing.T) {
	h := New(state.NewStore(), 4<<20)
	h.SetInjectedCost(30 * time.Millisecond)
	post := func() time.Duration {
		req := httptest.NewRequest(http.MethodPost, "/v1/events", strings.NewReader(`[{"key":"a","ts":1,"value":1,"kind":"reading"}]`))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		start := time.Now()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
		}
		return time.Since(start)
	}
	// A busy-wait can only make the request longer, never shorter: a lower bound, not a timing threshold.
	if d := post(); d < 30*time.Millisecond {
		t.Fatalf("POST /v1/events took %v, want at least the injected 30ms", d)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/health", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("health: %d", rec.Code)
	}
}
