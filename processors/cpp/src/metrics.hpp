// GET /metrics: runtime figures. C++ has no garbage collector, and the response says so.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "heap.hpp"

namespace processor::metrics {

/// The compiler that built this binary, e.g. "g++ 12.2.0".
std::string_view runtime();

struct Inputs {
  std::chrono::steady_clock::time_point started;
  unsigned io_threads;
  heap::Figures heap;
};

std::string render(const Inputs& inputs);

}  // namespace processor::metrics
