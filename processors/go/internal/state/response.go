package state

import (
	"strconv"

	"latency-harness/processors/go/internal/jsonout"
)

// AppendKey appends GET /v1/keys/{key}'s body, fields in the spec's order. name is written
// unescaped: a stored key only ever contains [A-Za-z0-9_.:-].
func AppendKey(out []byte, name string, k *Key) []byte {
	out = append(out, `{"key":"`...)
	out = append(out, name...)
	out = append(out, `","count":`...)
	out = strconv.AppendInt(out, k.Count, 10)
	out = append(out, `,"sum":`...)
	out = jsonout.AppendFloat(out, k.Sum)
	out = append(out, `,"min":`...)
	out = jsonout.AppendFloat(out, k.Min)
	out = append(out, `,"max":`...)
	out = jsonout.AppendFloat(out, k.Max)
	out = append(out, `,"mean":`...)
	out = jsonout.AppendFloat(out, k.Mean())
	out = append(out, `,"last":`...)
	out = jsonout.AppendFloat(out, k.Last)
	out = append(out, `,"last_ts":`...)
	out = strconv.AppendInt(out, k.LastTS, 10)
	out = append(out, `,"alerts":`...)
	out = strconv.AppendInt(out, k.Alerts, 10)
	out = append(out, `,"window":[`...)
	var buf [WindowSize]float64
	for i, v := range k.Window(&buf) {
		if i > 0 {
			out = append(out, ',')
		}
		out = jsonout.AppendFloat(out, v)
	}
	out = append(out, `],"median":`...)
	out = jsonout.AppendFloat(out, k.Median())
	return append(out, '}')
}

// AppendStats appends GET /v1/stats's body.
func AppendStats(out []byte, st Stats) []byte {
	out = append(out, `{"keys":`...)
	out = strconv.AppendInt(out, st.Keys, 10)
	out = append(out, `,"events":`...)
	out = strconv.AppendInt(out, st.Events, 10)
	out = append(out, `,"reads":`...)
	out = strconv.AppendInt(out, st.Reads, 10)
	return append(out, '}')
}
