"""Shared paths: the repository root, and scenarios/ on sys.path for the reference model."""

import pathlib
import sys

REPO_ROOT = pathlib.Path(__file__).resolve().parents[3]
SCENARIOS = REPO_ROOT / "scenarios"

for path in (SCENARIOS, SCENARIOS / "reads", REPO_ROOT / "interop" / "python" / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))
