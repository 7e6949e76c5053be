package fastq

import "strconv"

// TopN is how many k-mers the response lists.
const TopN = 5

// AppendResponse appends POST /v1/reads's success body, fields in the spec's order.
func AppendResponse(out []byte, st *Stats, c *Counter, top []KmerCount) []byte {
	out = append(out, `{"reads":`...)
	out = strconv.AppendInt(out, st.Reads, 10)
	out = append(out, `,"bases":`...)
	out = strconv.AppendInt(out, st.Bases, 10)
	out = append(out, `,"gc_bases":`...)
	out = strconv.AppendInt(out, st.GCBases, 10)
	out = append(out, `,"n_bases":`...)
	out = strconv.AppendInt(out, st.NBases, 10)
	out = append(out, `,"quality_sum":`...)
	out = strconv.AppendInt(out, st.QualitySum, 10)
	out = append(out, `,"q20_reads":`...)
	out = strconv.AppendInt(out, st.Q20Reads, 10)
	out = append(out, `,"kmers":`...)
	out = strconv.AppendInt(out, st.Kmers, 10)
	out = append(out, `,"distinct_kmers":`...)
	out = strconv.AppendInt(out, int64(c.Distinct()), 10)
	out = append(out, `,"top_kmers":[`...)
	for i, e := range top {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, `{"kmer":"`...)
		out = AppendKmer(out, e.Kmer)
		out = append(out, `","count":`...)
		out = strconv.AppendInt(out, int64(e.Count), 10)
		out = append(out, '}')
	}
	return append(out, "]}"...)
}

// AppendError appends the 400 body for a malformed record.
func AppendError(out []byte, e *ParseError) []byte {
	out = append(out, `{"error":`...)
	out = strconv.AppendQuote(out, e.Error())
	out = append(out, `,"record":`...)
	out = strconv.AppendInt(out, int64(e.Record), 10)
	out = append(out, `,"reason":"`...)
	out = append(out, e.Reason...)
	return append(out, `"}`...)
}
