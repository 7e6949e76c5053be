#!/usr/bin/env python3
"""Independent reference for POST /v1/reads, written from processors/README.md only.

It exists to compute (and re-check) the expected bodies of the reads golden vectors without
trusting any implementation. It favours obviousness over speed.

  python3 scenarios/reads/reference_fastq.py FILE        print the expected response for a FASTQ file
  python3 scenarios/reads/reference_fastq.py --check     recompute every reads vector whose request
                                                         is a valid text/plain POST /v1/reads and
                                                         compare with its expected body
"""
import base64
import json
import pathlib
import sys

K = 11
COMPLEMENT = {"A": "T", "C": "G", "G": "C", "T": "A"}


def canonical(kmer):
    rc = "".join(COMPLEMENT[b] for b in reversed(kmer))
    return min(kmer, rc)  # A < C < G < T is plain ASCII order


def parse_error(record, reason):
    return 400, {"error": "<any non-empty string>", "record": record, "reason": reason}


def reads_response(body: bytes):
    """(status, body) for a body that is valid UTF-8 and within the size limit."""
    text = body.decode("utf-8")
    if text.endswith("\n"):
        text = text[:-1]
    lines = [] if text == "" else [l[:-1] if l.endswith("\r") else l for l in text.split("\n")]
    records = []
    r = 0
    while 4 * r < len(lines):
        rec = lines[4 * r : 4 * r + 4]
        number = r + 1
        header = rec[0]
        if not (header.startswith("@") and len(header) >= 2):
            return parse_error(number, "header")
        if len(rec) < 2:
            return parse_error(number, "truncated")
        seq = rec[1]
        if seq == "" or any(c not in "ACGTN" for c in seq):
            return parse_error(number, "sequence")
        if len(rec) < 3:
            return parse_error(number, "truncated")
        if not rec[2].startswith("+"):
            return parse_error(number, "separator")
        if len(rec) < 4:
            return parse_error(number, "truncated")
        qual = rec[3]
        if len(qual) != len(seq) or any(not (33 <= ord(c) <= 126) for c in qual):
            return parse_error(number, "quality")
        records.append((seq, qual))
        r += 1

    counts = {}
    kmers = 0
    quality_sum = 0
    q20 = 0
    for seq, qual in records:
        s = sum(ord(c) - 33 for c in qual)
        quality_sum += s
        if s >= 20 * len(seq):
            q20 += 1
        for i in range(len(seq) - K + 1):
            window = seq[i : i + K]
            if "N" in window:
                continue
            kmers += 1
            c = canonical(window)
            counts[c] = counts.get(c, 0) + 1
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    return 200, {
        "reads": len(records),
        "bases": sum(len(s) for s, _ in records),
        "gc_bases": sum(s.count("G") + s.count("C") for s, _ in records),
        "n_bases": sum(s.count("N") for s, _ in records),
        "quality_sum": quality_sum,
        "q20_reads": q20,
        "kmers": kmers,
        "distinct_kmers": len(counts),
        "top_kmers": [{"kmer": k, "count": c} for k, c in top],
    }


def request_bytes(request):
    if "text" in request:
        return request["text"].encode("utf-8")
    if "base64" in request:
        return base64.b64decode(request["base64"])
    return None


def check():
    vectors = sorted((pathlib.Path(__file__).parent / "vectors").glob("*.json"))
    checked = 0
    failures = 0
    for path in vectors:
        vector = json.loads(path.read_text())
        for n, step in enumerate(vector["steps"], 1):
            req = step["request"]
            ctype = req.get("headers", {}).get("content-type", "")
            if req["method"] != "POST" or req["path"] != "/v1/reads" or ctype.split(";")[0].strip().lower() != "text/plain":
                continue
            body = request_bytes(req)
            if body is None:
                continue
            try:
                body.decode("utf-8")
            except UnicodeDecodeError:
                continue
            checked += 1
            status, expected = reads_response(body)
            if status != step["expect"]["status"] or expected != step["expect"]["body"]:
                failures += 1
                print(f"{path.name} step {n}: reference says {status} {json.dumps(expected)}\n  vector says {step['expect']['status']} {json.dumps(step['expect']['body'])}")
    print(f"checked {checked} reads steps in {len(vectors)} files: {failures} disagree with the reference")
    return 1 if failures else 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        sys.exit(check())
    if len(sys.argv) == 2:
        status, body = reads_response(pathlib.Path(sys.argv[1]).read_bytes())
        print(status, json.dumps(body))
        sys.exit(0)
    print(__doc__)
    sys.exit(2)
