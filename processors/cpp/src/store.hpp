// Per-key aggregates and the global counters.
//
// All key state sits in one hash map behind one mutex, locked once per batch (validation
// happens before, outside the lock). With the CPU budgets this project uses (1–2 threads) the
// lock is almost never contended and a batch holds it for a few microseconds; more threads
// would want the map sharded by key hash (see README).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "events.hpp"

namespace processor {

/// How many recent values each key keeps.
inline constexpr std::size_t kWindowLength = 32;

/// The last kWindowLength values of a key, as a ring: no allocation per key or event.
class Window {
 public:
  void push(double value);
  std::size_t size() const { return length_; }
  /// Oldest first.
  std::vector<double> values() const;

 private:
  std::array<double, kWindowLength> values_{};
  std::uint8_t start_ = 0;  // index of the oldest value
  std::uint8_t length_ = 0;
};

struct KeyState {
  std::uint64_t count = 0;
  double sum = 0.0;
  double min = 0.0;
  double max = 0.0;
  double last = 0.0;
  std::uint64_t last_ts = 0;
  std::uint64_t alerts = 0;
  Window window;

  static KeyState first(const events::Event& event);
  void apply(const events::Event& event);
};

/// GET /v1/keys/{key}, in the response's field order.
struct KeySnapshot {
  std::string key;
  std::uint64_t count;
  double sum;
  double min;
  double max;
  double mean;
  double last;
  std::uint64_t last_ts;
  std::uint64_t alerts;
  std::vector<double> window;
  double median;
};

/// GET /v1/stats.
struct Stats {
  std::uint64_t keys;
  std::uint64_t events;
  std::uint64_t reads;
};

/// Median: the middle value after sorting, or the mean of the two middle values.
double median(std::vector<double> values);

/// Everything the processor remembers between requests. Safe to use from every thread.
class Store {
 public:
  /// Applies valid events in array order, under one lock.
  void apply(std::span<const events::Event> events);
  std::optional<KeySnapshot> key(std::string_view key) const;
  void add_reads(std::uint64_t reads);
  Stats stats() const;
  /// Clears keys, events and reads; the old map is freed outside the lock.
  void reset();

 private:
  // Heterogeneous lookup: a batch's keys are string_views, copied only for a new key.
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const noexcept { return std::hash<std::string_view>{}(key); }
  };
  // Node-based: a state (~330 bytes) is allocated once and never moved by a rehash, which at a
  // million keys would otherwise copy hundreds of MB while holding the lock.
  struct KeyEqual {
    using is_transparent = void;
    // Length first: std::equal_to<> would call compare() and a library memcmp for every probe.
    bool operator()(std::string_view a, std::string_view b) const noexcept {
      return a.size() == b.size() && std::char_traits<char>::compare(a.data(), b.data(), a.size()) == 0;
    }
  };
  using KeyMap = std::unordered_map<std::string, KeyState, KeyHash, KeyEqual>;

  mutable std::mutex mutex_;
  KeyMap keys_;
  /// Accepted events; under the same lock, so /v1/stats is consistent with the keys.
  std::uint64_t events_ = 0;
  std::atomic<std::uint64_t> reads_{0};
};

}  // namespace processor
