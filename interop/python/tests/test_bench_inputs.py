"""The benchmark inputs and subjects: what gets timed is the intended work on valid input."""

import json

import bench_pyperf
import inputs
import processor_core
import pytest


@pytest.fixture(scope="module")
def inputs_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("inputs")
    inputs.write(directory)
    return directory


def test_inputs_are_the_same_bytes_every_time(inputs_dir, tmp_path):
    inputs.write(tmp_path)
    for name in [p.name for p in inputs_dir.iterdir()]:
        assert (tmp_path / name).read_bytes() == (inputs_dir / name).read_bytes(), name


def test_every_ingest_body_is_a_valid_batch_of_its_size(inputs_dir):
    manifest, bodies = inputs.load(inputs_dir)
    for case in (c for c in manifest["cases"] if c["name"] == "ingest"):
        assert len(set(case["files"])) == inputs.BODIES_PER_CASE
        for name in case["files"]:
            assert processor_core.Store().ingest(bodies[name]) == {"accepted": case["batch_size"], "rejected": 0, "errors": []}


def test_every_fastq_body_holds_its_number_of_reads(inputs_dir):
    manifest, bodies = inputs.load(inputs_dir)
    for case in (c for c in manifest["cases"] if c["name"] == "analyze_reads"):
        for name in case["files"]:
            assert processor_core.analyze_reads(bodies[name])["reads"] == case["batch_size"]


def test_the_key_case_reads_keys_its_preload_wrote(inputs_dir):
    manifest, bodies = inputs.load(inputs_dir)
    [case] = [c for c in manifest["cases"] if c["name"] == "key"]
    written = {e["key"] for name in case["files"] for e in json.loads(bodies[name])}
    assert set(case["keys"]) <= written


@pytest.mark.parametrize("implementation", bench_pyperf.IMPLEMENTATIONS)
def test_every_timed_subject_answers_its_first_input(inputs_dir, implementation):
    # subject() refuses (BadBenchmark) a subject whose answer to the first input is not the expected one.
    manifest, _ = inputs.load(inputs_dir)
    for index, case in enumerate(manifest["cases"]):
        if case["name"] != "noop":
            call, arguments = bench_pyperf.subject(str(inputs_dir), index, implementation)
            assert callable(call) and len(arguments) >= 1

