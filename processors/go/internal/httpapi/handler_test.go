package httpapi

import (
	"bufio"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"latency-harness/processors/go/internal/state"
)

const testMaxBody = 256

func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(New(state.NewStore(), testMaxBody))
	t.Cleanup(srv.Close)
	return srv
}

type response struct {
	status int
	header http.Header
	body   string
}

func do(t *testing.T, srv *httptest.Server, method, path, contentType string, body io.Reader) response {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{res.StatusCode, res.Header, string(b)}
}

func postEvents(t *testing.T, srv *httptest.Server, body string) response {
	return do(t, srv, "POST", "/v1/events", "application/json", strings.NewReader(body))
}

// wantError checks the status and that the body is {"error": <non-empty string>}.
func wantError(t *testing.T, r response, status int) {
	t.Helper()
	var e struct{ Error string }
	if r.status != status || json.Unmarshal([]byte(r.body), &e) != nil || e.Error == "" {
		t.Fatalf("got %d %s, want %d with an error message", r.status, r.body, status)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Fatalf("Content-Type %q", ct)
	}
}

func TestHealth(t *testing.T) {
	r := do(t, newServer(t), "GET", "/health?probe=1", "", nil)
	if r.status != 200 || r.body != `{"status":"ok","impl":"go","version":"0.1.0"}` {
		t.Fatalf("%d %s", r.status, r.body)
	}
}

func TestUnknownPathsAre404(t *testing.T) {
	srv := newServer(t)
	for _, path := range []string{"/", "/nope", "/health/", "/v1/keys/", "/v1/keys/a/b", "/v1/keys", "/V1/stats"} {
		wantError(t, do(t, srv, "GET", path, "", nil), 404)
	}
}

func TestUnknownPathIsDecidedBeforeMethod(t *testing.T) {
	wantError(t, do(t, newServer(t), "DELETE", "/v1/keys/a/b", "", nil), 404)
}

func TestWrongMethodIs405WithAllow(t *testing.T) {
	srv := newServer(t)
	cases := map[string]string{"POST /health": "GET, HEAD", "GET /v1/events": "POST", "PUT /v1/reads": "POST",
		"DELETE /v1/keys/a": "GET, HEAD", "GET /v1/reset": "POST", "POST /metrics": "GET, HEAD", "POST /v1/stats": "GET, HEAD"}
	for req, allow := range cases {
		method, path, _ := strings.Cut(req, " ")
		r := do(t, srv, method, path, "application/json", strings.NewReader("[]"))
		wantError(t, r, 405)
		if got := r.header.Get("Allow"); got != allow {
			t.Errorf("%s: Allow %q, want %q", req, got, allow)
		}
	}
}

func TestHeadIsAnsweredAsGetWithoutBody(t *testing.T) {
	r := do(t, newServer(t), "HEAD", "/v1/stats", "", nil)
	if r.status != 200 || r.body != "" {
		t.Fatalf("%d %q", r.status, r.body)
	}
}

func TestWrongContentTypeIs415(t *testing.T) {
	srv := newServer(t)
	for _, ct := range []string{"", "text/plain", "application/jsonx", "application/x-json", "json"} {
		wantError(t, do(t, srv, "POST", "/v1/events", ct, strings.NewReader("[]")), 415)
	}
	for _, ct := range []string{"", "application/json", "text/plainx", "text/html"} {
		wantError(t, do(t, srv, "POST", "/v1/reads", ct, strings.NewReader("")), 415)
	}
}

func TestContentTypeIgnoresCaseAndParameters(t *testing.T) {
	srv := newServer(t)
	if r := do(t, srv, "POST", "/v1/events", "Application/JSON ; charset=utf-8", strings.NewReader("[]")); r.status != 200 {
		t.Fatalf("events: %d %s", r.status, r.body)
	}
	if r := do(t, srv, "POST", "/v1/reads", "TEXT/plain;charset=UTF-8", strings.NewReader("")); r.status != 200 {
		t.Fatalf("reads: %d %s", r.status, r.body)
	}
}

func TestContentTypeIsCheckedBeforeSize(t *testing.T) {
	wantError(t, do(t, newServer(t), "POST", "/v1/events", "text/plain", strings.NewReader(strings.Repeat(" ", 2*testMaxBody))), 415)
}

func TestBodyOverTheLimitIs413(t *testing.T) {
	srv := newServer(t)
	body := "[" + strings.Repeat(" ", testMaxBody) + "]"
	wantError(t, do(t, srv, "POST", "/v1/events", "application/json", strings.NewReader(body)), 413)
	wantError(t, do(t, srv, "POST", "/v1/reads", "text/plain", strings.NewReader(body)), 413)
}

