#include "metrics.hpp"

#include <gtest/gtest.h>
#include <simdjson.h>

namespace processor::metrics {
namespace {

simdjson::dom::element parsed(simdjson::dom::parser& parser, const std::string& json) {
  auto result = parser.parse(json);
  EXPECT_FALSE(result.error()) << json;
  return result.value();
}

TEST(Metrics, SaysThereIsNoCollector) {
  simdjson::dom::parser parser;
  const std::string json = render({std::chrono::steady_clock::now(), 2, heap::Figures{1234, std::nullopt, 99}});
  const auto root = parsed(parser, json);
  EXPECT_EQ(std::string_view(root["impl"]), "cpp");
  EXPECT_FALSE(bool(root["gc"]["collector"]));
  EXPECT_EQ(std::uint64_t(root["gc"]["count"]), 0u);
  EXPECT_EQ(simdjson::dom::array(root["gc"]["pauses"]).size(), 0u);
  EXPECT_EQ(simdjson::dom::array(root["gc"]["cycles"]).size(), 0u);
  EXPECT_TRUE(root["gc"]["cycles_until_unix_ns"].is_null());
  EXPECT_TRUE(root["gc"]["cycle_in_progress"].is_null());
  EXPECT_EQ(std::uint64_t(root["heap_bytes"]), 1234u);
  EXPECT_TRUE(root["extra"]["allocator_active_bytes"].is_null());
  EXPECT_EQ(std::uint64_t(root["extra"]["io_threads"]), 2u);
}

TEST(Metrics, WritesNullWhenTheHeapIsNotKnown) {
  simdjson::dom::parser parser;
  const auto root = parsed(parser, render({std::chrono::steady_clock::now(), 1, heap::Figures{}}));
  EXPECT_TRUE(root["heap_bytes"].is_null());
}

TEST(Metrics, ReadsLiveBytesFromTheAllocator) {
  const auto figures = heap::read();
  ASSERT_TRUE(figures.live_bytes);
  EXPECT_GT(*figures.live_bytes, 0u);
}

TEST(Metrics, NamesTheCompiler) { EXPECT_FALSE(runtime().empty()); }

}  // namespace
}  // namespace processor::metrics
