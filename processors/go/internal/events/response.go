package events

import "strconv"

// AppendResponse appends the ingestion result, fields in the spec's order:
// {"accepted":N,"rejected":M,"errors":[{"index":i,"reason":"…"},…]}.
func (b *Batch) AppendResponse(out []byte) []byte {
	out = append(out, `{"accepted":`...)
	out = strconv.AppendInt(out, int64(len(b.Valid)), 10)
	out = append(out, `,"rejected":`...)
	out = strconv.AppendInt(out, int64(b.Rejected), 10)
	out = append(out, `,"errors":[`...)
	for i, r := range b.Listed {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, `{"index":`...)
		out = strconv.AppendInt(out, int64(r.Index), 10)
		out = append(out, `,"reason":"`...)
		out = append(out, r.Reason.String()...)
		out = append(out, `"}`...)
	}
	return append(out, "]}"...)
}
