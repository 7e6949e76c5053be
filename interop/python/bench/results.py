"""The result format of in-process micro-benchmarks (harness/schema/v2/microbench-result.schema.json,
the one format of every language's micro-benchmarks), and
the conversions into it from pyperf's JSON and from the Rust core's cargo bench output.

One record per (name, implementation, batch_size): the median time of one call over the tool's
samples, a distribution-free interval for that median, the samples themselves and how many calls
they timed. The statistics are computed here for every tool alike, from the per-call time of each
sample (pyperf: one value; cargo bench: one ~100 ms sample).
"""

import datetime
import json
import math
import os
import platform
import socket
import subprocess

SCHEMA_VERSION = 1
CONFIDENCE = 0.95
CI_METHOD = "median-order-statistics"


def median(values):
    xs = sorted(values)
    n = len(xs)
    if n == 0:
        raise ValueError("no samples")
    mid = n // 2
    return xs[mid] if n % 2 else (xs[mid - 1] + xs[mid]) / 2


def median_interval(values, confidence=CONFIDENCE):
    """(low, high): the order statistics x_(r) and x_(n-r+1) with the largest r such that
    2 * P(Binomial(n, 1/2) <= r - 1) <= 1 - confidence, which cover the median with at least that
    probability whatever the distribution. None when n is too small (n < 6 at 95%)."""
    xs = sorted(values)
    n = len(xs)
    tail = (1 - confidence) / 2
    below = 0.0
    r = 0
    for j in range(n):
        p = math.comb(n, j) / 2**n
        if below + p > tail:
            break
        below += p
        r = j + 1
    if r == 0:
        return None
    return xs[r - 1], xs[n - r]


def record(*, name, implementation, language, tool, runtime, batch_size, batch_unit, samples_ns, iterations):
    """One result; field order is the schema's."""
    interval = median_interval(samples_ns)
    return {
        "name": name,
        "implementation": implementation,
        "language": language,
        "tool": tool,
        "runtime": runtime,
        "batch_size": batch_size,
        "batch_unit": batch_unit,
        "median_ns": median(samples_ns),
        "ci_low_ns": interval[0] if interval else None,
        "ci_high_ns": interval[1] if interval else None,
        "ci_level": CONFIDENCE,
        "ci_method": CI_METHOD,
        "samples": len(samples_ns),
        "iterations": iterations,
        "samples_ns": list(samples_ns),
    }


def from_pyperf_suite(suite):
    """Records of a pyperf.BenchmarkSuite written by bench_pyperf.py (names CASE/IMPL/SIZE and
    the same fields as metadata)."""
    import pyperf

    out = []
    for bench in suite.get_benchmarks():
        meta = bench.get_metadata()
        runs = bench.get_runs()
        out.append(
            record(
                name=meta["case"],
                implementation=meta["implementation"],
                language=meta["language"],
                tool=f"pyperf {pyperf.__version__}",
                runtime=meta["runtime"],
                batch_size=meta["batch_size"],
                batch_unit=meta["batch_unit"],
                # pyperf's values are seconds per call (loop time / loops), warm-ups left out.
                samples_ns=[v * 1e9 for v in bench.get_values()],
                iterations=sum(len(run.values) * run.get_total_loops() for run in runs),
            )
        )
    return out


def from_cargo_bench(document):
    """Records of the JSON that processors/rust/benches/interop.rs writes."""
    return [
        record(
            name=r["name"],
            implementation=r["implementation"],
            language=r["language"],
            tool=document["tool"],
            runtime=document["runtime"],
            batch_size=r["batch_size"],
            batch_unit=r["batch_unit"],
            samples_ns=r["samples_ns"],
            iterations=r["iterations"],
        )
        for r in document["results"]
    ]


def git_commit(repo_root):
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo_root, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout.strip() or None


def document(results, *, suite, smoke, repo_root, now=None):
    """The file: provenance, then the records."""
    created = (now or datetime.datetime.now(datetime.timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "schema_version": SCHEMA_VERSION,
        "suite": suite,
        "created_at": created,
        "git_commit": git_commit(repo_root),
        "host": {"hostname": socket.gethostname(), "platform": platform.platform(), "cpu_count": os.cpu_count() or 0},
        "smoke": smoke,
        "results": results,
    }


def dumps(doc):
    return json.dumps(doc, indent=2) + "\n"
