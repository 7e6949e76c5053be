package fastq

import (
	"encoding/json"
	"errors"
	"testing"
)

func parse(t *testing.T, body string) (Stats, *ParseError) {
	t.Helper()
	st, err := Parse([]byte(body), NewCounter())
	if err == nil {
		return st, nil
	}
	pe, ok := errors.AsType[*ParseError](err)
	if !ok {
		t.Fatalf("error of type %T: %v", err, err)
	}
	return st, pe
}

func TestParseErrorsNameReasonRecordAndLine(t *testing.T) {
	const good = "@r\nACGT\n+\nIIII\n"
	cases := []struct {
		name, body   string
		reason       Reason
		record, line int
	}{
		{"header without @", "r\nACGT\n+\nIIII\n", ReasonHeader, 1, 1},
		{"header only @", "@\nACGT\n+\nIIII\n", ReasonHeader, 1, 1},
		{"blank line where a header belongs", good + "\n@r\nA\n+\nI\n", ReasonHeader, 2, 5},
		{"lower-case base", good + "@r\nACgT\n+\nIIII\n", ReasonSequence, 2, 6},
		{"empty sequence", "@r\n\n+\n\n", ReasonSequence, 1, 2},
		{"IUPAC code", "@r\nACGR\n+\nIIII\n", ReasonSequence, 1, 2},
		{"separator without +", "@r\nACGT\n-\nIIII\n", ReasonSeparator, 1, 3},
		{"empty separator", "@r\nACGT\n\nIIII\n", ReasonSeparator, 1, 3},
		{"quality too short", "@r\nACGT\n+\nIII\n", ReasonQuality, 1, 4},
		{"quality too long", "@r\nACGT\n+\nIIIII\n", ReasonQuality, 1, 4},
		{"quality below !", "@r\nACGT\n+\nII I\n", ReasonQuality, 1, 4},
		{"quality non-ASCII", "@r\nAC\n+\né\n", ReasonQuality, 1, 4},
		{"missing sequence", good + "@r", ReasonTruncated, 2, 6},
		{"missing separator", good + "@r\nACGT\n", ReasonTruncated, 2, 7},
		{"missing quality", good + "@r\nACGT\n+", ReasonTruncated, 2, 8},
		{"only the first rule that fails counts", "@r\nXX\n-\n", ReasonSequence, 1, 2},
		{"two trailing newlines leave a blank header", good + "\n", ReasonHeader, 2, 5},
	}
	for _, c := range cases {
		_, err := parse(t, c.body)
		if err == nil || err.Reason != c.reason || err.Record != c.record || err.Line != c.line {
			t.Errorf("%s: got %+v, want %s at record %d line %d", c.name, err, c.reason, c.record, c.line)
		}
	}
}

func TestParseOfEmptyBodyHasZeroRecords(t *testing.T) {
	for _, body := range []string{"", "\n"} {
		if st, err := parse(t, body); err != nil || st != (Stats{}) {
			t.Fatalf("%q: %+v %v", body, st, err)
		}
	}
}

func TestParseStripsOneCarriageReturnPerLine(t *testing.T) {
	st, err := parse(t, "@r\r\nACGT\r\n+\r\nIIII\r\n")
	if err != nil || st.Bases != 4 {
		t.Fatalf("%+v %v", st, err)
	}
	if _, err := parse(t, "@r\nACGT\r\r\n+\nIIII\n"); err == nil || err.Reason != ReasonSequence {
		t.Fatalf("a second \\r must stay: %+v", err)
	}
}

func TestParseWithoutTrailingNewline(t *testing.T) {
	if st, err := parse(t, "@r\nACGT\n+\nIIII"); err != nil || st.Reads != 1 {
		t.Fatalf("%+v %v", st, err)
	}
}

func TestParseStatistics(t *testing.T) {
	// Read 1: quality 40 per base (mean 40); read 2: quality 19 and 21 (mean exactly 20).
	st, err := parse(t, "@a\nACGGNT\n+\nIIIIII\n@b\nCG\n+hello\n46\n")
	if err != nil {
		t.Fatal(err)
	}
	want := Stats{Reads: 2, Bases: 8, GCBases: 5, NBases: 1, QualitySum: 6*40 + 19 + 21, Q20Reads: 2}
	if st != want {
		t.Fatalf("got %+v, want %+v", st, want)
	}
}

func TestQ20IsDecidedInIntegers(t *testing.T) {
	// Qualities 19 and 20: mean 19.5, below 20.
	if st, _ := parse(t, "@a\nAC\n+\n45\n"); st.Q20Reads != 0 {
		t.Fatalf("q20 %d", st.Q20Reads)
	}
}

func TestAppendErrorIsTheSpecShape(t *testing.T) {
	_, err := parse(t, "@r\nACGT\n+\nIIII\nr\n")
	var got struct {
		Error  string `json:"error"`
		Record int    `json:"record"`
		Reason string `json:"reason"`
	}
	if e := json.Unmarshal(AppendError(nil, err), &got); e != nil {
		t.Fatal(e)
	}
	if got.Error != "FASTQ record 2 (line 5): header must start with '@' followed by at least one character" ||
		got.Record != 2 || got.Reason != "header" {
		t.Fatalf("%+v", got)
	}
}
