"""Runs the Python FFI micro-benchmarks end to end and writes one results file:

    python bench/run.py [--out FILE] [--smoke] [-- PYPERF OPTIONS...]

1. bench/inputs.py writes the seeded inputs (bench/.work/inputs);
2. bench/bench_pyperf.py times the extension and the pure-Python reference with pyperf;
3. processors/rust's `cargo bench --bench interop` times the Rust core alone on the same files;
4. both become records of the harness's result format (harness/schema/v2/
   microbench-result.schema.json), written to FILE (default bench/.work/interop-python-<UTC
   time>.json, or $MICROBENCH_OUT when set), path on stdout. `npm run microbench` runs this
   script with MICROBENCH_OUT set and stores the file with every other language's
   micro-benchmarks (microbench/<id>/, and ClickHouse).

--smoke runs every step with the least timing there is (one pyperf value per benchmark, three
1 ms cargo samples), to check the whole path; the file says "smoke": true. Options after `--` go
to pyperf (e.g. `-- --rigorous`, `-- --fast`). Must run with the interpreter the extension is
installed in (setup.sh's .venv).
"""

import argparse
import datetime
import json
import os
import pathlib
import subprocess
import sys

import pyperf

import inputs
import results

HERE = pathlib.Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[2]
WORK = HERE / ".work"
SMOKE_PYPERF = ["--processes", "1", "--values", "1", "--warmups", "0", "--loops", "1"]


class StepFailed(Exception):
    pass


def run_step(what, command, cwd=None):
    print(f"run.py: {what}: {' '.join(str(c) for c in command)}", file=sys.stderr)
    if subprocess.run(command, cwd=cwd).returncode != 0:
        raise StepFailed(f"{what} failed (command above)")


def main(argv):
    parser = argparse.ArgumentParser(description="Python FFI micro-benchmarks (pyperf + cargo bench) into one results file")
    parser.add_argument("--out", type=pathlib.Path, help="results file (default $MICROBENCH_OUT, else bench/.work/interop-python-<time>.json)")
    parser.add_argument("--smoke", action="store_true", help="least timing: checks the path, figures mean nothing")
    parser.add_argument("pyperf_args", nargs="*", help="options for pyperf, after --")
    args = parser.parse_args(argv)

    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    out = args.out or pathlib.Path(os.environ.get("MICROBENCH_OUT") or WORK / f"interop-python-{stamp}.json")
    inputs_dir, pyperf_json, cargo_json = WORK / "inputs", WORK / "pyperf.json", WORK / "rust-core.json"
    for stale in (pyperf_json, cargo_json):
        stale.unlink(missing_ok=True)

    inputs.write(inputs_dir)
    pyperf_options = (SMOKE_PYPERF if args.smoke else []) + args.pyperf_args
    run_step("pyperf", [sys.executable, HERE / "bench_pyperf.py", "--inputs", inputs_dir, "-o", pyperf_json, "--quiet", *pyperf_options])
    cargo = ["cargo", "bench", "--locked", "--bench", "interop", "--", "--inputs", inputs_dir, "--out", cargo_json]
    run_step("cargo bench", cargo + (["--smoke"] if args.smoke else []), cwd=REPO_ROOT / "processors" / "rust")

    records = results.from_pyperf_suite(pyperf.BenchmarkSuite.load(str(pyperf_json)))
    records += results.from_cargo_bench(json.loads(cargo_json.read_text()))
    doc = results.document(records, suite="interop-python", smoke=args.smoke, repo_root=REPO_ROOT)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(results.dumps(doc))
    print(out)


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except StepFailed as e:
        sys.exit(f"run.py: {e}")
