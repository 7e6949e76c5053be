package fastq

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// readsBody is 50 reads of 150 bases with rare Ns and Illumina-like qualities.
func readsBody(seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 2))
	var sb strings.Builder
	for i := range 50 {
		seq := make([]byte, 150)
		qual := make([]byte, 150)
		for j := range seq {
			seq[j] = "ACGT"[r.IntN(4)]
			if r.IntN(200) == 0 {
				seq[j] = 'N'
			}
			qual[j] = byte('!' + 2 + r.IntN(40))
		}
		sb.WriteString("@read-")
		sb.WriteString(strings.Repeat("x", i%7))
		sb.WriteString("\n" + string(seq) + "\n+\n" + string(qual) + "\n")
	}
	return []byte(sb.String())
}

// BenchmarkAnalyzeReads parses and counts a 50-read × 150 bp body and renders the response: the
// work of POST /v1/reads without HTTP (reads=50 names the batch for `harness microbench`).
func BenchmarkAnalyzeReads(b *testing.B) {
	b.Run("reads=50", benchmarkAnalyzeReads50)
}

func benchmarkAnalyzeReads50(b *testing.B) {
	body := readsBody(7)
	c := NewCounter()
	var top [TopN]KmerCount
	out := make([]byte, 0, 1024)
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		st, err := Parse(body, c)
		if err != nil {
			b.Fatal(err)
		}
		out = AppendResponse(out[:0], &st, c, c.Top(TopN, top[:0]))
	}
}
