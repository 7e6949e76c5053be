#include "json_out.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <cstring>

namespace processor::json {
namespace {

std::string printed(double v) {
  std::string out;
  append_double(out, v);
  return out;
}

TEST(AppendDouble, PrintsIntegralValuesWithoutFraction) {
  EXPECT_EQ(printed(12.0), "12");
  EXPECT_EQ(printed(0.0), "0");
  EXPECT_EQ(printed(-3.0), "-3");
}

TEST(AppendDouble, PrintsShortestRoundTripDigits) {
  EXPECT_EQ(printed(0.1), "0.1");
  EXPECT_EQ(printed(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(printed(1.5), "1.5");
  EXPECT_EQ(printed(123456.789), "123456.789");
}

TEST(AppendDouble, SwitchesToExponentNotationWhereJavaScriptDoes) {
  EXPECT_EQ(printed(1e21), "1e+21");
  EXPECT_EQ(printed(1e20), "100000000000000000000");
  EXPECT_EQ(printed(0.000001), "0.000001");
  EXPECT_EQ(printed(1e-7), "1e-7");
  EXPECT_EQ(printed(1.5e-7), "1.5e-7");
  EXPECT_EQ(printed(-2.5e300), "-2.5e+300");
  EXPECT_EQ(printed(5e-324), "5e-324");
}

TEST(AppendDouble, PadsLargeIntegersWithZerosAfterTheShortestDigits) {
  EXPECT_EQ(printed(1e21 / 3), "333333333333333300000");
  EXPECT_EQ(printed(9007199254740993.0), "9007199254740992");
  EXPECT_EQ(printed(123e18), "123000000000000000000");
}

TEST(AppendDouble, PrintsSmallFractionsWithLeadingZeros) {
  EXPECT_EQ(printed(0.000123), "0.000123");
  EXPECT_EQ(printed(-0.5), "-0.5");
  EXPECT_EQ(printed(1.0000000000000002), "1.0000000000000002");
}

TEST(AppendDouble, KeepsTheSignOfZero) {
  EXPECT_EQ(printed(-0.0), "-0");
}

TEST(AppendDouble, WritesNullForNonFiniteValues) {
  EXPECT_EQ(printed(std::numeric_limits<double>::infinity()), "null");
  EXPECT_EQ(printed(-std::numeric_limits<double>::infinity()), "null");
  EXPECT_EQ(printed(std::nan("")), "null");
}

TEST(AppendDouble, RoundTripsRandomValues) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 10000; ++i) {
    const std::uint64_t bits = rng();
    double v;
    std::memcpy(&v, &bits, sizeof v);
    if (!std::isfinite(v)) continue;
    const std::string text = printed(v);
    EXPECT_EQ(std::strtod(text.c_str(), nullptr), v) << text;
  }
}

TEST(AppendString, EscapesQuotesBackslashesAndControlCharacters) {
  std::string out;
  append_string(out, std::string_view("a\"b\\c\n\x01", 7));
  EXPECT_EQ(out, R"("a\"b\\c\u000a\u0001")");
}

TEST(AppendUint, PrintsTheLargestValue) {
  std::string out;
  append_uint(out, UINT64_MAX);
  EXPECT_EQ(out, "18446744073709551615");
}

}  // namespace
}  // namespace processor::json
