package headguard

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// feed scans stream in reads of random sizes, as a socket would deliver it.
func feed(s *scanner, stream string, rng *rand.Rand) {
	for len(stream) > 0 {
		n := 1 + rng.IntN(min(len(stream), 700))
		s.scan([]byte(stream[:n]))
		stream = stream[n:]
	}
}

// randomCase spells a header name the way some client might.
func randomCase(name string, rng *rand.Rand) string {
	b := []byte(name)
	for i := range b {
		if rng.IntN(2) == 0 {
			b[i] = strings.ToUpper(string(b[i]))[0]
		}
	}
	return string(b)
}

// tempting is body text that looks like a head with both framings: the scanner must skip it.
const tempting = "\r\n\r\nPOST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"

// ordinaryRequest is one request net/http accepts: no body, a Content-Length body or a chunked
// body (random chunk sizes, extensions, blanks before CRLF, trailers).
func ordinaryRequest(rng *rand.Rand) (raw string, chunked bool) {
	var b strings.Builder
	if rng.IntN(5) == 0 {
		b.WriteString("\r\n")
	}
	body := strings.Repeat("x", rng.IntN(300)) + tempting + strings.Repeat("y", rng.IntN(300))
	eol := "\r\n"
	if rng.IntN(4) == 0 {
		eol = "\n" // net/http also ends head lines at a bare LF
	}
	switch rng.IntN(3) {
	case 0:
		fmt.Fprintf(&b, "GET /v1/stats HTTP/1.1%sHost: x%s%s", eol, eol, eol)
	case 1:
		fmt.Fprintf(&b, "POST /v1/events HTTP/1.1%sHost: x%s%s:  %d %s%s%s", eol, eol, randomCase("content-length", rng), len(body), eol, eol, body)
	default:
		chunked = true
		fmt.Fprintf(&b, "POST /v1/events HTTP/1.1%s%s: chunked%sHost: x%s%s", eol, randomCase("transfer-encoding", rng), eol, eol, eol)
		for rest := body; len(rest) > 0; {
			n := 1 + rng.IntN(len(rest))
			ext := []string{"", ";name=value", " \t", "; a"}[rng.IntN(4)]
			fmt.Fprintf(&b, "%x%s\r\n%s\r\n", n, ext, rest[:n])
			rest = rest[n:]
		}
		b.WriteString("0\r\n")
		if rng.IntN(3) == 0 {
			b.WriteString("X-Trailer: 1\r\n")
		}
		b.WriteString("\r\n")
	}
	return b.String(), chunked
}

func TestOrdinaryRequestsAreNeverReportedAndFollowedToTheEnd(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 300 {
		var s scanner
		var stream strings.Builder
		chunked := int64(0)
		for range 1 + rng.IntN(12) {
			raw, isChunked := ordinaryRequest(rng)
			stream.WriteString(raw)
			if isChunked {
				chunked++
			}
		}
		feed(&s, stream.String(), rng)
		if s.state != inHead || len(s.pending) != 0 || s.bothFramings != 0 || s.chunkedHeads != chunked {
			t.Fatalf("round %d: state %d, pending %q, reported %d, chunked heads %d of %d\n%q",
				round, s.state, s.pending, s.bothFramings, s.chunkedHeads, chunked, stream.String())
		}
	}
}

func TestReportsTheFirstHeadWithBothFramingsByItsChunkedOrdinal(t *testing.T) {
	for _, both := range []string{
		"Content-Length: 4\r\nTransfer-Encoding: chunked\r\n",
		"transfer-encoding: chunked\r\ncontent-length: 4\r\n",
	} {
		stream := "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n[]\r\n0\r\n\r\n" +
			"POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\n[]" +
			"POST / HTTP/1.1\r\n" + both + "\r\n2\r\n[]\r\n0\r\n\r\n"
		var s scanner
		feed(&s, stream, rand.New(rand.NewPCG(3, 4)))
		if s.bothFramings != 2 {
			t.Fatalf("%q: reported chunked request %d, want 2", both, s.bothFramings)
		}
	}
}

func TestStopsWithoutReportingWhereNetHTTPFramesDifferently(t *testing.T) {
	for name, stream := range map[string]string{
		"HTTP/1.0":          "POST / HTTP/1.0\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n",
		"folded header":     "POST / HTTP/1.1\r\nX-A: 1\r\n Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n",
		"bare LF in chunks": "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\n[]\r\n0\r\n\r\nPOST / HTTP/1.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n",
		"two encodings":     "POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\nContent-Length: 4\r\n\r\n",
	} {
		var s scanner
		s.scan([]byte(stream))
		if s.state != stopped || s.bothFramings != 0 {
			t.Errorf("%s: state %d, reported %d; want stopped, nothing reported", name, s.state, s.bothFramings)
		}
	}
}
