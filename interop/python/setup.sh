#!/usr/bin/env bash
# interop/python from nothing: the venv (.venv, gitignored) with the pinned toolchain, the
# extension built from source (maturin + cargo, release), then the tests. Safe to re-run: pip
# and cargo only redo what changed. Needs python3 with venv (Debian: python3-venv) and cargo.
set -euo pipefail
cd "$(dirname "$0")"

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
VIRTUAL_ENV="$PWD/.venv" .venv/bin/maturin develop --release --quiet
.venv/bin/python -m pytest -q
