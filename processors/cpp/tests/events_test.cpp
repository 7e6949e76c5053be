#include "events.hpp"

#include <gtest/gtest.h>

namespace processor::events {
namespace {

struct Parsed {
  std::optional<BatchError> error;
  Batch batch;
};

// One parser for the whole test binary, as in the server (one per thread).
BatchParser& parser() {
  static BatchParser p;
  return p;
}

Parsed parse(std::string_view body) {
  Parsed out;
  out.error = parser().parse(body, body.size(), out.batch);
  return out;
}

std::vector<Reason> reasons(const Batch& batch) {
  std::vector<Reason> out;
  for (const auto& r : batch.errors) out.push_back(r.reason);
  return out;
}

Reason only_reason(std::string_view element) {
  const auto p = parse("[" + std::string(element) + "]");
  EXPECT_FALSE(p.error) << element;
  EXPECT_EQ(p.batch.errors.size(), 1u) << element;
  return p.batch.errors.empty() ? Reason::type : p.batch.errors[0].reason;
}

bool accepted(std::string_view element) {
  const auto p = parse("[" + std::string(element) + "]");
  return !p.error && p.batch.events.size() == 1;
}

TEST(ParseBatch, AcceptsAValidEvent) {
  const auto p = parse(R"([{"key":"sensor-1","ts":1764144000123,"value":12.5,"kind":"reading"}])");
  ASSERT_FALSE(p.error);
  ASSERT_EQ(p.batch.events.size(), 1u);
  const Event& e = p.batch.events[0];
  EXPECT_EQ(e.key, "sensor-1");
  EXPECT_EQ(e.ts, 1764144000123u);
  EXPECT_EQ(e.value, 12.5);
  EXPECT_EQ(e.kind, Kind::reading);
}

TEST(ParseBatch, AcceptsAnEmptyArray) {
  const auto p = parse("[]");
  EXPECT_FALSE(p.error);
  EXPECT_TRUE(p.batch.events.empty());
  EXPECT_EQ(p.batch.rejected, 0u);
}

TEST(ParseBatch, RefusesMalformedJson) {
  for (const char* body : {"", "   ", "[", "[1,]", "[] x", "{\"a\":1} []", "[tru]", "\xEF\xBB\xBF[]", "[\"a\x01\"]"}) {
    EXPECT_TRUE(parse(body).error) << body;
  }
}

TEST(ParseBatch, RefusesAnEmptyBodyWithoutData) {
  Batch batch;
  EXPECT_TRUE(parser().parse(std::string_view(), 0, batch));
}

TEST(ParseBatch, RefusesATopLevelOtherThanAnArray) {
  for (const char* body : {"{}", "1", "\"x\"", "null"}) {
    const auto p = parse(body);
    ASSERT_TRUE(p.error) << body;
    EXPECT_NE(p.error->message.find("array"), std::string::npos);
  }
}

TEST(ParseBatch, RejectsNonObjectElementsAsType) {
  const auto p = parse(R"([1,"x",null,true,[],[{"key":"a"}]])");
  ASSERT_FALSE(p.error);
  EXPECT_EQ(p.batch.rejected, 6u);
  EXPECT_EQ(reasons(p.batch), std::vector<Reason>(6, Reason::type));
}

TEST(ParseBatch, ChecksKeyBeforeTsBeforeValueBeforeKind) {
  EXPECT_EQ(only_reason(R"({})"), Reason::key);
  EXPECT_EQ(only_reason(R"({"key":"a"})"), Reason::ts);
  EXPECT_EQ(only_reason(R"({"key":"a","ts":1})"), Reason::value);
  EXPECT_EQ(only_reason(R"({"key":"a","ts":1,"value":1})"), Reason::kind);
  EXPECT_EQ(only_reason(R"({"key":1,"ts":"x","value":null,"kind":0})"), Reason::key);
}

TEST(ParseBatch, ValidatesKeys) {
  EXPECT_EQ(only_reason(R"({"key":"","ts":1,"value":1,"kind":"alert"})"), Reason::key);
  EXPECT_EQ(only_reason(R"({"key":"a b","ts":1,"value":1,"kind":"alert"})"), Reason::key);
  EXPECT_EQ(only_reason(R"({"key":"é","ts":1,"value":1,"kind":"alert"})"), Reason::key);
  EXPECT_EQ(only_reason(R"({"key":"a\u0000","ts":1,"value":1,"kind":"alert"})"), Reason::key);
  EXPECT_EQ(only_reason("{\"key\":\"" + std::string(65, 'k') + "\",\"ts\":1,\"value\":1,\"kind\":\"alert\"}"), Reason::key);
  EXPECT_TRUE(accepted("{\"key\":\"" + std::string(64, 'k') + "\",\"ts\":1,\"value\":1,\"kind\":\"alert\"}"));
  EXPECT_TRUE(accepted(R"({"key":"A-z_0.9:x","ts":1,"value":1,"kind":"alert"})"));
}

TEST(ParseBatch, AcceptsIntegerValuedTsInRange) {
  for (const char* ts : {"0", "1.0", "1e3", "-0", "-0.0", "9007199254740991", "9007199254740991.4"}) {
    EXPECT_TRUE(accepted(std::string(R"({"key":"a","value":1,"kind":"alert","ts":)") + ts + "}")) << ts;
  }
}

TEST(ParseBatch, RejectsTsOutOfRangeFractionalOrNotANumber) {
  for (const char* ts : {"-1", "1.5", "9007199254740992", "18446744073709551615", "1e400", "\"1\"", "null", "[]"}) {
    EXPECT_EQ(only_reason(std::string(R"({"key":"a","value":1,"kind":"alert","ts":)") + ts + "}"), Reason::ts) << ts;
  }
}

TEST(ParseBatch, ReadsTsDecimalFormsExactly) {
  const auto p = parse(R"([{"key":"a","ts":1e3,"value":1,"kind":"alert"}])");
  ASSERT_EQ(p.batch.events.size(), 1u);
  EXPECT_EQ(p.batch.events[0].ts, 1000u);
}

TEST(ParseBatch, RejectsValuesThatAreNotFiniteNumbers) {
  for (const char* v : {"null", "\"1\"", "true", "{}", "1e400", "-1e999"}) {
    EXPECT_EQ(only_reason(std::string(R"({"key":"a","ts":1,"kind":"alert","value":)") + v + "}"), Reason::value) << v;
  }
}

TEST(ParseBatch, ReadsIntegerValuesBeyond64BitsAsJavaScriptDoes) {
  const auto p = parse(R"([{"key":"a","ts":1,"kind":"alert","value":100000000000000000000}])");
  ASSERT_FALSE(p.error);
  ASSERT_EQ(p.batch.events.size(), 1u);
  EXPECT_EQ(p.batch.events[0].value, 1e20);
}

TEST(ParseBatch, RejectsUnknownKinds) {
  for (const char* k : {"\"READING\"", "\"other\"", "1", "null"}) {
    EXPECT_EQ(only_reason(std::string(R"({"key":"a","ts":1,"value":1,"kind":)") + k + "}"), Reason::kind) << k;
  }
}

TEST(ParseBatch, IgnoresUnknownFieldsOfAnyType) {
  EXPECT_TRUE(accepted(R"({"key":"a","ts":1,"value":1,"kind":"alert","x":{"y":[1,{"z":null}]},"KEY":5})"));
}

TEST(ParseBatch, TheLastOfARepeatedFieldWins) {
  const auto p = parse(R"([{"key":"bad key","ts":1,"value":1,"kind":"alert","key":"good","value":7}])");
  ASSERT_EQ(p.batch.events.size(), 1u);
  EXPECT_EQ(p.batch.events[0].key, "good");
  EXPECT_EQ(p.batch.events[0].value, 7.0);
  EXPECT_EQ(only_reason(R"({"key":"a","ts":1,"value":1,"kind":"alert","kind":"nope"})"), Reason::kind);
}

TEST(ParseBatch, MatchesEscapedFieldNames) {
  EXPECT_TRUE(accepted(R"({"k\u0065y":"a","ts":1,"value":1,"kind":"alert"})"));
}

TEST(ParseBatch, TreatsLoneSurrogatesAsJavaScriptStrings) {
  EXPECT_EQ(only_reason(R"({"key":"\ud800","ts":1,"value":1,"kind":"alert"})"), Reason::key);
  EXPECT_TRUE(accepted(R"({"key":"a","ts":1,"value":1,"kind":"alert","note":"\udc00"})"));
}

TEST(ParseBatch, ListsTheFirstTenRejectionsAndCountsAll) {
  std::string body = "[";
  for (int i = 0; i < 15; ++i) body += (i ? "," : "") + std::string("1");
  body += R"(,{"key":"a","ts":1,"value":1,"kind":"alert"}])";
  const auto p = parse(body);
  EXPECT_EQ(p.batch.rejected, 15u);
  ASSERT_EQ(p.batch.errors.size(), kMaxListedErrors);
  EXPECT_EQ(p.batch.errors.back().index, 9u);
  EXPECT_EQ(p.batch.events.size(), 1u);
}

TEST(ParseBatch, ParsesInPlaceWhenPaddingIsReadable) {
  std::string body = R"([{"key":"a","ts":1,"value":2,"kind":"heartbeat"}])";
  const std::size_t length = body.size();
  body.resize(length + 64, ' ');
  Batch batch;
  EXPECT_FALSE(parser().parse(std::string_view(body.data(), length), body.size(), batch));
  ASSERT_EQ(batch.events.size(), 1u);
  EXPECT_EQ(batch.events[0].kind, Kind::heartbeat);
}

TEST(ParseBatch, ADeeplyNestedElementIsATypeRejection) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const auto p = parse("[" + deep + "]");
  ASSERT_FALSE(p.error);
  EXPECT_EQ(reasons(p.batch), std::vector<Reason>{Reason::type});
}

TEST(ParseBatch, ADeeplyNestedUnknownFieldIsIgnored) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_TRUE(accepted(R"({"key":"a","ts":1,"value":1,"kind":"alert","x":)" + deep + "}"));
}

}  // namespace
}  // namespace processor::events
