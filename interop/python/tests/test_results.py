"""The result format: the interval for the median, the conversions from pyperf and cargo bench,
and the files against the harness's JSON Schema (harness/schema/v2/microbench-*.schema.json,
generated from harness/src/results/microbench-schema.ts: one format for every language)."""

import datetime
import json
import math

import jsonschema
import pyperf
import pytest
import results
from conftest import REPO_ROOT

SCHEMAS = REPO_ROOT / "harness" / "schema" / "v2"
SCHEMA = json.loads((SCHEMAS / "microbench-result.schema.json").read_text())
SAMPLES_SCHEMA = json.loads((SCHEMAS / "microbench-samples.schema.json").read_text())
NOW = datetime.datetime(2026, 12, 1, 9, 0, 0, tzinfo=datetime.timezone.utc)


def coverage(n, r):
    """P(x_(r) <= median <= x_(n-r+1)) for any continuous distribution."""
    return 1 - 2 * sum(math.comb(n, j) for j in range(r)) / 2**n


@pytest.mark.parametrize(("n", "ranks"), [(6, (1, 6)), (31, (10, 22)), (60, (22, 39))])
def test_median_interval_takes_the_tabulated_order_statistics(n, ranks):
    assert results.median_interval(range(1, n + 1)) == ranks


def test_median_interval_is_the_narrowest_with_the_stated_coverage():
    for n in range(6, 200):
        low, _ = results.median_interval(range(1, n + 1))
        assert coverage(n, low) >= results.CONFIDENCE
        assert coverage(n, low + 1) < results.CONFIDENCE


def test_median_interval_needs_six_samples_at_95_percent():
    assert results.median_interval([1, 2, 3, 4, 5]) is None


def test_median_of_an_even_count_is_the_mean_of_the_middle_two():
    assert results.median([4, 1, 3, 2]) == 2.5


def pyperf_suite():
    metadata = {"name": "ingest/python-ffi/100", "case": "ingest", "implementation": "python-ffi", "language": "Python",
                "batch_size": 100, "batch_unit": "events", "runtime": "CPython 3.11.7", "loops": 1000}
    runs = [pyperf.Run(values, warmups=[(1000, 9e-6)], metadata=metadata, collect_metadata=False)
            for values in ([1e-6, 2e-6, 3e-6], [4e-6, 5e-6, 6e-6])]
    return pyperf.BenchmarkSuite([pyperf.Benchmark(runs)])


def test_pyperf_values_become_per_call_samples_in_ns():
    [record] = results.from_pyperf_suite(pyperf_suite())
    assert record["samples_ns"] == pytest.approx([1000, 2000, 3000, 4000, 5000, 6000])
    assert (record["median_ns"], record["samples"], record["iterations"]) == (pytest.approx(3500), 6, 6000)
    assert (record["name"], record["implementation"], record["batch_size"], record["batch_unit"]) == ("ingest", "python-ffi", 100, "events")
    assert record["tool"] == f"pyperf {pyperf.__version__}"


CARGO_OUTPUT = {
    "tool": "cargo bench (harness = false, std::time::Instant)",
    "runtime": "rustc 1.95.0",
    "smoke": False,
    "results": [{"name": "analyze_reads", "implementation": "rust-core", "language": "Rust", "batch_size": 10,
                 "batch_unit": "reads", "samples_ns": [float(v) for v in range(100, 131)], "iterations": 31_000}],
}


def test_the_cargo_bench_output_is_a_samples_file_of_the_schema():
    jsonschema.validate(CARGO_OUTPUT, SAMPLES_SCHEMA)


def test_cargo_bench_samples_keep_their_values_and_tool():
    [record] = results.from_cargo_bench(CARGO_OUTPUT)
    assert (record["median_ns"], record["ci_low_ns"], record["ci_high_ns"]) == (115.0, 109.0, 121.0)
    assert (record["tool"], record["runtime"], record["language"]) == (CARGO_OUTPUT["tool"], "rustc 1.95.0", "Rust")


def test_a_results_file_matches_the_schema():
    records = results.from_pyperf_suite(pyperf_suite()) + results.from_cargo_bench(CARGO_OUTPUT)
    doc = results.document(records, suite="interop-python", smoke=False, repo_root=REPO_ROOT, now=NOW)
    jsonschema.validate(json.loads(results.dumps(doc)), SCHEMA)
    assert doc["created_at"] == "2026-12-01T09:00:00Z"


def test_the_schema_refuses_a_record_without_its_median():
    [record] = results.from_cargo_bench(CARGO_OUTPUT)
    del record["median_ns"]
    doc = results.document([record], suite="interop-python", smoke=False, repo_root=REPO_ROOT, now=NOW)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, SCHEMA)
