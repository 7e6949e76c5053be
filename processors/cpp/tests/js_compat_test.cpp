#include "js_compat.hpp"

#include <gtest/gtest.h>

namespace processor::js_compat {
namespace {

TEST(Rewrite, LeavesWellFormedJsonAlone) {
  EXPECT_EQ(rewrite(R"([{"key":"a","ts":1,"value":1.5e10,"kind":"reading"}])"), std::nullopt);
}

TEST(Rewrite, ReplacesOverflowingNumbersWithNull) {
  EXPECT_EQ(rewrite("[1e400,-1e400,1.5]"), "[null,null,1.5]");
  EXPECT_EQ(rewrite("[1" + std::string(400, '0') + "]"), "[null]");
}

TEST(Rewrite, TurnsIntegersBeyond64BitsIntoTheSameFloat) {
  EXPECT_EQ(rewrite("[100000000000000000000]"), "[1e+20]");
  EXPECT_EQ(rewrite("[-9223372036854775809]"), "[-9.223372036854776e+18]");
}

TEST(Rewrite, KeepsIntegersThat64BitsHold) {
  EXPECT_EQ(rewrite("[18446744073709551615,-9223372036854775808]"), std::nullopt);
}

TEST(Rewrite, LeavesUnderflowAlone) {
  // 1e-400 is 0 for JSON.parse and for simdjson alike.
  EXPECT_EQ(rewrite("[1e-400]"), std::nullopt);
}

TEST(Rewrite, ReplacesLoneSurrogateEscapes) {
  EXPECT_EQ(rewrite(R"(["\ud800","\udc00x"])"), R"(["\ufffd","\ufffdx"])");
}

TEST(Rewrite, KeepsSurrogatePairs) {
  EXPECT_EQ(rewrite(R"(["\ud83d\ude00"])"), std::nullopt);
}

TEST(Rewrite, IgnoresNumbersInsideStrings) {
  EXPECT_EQ(rewrite(R"(["1e400"])"), std::nullopt);
}

TEST(Rewrite, LeavesInvalidNumberLiteralsInvalid) {
  EXPECT_EQ(rewrite("[01e999]"), std::nullopt);
}

TEST(IsJsonNumber, FollowsTheRfcGrammar) {
  for (const char* ok : {"0", "-0", "1.5", "1e5", "1E+5", "-1.25e-3", "123"}) EXPECT_TRUE(is_json_number(ok)) << ok;
  for (const char* bad : {"01", "1.", ".5", "-", "1e", "1e+", "+1", "1.5.5", "--1"}) EXPECT_FALSE(is_json_number(bad)) << bad;
}

}  // namespace
}  // namespace processor::js_compat
