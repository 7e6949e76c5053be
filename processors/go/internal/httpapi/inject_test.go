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

func serveEvents(t *testing.T, h *Handler, body string) string {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/v1/events", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("POST /v1/events: status %d: %s", rec.Code, rec.Body.String())
	}
	return rec.Body.String()
}

func serveGet(h *Handler, path string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec
}

func event(key string) string {
	return `{"key":"` + key + `","ts":1,"value":1,"kind":"reading"}`
}

func TestDropEveryAcknowledgesEveryEventButKeepsOnlyTheUndropped(t *testing.T) {
	h := New(state.NewStore(), 4<<20)
	h.SetDropEvery(3)
	// Accepted events 1..4 here (the invalid element is not counted), 5..9 in the next batch:
	// 3, 6 and 9 are lost. Event 3 is the only one for key "c".
	first := serveEvents(t, h, "["+event("a")+","+event("b")+`,{"key":""},`+event("c")+","+event("a")+"]")
	if !strings.HasPrefix(first, `{"accepted":4,"rejected":1`) {
		t.Fatalf("first batch answered %s, want all 4 valid events acknowledged", first)
	}
	second := serveEvents(t, h, "["+strings.Repeat(event("a")+",", 4)+event("a")+"]")
	if !strings.HasPrefix(second, `{"accepted":5,"rejected":0`) {
		t.Fatalf("second batch answered %s, want all 5 acknowledged", second)
	}
	if stats := serveGet(h, "/v1/stats").Body.String(); stats != `{"keys":2,"events":6,"reads":0}` {
		t.Fatalf("stats %s, want 6 of the 9 acknowledged events kept, over keys a and b", stats)
	}
	if rec := serveGet(h, "/v1/keys/c"); rec.Code != http.StatusNotFound {
		t.Fatalf("key c (only a dropped event) answered %d, want 404: a dropped event must not be applied", rec.Code)
	}
}

func TestDropEveryOffKeepsEveryAcceptedEvent(t *testing.T) {
	h := New(state.NewStore(), 4<<20)
	serveEvents(t, h, "["+strings.Repeat(event("a")+",", 8)+event("a")+"]")
	if stats := serveGet(h, "/v1/stats").Body.String(); stats != `{"keys":1,"events":9,"reads":0}` {
		t.Fatalf("stats %s, want all 9 events kept", stats)
	}
}
