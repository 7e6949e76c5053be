use super::*;
use crate::events::Reason;

const TWO_GOOD_ONE_BAD: &str =
    r#"[{"key":"a","ts":1,"value":1.5,"kind":"reading"},7,{"key":"a","ts":2,"value":2.5,"kind":"alert"}]"#;

#[test]
fn ingest_applies_valid_events_and_lists_rejections() {
    let store = Store::new();
    let ingested = store.ingest(TWO_GOOD_ONE_BAD).unwrap();
    assert_eq!(
        ingested,
        Ingested { accepted: 2, rejected: 1, errors: vec![Rejection { index: 1, reason: Reason::Type }] }
    );
    assert_eq!(store.key("a").unwrap().count, 2);
    assert_eq!(store.stats().events, 2);
}

#[test]
fn ingest_of_a_refused_batch_applies_nothing() {
    let store = Store::new();
    assert_eq!(store.ingest(r#"{"key":"a"}"#), Err(BatchError::NotArray));
    assert!(matches!(
        store.ingest(r#"[{"key":"a","ts":1,"value":1,"kind":"reading"},"#),
        Err(BatchError::Malformed { .. })
    ));
    assert_eq!(store.stats().events, 0);
}

#[test]
fn ingested_serializes_in_the_response_field_order() {
    let store = Store::new();
    let json = serde_json::to_string(&store.ingest(TWO_GOOD_ONE_BAD).unwrap()).unwrap();
    assert_eq!(json, r#"{"accepted":2,"rejected":1,"errors":[{"index":1,"reason":"type"}]}"#);
}

#[test]
fn analyze_reads_counts_records_only_on_success() {
    let store = Store::new();
    let stats = store.analyze_reads(b"@r1\nACGTACGTACGT\n+\nIIIIIIIIIIII\n").unwrap();
    assert_eq!((stats.reads, stats.kmers), (1, 2));
    assert_eq!(store.analyze_reads(b"@r1\nACGT\n+\nII\n").unwrap_err().reason, crate::fastq::Reason::Quality);
    assert_eq!(store.stats().reads, 1);
}
