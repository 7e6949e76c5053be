#include "store.hpp"

#include <algorithm>

namespace processor {

void Window::push(double value) {
  if (length_ < kWindowLength) {
    values_[(start_ + length_) % kWindowLength] = value;
    ++length_;
  } else {
    values_[start_] = value;
    start_ = static_cast<std::uint8_t>((start_ + 1) % kWindowLength);
  }
}

std::vector<double> Window::values() const {
  std::vector<double> out;
  out.reserve(length_);
  for (std::size_t i = 0; i < length_; ++i) out.push_back(values_[(start_ + i) % kWindowLength]);
  return out;
}

KeyState KeyState::first(const events::Event& event) {
  KeyState state;
  state.min = event.value;
  state.max = event.value;
  state.last_ts = event.ts;
  state.apply(event);
  return state;
}

void KeyState::apply(const events::Event& event) {
  const double v = event.value;
  ++count;
  sum += v;
  if (v < min) min = v;
  if (v > max) max = v;
  last = v;
  last_ts = std::max(last_ts, event.ts);
  if (event.kind == events::Kind::alert) ++alerts;
  window.push(v);
}

double median(std::vector<double> values) {
  // Values are finite (validation refuses the rest), so `<` is a strict weak order.
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  if (n == 0) return 0.0;
  if (n % 2 == 1) return values[n / 2];
  return (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

void Store::apply(std::span<const events::Event> events) {
  if (events.empty()) return;
  const std::lock_guard lock(mutex_);
  for (const events::Event& event : events) {
    if (auto it = keys_.find(event.key); it != keys_.end()) {
      it->second.apply(event);
    } else {
      keys_.emplace(std::string(event.key), KeyState::first(event));
    }
  }
  events_ += events.size();
}

std::optional<KeySnapshot> Store::key(std::string_view key) const {
  KeyState state;
  {
    const std::lock_guard lock(mutex_);
    const auto it = keys_.find(key);
    if (it == keys_.end()) return std::nullopt;
    state = it->second;
  }
  std::vector<double> window = state.window.values();
  const double middle = median(window);
  return KeySnapshot{std::string(key),
                     state.count,
                     state.sum,
                     state.min,
                     state.max,
                     state.sum / static_cast<double>(state.count),
                     state.last,
                     state.last_ts,
                     state.alerts,
                     std::move(window),
                     middle};
}

void Store::add_reads(std::uint64_t reads) { reads_.fetch_add(reads, std::memory_order_relaxed); }

Stats Store::stats() const {
  const std::lock_guard lock(mutex_);
  return Stats{keys_.size(), events_, reads_.load(std::memory_order_relaxed)};
}

void Store::reset() {
  KeyMap old;
  {
    const std::lock_guard lock(mutex_);
    old.swap(keys_);
    events_ = 0;
    reads_.store(0, std::memory_order_relaxed);
  }
  // `old` is freed here: a million keys take a while, and no other request waits for it.
}

}  // namespace processor
