package events

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// referenceFields decodes one element with encoding/json's map decoding, which has the
// semantics the hand walk must reproduce: case-sensitive names, escapes decoded, last one wins.
func referenceFields(t *testing.T, data []byte) (isObject bool, fields map[string]json.RawMessage) {
	t.Helper()
	if !bytes.HasPrefix(bytes.TrimLeft(data, " \t\r\n"), []byte("{")) {
		return false, nil
	}
	if err := json.Unmarshal(data, &fields); err != nil {
		t.Fatalf("reference decode of %s: %v", data, err)
	}
	return true, fields
}

func sameRaw(a []byte, b json.RawMessage) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && bytes.Equal(a, b))
}

var memberNames = []string{`"key"`, `"ts"`, `"value"`, `"kind"`, `"KEY"`, `"Key"`, `"TS"`, `"Value"`,
	`"k\u0065y"`, `"\u0074s"`, `"va\/lue"`, `"x"`, `""`, `"ke\"y"`, `"kind\\"`, `"kïnd"`}

func randomSpace(r *rand.Rand) string {
	return [...]string{"", "", " ", "\n\t", "\r\n  "}[r.IntN(5)]
}

func randomValue(r *rand.Rand, depth int) string {
	switch n := r.IntN(10); {
	case n == 0 && depth < 4:
		parts := make([]string, r.IntN(4))
		for i := range parts {
			parts[i] = randomSpace(r) + randomValue(r, depth+1) + randomSpace(r)
		}
		return "[" + strings.Join(parts, ",") + "]"
	case n == 1 && depth < 4:
		return randomObject(r, depth+1)
	case n == 2:
		return [...]string{"true", "false", "null"}[r.IntN(3)]
	case n <= 5:
		return [...]string{"0", "-0", "1.5", "1e3", "-12.25E-2", "1e400", "9007199254740993"}[r.IntN(7)]
	default:
		return [...]string{`"a"`, `""`, `"reading"`, `"ale\u0072t"`, `"}]{["`, `"\\"`, `"q\"uote"`,
			`"sensor-00042"`}[r.IntN(8)]
	}
}

func randomObject(r *rand.Rand, depth int) string {
	parts := make([]string, r.IntN(7))
	for i := range parts {
		parts[i] = randomSpace(r) + memberNames[r.IntN(len(memberNames))] + randomSpace(r) + ":" +
			randomSpace(r) + randomValue(r, depth) + randomSpace(r)
	}
	return "{" + strings.Join(parts, ",") + "}"
}

func checkAgainstReference(t *testing.T, data []byte) {
	t.Helper()
	var e Element
	if err := e.UnmarshalJSON(data); err != nil {
		t.Fatalf("UnmarshalJSON(%s): %v", data, err)
	}
	isObject, fields := referenceFields(t, data)
	if e.IsObject != isObject {
		t.Fatalf("%s: IsObject = %v, want %v", data, e.IsObject, isObject)
	}
	for name, got := range map[string][]byte{"key": e.Key, "ts": e.TS, "value": e.Value, "kind": e.Kind} {
		if want, ok := fields[name]; !sameRaw(got, want) || (got == nil) == ok {
			t.Fatalf("%s: field %q = %q, want %q (present %v)", data, name, got, want, ok)
		}
	}
}

func TestElementMatchesMapDecodingOnRandomObjects(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for range 20000 {
		checkAgainstReference(t, []byte(randomObject(r, 0)))
	}
}

func TestElementFieldNamesAreCaseSensitive(t *testing.T) {
	var e Element
	_ = e.UnmarshalJSON([]byte(`{"KEY":"a","Kind":"alert"}`))
	if !e.IsObject || e.Key != nil || e.Kind != nil {
		t.Fatalf("got %+v, want an object without key or kind", e)
	}
}

func TestElementRepeatedFieldKeepsTheLastValue(t *testing.T) {
	var e Element
	_ = e.UnmarshalJSON([]byte(`{"key":"a","ts":1,"key":"b"}`))
	if string(e.Key) != `"b"` {
		t.Fatalf("key = %s, want \"b\"", e.Key)
	}
}

func TestElementEscapedFieldNameMatches(t *testing.T) {
	var e Element
	_ = e.UnmarshalJSON([]byte(`{"k\u0065y":"a"}`))
	if string(e.Key) != `"a"` {
		t.Fatalf("key = %s, want \"a\"", e.Key)
	}
}

func TestElementNonObjectsAreNotObjects(t *testing.T) {
	for _, v := range []string{`null`, `1`, `"{}"`, `[{"key":"a"}]`, `true`} {
		var e Element
		_ = e.UnmarshalJSON([]byte(v))
		if e.IsObject {
			t.Fatalf("%s: IsObject = true", v)
		}
	}
}

func FuzzElement(f *testing.F) {
	for _, s := range []string{`{}`, `{"key":"a","ts":1,"value":2,"kind":"alert"}`, `[1,{"key":2}]`,
		`{"a":{"key":"x"},"key":"y"}`, `{"k\"ey":1, "key" : "z" }`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) {
			t.Skip()
		}
		checkAgainstReference(t, data)
	})
}

func ExampleElement() {
	var elements []Element
	_ = json.Unmarshal([]byte(`[{"key":"a","KEY":"b","ts":1e3},7]`), &elements)
	for _, e := range elements {
		fmt.Printf("object=%v key=%s ts=%s\n", e.IsObject, e.Key, e.TS)
	}
	// Output:
	// object=true key="a" ts=1e3
	// object=false key= ts=
}
