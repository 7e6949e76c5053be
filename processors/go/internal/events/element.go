// Package events turns a POST /v1/events body into validated events and the response that
// reports the rejected ones.
package events

import "encoding/json"

// Element is one member of the top-level array, as encoding/json hands it over: whether it is an
// object and, if so, the raw JSON of the four fields the spec knows (nil when absent). The raw
// values are sub-slices of the request body, so decoding a batch copies no field.
type Element struct {
	IsObject bool
	Key      []byte
	TS       []byte
	Value    []byte
	Kind     []byte
}

// UnmarshalJSON picks the four known fields out of one array element. It walks the members by
// hand instead of decoding into a struct because encoding/json matches struct fields
// case-insensitively ("KEY" would fill Key), while the spec follows JSON.parse: names are
// case-sensitive, unknown fields of any type are ignored, and a repeated name keeps its last
// value. encoding/json has already checked that data is well-formed JSON before it calls this, so
// the walk only has to find boundaries, never report syntax errors.
func (e *Element) UnmarshalJSON(data []byte) error {
	*e = Element{}
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return nil // a string, number, literal or array: rejected later with reason "type"
	}
	e.IsObject = true
	i++
	for {
		i = skipSpace(data, i)
		if i >= len(data) || data[i] == '}' {
			return nil
		}
		if data[i] == ',' {
			i = skipSpace(data, i+1)
		}
		nameEnd, escaped := stringEnd(data, i)
		name := data[i:nameEnd]
		i = skipSpace(data, nameEnd)
		i = skipSpace(data, i+1) // the ':'
		valueEnd := valueEnd(data, i)
		e.set(name, escaped, data[i:valueEnd])
		i = valueEnd
	}
}

// set records value under the field that name (a quoted JSON string) designates, if any.
func (e *Element) set(name []byte, escaped bool, value []byte) {
	if escaped {
		// "k\u0065y" is the name "key" in JSON.parse too: decode it (rare, so allocating is fine).
		var decoded string
		if json.Unmarshal(name, &decoded) != nil {
			return
		}
		name = []byte(`"` + decoded + `"`)
	}
	switch string(name) {
	case `"key"`:
		e.Key = value
	case `"ts"`:
		e.TS = value
	case `"value"`:
		e.Value = value
	case `"kind"`:
		e.Kind = value
	}
}

func skipSpace(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// stringEnd returns the index just past the string that starts with the quote at data[i], and
// whether the string contains an escape. A plain loop: the strings here are short names and
// values, for which bytes.IndexAny's set-up costs more than it saves.
func stringEnd(data []byte, i int) (end int, escaped bool) {
	for i++; i < len(data); i++ {
		switch data[i] {
		case '"':
			return i + 1, escaped
		case '\\':
			escaped = true
			i++ // skip the escaped byte; \uXXXX's hex digits contain no quote
		}
	}
	return len(data), escaped
}

// valueEnd returns the index just past the JSON value that starts at data[i].
func valueEnd(data []byte, i int) int {
	if i >= len(data) {
		return i
	}
	switch data[i] {
	case '"':
		end, _ := stringEnd(data, i)
		return end
	case '{', '[':
		depth := 0
		for i < len(data) {
			switch data[i] {
			case '"':
				i, _ = stringEnd(data, i)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return i
	default: // number, true, false, null
		for i < len(data) {
			switch data[i] {
			case ',', '}', ']', ' ', '\t', '\n', '\r':
				return i
			}
			i++
		}
		return i
	}
}
