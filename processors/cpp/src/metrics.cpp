#include "metrics.hpp"

#include <boost/version.hpp>
#include <simdjson.h>

#include "json_out.hpp"

namespace processor::metrics {
namespace {

#define PROCESSOR_STRINGIFY_(x) #x
#define PROCESSOR_STRINGIFY(x) PROCESSOR_STRINGIFY_(x)

void optional_uint(std::string& out, const std::optional<std::uint64_t>& value) {
  if (value) json::append_uint(out, *value);
  else out.append("null");
}

}  // namespace

std::string_view runtime() {
#if defined(__clang__)
  return "clang++ " __clang_version__;
#elif defined(__GNUC__)
  return "g++ " __VERSION__;
#else
  return "unknown C++ compiler";
#endif
}

std::string render(const Inputs& in) {
  const std::chrono::duration<double> uptime = std::chrono::steady_clock::now() - in.started;
  std::string out;
  out.reserve(512);
  out.append("{\"impl\":\"cpp\",\"runtime\":");
  json::append_string(out, runtime());
  out.append(",\"uptime_s\":");
  json::append_double(out, uptime.count());
  out.append(",\"heap_bytes\":");
  optional_uint(out, in.heap.live_bytes);
  // No collector: no pauses, no cycles, and no time up to which cycles were recorded.
  out.append(",\"gc\":{\"collector\":false,\"count\":0,\"pause_total_ns\":0,\"pauses\":[],\"cycles\":[],"
             "\"cycles_until_unix_ns\":null,\"cycle_in_progress\":null}");
  out.append(",\"extra\":{\"io_threads\":");
  json::append_uint(out, in.io_threads);
  out.append(",\"allocator\":");
  json::append_string(out, heap::allocator_name());
  out.append(",\"allocator_active_bytes\":");
  optional_uint(out, in.heap.active_bytes);
  out.append(",\"allocator_resident_bytes\":");
  optional_uint(out, in.heap.resident_bytes);
  out.append(",\"boost\":\"");
  json::append_uint(out, BOOST_VERSION / 100000);
  out.push_back('.');
  json::append_uint(out, BOOST_VERSION / 100 % 1000);
  out.push_back('.');
  json::append_uint(out, BOOST_VERSION % 100);
  out.append("\",\"simdjson\":\"" PROCESSOR_STRINGIFY(SIMDJSON_VERSION) "\"}}");
  return out;
}

}  // namespace processor::metrics