func TestChunkedBodyOverTheLimitIs413(t *testing.T) {
	// io.MultiReader hides the length, so the client sends the body chunked.
	body := io.MultiReader(strings.NewReader("["), strings.NewReader(strings.Repeat(" ", testMaxBody)+"]"))
	wantError(t, do(t, newServer(t), "POST", "/v1/events", "application/json", body), 413)
}

func TestBodyOfExactlyTheLimitIsAccepted(t *testing.T) {
	body := "[" + strings.Repeat(" ", testMaxBody-2) + "]"
	if r := postEvents(t, newServer(t), body); r.status != 200 {
		t.Fatalf("%d %s", r.status, r.body)
	}
}

func TestSizeIsCheckedBeforeUTF8(t *testing.T) {
	body := "[\"\xff" + strings.Repeat(" ", testMaxBody) + "\"]"
	wantError(t, postEvents(t, newServer(t), body), 413)
}

func TestInvalidUTF8Is400(t *testing.T) {
	srv := newServer(t)
	wantError(t, postEvents(t, srv, "[\"\xff\"]"), 400)
	// An encoded surrogate is not valid UTF-8 either.
	wantError(t, postEvents(t, srv, "[\"\xed\xa0\x80\"]"), 400)
	wantError(t, do(t, srv, "POST", "/v1/reads", "text/plain", strings.NewReader("@r\xc3\nA\n+\nI\n")), 400)
}

func TestMalformedOrNonArrayJSONIs400AndAppliesNothing(t *testing.T) {
	srv := newServer(t)
	for _, body := range []string{"", "[", `{"key":"a","ts":1,"value":1,"kind":"reading"}`, "null",
		`[{"key":"a","ts":1,"value":1,"kind":"reading"}] x`} {
		wantError(t, postEvents(t, srv, body), 400)
	}
	if r := do(t, srv, "GET", "/v1/stats", "", nil); r.body != `{"keys":0,"events":0,"reads":0}` {
		t.Fatalf("stats %s", r.body)
	}
}

func TestNestingBeyondEncodingJSONsLimitIsARejectedElementAsWithJSONParse(t *testing.T) {
	srv := httptest.NewServer(New(state.NewStore(), 1<<20))
	defer srv.Close()
	r := postEvents(t, srv, "["+strings.Repeat("[", 20000)+strings.Repeat("]", 20000)+"]")
	if r.status != 200 || r.body != `{"accepted":0,"rejected":1,"errors":[{"index":0,"reason":"type"}]}` {
		t.Fatalf("%d %s", r.status, r.body)
	}
	wantError(t, postEvents(t, srv, strings.Repeat("[", 20000)), 400)
}

func TestEventsAreAppliedAndReadBack(t *testing.T) {
	srv := newServer(t)
	r := postEvents(t, srv, `[{"key":"sensor-00042","ts":1764144000123,"value":11.5,"kind":"reading"},
		{"key":"sensor-00042","ts":1764144000125,"value":12.5,"kind":"alert"},{"key":"x","ts":-1},
		{"key":"sensor-00042","ts":1764144000124,"value":12.0,"kind":"heartbeat"}]`)
	if r.status != 200 || r.body != `{"accepted":3,"rejected":1,"errors":[{"index":2,"reason":"ts"}]}` {
		t.Fatalf("%d %s", r.status, r.body)
	}
	r = do(t, srv, "GET", "/v1/keys/sensor-00042?x=1", "", nil)
	want := `{"key":"sensor-00042","count":3,"sum":36,"min":11.5,"max":12.5,"mean":12,"last":12,` +
		`"last_ts":1764144000125,"alerts":1,"window":[11.5,12.5,12],"median":12}`
	if r.status != 200 || r.body != want {
		t.Fatalf("%d %s", r.status, r.body)
	}
	if r := do(t, srv, "GET", "/v1/stats", "", nil); r.body != `{"keys":1,"events":3,"reads":0}` {
		t.Fatalf("stats %s", r.body)
	}
}

func TestUnknownKeyIs404(t *testing.T) {
	r := do(t, newServer(t), "GET", "/v1/keys/nope", "", nil)
	if r.status != 404 || r.body != `{"error":"unknown key"}` {
		t.Fatalf("%d %s", r.status, r.body)
	}
}

