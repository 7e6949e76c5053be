package events

import (
	"bytes"
	"strings"
)

// encoding/json refuses nesting deeper than 10,000 levels with this syntax error, even in a
// well-formed body. JSON.parse has no such limit, so a body that fails only this way is checked
// again by validDeep and walked by hand (decodeDeep).
const maxDepthMessage = "exceeded max depth"

func isDepthError(err error) bool {
	return err != nil && strings.Contains(err.Error(), maxDepthMessage)
}

// validDeep reports whether data is exactly one JSON value (RFC 8259, the grammar JSON.parse
// accepts) surrounded by optional whitespace, with no limit on nesting: it keeps its own stack
// instead of recursing. data is known to be valid UTF-8. Only the rare bodies that
// encoding/json refuses for depth come here, so it is written for clarity, not speed.
func validDeep(data []byte) bool {
	var open []byte // the enclosing containers, '[' or '{'
	i := skipSpace(data, 0)
	for {
		// A value is expected at i.
		if i >= len(data) {
			return false
		}
		switch c := data[i]; {
		case c == '[' || c == '{':
			open = append(open, c)
			i = skipSpace(data, i+1)
			if i < len(data) && data[i] == closing(c) {
				open = open[:len(open)-1]
				i++
				break
			}
			if c == '{' {
				if i = member(data, i); i < 0 {
					return false
				}
			}
			continue
		case c == '"':
			if i = scanString(data, i); i < 0 {
				return false
			}
		case c == '-' || (c >= '0' && c <= '9'):
			if i = scanNumber(data, i); i < 0 {
				return false
			}
		default:
			if i = scanLiteral(data, i); i < 0 {
				return false
			}
		}
		// After a value: close containers, or move to the next element or member.
		for {
			i = skipSpace(data, i)
			if len(open) == 0 {
				return i == len(data)
			}
			if i >= len(data) {
				return false
			}
			top := open[len(open)-1]
			if data[i] == closing(top) {
				open = open[:len(open)-1]
				i++
				continue
			}
			if data[i] != ',' {
				return false
			}
			i = skipSpace(data, i+1)
			if top == '{' {
				if i = member(data, i); i < 0 {
					return false
				}
			}
			break
		}
	}
}

func closing(open byte) byte {
	if open == '[' {
		return ']'
	}
	return '}'
}

// member checks a member name and its colon at i and returns where the value starts, or -1.
func member(data []byte, i int) int {
	if i >= len(data) || data[i] != '"' {
		return -1
	}
	if i = scanString(data, i); i < 0 {
		return -1
	}
	i = skipSpace(data, i)
	if i >= len(data) || data[i] != ':' {
		return -1
	}
	return skipSpace(data, i+1)
}

// scanString checks the string starting at the quote at data[i] and returns the index past it.
func scanString(data []byte, i int) int {
	for i++; i < len(data); i++ {
		switch c := data[i]; {
		case c == '"':
			return i + 1
		case c < 0x20:
			return -1
		case c == '\\':
			i++
			if i >= len(data) {
				return -1
			}
			switch data[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(data) {
					return -1
				}
				for _, h := range data[i+1 : i+5] {
					if !isHex(h) {
						return -1
					}
				}
				i += 4
			default:
				return -1
			}
		}
	}
	return -1
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

// scanNumber checks -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? at i.
func scanNumber(data []byte, i int) int {
	if data[i] == '-' {
		i++
	}
	switch {
	case i < len(data) && data[i] == '0':
		i++
	case i < len(data) && data[i] >= '1' && data[i] <= '9':
		i = digits(data, i)
	default:
		return -1
	}
	if i < len(data) && data[i] == '.' {
		if j := digits(data, i+1); j > i+1 {
			i = j
		} else {
			return -1
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if j := digits(data, i); j > i {
			i = j
		} else {
			return -1
		}
	}
	return i
}

func digits(data []byte, i int) int {
	for i < len(data) && data[i] >= '0' && data[i] <= '9' {
		i++
	}
	return i
}

var literals = [][]byte{[]byte("true"), []byte("false"), []byte("null")}

func scanLiteral(data []byte, i int) int {
	for _, lit := range literals {
		if bytes.HasPrefix(data[i:], lit) {
			return i + len(lit)
		}
	}
	return -1
}

// decodeDeep splits a top-level array that validDeep accepted into elements, without
// encoding/json, and hands each to Element.UnmarshalJSON as json.Unmarshal would have.
func (b *Batch) decodeDeep(body []byte) {
	i := skipSpace(body, 0) + 1 // past the '['
	for {
		i = skipSpace(body, i)
		if body[i] == ']' {
			return
		}
		if body[i] == ',' {
			i = skipSpace(body, i+1)
		}
		end := valueEnd(body, i)
		var e Element
		_ = e.UnmarshalJSON(body[i:end])
		b.elements = append(b.elements, e)
		i = end
	}
}
