package events

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func decode(t *testing.T, body string) (*Batch, error) {
	t.Helper()
	var b Batch
	return &b, b.Decode([]byte(body))
}

func TestDecodeRejectsBodiesThatAreNotAJSONArray(t *testing.T) {
	for _, body := range []string{``, ` `, `null`, `{}`, `"[]"`, `1`, `true`} {
		if _, err := decode(t, body); err == nil {
			t.Errorf("%q: no error", body)
		}
	}
}

func TestDecodeReportsWellFormedNonArraysAsNotArray(t *testing.T) {
	if _, err := decode(t, ` {"key":"a"} `); !errors.Is(err, ErrNotArray) {
		t.Fatalf("err = %v, want ErrNotArray", err)
	}
}

func TestDecodeRejectsMalformedJSON(t *testing.T) {
	for _, body := range []string{`[`, `[1,]`, `[1] x`, `[1][2]`, `[{"key":}]`, `[01]`, `[1.]`,
		`[NaN]`, `[Infinity]`, `['a']`, "[\"a\tb\"]", `[{"a" 1}]`, "\ufeff[]"} {
		if _, err := decode(t, body); err == nil || errors.Is(err, ErrNotArray) {
			t.Errorf("%q: err = %v, want a syntax error", body, err)
		}
	}
}

func TestDecodeAcceptsAnEmptyArrayWithSurroundingWhitespace(t *testing.T) {
	b, err := decode(t, " \r\n\t[ ] \n")
	if err != nil || len(b.Valid) != 0 || b.Rejected != 0 {
		t.Fatalf("err %v, batch %+v", err, b)
	}
}

func TestDecodeKeepsValidEventsInArrayOrder(t *testing.T) {
	b, err := decode(t, `[{"key":"b","ts":2,"value":2,"kind":"reading"},7,{"key":"a","ts":1,"value":1,"kind":"alert"}]`)
	if err != nil || len(b.Valid) != 2 || string(b.Valid[0].Key) != "b" || string(b.Valid[1].Key) != "a" {
		t.Fatalf("err %v, valid %+v", err, b.Valid)
	}
}

func TestDecodeListsOnlyTheFirstTenRejections(t *testing.T) {
	elements := make([]string, 25)
	for i := range elements {
		elements[i] = fmt.Sprint(i)
	}
	elements[3] = `{"key":"a","ts":1,"value":1,"kind":"reading"}`
	b, err := decode(t, "["+strings.Join(elements, ",")+"]")
	if err != nil {
		t.Fatal(err)
	}
	if b.Rejected != 24 || len(b.Listed) != 10 || b.Listed[3].Index != 4 || b.Listed[9].Index != 10 {
		t.Fatalf("rejected %d, listed %+v", b.Rejected, b.Listed)
	}
}

func TestDecodeTreatsNullElementsAsWrongTypeEvenWhenTheBatchIsReused(t *testing.T) {
	var b Batch
	if err := b.Decode([]byte(`[{"key":"a","ts":1,"value":1,"kind":"reading"},{"key":"b","ts":1,"value":1,"kind":"reading"}]`)); err != nil {
		t.Fatal(err)
	}
	if err := b.Decode([]byte(`[null,null]`)); err != nil {
		t.Fatal(err)
	}
	if len(b.Valid) != 0 || b.Rejected != 2 || b.Listed[1].Reason != ReasonType {
		t.Fatalf("valid %+v listed %+v", b.Valid, b.Listed)
	}
}

func TestDecodeAcceptsDeepNestingInsideAnIgnoredField(t *testing.T) {
	deep := strings.Repeat("[", 5000) + strings.Repeat("]", 5000)
	b, err := decode(t, `[{"key":"a","ts":1,"value":1,"kind":"reading","x":`+deep+`}]`)
	if err != nil || len(b.Valid) != 1 {
		t.Fatalf("err %v, valid %d", err, len(b.Valid))
	}
}

func TestAppendResponseFieldsInSpecOrder(t *testing.T) {
	b, err := decode(t, `[{"key":"a","ts":1,"value":1,"kind":"reading"},{"key":"a","ts":"x","value":1,"kind":"reading"}]`)
	if err != nil {
		t.Fatal(err)
	}
	got := string(b.AppendResponse(nil))
	if want := `{"accepted":1,"rejected":1,"errors":[{"index":1,"reason":"ts"}]}`; got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
	if !json.Valid([]byte(got)) {
		t.Fatal("not valid JSON")
	}
}
