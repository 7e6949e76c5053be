"""The benchmark inputs, written once to files so every implementation reads the same bytes:
pyperf over the extension and over the pure-Python reference (bench_pyperf.py), and the Rust core
alone (processors/rust/benches/interop.rs).

    python bench/inputs.py DIR      writes DIR/manifest.json and the bodies it lists

Each case has several different bodies, used in rotation, so that no implementation is timed on
one body its branch predictor and caches have learnt. The shapes are the harness's: events over a
pool of 10,000 keys; FASTQ reads of 150 bp with an occasional N.
"""

import json
import pathlib
import random
import sys

SCHEMA_VERSION = 1
SEED = 20261201
INGEST_BATCH_SIZES = (1, 10, 100, 1000, 10000)
READS_BATCH_SIZES = (1, 10, 100, 1000)
READ_LENGTH_BP = 150
BODIES_PER_CASE = 8
KEY_POOL = 10_000
KINDS = ("reading", "reading", "reading", "alert", "heartbeat")
# The key case reads keys from a store preloaded with these batches (every key it reads exists).
KEY_PRELOAD_BATCH_SIZE = 1000


def key_name(n):
    return f"sensor-{n:05d}"


def event_batch(rng, size, first_ts):
    events = [
        {
            "key": key_name(rng.randrange(KEY_POOL)),
            "ts": first_ts + i,
            "value": rng.randrange(100_000) / 1000,
            "kind": rng.choice(KINDS),
        }
        for i in range(size)
    ]
    # JSON.stringify's form (no spaces), as the harness sends it.
    return json.dumps(events, separators=(",", ":")).encode()


def fastq_body(rng, reads):
    lines = []
    for r in range(reads):
        sequence = "".join("N" if rng.randrange(200) == 0 else rng.choice("ACGT") for _ in range(READ_LENGTH_BP))
        quality = "".join(chr(33 + rng.randrange(41)) for _ in range(READ_LENGTH_BP))
        lines += [f"@read{r}", sequence, "+", quality]
    return ("\n".join(lines) + "\n").encode()


def write(directory):
    """Writes the bodies and manifest.json into `directory`; returns the manifest."""
    directory = pathlib.Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    cases = [{"name": "noop", "batch_size": 1, "unit": "calls", "files": []}]

    def save(name, body):
        (directory / name).write_bytes(body)
        return name

    for size in INGEST_BATCH_SIZES:
        files = [save(f"ingest-{size}-{i}.json", event_batch(rng, size, 1_764_144_000_000 + i * size)) for i in range(BODIES_PER_CASE)]
        cases.append({"name": "ingest", "batch_size": size, "unit": "events", "files": files})
    for size in READS_BATCH_SIZES:
        files = [save(f"reads-{size}-{i}.fastq", fastq_body(rng, size)) for i in range(BODIES_PER_CASE)]
        cases.append({"name": "analyze_reads", "batch_size": size, "unit": "reads", "files": files})

    preload = next(c["files"] for c in cases if c["name"] == "ingest" and c["batch_size"] == KEY_PRELOAD_BATCH_SIZE)
    first_keys = [json.loads((directory / f).read_bytes())[0]["key"] for f in preload]
    cases.append({"name": "key", "batch_size": 1, "unit": "keys", "files": preload, "keys": first_keys})

    manifest = {"schema_version": SCHEMA_VERSION, "seed": SEED, "cases": cases}
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def load(directory):
    """(manifest, {file name: bytes}) of a directory `write` filled."""
    directory = pathlib.Path(directory)
    manifest = json.loads((directory / "manifest.json").read_text())
    names = {f for case in manifest["cases"] for f in case["files"]}
    return manifest, {name: (directory / name).read_bytes() for name in names}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python bench/inputs.py DIR")
    print(f"wrote {len(write(sys.argv[1])['cases'])} cases to {sys.argv[1]}")
