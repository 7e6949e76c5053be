// The routes behind the HTTP layer: state, the handlers, and the figures /metrics reports.
// The connection has already done the checks that come before a route's own (path, method,
// content type, size); a handler does UTF-8 and what is specific to its route.
#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>

#include "responses.hpp"
#include "router.hpp"
#include "store.hpp"

namespace processor {

class App {
 public:
  App(std::uint64_t max_body_bytes, unsigned io_threads);

  std::uint64_t max_body_bytes() const { return max_body_bytes_; }

  /// The GET routes: health, metrics, stats, key.
  Reply get(const Route& route) const;
  /// POST /v1/reset; its body is ignored.
  Reply reset();
  /// POST /v1/events. `readable_bytes` as in events::BatchParser::parse.
  Reply events(std::string_view body, std::size_t readable_bytes);
  /// POST /v1/reads.
  Reply reads(std::string_view body);

  Store& store() { return store_; }

 private:
  Store store_;
  std::uint64_t max_body_bytes_;
  unsigned io_threads_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace processor
