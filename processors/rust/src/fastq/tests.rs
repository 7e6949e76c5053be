use super::*;

fn failure(body: &str) -> (u64, u64, Reason) {
    let e = analyze(body.as_bytes()).expect_err("should fail");
    (e.record, e.line, e.reason)
}

const GOOD: &str = "@r1\nACGTN\n+\nIIII!\n";

#[test]
fn empty_body_has_zero_records() {
    for body in ["", "\n"] {
        let stats = analyze(body.as_bytes()).unwrap();
        assert_eq!((stats.reads, stats.bases, stats.kmers, stats.top_kmers.len()), (0, 0, 0, 0));
    }
}

#[test]
fn counts_bases_quality_and_q20() {
    // r1: 5 bases (C, G, N), quality 40*4 + 0 = 160 ≥ 100 → q20; r2: 4 bases (G, G, C), 4*19 = 76 < 80.
    let body = format!("{GOOD}@r2\nGGCA\n+r2\n4444\n");
    let s = analyze(body.as_bytes()).unwrap();
    assert_eq!((s.reads, s.bases, s.gc_bases, s.n_bases), (2, 9, 5, 1));
    assert_eq!((s.quality_sum, s.q20_reads), (160 + 76, 1));
}

#[test]
fn q20_is_decided_in_integers_at_the_boundary() {
    let s = analyze(b"@r\nAC\n+\n5!\n").unwrap(); // 20 + 0 < 40
    assert_eq!(s.q20_reads, 0);
    let s = analyze(b"@r\nAC\n+\n55\n").unwrap(); // 20 + 20 = 40
    assert_eq!(s.q20_reads, 1);
}

#[test]
fn crlf_line_endings_are_accepted() {
    let s = analyze(b"@r1\r\nACGT\r\n+\r\nIIII\r\n").unwrap();
    assert_eq!((s.reads, s.bases), (1, 4));
}

#[test]
fn missing_final_newline_is_fine() {
    assert_eq!(analyze(b"@r1\nACGT\n+\nIIII").unwrap().reads, 1);
}

#[test]
fn header_failures() {
    assert_eq!(failure("r1\nACGT\n+\nIIII\n"), (1, 1, Reason::Header));
    assert_eq!(failure("@\nACGT\n+\nIIII\n"), (1, 1, Reason::Header));
    assert_eq!(failure(&format!("{GOOD}\n")), (2, 5, Reason::Header), "a blank line where a header belongs");
    assert_eq!(failure(&format!("{GOOD}x\n")), (2, 5, Reason::Header));
}

#[test]
fn sequence_failures() {
    assert_eq!(failure("@r\n\n+\n\n"), (1, 2, Reason::Sequence));
    assert_eq!(failure("@r\nacgt\n+\nIIII\n"), (1, 2, Reason::Sequence));
    assert_eq!(failure("@r\nACGU\n+\nIIII\n"), (1, 2, Reason::Sequence));
    assert_eq!(failure("@r\nAC GT\n+\nIIIII\n"), (1, 2, Reason::Sequence));
}

#[test]
fn separator_failures() {
    assert_eq!(failure("@r\nACGT\n-\nIIII\n"), (1, 3, Reason::Separator));
    assert_eq!(failure("@r\nACGT\n\nIIII\n"), (1, 3, Reason::Separator));
}

#[test]
fn quality_failures() {
    assert_eq!(failure("@r\nACGT\n+\nIII\n"), (1, 4, Reason::Quality));
    assert_eq!(failure("@r\nACGT\n+\nIIIII\n"), (1, 4, Reason::Quality));
    assert_eq!(failure("@r\nACGT\n+\nII I\n"), (1, 4, Reason::Quality));
    assert_eq!(failure("@r\nACGT\n+\nIIé\n"), (1, 4, Reason::Quality));
    assert_eq!(failure("@r\nACGT\n+\n\n"), (1, 4, Reason::Quality));
}

#[test]
fn truncated_records_name_the_missing_line() {
    assert_eq!(failure(&format!("{GOOD}@r2\n")), (2, 6, Reason::Truncated));
    assert_eq!(failure(&format!("{GOOD}@r2\nACGT\n")), (2, 7, Reason::Truncated));
    assert_eq!(failure(&format!("{GOOD}@r2\nACGT\n+\n")), (2, 8, Reason::Truncated));
}

#[test]
fn a_bad_line_before_the_end_is_not_truncated() {
    assert_eq!(failure(&format!("{GOOD}@r2\nACXT\n")), (2, 6, Reason::Sequence));
}

#[test]
fn only_one_trailing_newline_is_removed() {
    assert_eq!(failure(&format!("{GOOD}\n\n")), (2, 5, Reason::Header));
}

#[test]
fn error_message_names_record_and_line() {
    let e = analyze(format!("{GOOD}r2\n").as_bytes()).unwrap_err();
    assert!(e.to_string().starts_with("FASTQ record 2 (line 5): header"), "{e}");
}

#[test]
fn kmers_are_counted_across_reads() {
    let body = "@a\nAAAAAAAAAAAAA\n+\nIIIIIIIIIIIII\n@b\nACGTACGTACGTN\n+\nIIIIIIIIIIIII\n";
    let s = analyze(body.as_bytes()).unwrap();
    assert_eq!((s.kmers, s.distinct_kmers), (5, 2));
    assert_eq!(
        s.top_kmers,
        vec![KmerCount { kmer: "AAAAAAAAAAA".into(), count: 3 }, KmerCount { kmer: "ACGTACGTACG".into(), count: 2 }]
    );
}
