#include "body_buffer.hpp"

#include <gtest/gtest.h>

#include <cstring>

namespace processor {
namespace {

TEST(BodyBuffer, AnEmptyBufferStillPointsAtReadablePadding) {
  const BodyBuffer body;
  EXPECT_NE(body.view().data(), nullptr);
  EXPECT_EQ(body.view().size(), 0u);
  EXPECT_GE(body.readable_bytes(), BodyBuffer::kPadding);
}

TEST(BodyBuffer, KeepsPaddingReadableBeyondTheData) {
  BodyBuffer body;
  body.reserve_more(10);
  std::memcpy(body.free_space(), "0123456789", 10);
  body.commit(10);
  EXPECT_EQ(body.view(), "0123456789");
  EXPECT_GE(body.readable_bytes(), 10 + BodyBuffer::kPadding);
}

TEST(BodyBuffer, GrowingKeepsTheData) {
  BodyBuffer body;
  body.reserve_more(3);
  std::memcpy(body.free_space(), "abc", 3);
  body.commit(3);
  body.reserve_more(1000);
  EXPECT_GE(body.free_bytes(), 1000u);
  EXPECT_EQ(body.view(), "abc");
}

TEST(BodyBuffer, ReleasesABufferThatGrewPastTheLimit) {
  BodyBuffer body;
  body.reserve_more(4096);
  body.release_if_larger_than(1024);
  EXPECT_EQ(body.free_bytes(), 0u);
  EXPECT_EQ(body.size(), 0u);
}

}  // namespace
}  // namespace processor
