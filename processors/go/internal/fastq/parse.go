// Package fastq validates a FASTQ body and computes its statistics and canonical 11-mer counts
// in one pass, without building a string per line or per k-mer.
package fastq

import (
	"bytes"
	"fmt"
)

// Reason names the first rule a record broke; the strings are the spec's.
type Reason string

const (
	ReasonHeader    Reason = "header"
	ReasonSequence  Reason = "sequence"
	ReasonSeparator Reason = "separator"
	ReasonQuality   Reason = "quality"
	ReasonTruncated Reason = "truncated"
)

// ParseError reports the record (1-based) and line (1-based) where the body went wrong.
type ParseError struct {
	Record int
	Line   int
	Reason Reason
	// missing names the absent line for ReasonTruncated.
	missing string
}

func (e *ParseError) Error() string {
	var what string
	switch e.Reason {
	case ReasonHeader:
		what = "header must start with '@' followed by at least one character"
	case ReasonSequence:
		what = "sequence must be one or more of A, C, G, T, N"
	case ReasonSeparator:
		what = "separator must start with '+'"
	case ReasonQuality:
		what = "quality must have one character from '!' to '~' per base"
	case ReasonTruncated:
		what = "the body ended before the " + e.missing + " line"
	}
	return fmt.Sprintf("FASTQ record %d (line %d): %s", e.Record, e.Line, what)
}

// Stats are the per-request figures of POST /v1/reads, except the k-mers held by the Counter.
type Stats struct {
	Reads      int64
	Bases      int64
	GCBases    int64
	NBases     int64
	QualitySum int64
	Q20Reads   int64
	Kmers      int64
}

// lines yields body's lines as the spec splits them: one trailing "\n" removed, then split on
// "\n", then one trailing "\r" removed from each line.
type lines struct {
	rest []byte
	more bool
	n    int // lines handed out so far
}

func newLines(body []byte) lines {
	body = bytes.TrimSuffix(body, []byte{'\n'})
	return lines{rest: body, more: len(body) > 0}
}

func (l *lines) next() (line []byte, ok bool) {
	if !l.more {
		return nil, false
	}
	if i := bytes.IndexByte(l.rest, '\n'); i >= 0 {
		line, l.rest = l.rest[:i], l.rest[i+1:]
	} else {
		line, l.more = l.rest, false
	}
	l.n++
	return bytes.TrimSuffix(line, []byte{'\r'}), true
}

// Parse checks every record and, only if all are valid, returns the body's statistics; the
// counter then holds the k-mers. On failure the stats and the counter's contents are meaningless.
func Parse(body []byte, counter *Counter) (Stats, error) {
	var st Stats
	counter.reset()
	ls := newLines(body)
	for record := 1; ls.more; record++ {
		header, _ := ls.next()
		if len(header) < 2 || header[0] != '@' {
			return st, &ParseError{Record: record, Line: ls.n, Reason: ReasonHeader}
		}
		seq, ok := ls.next()
		if !ok {
			return st, truncated(record, ls.n+1, "sequence")
		}
		if !counter.addSequence(seq, &st) {
			return st, &ParseError{Record: record, Line: ls.n, Reason: ReasonSequence}
		}
		sep, ok := ls.next()
		if !ok {
			return st, truncated(record, ls.n+1, "separator")
		}
		if len(sep) == 0 || sep[0] != '+' {
			return st, &ParseError{Record: record, Line: ls.n, Reason: ReasonSeparator}
		}
		qual, ok := ls.next()
		if !ok {
			return st, truncated(record, ls.n+1, "quality")
		}
		sum, ok := qualitySum(qual, len(seq))
		if !ok {
			return st, &ParseError{Record: record, Line: ls.n, Reason: ReasonQuality}
		}
		st.Reads++
		st.QualitySum += sum
		if sum >= 20*int64(len(seq)) {
			st.Q20Reads++
		}
	}
	return st, nil
}

func truncated(record, line int, missing string) *ParseError {
	return &ParseError{Record: record, Line: line, Reason: ReasonTruncated, missing: missing}
}

// qualitySum returns the sum of (byte − 33) over qual, which must have exactly n bytes from '!'
// to '~'. Counting bytes is counting characters here: any non-ASCII byte fails the range check.
func qualitySum(qual []byte, n int) (sum int64, ok bool) {
	if len(qual) != n {
		return 0, false
	}
	for _, c := range qual {
		if c < '!' || c > '~' {
			return 0, false
		}
		sum += int64(c - '!')
	}
	return sum, true
}
