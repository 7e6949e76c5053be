"""The Python API itself: types, errors and state, beyond what the vectors cover."""

import json
import threading

import processor_core
import pytest


def batch(*events):
    return json.dumps(list(events)).encode()


def event(key, ts, value, kind="reading"):
    return {"key": key, "ts": ts, "value": value, "kind": kind}


FASTQ_ONE_READ = b"@r\nACGTACGTACGTA\n+\nIIIIIIIIIIIII\n"


def test_ingest_returns_the_response_fields_in_order():
    result = processor_core.Store().ingest(batch(event("a", 1, 1.5), 7))
    assert list(result) == ["accepted", "rejected", "errors"]
    assert result == {"accepted": 1, "rejected": 1, "errors": [{"index": 1, "reason": "type"}]}


def test_a_refused_batch_raises_batch_error_and_applies_nothing():
    store = processor_core.Store()
    with pytest.raises(processor_core.BatchError):
        store.ingest(b'[{"key":"a","ts":1,"value":1,"kind":"reading"},')
    assert store.stats() == {"keys": 0, "events": 0, "reads": 0}


def test_batch_error_is_a_value_error():
    with pytest.raises(ValueError):
        processor_core.Store().ingest(b'{"not": "an array"}')


def test_ingest_refuses_bytes_that_are_not_utf8():
    with pytest.raises(processor_core.BatchError, match="UTF-8"):
        processor_core.Store().ingest(b'["\xff"]')


def test_ingest_takes_bytes_not_str():
    with pytest.raises(TypeError):
        processor_core.Store().ingest("[]")


def test_a_large_batch_is_applied_in_order():
    # Past the size from which the GIL is released: the same answer, in array order.
    events = [event("k", i, float(i)) for i in range(2000)]
    body = batch(*events)
    assert len(body) > 2048
    store = processor_core.Store()
    assert store.ingest(body)["accepted"] == 2000
    view = store.key("k")
    assert (view["count"], view["last"], view["window"]) == (2000, 1999.0, [float(v) for v in range(1968, 2000)])


def test_key_returns_none_for_an_unknown_key():
    assert processor_core.Store().key("never-seen") is None


def test_key_view_has_the_response_fields_in_order():
    store = processor_core.Store()
    store.ingest(batch(event("a", 5, 2.5, "alert"), event("a", 3, 3.5)))
    view = store.key("a")
    assert list(view) == ["key", "count", "sum", "min", "max", "mean", "last", "last_ts", "alerts", "window", "median"]
    assert view == {"key": "a", "count": 2, "sum": 6.0, "min": 2.5, "max": 3.5, "mean": 3.0, "last": 3.5,
                    "last_ts": 5, "alerts": 1, "window": [2.5, 3.5], "median": 3.0}


def test_analyze_reads_counts_reads_in_the_store():
    store = processor_core.Store()
    stats = store.analyze_reads(FASTQ_ONE_READ)
    assert (stats["reads"], stats["kmers"], stats["distinct_kmers"]) == (1, 3, 2)
    assert store.stats()["reads"] == 1


def test_a_malformed_record_raises_fastq_error_with_record_and_reason():
    store = processor_core.Store()
    with pytest.raises(processor_core.FastqError) as raised:
        store.analyze_reads(b"@a\nACGT\n+\nIIII\n@b\nACGT\n")
    assert (raised.value.record, raised.value.reason) == (2, "truncated")
    assert "record 2" in str(raised.value)
    assert store.stats()["reads"] == 0


def test_module_level_analyze_reads_needs_no_store():
    assert processor_core.analyze_reads(FASTQ_ONE_READ)["top_kmers"] == [
        {"kmer": "ACGTACGTACG", "count": 2},
        {"kmer": "GTACGTACGTA", "count": 1},
    ]


def test_reset_clears_keys_events_and_reads():
    store = processor_core.Store()
    store.ingest(batch(event("a", 1, 1)))
    store.analyze_reads(FASTQ_ONE_READ)
    store.reset()
    assert store.stats() == {"keys": 0, "events": 0, "reads": 0}


def test_stores_keep_their_state_apart():
    first, second = processor_core.Store(), processor_core.Store()
    first.ingest(batch(event("a", 1, 1)))
    assert second.stats()["keys"] == 0


def test_one_store_serves_several_threads():
    store = processor_core.Store()
    body = batch(*[event(f"k{i}", i, 1.0) for i in range(200)])
    threads = [threading.Thread(target=lambda: [store.ingest(body) for _ in range(50)]) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.stats() == {"keys": 200, "events": 4 * 50 * 200, "reads": 0}


def test_noop_returns_none():
    assert processor_core.noop() is None
