#include <malloc.h>

#include "heap.hpp"

namespace processor::heap {

std::string_view allocator_name() { return "glibc malloc"; }

Figures read() {
  // mallinfo2 walks every arena under its lock: fine for a once-a-second /metrics poll.
  const struct mallinfo2 info = mallinfo2();
  // uordblks: in-use bytes in the arenas; hblkhd: large allocations mapped on their own.
  return Figures{info.uordblks + info.hblkhd, std::nullopt, std::nullopt};
}

}  // namespace processor::heap
