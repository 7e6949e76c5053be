"""The extension compiles the core with the crate versions the Rust processor is built with."""

import tomllib

from conftest import REPO_ROOT


def locked_versions(path):
    """crate name -> the set of versions the lockfile pins (a crate may be there twice)."""
    with open(path, "rb") as f:
        packages = tomllib.load(f)["package"]
    versions = {}
    for package in packages:
        versions.setdefault(package["name"], set()).add(package["version"])
    return versions


def test_shared_crates_have_the_rust_processors_versions():
    processor = locked_versions(REPO_ROOT / "processors" / "rust" / "Cargo.lock")
    extension = locked_versions(REPO_ROOT / "interop" / "python" / "Cargo.lock")
    shared = (processor.keys() & extension.keys()) - {"processor"}
    assert {"serde", "serde_json", "foldhash"} <= shared
    assert {name: extension[name] for name in shared} == {name: processor[name] for name in shared}
