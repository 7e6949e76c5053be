#!/bin/sh
# One line naming everything the C++ build depends on, for the harness's build cache and
# provenance: the compiler, CMake, Ninja and the Debian library packages (headers decide the
# code as much as the compiler does).
set -eu
version_of() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo "?"; }
printf 'g++ %s, cmake %s, ninja %s, boost %s, simdjson %s, jemalloc %s, gtest %s\n' \
  "$(g++ -dumpfullversion)" \
  "$(cmake --version | sed -n '1s/cmake version //p')" \
  "$(ninja --version)" \
  "$(version_of libboost-dev)" \
  "$(version_of libsimdjson-dev)" \
  "$(version_of libjemalloc-dev)" \
  "$(version_of libgtest-dev)"
