package fastq

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// naiveCounts is the reference: strings, an explicit reverse complement, a string comparison.
func naiveCounts(seqs []string) map[string]int {
	comp := strings.NewReplacer("A", "T", "T", "A", "C", "G", "G", "C")
	counts := map[string]int{}
	for _, s := range seqs {
		for i := 0; i+K <= len(s); i++ {
			w := s[i : i+K]
			if strings.Contains(w, "N") {
				continue
			}
			r := []byte(comp.Replace(w))
			slices.Reverse(r)
			counts[min(w, string(r))]++
		}
	}
	return counts
}

func randomRead(r *rand.Rand, alphabet string) string {
	b := make([]byte, 1+r.IntN(200))
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(b)
}

func fastqOf(seqs []string) string {
	var sb strings.Builder
	for _, s := range seqs {
		sb.WriteString("@r\n" + s + "\n+\n" + strings.Repeat("I", len(s)) + "\n")
	}
	return sb.String()
}

func TestCanonicalKmersMatchNaiveReferenceOnRandomReads(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	for round := range 200 {
		// A small alphabet now and then, so that counts repeat and ties happen.
		alphabet := [...]string{"ACGT", "ACGTN", "AC", "ACGTTTTTNNN"}[round%4]
		seqs := make([]string, 1+r.IntN(20))
		for i := range seqs {
			seqs[i] = randomRead(r, alphabet)
		}
		c := NewCounter()
		st, err := Parse([]byte(fastqOf(seqs)), c)
		if err != nil {
			t.Fatal(err)
		}
		want := naiveCounts(seqs)
		total := 0
		for _, n := range want {
			total += n
		}
		if st.Kmers != int64(total) || c.Distinct() != len(want) {
			t.Fatalf("round %d: kmers %d distinct %d, want %d and %d", round, st.Kmers, c.Distinct(), total, len(want))
		}
		for kmer, count := range c.counts {
			if name := string(AppendKmer(nil, kmer)); want[name] != int(count) {
				t.Fatalf("round %d: %s counted %d, want %d", round, name, count, want[name])
			}
		}
		checkTop(t, c, want)
	}
}

func checkTop(t *testing.T, c *Counter, want map[string]int) {
	t.Helper()
	type entry struct {
		kmer  string
		count int
	}
	var all []entry
	for k, n := range want {
		all = append(all, entry{k, n})
	}
	slices.SortFunc(all, func(a, b entry) int {
		return cmp.Or(cmp.Compare(b.count, a.count), strings.Compare(a.kmer, b.kmer))
	})
	top := c.Top(TopN, nil)
	if len(top) != min(TopN, len(all)) {
		t.Fatalf("top has %d entries, want %d", len(top), min(TopN, len(all)))
	}
	for i, e := range top {
		if got := string(AppendKmer(nil, e.Kmer)); got != all[i].kmer || int(e.Count) != all[i].count {
			t.Fatalf("top[%d] = %s×%d, want %s×%d", i, got, e.Count, all[i].kmer, all[i].count)
		}
	}
}

func TestTopBreaksTiesByLettersAscending(t *testing.T) {
	// Each read is exactly one k-mer, each seen once: all tie, so letter order decides.
	seqs := []string{"TTTTTTTTTTG", "CCCCCCCCCCC", "ACCCCCCCCCC", "AAAAAAAAAAC", "GAAAAAAAAAA", "AAAAAAAAAAA"}
	c := NewCounter()
	if _, err := Parse([]byte(fastqOf(seqs)), c); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range c.Top(TopN, nil) {
		got = append(got, string(AppendKmer(nil, e.Kmer)))
	}
	// TTTTTTTTTTG counts as its reverse complement CAAAAAAAAAA; GAAAAAAAAAA is sixth.
	want := []string{"AAAAAAAAAAA", "AAAAAAAAAAC", "ACCCCCCCCCC", "CAAAAAAAAAA", "CCCCCCCCCCC"}
	if !slices.Equal(got, want) {
		t.Fatalf("top %v, want %v", got, want)
	}
}

func TestTopPutsHigherCountsFirst(t *testing.T) {
	c := NewCounter()
	if _, err := Parse([]byte(fastqOf([]string{"TTTTTTTTTTTT", "CCCCCCCCCCC"})), c); err != nil {
		t.Fatal(err)
	}
	top := c.Top(TopN, nil)
	if len(top) != 2 || string(AppendKmer(nil, top[0].Kmer)) != "AAAAAAAAAAA" || top[0].Count != 2 {
		t.Fatalf("%+v", top)
	}
}

func TestCounterIsEmptiedBetweenRequests(t *testing.T) {
	c := NewCounter()
	_, _ = Parse([]byte(fastqOf([]string{"ACGTACGTACGTACGT"})), c)
	if _, err := Parse([]byte(fastqOf([]string{"AAAAAAAAAAA"})), c); err != nil || c.Distinct() != 1 {
		t.Fatalf("distinct %d after a second request, err %v", c.Distinct(), err)
	}
}

func TestAppendResponseFieldsInSpecOrder(t *testing.T) {
	c := NewCounter()
	st, err := Parse([]byte(fastqOf([]string{"AAAAAAAAAAAA"})), c)
	if err != nil {
		t.Fatal(err)
	}
	got := string(AppendResponse(nil, &st, c, c.Top(TopN, nil)))
	want := `{"reads":1,"bases":12,"gc_bases":0,"n_bases":0,"quality_sum":480,"q20_reads":1,` +
		`"kmers":2,"distinct_kmers":1,"top_kmers":[{"kmer":"AAAAAAAAAAA","count":2}]}`
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}
