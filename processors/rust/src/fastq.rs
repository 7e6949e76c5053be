//! `POST /v1/reads`: FASTQ parsing and per-request statistics.
//!
//! One pass over the body: each record is checked line by line and its bases are counted as
//! soon as its sequence line passes; if a later record fails, the partial figures are dropped
//! (they are per request), so "nothing is counted" holds.

use std::fmt;

use serde::Serialize;

use crate::kmer::{KmerCount, KmerCounter, K};

/// The line rule that failed, in the order the lines of a record are checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    Header,
    Sequence,
    Separator,
    Quality,
    Truncated,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Header => "header",
            Reason::Sequence => "sequence",
            Reason::Separator => "separator",
            Reason::Quality => "quality",
            Reason::Truncated => "truncated",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Reason::Header => "header must start with '@' followed by at least one character",
            Reason::Sequence => "sequence must be one or more of A, C, G, T, N",
            Reason::Separator => "separator must start with '+'",
            Reason::Quality => "quality must have one character from '!' to '~' per base of the sequence",
            Reason::Truncated => "the body ended before the record's four lines",
        }
    }
}

/// A malformed record; `record` and `line` are 1-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FastqError {
    pub record: u64,
    pub line: u64,
    pub reason: Reason,
}

impl fmt::Display for FastqError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FASTQ record {} (line {}): {}", self.record, self.line, self.reason.describe())
    }
}

/// The success response; field order is the response's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReadStats {
    pub reads: u64,
    pub bases: u64,
    pub gc_bases: u64,
    pub n_bases: u64,
    pub quality_sum: u64,
    pub q20_reads: u64,
    pub kmers: u64,
    pub distinct_kmers: u64,
    pub top_kmers: Vec<KmerCount>,
}

/// Parses a FASTQ body and computes its statistics.
pub fn analyze(body: &[u8]) -> Result<ReadStats, FastqError> {
    let body = body.strip_suffix(b"\n").unwrap_or(body);
    let mut stats = ReadStats {
        reads: 0,
        bases: 0,
        gc_bases: 0,
        n_bases: 0,
        quality_sum: 0,
        q20_reads: 0,
        kmers: 0,
        distinct_kmers: 0,
        top_kmers: Vec::new(),
    };
    if body.is_empty() {
        return Ok(stats);
    }

    // Sequence and quality lines have the same length, so half the body bounds the bases and
    // so the windows: sizing the table for that means it does not rehash while counting
    // (`KmerCounter` caps the up-front size).
    let mut kmers = KmerCounter::with_capacity(body.len() / 2);
    let mut lines = body.split(|&b| b == b'\n').map(|line| line.strip_suffix(b"\r").unwrap_or(line));
    let mut record: u64 = 0;
    while let Some(header) = lines.next() {
        record += 1;
        let first_line = 4 * record - 3;
        let fail = |offset: u64, reason| FastqError { record, line: first_line + offset, reason };

        if header.len() < 2 || header[0] != b'@' {
            return Err(fail(0, Reason::Header));
        }
        let sequence = lines.next().ok_or(fail(1, Reason::Truncated))?;
        let (gc, n) = check_sequence(sequence).ok_or(fail(1, Reason::Sequence))?;
        let separator = lines.next().ok_or(fail(2, Reason::Truncated))?;
        if separator.first() != Some(&b'+') {
            return Err(fail(2, Reason::Separator));
        }
        let quality = lines.next().ok_or(fail(3, Reason::Truncated))?;
        let quality_sum = check_quality(quality, sequence.len()).ok_or(fail(3, Reason::Quality))?;

        let length = sequence.len() as u64;
        stats.reads += 1;
        stats.bases += length;
        stats.gc_bases += gc;
        stats.n_bases += n;
        stats.quality_sum += quality_sum;
        if quality_sum >= 20 * length {
            stats.q20_reads += 1;
        }
        if sequence.len() >= K {
            kmers.add_sequence(sequence);
        }
    }

    stats.kmers = kmers.windows();
    stats.distinct_kmers = kmers.distinct();
    stats.top_kmers = kmers.top();
    Ok(stats)
}

/// One or more of `ACGTN`; returns the G+C and N counts.
fn check_sequence(sequence: &[u8]) -> Option<(u64, u64)> {
    if sequence.is_empty() {
        return None;
    }
    let (mut gc, mut n) = (0u64, 0u64);
    for &base in sequence {
        match base {
            b'A' | b'T' => {}
            b'C' | b'G' => gc += 1,
            b'N' => n += 1,
            _ => return None,
        }
    }
    Some((gc, n))
}

/// As many characters as the sequence has bases, each `!`..=`~`; returns the sum of (q − 33).
/// Every allowed character is one byte, so comparing byte lengths decides the same as
/// comparing character counts.
fn check_quality(quality: &[u8], bases: usize) -> Option<u64> {
    if quality.len() != bases {
        return None;
    }
    let mut sum = 0u64;
    for &q in quality {
        if !(b'!'..=b'~').contains(&q) {
            return None;
        }
        sum += u64::from(q - b'!');
    }
    Some(sum)
}

#[cfg(test)]
mod tests;
