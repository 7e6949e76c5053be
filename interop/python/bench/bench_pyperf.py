"""pyperf benchmarks of processor_core (the Rust core through PyO3) and of the pure-Python
reference in scenarios/, on the inputs bench/inputs.py wrote: the empty call, batch ingestion
and FASTQ + k-mer counting at several batch sizes, and one key read.

    python bench/bench_pyperf.py --inputs DIR -o pyperf.json [pyperf options, e.g. --fast]

bench/run.py runs this, the Rust core's cargo bench on the same inputs, and writes the combined
results. Every benchmark is named CASE/IMPLEMENTATION/BATCH_SIZE and carries the same fields as
metadata. A timed call includes the loop and, except for noop, the next() of the rotation over
the case's bodies: the same few tens of nanoseconds for both implementations.
"""

import functools
import itertools
import pathlib
import platform
import sys
import time

import pyperf

import inputs

REPO_ROOT = pathlib.Path(__file__).resolve().parents[3]
sys.path[:0] = [str(REPO_ROOT / "scenarios"), str(REPO_ROOT / "scenarios" / "reads")]

import processor_core  # noqa: E402
import reference_model  # noqa: E402
from reference_fastq import reads_response  # noqa: E402

FFI = "python-ffi"
REFERENCE = "python-reference"
IMPLEMENTATIONS = (FFI, REFERENCE)


def python_noop():
    """The pure-Python empty call, beside the one that crosses into Rust."""


class BadBenchmark(Exception):
    """A subject that does not give the expected answer is not timed."""


def expect(condition, what):
    if not condition:
        raise BadBenchmark(what)


@functools.cache
def subject(inputs_dir, case_index, implementation):
    """(call, arguments): one timed call is call(next argument in rotation). Built once per
    worker process, outside the timed loop; state (stores, models) lives as long as the worker."""
    manifest, bodies = inputs.load(inputs_dir)
    case = manifest["cases"][case_index]
    files = [bodies[f] for f in case["files"]]
    name, size = case["name"], case["batch_size"]
    if name == "ingest":
        if implementation == FFI:
            call = processor_core.Store().ingest
            expect(call(files[0])["accepted"] == size, "ffi ingest")
        else:
            call = reference_model.Model().ingest
            expect(call(files[0])[1]["accepted"] == size, "reference ingest")
        return call, files
    if name == "analyze_reads":
        call = processor_core.analyze_reads if implementation == FFI else reads_response
        answer = call(files[0])
        expect((answer if implementation == FFI else answer[1])["reads"] == size, f"{implementation} analyze_reads")
        return call, files
    if name == "key":
        if implementation == FFI:
            store = processor_core.Store()
            for body in files:
                store.ingest(body)
            call = store.key
        else:
            model = reference_model.Model()
            for body in files:
                model.ingest(body)
            call = model.key_body
        expect(all(call(k)["key"] == k for k in case["keys"]), f"{implementation} key")
        return call, case["keys"]
    raise BadBenchmark(f"no subject for case {name}")


def time_rotating(loops, inputs_dir, case_index, implementation):
    call, arguments = subject(inputs_dir, case_index, implementation)
    next_argument = itertools.cycle(arguments).__next__
    started = time.perf_counter()
    for _ in range(loops):
        call(next_argument())
    return time.perf_counter() - started


def time_noop(loops, implementation):
    call = processor_core.noop if implementation == FFI else python_noop
    started = time.perf_counter()
    for _ in range(loops):
        call()
    return time.perf_counter() - started


def add_inputs_argument(cmd, args):
    """pyperf re-runs this script in worker processes; they need --inputs too."""
    cmd.extend(["--inputs", args.inputs])


def main():
    runner = pyperf.Runner(add_cmdline_args=add_inputs_argument)
    runner.argparser.add_argument("--inputs", required=True, help="directory written by bench/inputs.py")
    args = runner.parse_args()
    manifest, _ = inputs.load(args.inputs)
    runtime = f"{platform.python_implementation()} {platform.python_version()}"
    for index, case in enumerate(manifest["cases"]):
        for implementation in IMPLEMENTATIONS:
            metadata = {
                "case": case["name"],
                "implementation": implementation,
                "language": "Python",
                "batch_size": case["batch_size"],
                "batch_unit": case["unit"],
                "runtime": runtime,
            }
            name = f"{case['name']}/{implementation}/{case['batch_size']}"
            if case["name"] == "noop":
                runner.bench_time_func(name, time_noop, implementation, metadata=metadata)
            else:
                runner.bench_time_func(name, time_rotating, args.inputs, index, implementation, metadata=metadata)


if __name__ == "__main__":
    main()
