package events

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
)

// Reason names the first check an element failed; the strings are the spec's.
type Reason uint8

const (
	OK Reason = iota
	ReasonType
	ReasonKey
	ReasonTS
	ReasonValue
	ReasonKind
)

var reasonNames = [...]string{OK: "", ReasonType: "type", ReasonKey: "key", ReasonTS: "ts",
	ReasonValue: "value", ReasonKind: "kind"}

func (r Reason) String() string { return reasonNames[r] }

// Event is a validated element, ready to be applied to its key's state.
type Event struct {
	Key   []byte // the decoded key: a sub-slice of the body unless the JSON string had escapes
	TS    int64
	Value float64
	Alert bool
}

// maxSafeInteger is Number.MAX_SAFE_INTEGER, 2^53−1: the largest ts the spec accepts.
const maxSafeInteger = 1<<53 - 1

const maxKeyLength = 64

// keyByte marks the bytes a key may contain: [A-Za-z0-9_.:-].
var keyByte = func() (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
		t[c-'a'+'A'] = true
	}
	for _, c := range "_.:-" {
		t[c] = true
	}
	return t
}()

// Validate runs the spec's checks in order (type, key, ts, value, kind) and returns the first
// that fails, or OK with the event filled in.
func Validate(el *Element, ev *Event) Reason {
	if !el.IsObject {
		return ReasonType
	}
	key, ok := jsonString(el.Key)
	if !ok || !validKey(key) {
		return ReasonKey
	}
	ts, ok := jsonNumber(el.TS)
	// Trunc(ts) == ts is Number.isInteger: false for ±Inf (from overflow like 1e400) and NaN.
	if !ok || math.Trunc(ts) != ts || ts < 0 || ts > maxSafeInteger {
		return ReasonTS
	}
	value, ok := jsonNumber(el.Value)
	if !ok || math.IsInf(value, 0) || math.IsNaN(value) {
		return ReasonValue
	}
	kind, ok := jsonString(el.Kind)
	if !ok {
		return ReasonKind
	}
	alert := false
	switch string(kind) {
	case "reading", "heartbeat":
	case "alert":
		alert = true
	default:
		return ReasonKind
	}
	*ev = Event{Key: key, TS: int64(ts), Value: value, Alert: alert}
	return OK
}

// validKey checks length and alphabet together: the alphabet is ASCII, so a key's length in
// bytes equals its length in characters (UTF-16 units in JavaScript) whenever it passes.
func validKey(key []byte) bool {
	if len(key) == 0 || len(key) > maxKeyLength {
		return false
	}
	for _, c := range key {
		if !keyByte[c] {
			return false
		}
	}
	return true
}

// jsonString returns the contents of a raw JSON string value, decoding escapes only when there
// are any; ok is false when raw is absent or not a string.
func jsonString(raw []byte) (s []byte, ok bool) {
	if len(raw) < 2 || raw[0] != '"' {
		return nil, false
	}
	body := raw[1 : len(raw)-1]
	if bytes.IndexByte(body, '\\') < 0 {
		return body, true
	}
	var decoded string
	if json.Unmarshal(raw, &decoded) != nil {
		return nil, false
	}
	return []byte(decoded), true
}

// jsonNumber parses a raw JSON number the way JSON.parse does: to the nearest float64, with
// overflow becoming ±Inf (strconv reports ErrRange but still returns the infinity) and underflow
// becoming 0. ok is false when raw is absent or not a number.
func jsonNumber(raw []byte) (f float64, ok bool) {
	if len(raw) == 0 || (raw[0] != '-' && (raw[0] < '0' || raw[0] > '9')) {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(raw), 64)
	if err != nil && !isRangeError(err) {
		return 0, false
	}
	return f, true
}

func isRangeError(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}
