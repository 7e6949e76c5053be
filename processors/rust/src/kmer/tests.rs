use super::*;
use std::collections::BTreeMap;

/// A small deterministic generator, so the tests need no `rand` dependency.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn read(&mut self, len: usize, alphabet: &[u8]) -> Vec<u8> {
        (0..len).map(|_| alphabet[(self.next() % alphabet.len() as u64) as usize]).collect()
    }
}

/// The definition, literally: strings, reverse complement, lexicographic minimum.
fn naive_counts(reads: &[Vec<u8>]) -> BTreeMap<String, u64> {
    let mut counts = BTreeMap::new();
    for read in reads {
        for window in read.windows(K) {
            if window.contains(&b'N') {
                continue;
            }
            let forward = String::from_utf8(window.to_vec()).unwrap();
            let reverse: String = window
                .iter()
                .rev()
                .map(|&b| match b {
                    b'A' => 'T',
                    b'C' => 'G',
                    b'G' => 'C',
                    _ => 'A',
                })
                .collect();
            *counts.entry(forward.min(reverse)).or_insert(0) += 1;
        }
    }
    counts
}

fn naive_top(counts: &BTreeMap<String, u64>) -> Vec<KmerCount> {
    let mut all: Vec<KmerCount> = counts.iter().map(|(k, &c)| KmerCount { kmer: k.clone(), count: c }).collect();
    all.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.kmer.cmp(&b.kmer)));
    all.truncate(5);
    all
}

fn count(reads: &[Vec<u8>]) -> KmerCounter {
    let mut counter = KmerCounter::with_capacity(16);
    for read in reads {
        counter.add_sequence(read);
    }
    counter
}

#[test]
fn matches_the_naive_definition_on_random_reads() {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for round in 0..200 {
        // Small alphabets and short reads make repeats (and so ties) common.
        let alphabet: &[u8] = match round % 3 {
            0 => b"ACGT",
            1 => b"ACGTN",
            _ => b"AACT",
        };
        let reads: Vec<Vec<u8>> = (0..1 + rng.next() % 20)
            .map(|_| {
                let len = (rng.next() % 60) as usize;
                rng.read(len, alphabet)
            })
            .collect();
        let expected = naive_counts(&reads);
        let counter = count(&reads);
        assert_eq!(counter.windows(), expected.values().sum::<u64>(), "round {round}");
        assert_eq!(counter.distinct(), expected.len() as u64, "round {round}");
        assert_eq!(counter.top(), naive_top(&expected), "round {round}");
    }
}

#[test]
fn a_kmer_and_its_reverse_complement_count_as_one() {
    let counter = count(&[b"AAAAAAAAAAA".to_vec(), b"TTTTTTTTTTT".to_vec()]);
    assert_eq!(counter.top(), vec![KmerCount { kmer: "AAAAAAAAAAA".into(), count: 2 }]);
}

#[test]
fn windows_with_n_are_skipped() {
    let counter = count(&[b"ACGTANCGTACGTACGTA".to_vec()]);
    // 18 bases, N at index 5: only the 12 bases after it hold windows (2 of them).
    assert_eq!(counter.windows(), 2);
}

#[test]
fn short_reads_have_no_windows() {
    assert_eq!(count(&[b"ACGTACGTAC".to_vec()]).windows(), 0);
}

#[test]
fn ties_are_broken_by_letters_ascending() {
    let reads: Vec<Vec<u8>> =
        ["CCCCCCCCCCA", "AAAAAAAAAAC", "ACACACACACA", "AGAGAGAGAGA", "AAAAAAAAAAG", "AAAAAAAAAAA"]
            .iter()
            .map(|s| s.as_bytes().to_vec())
            .collect();
    let top: Vec<String> = count(&reads).top().into_iter().map(|k| k.kmer).collect();
    assert_eq!(top, vec!["AAAAAAAAAAA", "AAAAAAAAAAC", "AAAAAAAAAAG", "ACACACACACA", "AGAGAGAGAGA"]);
}

#[test]
fn decode_reverses_the_encoding() {
    assert_eq!(decode(0), "AAAAAAAAAAA");
    assert_eq!(decode(MASK), "TTTTTTTTTTT");
    assert_eq!(decode(0b01_10_11), "AAAAAAAACGT");
}
