#include "body_buffer.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cstring>

namespace processor {

static_assert(BodyBuffer::kPadding >= simdjson::SIMDJSON_PADDING);

void BodyBuffer::reserve_more(std::size_t bytes) {
  if (free_bytes() >= bytes) return;
  // Grow at least twofold, so a chunked body of unknown size is copied O(log n) times.
  const std::size_t wanted = std::max(size_ + bytes, 2 * size_) + kPadding;
  auto grown = std::make_unique_for_overwrite<char[]>(wanted);
  if (size_ > 0) std::memcpy(grown.get(), data_.get(), size_);
  // The padding is left as it is: simdjson reads it with wide loads but its bytes never
  // affect the result.
  data_ = std::move(grown);
  capacity_ = wanted;
}

void BodyBuffer::release_if_larger_than(std::size_t keep_bytes) {
  if (capacity_ <= keep_bytes) return;
  data_.reset();
  size_ = 0;
  capacity_ = 0;
}

}  // namespace processor
