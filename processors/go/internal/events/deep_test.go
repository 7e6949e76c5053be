package events

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestValidDeepAgreesWithEncodingJSONBelowItsDepthLimit(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 17))
	pieces := []string{"[", "]", "{", "}", ",", ":", `"a"`, `"\u00e9"`, `"\x"`, `"\u12"`, "\"\t\"", "1", "-0",
		"01", "1.", "1.5e+3", "-", "2E", "true", "fals", "null", " ", "\n"}
	for range 200000 {
		var sb strings.Builder
		for range 1 + r.IntN(8) {
			sb.WriteString(pieces[r.IntN(len(pieces))])
		}
		data := []byte(sb.String())
		if got, want := validDeep(data), json.Valid(data); got != want {
			t.Fatalf("validDeep(%q) = %v, json.Valid says %v", data, got, want)
		}
	}
	// Random objects are valid; cutting one short makes it invalid for both.
	for range 5000 {
		obj := randomObject(r, 0)
		for _, data := range []string{obj, obj[:r.IntN(len(obj))]} {
			if got, want := validDeep([]byte(data)), json.Valid([]byte(data)); got != want {
				t.Fatalf("validDeep(%q) = %v, json.Valid says %v", data, got, want)
			}
		}
	}
}

func FuzzValidDeep(f *testing.F) {
	for _, s := range []string{`[]`, `{"a":[1,{"b":null}]}`, `[1,]`, `"\ud800"`, ` 1 `, `[01]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, want := validDeep(data), json.Valid(data); got != want {
			t.Fatalf("validDeep(%q) = %v, json.Valid says %v", data, got, want)
		}
	})
}

func deeplyNested(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }

func TestValidDeepHasNoNestingLimit(t *testing.T) {
	if !validDeep([]byte(deeplyNested(1_000_000))) {
		t.Fatal("a million levels of nesting were refused")
	}
	if validDeep([]byte(deeplyNested(50_000)+"]")) || validDeep([]byte("["+deeplyNested(50_000))) {
		t.Fatal("unbalanced nesting was accepted")
	}
	if validDeep([]byte(strings.Repeat("[", 50_000) + "x" + strings.Repeat("]", 50_000))) {
		t.Fatal("a bad token deep inside was accepted")
	}
}

func TestDecodeRejectsADeeplyNestedElementAsWrongTypeLikeJSONParse(t *testing.T) {
	b, err := decode(t, "["+deeplyNested(20_000)+`,{"key":"a","ts":1,"value":1,"kind":"reading"}]`)
	if err != nil || len(b.Valid) != 1 || b.Rejected != 1 || b.Listed[0] != (Rejection{0, ReasonType}) {
		t.Fatalf("err %v, valid %d, listed %+v", err, len(b.Valid), b.Listed)
	}
}

func TestDecodeIgnoresADeeplyNestedUnknownField(t *testing.T) {
	b, err := decode(t, `[{"key":"a","x":`+deeplyNested(20_000)+`,"ts":1,"value":1,"kind":"reading"}]`)
	if err != nil || len(b.Valid) != 1 {
		t.Fatalf("err %v, valid %d", err, len(b.Valid))
	}
}

func TestDecodeRejectsDeepMalformedJSON(t *testing.T) {
	if _, err := decode(t, "["+strings.Repeat("[", 20_000)+"]"); err == nil {
		t.Fatal("unbalanced deep body accepted")
	}
}