func TestKeyPathSegmentIsNotPercentDecoded(t *testing.T) {
	srv := newServer(t)
	postEvents(t, srv, `[{"key":"ab","ts":1,"value":1,"kind":"reading"}]`)
	wantError(t, do(t, srv, "GET", "/v1/keys/a%62", "", nil), 404)
	if r := do(t, srv, "GET", "/v1/keys/ab", "", nil); r.status != 200 {
		t.Fatalf("%d", r.status)
	}
}

func TestReadsCountsAndErrors(t *testing.T) {
	srv := newServer(t)
	r := do(t, srv, "POST", "/v1/reads", "text/plain", strings.NewReader("@r\nAAAAAAAAAAAA\n+\nIIIIIIIIIIII\n"))
	want := `{"reads":1,"bases":12,"gc_bases":0,"n_bases":0,"quality_sum":480,"q20_reads":1,"kmers":2,` +
		`"distinct_kmers":1,"top_kmers":[{"kmer":"AAAAAAAAAAA","count":2}]}`
	if r.status != 200 || r.body != want {
		t.Fatalf("%d %s", r.status, r.body)
	}
	r = do(t, srv, "POST", "/v1/reads", "text/plain", strings.NewReader("@r\nAAAA\n+\nIIII\n@s\nAC\n"))
	var e struct {
		Error  string
		Record int
		Reason string
	}
	if r.status != 400 || json.Unmarshal([]byte(r.body), &e) != nil || e.Error == "" || e.Record != 2 || e.Reason != "truncated" {
		t.Fatalf("%d %s", r.status, r.body)
	}
	if r := do(t, srv, "GET", "/v1/stats", "", nil); r.body != `{"keys":0,"events":0,"reads":1}` {
		t.Fatalf("stats %s: a failed request must count nothing", r.body)
	}
}

func TestResetClearsStateAndIgnoresItsBody(t *testing.T) {
	srv := newServer(t)
	postEvents(t, srv, `[{"key":"a","ts":1,"value":1,"kind":"reading"}]`)
	r := do(t, srv, "POST", "/v1/reset", "image/png", strings.NewReader(strings.Repeat("x", 2*testMaxBody)))
	if r.status != 200 || r.body != `{"reset":true}` {
		t.Fatalf("%d %s", r.status, r.body)
	}
	if r := do(t, srv, "GET", "/v1/stats", "", nil); r.body != `{"keys":0,"events":0,"reads":0}` {
		t.Fatalf("stats %s", r.body)
	}
}

func TestMetricsShape(t *testing.T) {
	r := do(t, newServer(t), "GET", "/metrics", "", nil)
	var m struct {
		Impl      string
		Runtime   string
		UptimeS   *float64 `json:"uptime_s"`
		HeapBytes *uint64  `json:"heap_bytes"`
		GC        struct {
			Collector bool
			Pauses    []map[string]any
		}
		Extra map[string]any
	}
	if r.status != 200 || json.Unmarshal([]byte(r.body), &m) != nil {
		t.Fatalf("%d %s", r.status, r.body)
	}
	if m.Impl != "go" || !strings.HasPrefix(m.Runtime, "go") || m.UptimeS == nil || m.HeapBytes == nil ||
		!m.GC.Collector || m.GC.Pauses == nil || m.Extra["gomaxprocs"] == nil {
		t.Fatalf("%s", r.body)
	}
	if !strings.HasPrefix(r.body, `{"impl":"go","runtime":`) {
		t.Fatalf("field order: %s", r.body)
	}
}

// TestKeepsServingOnTheSameConnectionAfterBadInput sends raw requests over one keep-alive
// connection, so a handler that broke the connection or the process would show.
func TestKeepsServingOnTheSameConnectionAfterBadInput(t *testing.T) {
	srv := newServer(t)
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	rd := bufio.NewReader(conn)
	bad := []string{
		"POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\n[1,{]",
		"POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 3\r\n\r\n\"\xff\"",
		"POST /v1/reads HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n\r\n@r\nA",
		"GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n",
		"PATCH /v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n[]",
		"POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n[1e999999999]",
	}
	for _, raw := range bad {
		if _, err := conn.Write([]byte(raw)); err != nil {
			t.Fatal(err)
		}
		res, err := http.ReadResponse(rd, nil)
		if err != nil {
			t.Fatalf("after %q: %v", raw, err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode < 400 && !strings.Contains(raw, "1e999999999") {
			t.Fatalf("%q answered %d", raw, res.StatusCode)
		}
	}
	if _, err := conn.Write([]byte("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")); err != nil {
		t.Fatal(err)
	}
	res, err := http.ReadResponse(rd, nil)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("health after bad input: %v %v", res, err)
	}
}
