package main

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"latency-harness/processors/go/internal/httpapi"
	"latency-harness/processors/go/internal/state"
)

// serve starts the processor's http.Server on a loopback port and returns its address.
func serve(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := newServer(httpapi.New(state.NewStore(), 4<<20))
	go srv.Serve(guard(ln)) //nolint:errcheck // ends with Close below
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

// exchange sends raw bytes on a fresh connection and returns the response and whether the
// server then closed the connection (rather than keeping it open for another request).
func exchange(t *testing.T, addr, raw string) (res *http.Response, body string, closed bool) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, raw); err != nil {
		t.Fatal(err)
	}
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	r := bufio.NewReader(conn)
	res, err = http.ReadResponse(r, nil)
	if err != nil {
		t.Fatalf("no response: %v", err)
	}
	b, _ := io.ReadAll(res.Body)
	conn.SetReadDeadline(time.Now().Add(500 * time.Millisecond))
	_, err = r.ReadByte()
	return res, string(b), err == io.EOF
}

// headOf is a GET /v1/stats whose head (request line, headers, blank line) is exactly n bytes.
func headOf(n int) string {
	start := "GET /v1/stats HTTP/1.1\r\nHost: x\r\nX-Pad: "
	end := "\r\n\r\n"
	return start + strings.Repeat("a", n-len(start)-len(end)) + end
}

func TestAcceptsA16KiBHead(t *testing.T) {
	res, _, _ := exchange(t, serve(t), headOf(16<<10))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d, want 200", res.StatusCode)
	}
}

func TestAnswersAHeadOver64KiBWith431AndCloses(t *testing.T) {
	res, _, closed := exchange(t, serve(t), headOf(64<<10+1))
	// http.ReadResponse turns "Connection: close" into res.Close.
	if res.StatusCode != http.StatusRequestHeaderFieldsTooLarge || !res.Close || !closed {
		t.Fatalf("status %d, Connection: close %v, closed %v: want 431, close, closed", res.StatusCode, res.Close, closed)
	}
}

// bothFramings is a POST /v1/events whose one-event body is framed both ways.
func bothFramings(clFirst bool) string {
	body := `[{"key":"a","ts":1,"value":1,"kind":"reading"}]`
	cl, te := "Content-Length: 4\r\n", "Transfer-Encoding: chunked\r\n"
	if !clFirst {
		cl, te = te, cl
	}
	return "POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + cl + te +
		"\r\n" + strconv.FormatInt(int64(len(body)), 16) + "\r\n" + body + "\r\n0\r\n\r\n"
}

func TestAnswersBothContentLengthAndTransferEncodingWith400AndCloses(t *testing.T) {
	addr := serve(t)
	for _, clFirst := range []bool{true, false} {
		res, body, closed := exchange(t, addr, bothFramings(clFirst))
		if res.StatusCode != http.StatusBadRequest || !res.Close || !closed || !strings.HasPrefix(body, `{"error":"`) {
			t.Fatalf("CL first %v: status %d, close %v, closed %v, body %s", clFirst, res.StatusCode, res.Close, closed, body)
		}
	}
	if _, stats, _ := exchange(t, addr, "GET /v1/stats HTTP/1.1\r\nHost: x\r\n\r\n"); stats != `{"keys":0,"events":0,"reads":0}` {
		t.Fatalf("stats %s: a refused request must apply nothing", stats)
	}
}

func TestServesChunkedRequestsAroundARefusedOneOnTheSameConnection(t *testing.T) {
	addr := serve(t)
	chunked := "POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n[]\r\n0\r\n\r\n"
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// Pipelined: two ordinary chunked requests, then one framed both ways.
	if _, err := io.WriteString(conn, chunked+chunked+bothFramings(true)); err != nil {
		t.Fatal(err)
	}
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	r := bufio.NewReader(conn)
	for i, want := range []int{200, 200, 400} {
		res, err := http.ReadResponse(r, nil)
		if err != nil {
			t.Fatalf("response %d: %v", i, err)
		}
		io.Copy(io.Discard, res.Body)
		if res.StatusCode != want {
			t.Fatalf("response %d: status %d, want %d", i, res.StatusCode, want)
		}
	}
}
