// Heap figures from the allocator the binary is linked with (jemalloc in release builds, glibc
// malloc in sanitizer builds); one implementation file per allocator.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace processor::heap {

struct Figures {
  /// Bytes the program has allocated and not freed (the /metrics `heap_bytes`).
  std::optional<std::uint64_t> live_bytes;
  /// Bytes in pages the allocator holds for live allocations, fragmentation included.
  std::optional<std::uint64_t> active_bytes;
  /// Bytes of allocator memory resident in RAM (its metadata included).
  std::optional<std::uint64_t> resident_bytes;
};

/// e.g. "jemalloc 5.3.0-0-g54eaed1"
std::string_view allocator_name();

Figures read();

}  // namespace processor::heap
