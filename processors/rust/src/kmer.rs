//! Canonical 11-mer counting with a 2-bit rolling encoding.
//!
//! A k-mer is a 22-bit integer, first base in the most significant bits, with A=0 C=1 G=2 T=3,
//! so integer order is the letters' lexicographic order and the canonical k-mer is simply
//! `min(forward, reverse_complement)`. Both are updated in O(1) per base; no string is built
//! per k-mer, only for the (at most five) reported ones.

use std::collections::HashMap;

use serde::Serialize;

pub const K: usize = 11;
const MASK: u32 = (1 << (2 * K)) - 1;
/// Where the complement of a new base enters the reverse complement (its first position).
const RC_SHIFT: u32 = 2 * (K as u32 - 1);
const TOP_N: usize = 5;
/// Up-front table size limit (about 1 MiB): a typical request never rehashes, while a 4 MiB
/// body of one repeated k-mer does not reserve tens of MiB it will not use; past this the
/// table grows as distinct k-mers actually appear.
const MAX_PRESIZE: usize = 1 << 16;
const LETTERS: [u8; 4] = *b"ACGT";

/// The base's 2-bit code, `None` for anything else (`N` breaks the window).
#[inline]
pub fn base_code(base: u8) -> Option<u32> {
    match base {
        b'A' => Some(0),
        b'C' => Some(1),
        b'G' => Some(2),
        b'T' => Some(3),
        _ => None,
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KmerCount {
    pub kmer: String,
    pub count: u64,
}

/// Counts of canonical k-mers over one request.
pub struct KmerCounter {
    counts: HashMap<u32, u32, foldhash::fast::RandomState>,
    windows: u64,
}

impl KmerCounter {
    /// `expected_windows` sizes the table up front so counting does not rehash as it grows.
    pub fn with_capacity(expected_windows: usize) -> Self {
        let cap = expected_windows.min(MAX_PRESIZE);
        KmerCounter { counts: HashMap::with_capacity_and_hasher(cap, Default::default()), windows: 0 }
    }

    /// Adds every N-free window of `sequence` (which holds only `ACGTN`).
    #[inline]
    pub fn add_sequence(&mut self, sequence: &[u8]) {
        let mut forward: u32 = 0;
        let mut reverse: u32 = 0;
        let mut run = 0usize; // bases since the last N
        for &base in sequence {
            let Some(code) = base_code(base) else {
                run = 0;
                continue;
            };
            forward = ((forward << 2) | code) & MASK;
            reverse = (reverse >> 2) | ((3 - code) << RC_SHIFT);
            run += 1;
            if run >= K {
                *self.counts.entry(forward.min(reverse)).or_insert(0) += 1;
                self.windows += 1;
            }
        }
    }

    /// Windows counted (the response's `kmers`).
    pub fn windows(&self) -> u64 {
        self.windows
    }

    pub fn distinct(&self) -> u64 {
        self.counts.len() as u64
    }

    /// Up to five k-mers by count descending, ties by letters ascending (= by code ascending).
    pub fn top(&self) -> Vec<KmerCount> {
        let mut top: Vec<(u32, u32)> = Vec::with_capacity(TOP_N + 1);
        let better = |a: &(u32, u32), b: &(u32, u32)| a.1 > b.1 || (a.1 == b.1 && a.0 < b.0);
        for (&code, &count) in &self.counts {
            let entry = (code, count);
            if top.len() == TOP_N && !better(&entry, &top[TOP_N - 1]) {
                continue;
            }
            let at = top.iter().position(|t| better(&entry, t)).unwrap_or(top.len());
            top.insert(at, entry);
            top.truncate(TOP_N);
        }
        top.into_iter().map(|(code, count)| KmerCount { kmer: decode(code), count: u64::from(count) }).collect()
    }
}

/// The letters of a 22-bit k-mer code.
pub fn decode(code: u32) -> String {
    (0..K).map(|i| LETTERS[((code >> (2 * (K - 1 - i))) & 3) as usize] as char).collect()
}

#[cfg(test)]
mod tests;
