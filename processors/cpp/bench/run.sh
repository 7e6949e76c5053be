#!/bin/sh
# The manifest's microbench: build the micro-benchmarks in the release tree, then run them.
set -eu
cd "$(dirname "$0")/.."
cmake --workflow --preset microbench >/dev/null
exec build/release/processor_micro "$@"
