package events

import (
	"encoding/json"
	"errors"
)

// ErrNotArray is returned for a well-formed body whose top level is not an array.
var ErrNotArray = errors.New("the body must be a JSON array of events")

// MaxListedErrors is how many rejected elements a response lists.
const MaxListedErrors = 10

// Rejection is one listed entry of the response's errors array.
type Rejection struct {
	Index  int
	Reason Reason
}

// Batch holds one request's decoded and validated events. It is reused across requests (see
// Reset), which keeps a steady stream of batches from allocating per request.
type Batch struct {
	elements []Element
	Valid    []Event
	Rejected int
	Listed   []Rejection // the first MaxListedErrors rejections, in index order
}

// Reset empties the batch and drops its references into the previous request's body. Only the
// used part is cleared: everything past it was cleared by the Reset that followed its use, so
// the cost follows this request's size, not the largest batch ever seen.
func (b *Batch) Reset() {
	clear(b.elements)
	b.elements = b.elements[:0]
	clear(b.Valid)
	b.Valid = b.Valid[:0]
	b.Rejected = 0
	b.Listed = b.Listed[:0]
}

// Decode parses body (a whole request body, already known to be valid UTF-8) and validates each
// element alone. It fails, and nothing is to be applied, when the body is not well-formed JSON or
// its top level is not an array. The events in b.Valid point into body.
func (b *Batch) Decode(body []byte) error {
	b.Reset()
	// Checked first because json.Unmarshal accepts a top-level null into a slice.
	if i := skipSpace(body, 0); i >= len(body) || body[i] != '[' {
		if json.Valid(body) {
			return ErrNotArray
		}
		return json.Unmarshal(body, new(any)) // the syntax error, for the message
	}
	reusable := b.elements
	if err := json.Unmarshal(body, &b.elements); isDepthError(err) && validDeep(body) {
		b.elements = reusable[:0]
		b.decodeDeep(body)
	} else if err != nil {
		return err
	}
	elements := b.elements
	// Unmarshal replaces the slice with an empty one for "[]": keep the larger buffer for reuse.
	if cap(elements) < cap(reusable) {
		b.elements = reusable[:0]
	}
	for i := range elements {
		var ev Event
		if reason := Validate(&elements[i], &ev); reason != OK {
			b.Rejected++
			if len(b.Listed) < MaxListedErrors {
				b.Listed = append(b.Listed, Rejection{Index: i, Reason: reason})
			}
			continue
		}
		b.Valid = append(b.Valid, ev)
	}
	return nil
}
