// A request body buffer that always keeps simdjson's padding readable after its end, so that
// a batch is parsed in place instead of being copied into a padded string.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

namespace processor {

class BodyBuffer {
 public:
  /// Bytes kept readable after the end of the data (simdjson::SIMDJSON_PADDING).
  static constexpr std::size_t kPadding = 64;

  void clear() { size_ = 0; }
  /// Makes room for at least `bytes` more bytes of data, keeping what is there.
  void reserve_more(std::size_t bytes);
  /// Where the next bytes go, and how many fit (not counting the padding).
  char* free_space() { return data_.get() + size_; }
  std::size_t free_bytes() const { return capacity_ == 0 ? 0 : capacity_ - kPadding - size_; }
  void commit(std::size_t bytes) { size_ += bytes; }

  std::size_t size() const { return size_; }
  /// Never a null pointer, also before anything was reserved (parsers copy from it).
  std::string_view view() const { return {data_ ? data_.get() : kNothing, size_}; }
  /// Bytes that may be read from view().data(): the data plus at least kPadding.
  std::size_t readable_bytes() const { return data_ ? capacity_ : kPadding; }

  /// Frees a buffer that grew past `keep_bytes`, so that an idle keep-alive connection does
  /// not hold on to the memory of its largest request.
  void release_if_larger_than(std::size_t keep_bytes);

 private:
  static constexpr char kNothing[kPadding] = {};

  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;  // data + padding
};

}  // namespace processor
