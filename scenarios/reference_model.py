#!/usr/bin/env python3
"""Independent reference model of the processor, written from processors/README.md only.

It replays every golden vector (scenarios/*/vectors/*.json) against an in-memory model of the
spec, no HTTP, no implementation code, and reports every step whose expectation disagrees with
the model. Use it after adding or editing a vector:

  python3 scenarios/reference_model.py            check all vectors
  python3 scenarios/reference_model.py FILE...    check some

Expected values in the vectors are written by hand; this is the second, independent derivation.
"""
import base64
import json
import math
import pathlib
import re
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent / "reads"))
from reference_fastq import reads_response  # noqa: E402

ANY = "<any non-empty string>"
MAX_BODY_BYTES = 4 * 1024 * 1024
KEY_RE = re.compile(r"[A-Za-z0-9_.:-]{1,64}")
ROUTES = {"/health": ["GET"], "/metrics": ["GET"], "/v1/events": ["POST"], "/v1/reads": ["POST"], "/v1/stats": ["GET"], "/v1/reset": ["POST"]}


class Model:
    def __init__(self):
        self.reset()

    def reset(self):
        self.keys = {}
        self.events = 0
        self.reads = 0

    def route(self, path):
        """(route name or None, key)"""
        path = path.split("?", 1)[0]
        if path in ROUTES:
            return path, None
        m = re.fullmatch(r"/v1/keys/([^/]+)", path)
        if m:
            return "/v1/keys", m.group(1)
        return None, None

    def handle(self, method, path, headers, body):
        route, key = self.route(path)
        if route is None:
            return 404, {"error": ANY}
        allowed = ["GET"] if route == "/v1/keys" else ROUTES[route]
        if method not in allowed:
            return 405, {"error": ANY}
        ctype = {k.lower(): v for k, v in headers.items()}.get("content-type")
        media = ctype.split(";")[0].strip().lower() if ctype is not None else None
        if route == "/v1/events" and media != "application/json":
            return 415, {"error": ANY}
        if route == "/v1/reads" and media != "text/plain":
            return 415, {"error": ANY}
        if route in ("/v1/events", "/v1/reads"):
            if len(body) > MAX_BODY_BYTES:
                return 413, {"error": ANY}
            try:
                body.decode("utf-8")
            except UnicodeDecodeError:
                return 400, {"error": ANY}
        if route == "/health":
            return 200, {"status": "ok", "impl": ANY, "version": ANY}
        if route == "/v1/stats":
            return 200, {"keys": len(self.keys), "events": self.events, "reads": self.reads}
        if route == "/v1/reset":
            self.reset()
            return 200, {"reset": True}
        if route == "/v1/keys":
            if key not in self.keys:
                return 404, {"error": ANY}
            return 200, self.key_body(key)
        if route == "/v1/reads":
            status, out = reads_response(body)
            if status == 200:
                self.reads += out["reads"]
            return status, out
        if route == "/v1/events":
            return self.ingest(body)
        raise AssertionError(route)

    def ingest(self, body):
        def no_constants(name):
            raise ValueError(name)
        try:
            doc = json.loads(body.decode("utf-8"), parse_constant=no_constants)
        except ValueError:
            return 400, {"error": ANY}
        if not isinstance(doc, list):
            return 400, {"error": ANY}
        accepted, errors = 0, []
        for i, e in enumerate(doc):
            reason = self.reason(e)
            if reason:
                errors.append({"index": i, "reason": reason})
                continue
            accepted += 1
            self.apply(e)
        return 200, {"accepted": accepted, "rejected": len(errors), "errors": errors[:10]}

    @staticmethod
    def is_number(v):
        return isinstance(v, (int, float)) and not isinstance(v, bool)

    def reason(self, e):
        if not isinstance(e, dict):
            return "type"
        k = e.get("key")
        if not isinstance(k, str) or not KEY_RE.fullmatch(k):
            return "key"
        ts = e.get("ts")
        if not self.is_number(ts) or not float(ts).is_integer() or not (0 <= ts <= 2**53 - 1):
            return "ts"
        v = e.get("value")
        if not self.is_number(v) or not math.isfinite(v):
            return "value"
        if e.get("kind") not in ("reading", "alert", "heartbeat") or not isinstance(e.get("kind"), str):
            return "kind"
        return None

    def apply(self, e):
        self.events += 1
        v = float(e["value"])
        s = self.keys.setdefault(e["key"], {"count": 0, "sum": 0.0, "min": v, "max": v, "last": v, "last_ts": int(e["ts"]), "alerts": 0, "window": []})
        s["count"] += 1
        s["sum"] += v
        s["min"] = min(s["min"], v)
        s["max"] = max(s["max"], v)
        s["last"] = v
        s["last_ts"] = max(s["last_ts"], int(e["ts"]))
        s["alerts"] += e["kind"] == "alert"
        s["window"] = (s["window"] + [v])[-32:]

    def key_body(self, key):
        s = self.keys[key]
        w = sorted(s["window"])
        n = len(w)
        median = w[n // 2] if n % 2 else (w[n // 2 - 1] + w[n // 2]) / 2
        return {"key": key, "count": s["count"], "sum": s["sum"], "min": s["min"], "max": s["max"], "mean": s["sum"] / s["count"],
                "last": s["last"], "last_ts": s["last_ts"], "alerts": s["alerts"], "window": s["window"], "median": median}


def request_bytes(r):
    if "json" in r:
        return json.dumps(r["json"], ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if "text" in r:
        return r["text"].encode("utf-8")
    if "base64" in r:
        return base64.b64decode(r["base64"])
    if "repeat" in r:
        unit = r["repeat"]["text"].encode("utf-8")
        n = r["repeat"]["bytes"]
        return (unit * (n // len(unit) + 1))[:n]
    return b""


def same(expected, actual):
    if expected == ANY:
        return isinstance(actual, str) and actual != ""
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected is actual
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return expected == actual or abs(expected - actual) <= 1e-9 * max(abs(expected), abs(actual))
    if isinstance(expected, list) and isinstance(actual, list):
        return len(expected) == len(actual) and all(same(e, a) for e, a in zip(expected, actual))
    if isinstance(expected, dict) and isinstance(actual, dict):
        return list(expected) == list(actual) and all(same(expected[k], actual[k]) for k in expected)
    return expected == actual


def check(paths):
    failures = steps = 0
    for path in paths:
        vector = json.loads(path.read_text())
        model = Model()
        for n, s in enumerate(vector["steps"], 1):
            steps += 1
            r = s["request"]
            status, body = model.handle(r["method"], r["path"], r.get("headers", {}), request_bytes(r))
            if status != s["expect"]["status"] or not same(s["expect"]["body"], body):
                failures += 1
                print(f"{path}: step {n} ({r['method']} {r['path']})\n  model:  {status} {json.dumps(body)}\n  vector: {s['expect']['status']} {json.dumps(s['expect']['body'])}")
    print(f"{len(paths)} vector files, {steps} steps: {failures} disagree with the model")
    return 1 if failures else 0


if __name__ == "__main__":
    root = pathlib.Path(__file__).parent
    files = [pathlib.Path(p) for p in sys.argv[1:]] or sorted(root.glob("*/vectors/*.json"))
    sys.exit(check(files))
