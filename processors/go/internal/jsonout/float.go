// Package jsonout appends the few JSON scalars the hot-path responses need straight into a byte
// slice, so that a response costs no reflection and no intermediate allocations.
package jsonout

import (
	"math"
	"strconv"
)

// AppendFloat appends f the way encoding/json prints a float64 (shortest round-trip digits,
// exponent form only below 1e-6 or from 1e21 on, which is also where JavaScript switches), so the
// bytes match what json.Marshal would have produced. A non-finite value, which JSON cannot
// express, is written as null: that is what JSON.stringify does, where json.Marshal would fail.
func AppendFloat(b []byte, f float64) []byte {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return append(b, "null"...)
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// encoding/json turns e-07 into e-7; do the same.
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}
