#include <jemalloc/jemalloc.h>

#include <cstddef>

#include "heap.hpp"

namespace processor::heap {
namespace {

std::optional<std::uint64_t> stat(const char* name) {
  std::size_t value = 0;
  std::size_t size = sizeof(value);
  if (mallctl(name, &value, &size, nullptr, 0) != 0) return std::nullopt;
  return value;
}

}  // namespace

std::string_view allocator_name() { return "jemalloc " JEMALLOC_VERSION; }

Figures read() {
  // jemalloc's statistics are a snapshot taken when the epoch advances; without this they
  // would show the figures of the previous call.
  std::uint64_t epoch = 1;
  std::size_t size = sizeof(epoch);
  if (mallctl("epoch", &epoch, &size, &epoch, size) != 0) return {};
  return Figures{stat("stats.allocated"), stat("stats.active"), stat("stats.resident")};
}

}  // namespace processor::heap
