package fastq

// K is the k-mer length.
const K = 11

const kmerMask = 1<<(2*K) - 1

// base maps a sequence byte to its 2-bit code (A=0, C=1, G=2, T=3, so numeric order is A<C<G<T
// order), baseN for N, and baseBad for anything else.
var base = func() (t [256]uint8) {
	for i := range t {
		t[i] = baseBad
	}
	t['A'], t['C'], t['G'], t['T'], t['N'] = 0, 1, 2, 3, baseN
	return t
}()

const (
	baseN   = 4
	baseBad = 5
)

// Counter counts canonical 11-mers, keyed by their 22-bit encoding. Reuse one per goroutine
// (Parse resets it) so that steady traffic does not rebuild the map for every request.
type Counter struct {
	counts map[uint32]uint32
}

// NewCounter returns an empty counter.
func NewCounter() *Counter { return &Counter{counts: make(map[uint32]uint32)} }

// maxRetainedKmers bounds the map a Counter keeps between requests: clearing a map costs time in
// proportion to its capacity, so a map grown by one huge body is dropped rather than kept.
const maxRetainedKmers = 1 << 16

func (c *Counter) reset() {
	if len(c.counts) > maxRetainedKmers {
		c.counts = make(map[uint32]uint32)
		return
	}
	clear(c.counts)
}

// Distinct is the number of distinct canonical k-mers counted.
func (c *Counter) Distinct() int { return len(c.counts) }

// addSequence checks that seq is one or more of A C G T N, adds its bases to st, and counts the
// canonical k-mer of every N-free window. The reverse complement is rolled along with the
// forward k-mer: complementing a 2-bit code is 3−code, and the new base enters at the high end.
func (c *Counter) addSequence(seq []byte, st *Stats) bool {
	if len(seq) == 0 {
		return false
	}
	var fwd, rev uint32
	run := 0 // bases since the last N
	var gc, n, kmers int64
	for _, b := range seq {
		code := base[b]
		switch {
		case code < baseN:
			fwd = (fwd<<2 | uint32(code)) & kmerMask
			rev = rev>>2 | uint32(3-code)<<(2*(K-1))
			run++
			if code == 1 || code == 2 {
				gc++
			}
			if run >= K {
				c.counts[min(fwd, rev)]++
				kmers++
			}
		case code == baseN:
			run = 0
			n++
		default:
			return false
		}
	}
	st.Bases += int64(len(seq))
	st.GCBases += gc
	st.NBases += n
	st.Kmers += kmers
	return true
}

// KmerCount is one entry of top_kmers.
type KmerCount struct {
	Kmer  uint32
	Count uint32
}

// before is the top_kmers order: count descending, then letters ascending (which, with A<C<G<T
// coded 0..3 from the most significant bits down, is the encoding ascending).
func before(a, b KmerCount) bool {
	return a.Count > b.Count || (a.Count == b.Count && a.Kmer < b.Kmer)
}

// Top returns up to n k-mers in top_kmers order, keeping only n candidates while it scans.
func (c *Counter) Top(n int, dst []KmerCount) []KmerCount {
	dst = dst[:0]
	for kmer, count := range c.counts {
		e := KmerCount{kmer, count}
		if len(dst) == n && !before(e, dst[n-1]) {
			continue
		}
		if len(dst) < n {
			dst = append(dst, e)
		} else {
			dst[n-1] = e
		}
		for i := len(dst) - 1; i > 0 && before(dst[i], dst[i-1]); i-- {
			dst[i], dst[i-1] = dst[i-1], dst[i]
		}
	}
	return dst
}

// AppendKmer appends the 11 letters of an encoded k-mer.
func AppendKmer(out []byte, kmer uint32) []byte {
	for shift := 2 * (K - 1); shift >= 0; shift -= 2 {
		out = append(out, "ACGT"[kmer>>shift&3])
	}
	return out
}
