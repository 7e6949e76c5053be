package headguard

import (
	"bytes"
	"strconv"
)

// maxLine bounds a buffered line: net/http refuses a head over its MaxHeaderBytes (+4 KiB) and
// a chunk line over 4 KiB, so a longer line means the connection is about to be closed anyway.
const maxLine = 64 << 10

type state uint8

const (
	inHead      state = iota // a request head, line by line
	inBody                   // a Content-Length body: `remaining` bytes to skip
	inChunkLine              // a chunk-size line
	inChunkData              // chunk data: `remaining` bytes to skip
	inChunkEnd               // the CRLF after chunk data
	inTrailer                // trailer lines, up to an empty one
	stopped                  // not following this connection any more
)

// scanner follows the framing of one connection's request stream. Not safe for concurrent use:
// net/http never reads a connection from two goroutines at once.
type scanner struct {
	state     state
	pending   []byte // the start of a line that continues in the next read
	remaining uint64 // bytes left in a Content-Length body or a chunk
	chunkCR   bool   // inChunkEnd: the CR has been seen

	// The head being read.
	seenRequestLine bool
	hasCL, hasTE    bool
	cl              []byte // the Content-Length digits (kept to compare a repeated header)
	clBuf           [20]byte

	chunkedHeads int64 // heads with Transfer-Encoding: chunked so far
	// bothFramings is the chunkedHeads ordinal of the first head that also had Content-Length
	// (0: none yet); the scanner stops there, since that request ends the connection.
	bothFramings int64
}

// scan follows p, the next bytes read from the connection.
func (s *scanner) scan(p []byte) {
	for len(p) > 0 && s.state != stopped {
		switch s.state {
		case inBody, inChunkData:
			n := uint64(len(p))
			if n > s.remaining {
				n = s.remaining
			}
			s.remaining -= n
			p = p[n:]
			if s.remaining == 0 {
				if s.state == inBody {
					s.state = inHead
				} else {
					s.state = inChunkEnd
				}
			}
		case inChunkEnd:
			switch {
			case !s.chunkCR && p[0] == '\r':
				s.chunkCR = true
			case s.chunkCR && p[0] == '\n':
				s.chunkCR = false
				s.state = inChunkLine
			default:
				s.state = stopped // net/http: "malformed chunked encoding"
			}
			p = p[1:]
		default: // the line-oriented states
			i := bytes.IndexByte(p, '\n')
			if i < 0 {
				if len(s.pending)+len(p) > maxLine {
					s.state = stopped
				} else {
					s.pending = append(s.pending, p...)
				}
				return
			}
			line := p[:i+1]
			if len(s.pending) > 0 {
				s.pending = append(s.pending, line...)
				line = s.pending
			}
			s.line(line)
			s.pending = s.pending[:0]
			p = p[i+1:]
		}
	}
}

// line handles one complete line, its "\n" included.
func (s *scanner) line(line []byte) {
	switch s.state {
	case inHead:
		s.headLine(trimEOL(line))
	case inChunkLine:
		s.chunkLine(line)
	case inTrailer:
		if len(trimEOL(line)) == 0 {
			s.state = inHead
		}
	}
}

func (s *scanner) headLine(line []byte) {
	if !s.seenRequestLine {
		switch {
		case len(line) == 0:
			// Blank lines before a request line are skipped (net/http drops a few, RFC 9112 §2.2).
		case !bytes.HasSuffix(line, []byte(" HTTP/1.1")) || bytes.HasPrefix(line, []byte("CONNECT ")):
			s.state = stopped // HTTP/1.0 frames by other rules; CONNECT becomes a tunnel
		default:
			s.seenRequestLine = true
		}
		return
	}
	if len(line) == 0 {
		s.endOfHead()
		return
	}
	if line[0] == ' ' || line[0] == '\t' {
		s.state = stopped // a folded (obs-fold) continuation line
		return
	}
	colon := bytes.IndexByte(line, ':')
	if colon < 0 {
		s.state = stopped // net/http refuses the head
		return
	}
	name, value := line[:colon], trimOWS(line[colon+1:])
	switch {
	case asciiEqualFold(name, "content-length"):
		if !isDigits(value) || len(value) > len(s.clBuf) || (s.hasCL && !bytes.Equal(value, s.cl)) {
			s.state = stopped // net/http refuses a bad or conflicting length
			return
		}
		s.hasCL = true
		s.cl = append(s.clBuf[:0], value...)
	case asciiEqualFold(name, "transfer-encoding"):
		if s.hasTE || !asciiEqualFold(value, "chunked") {
			s.state = stopped // net/http accepts exactly one "chunked" and refuses the rest
			return
		}
		s.hasTE = true
	}
}

func (s *scanner) endOfHead() {
	hasCL, hasTE := s.hasCL, s.hasTE
	s.seenRequestLine, s.hasCL, s.hasTE = false, false, false
	switch {
	case hasTE:
		s.chunkedHeads++
		if hasCL {
			s.bothFramings = s.chunkedHeads
			s.state = stopped
			return
		}
		s.state = inChunkLine
	case hasCL:
		n, err := strconv.ParseUint(string(s.cl), 10, 63)
		if err != nil {
			s.state = stopped
			return
		}
		if n > 0 {
			s.remaining = n
			s.state = inBody
		}
	}
}

// chunkLine parses a chunk-size line as net/http does: CRLF only, trailing blanks and
// extensions dropped, 1 to 16 hex digits.
func (s *scanner) chunkLine(line []byte) {
	if len(line) < 2 || line[len(line)-2] != '\r' || bytes.IndexByte(line[:len(line)-2], '\r') >= 0 {
		s.state = stopped
		return
	}
	size := line[:len(line)-2]
	if i := bytes.IndexByte(size, ';'); i >= 0 {
		size = size[:i]
	}
	size = trimOWS(size)
	n, err := strconv.ParseUint(string(size), 16, 64)
	if err != nil || len(size) > 16 {
		s.state = stopped
		return
	}
	if n == 0 {
		s.state = inTrailer
		return
	}
	s.remaining = n
	s.state = inChunkData
}

func trimEOL(line []byte) []byte {
	line = line[:len(line)-1]
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	return line
}

func trimOWS(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}

func isDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}

// asciiEqualFold compares b with lower, which is lower-case ASCII.
func asciiEqualFold(b []byte, lower string) bool {
	if len(b) != len(lower) {
		return false
	}
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}
