"""Runs the store's SQL on chDB (a current ClickHouse engine, in-process) for chdb.test.ts.

stdin: {"steps": [{"sql": "...", "rows": true|false}, ...]}
stdout: one JSON list, per step {"ok": bool, "rows": [...]} or {"ok": false, "error": "..."}.
Exit 3 when chdb cannot be imported, so the test can say exactly that.
"""
import json
import sys
import tempfile

try:
    from chdb import session
except Exception as exc:  # noqa: BLE001 - any import failure means "no chDB here"
    print(f"chdb not importable: {exc}", file=sys.stderr)
    sys.exit(3)

steps = json.load(sys.stdin)["steps"]
sess = session.Session(tempfile.mkdtemp(prefix="harness-chdb-"))
out = []
for step in steps:
    try:
        if step["rows"]:
            text = str(sess.query(step["sql"], "JSONEachRow"))
            out.append({"ok": True, "rows": [json.loads(line) for line in text.splitlines() if line.strip()]})
        else:
            sess.query(step["sql"])
            out.append({"ok": True})
    except Exception as exc:  # noqa: BLE001 - report every failing statement, not just the first
        out.append({"ok": False, "error": str(exc).splitlines()[0][:500]})
json.dump(out, sys.stdout)
sess.close()
