#include "router.hpp"

#include <gtest/gtest.h>

namespace processor {
namespace {

TEST(ParseRoute, KnowsEveryRoute) {
  EXPECT_EQ(parse_route("/health")->id, RouteId::health);
  EXPECT_EQ(parse_route("/metrics")->id, RouteId::metrics);
  EXPECT_EQ(parse_route("/v1/events")->id, RouteId::events);
  EXPECT_EQ(parse_route("/v1/reads")->id, RouteId::reads);
  EXPECT_EQ(parse_route("/v1/stats")->id, RouteId::stats);
  EXPECT_EQ(parse_route("/v1/reset")->id, RouteId::reset);
}

TEST(ParseRoute, IgnoresTheQueryString) {
  EXPECT_EQ(parse_route("/v1/stats?x=1")->id, RouteId::stats);
  EXPECT_EQ(parse_route("/v1/keys/a?b=c")->key, "a");
}

TEST(ParseRoute, TakesTheKeyAsSentWithoutDecoding) {
  const auto route = parse_route("/v1/keys/a%2Fb");
  ASSERT_TRUE(route);
  EXPECT_EQ(route->id, RouteId::key);
  EXPECT_EQ(route->key, "a%2Fb");
}

TEST(ParseRoute, UnknownPathsAreNothing) {
  for (const char* path : {"/", "/nope", "/v1/keys/", "/v1/keys/a/b", "/health/", "/v1/events/x", "/HEALTH", "*"}) {
    EXPECT_FALSE(parse_route(path)) << path;
  }
}

TEST(Route, AllowsGetAndHeadOrPost) {
  EXPECT_EQ(parse_route("/v1/events")->allow(), "POST");
  EXPECT_EQ(parse_route("/v1/reset")->allow(), "POST");
  EXPECT_EQ(parse_route("/v1/keys/a")->allow(), "GET, HEAD");
}

TEST(HasMediaType, ComparesCaseInsensitivelyIgnoringParameters) {
  EXPECT_TRUE(has_media_type("application/json", "application/json"));
  EXPECT_TRUE(has_media_type("Application/JSON; charset=utf-8", "application/json"));
  EXPECT_TRUE(has_media_type(" text/plain ;x=y", "text/plain"));
  EXPECT_FALSE(has_media_type("text/plain", "application/json"));
  EXPECT_FALSE(has_media_type("application/json-seq", "application/json"));
  EXPECT_FALSE(has_media_type(std::nullopt, "application/json"));
  EXPECT_FALSE(has_media_type("", "text/plain"));
}

}  // namespace
}  // namespace processor
