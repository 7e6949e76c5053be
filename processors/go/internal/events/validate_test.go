package events

import (
	"math"
	"strings"
	"testing"
)

func validate(t *testing.T, element string) (Reason, Event) {
	t.Helper()
	var el Element
	if err := el.UnmarshalJSON([]byte(element)); err != nil {
		t.Fatal(err)
	}
	var ev Event
	return Validate(&el, &ev), ev
}

func TestValidateReasons(t *testing.T) {
	cases := []struct {
		element string
		want    Reason
	}{
		{`{"key":"sensor-00042","ts":1764144000123,"value":12.5,"kind":"reading"}`, OK},
		{`[1]`, ReasonType},
		{`null`, ReasonType},
		{`"x"`, ReasonType},
		// key
		{`{"ts":1,"value":1,"kind":"alert"}`, ReasonKey},
		{`{"key":1,"ts":1,"value":1,"kind":"alert"}`, ReasonKey},
		{`{"key":null,"ts":1,"value":1,"kind":"alert"}`, ReasonKey},
		{`{"key":"","ts":1,"value":1,"kind":"alert"}`, ReasonKey},
		{`{"key":"` + strings.Repeat("a", 64) + `","ts":1,"value":1,"kind":"alert"}`, OK},
		{`{"key":"` + strings.Repeat("a", 65) + `","ts":1,"value":1,"kind":"alert"}`, ReasonKey},
		{`{"key":"a b","ts":1,"value":1,"kind":"alert"}`, ReasonKey},
		{`{"key":"a/b","ts":1,"value":1,"kind":"alert"}`, ReasonKey},
		{`{"key":"é","ts":1,"value":1,"kind":"alert"}`, ReasonKey},
		{`{"key":"A-z_0.9:x","ts":1,"value":1,"kind":"alert"}`, OK},
		{`{"key":"\u0041b","ts":1,"value":1,"kind":"alert"}`, OK},
		{`{"key":"\ud800","ts":1,"value":1,"kind":"alert"}`, ReasonKey},
		{`{"KEY":"a","ts":1,"value":1,"kind":"alert"}`, ReasonKey},
		// ts, checked before value and kind
		{`{"key":"a","value":"x","kind":"x"}`, ReasonTS},
		{`{"key":"a","ts":"1","value":1,"kind":"alert"}`, ReasonTS},
		{`{"key":"a","ts":1.5,"value":1,"kind":"alert"}`, ReasonTS},
		{`{"key":"a","ts":-1,"value":1,"kind":"alert"}`, ReasonTS},
		{`{"key":"a","ts":1.0,"value":1,"kind":"alert"}`, OK},
		{`{"key":"a","ts":1e3,"value":1,"kind":"alert"}`, OK},
		{`{"key":"a","ts":-0,"value":1,"kind":"alert"}`, OK},
		{`{"key":"a","ts":9007199254740991,"value":1,"kind":"alert"}`, OK},
		{`{"key":"a","ts":9007199254740992,"value":1,"kind":"alert"}`, ReasonTS},
		// Rounds to 2^53 as a float64, as JSON.parse does.
		{`{"key":"a","ts":9007199254740991.5,"value":1,"kind":"alert"}`, ReasonTS},
		{`{"key":"a","ts":1e400,"value":1,"kind":"alert"}`, ReasonTS},
		{`{"key":"a","ts":1e-400,"value":1,"kind":"alert"}`, OK},
		{`{"key":"a","ts":true,"value":1,"kind":"alert"}`, ReasonTS},
		// value
		{`{"key":"a","ts":1,"kind":"alert"}`, ReasonValue},
		{`{"key":"a","ts":1,"value":"1","kind":"alert"}`, ReasonValue},
		{`{"key":"a","ts":1,"value":null,"kind":"alert"}`, ReasonValue},
		{`{"key":"a","ts":1,"value":1e400,"kind":"alert"}`, ReasonValue},
		{`{"key":"a","ts":1,"value":-1e400,"kind":"alert"}`, ReasonValue},
		{`{"key":"a","ts":1,"value":1.7976931348623157e308,"kind":"alert"}`, OK},
		// kind
		{`{"key":"a","ts":1,"value":1}`, ReasonKind},
		{`{"key":"a","ts":1,"value":1,"kind":"Alert"}`, ReasonKind},
		{`{"key":"a","ts":1,"value":1,"kind":1}`, ReasonKind},
		{`{"key":"a","ts":1,"value":1,"kind":"heartbeat"}`, OK},
		{`{"key":"a","ts":1,"value":1,"kind":"he\u0061rtbeat"}`, OK},
		// unknown fields of any type are ignored; the last of a repeated field counts
		{`{"key":"a","ts":1,"value":1,"kind":"alert","extra":{"key":[]},"ts2":null}`, OK},
		{`{"key":"a","ts":"x","value":1,"kind":"alert","ts":2}`, OK},
		{`{"key":"a","ts":2,"value":1,"kind":"alert","ts":"x"}`, ReasonTS},
	}
	for _, c := range cases {
		if got, _ := validate(t, c.element); got != c.want {
			t.Errorf("%s: reason %q, want %q", c.element, got, c.want)
		}
	}
}

func TestValidateFillsTheEvent(t *testing.T) {
	reason, ev := validate(t, `{"kind":"alert","value":-2.5e-3,"ts":1e3,"key":"k\u0031"}`)
	if reason != OK || string(ev.Key) != "k1" || ev.TS != 1000 || ev.Value != -2.5e-3 || !ev.Alert {
		t.Fatalf("got %v %+v", reason, ev)
	}
}

func TestValidateUnderflowingValueIsZero(t *testing.T) {
	reason, ev := validate(t, `{"key":"a","ts":1,"value":1e-400,"kind":"reading"}`)
	if reason != OK || ev.Value != 0 || ev.Alert {
		t.Fatalf("got %v %+v", reason, ev)
	}
}

func TestValidateKeepsSubnormalValues(t *testing.T) {
	_, ev := validate(t, `{"key":"a","ts":1,"value":5e-324,"kind":"reading"}`)
	if ev.Value != math.SmallestNonzeroFloat64 {
		t.Fatalf("value = %v", ev.Value)
	}
}
