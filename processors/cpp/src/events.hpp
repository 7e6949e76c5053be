// POST /v1/events: parse a batch and validate each element on its own.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace processor::events {

/// At most this many rejected elements are listed in a response's `errors`.
inline constexpr std::size_t kMaxListedErrors = 10;
/// Largest accepted `ts` (2^53 − 1, JavaScript's Number.MAX_SAFE_INTEGER).
inline constexpr std::uint64_t kMaxTs = (std::uint64_t{1} << 53) - 1;
/// Longest accepted key; every accepted character is ASCII, so characters and bytes agree.
inline constexpr std::size_t kMaxKeyLength = 64;

enum class Kind : std::uint8_t { reading, alert, heartbeat };

/// Why an element was rejected; the first failing check in this order decides.
enum class Reason : std::uint8_t { type, key, ts, value, kind };

std::string_view reason_name(Reason reason);

/// A valid event. `key` points into the BatchParser that produced it.
struct Event {
  std::string_view key;
  std::uint64_t ts;
  double value;
  Kind kind;
};

struct Rejection {
  std::size_t index;
  Reason reason;
};

/// The outcome of validating a whole batch; nothing has been applied yet.
struct Batch {
  /// Valid events, in array order.
  std::vector<Event> events;
  std::size_t rejected = 0;
  /// The first kMaxListedErrors rejections, in index order.
  std::vector<Rejection> errors;

  void clear();
  void reject(std::size_t index, Reason reason);
};

/// Why a whole body was refused (400, nothing applied): not JSON, or JSON but not an array.
struct BatchError {
  std::string message;
};

/// 1–64 characters from [A-Za-z0-9_.:-].
bool is_valid_key(std::string_view key);

/// A simdjson DOM parser with JSON.parse semantics (see js_compat.hpp). One per thread: it
/// keeps its buffers between requests, and the keys of the last batch point into it.
class BatchParser {
 public:
  BatchParser();
  ~BatchParser();
  BatchParser(const BatchParser&) = delete;
  BatchParser& operator=(const BatchParser&) = delete;

  /// Parses and validates `body` into `out`. `readable_bytes` is how many bytes from
  /// body.data() may be read: with SIMDJSON_PADDING bytes beyond the body the parse runs in
  /// place, otherwise on a padded copy. The keys in `out` stay valid until the next call.
  std::optional<BatchError> parse(std::string_view body, std::size_t readable_bytes, Batch& out);

  /// Gives back the memory a large or deep body made the parser grow (its buffers take ~13
  /// bytes per body byte); call once the batch is no longer used.
  void release_large_buffers();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace processor::events
