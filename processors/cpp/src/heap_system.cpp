#include "heap.hpp"

#if defined(__SANITIZE_ADDRESS__)
#include <cstddef>
// From libasan (sanitizer/allocator_interface.h, which GCC does not install).
extern "C" std::size_t __sanitizer_get_current_allocated_bytes();
#else
#include <malloc.h>
#endif

namespace processor::heap {

#if defined(__SANITIZE_ADDRESS__)

// AddressSanitizer replaces malloc with its own allocator, whose live-bytes count is exact
// (glibc's mallinfo2 would report nothing).
std::string_view allocator_name() { return "AddressSanitizer allocator"; }

Figures read() { return Figures{__sanitizer_get_current_allocated_bytes(), std::nullopt, std::nullopt}; }

#else

std::string_view allocator_name() { return "glibc malloc"; }

Figures read() {
  // mallinfo2 walks every arena under its lock: fine for a once-a-second /metrics poll.
  const struct mallinfo2 info = mallinfo2();
  // uordblks: in-use bytes in the arenas; hblkhd: large allocations mapped on their own.
  return Figures{info.uordblks + info.hblkhd, std::nullopt, std::nullopt};
}

#endif

}  // namespace processor::heap
