#include "store.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace processor {
namespace {

using events::Event;
using events::Kind;

Event event(std::string_view key, std::uint64_t ts, double value, Kind kind = Kind::reading) {
  return Event{key, ts, value, kind};
}

TEST(Store, AggregatesEventsPerKey) {
  Store store;
  const std::vector<Event> batch{event("a", 1, 11.5), event("a", 2, 12.5, Kind::alert), event("a", 3, 12.0)};
  store.apply(batch);
  const auto s = store.key("a");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->count, 3u);
  EXPECT_EQ(s->sum, 36.0);
  EXPECT_EQ(s->min, 11.5);
  EXPECT_EQ(s->max, 12.5);
  EXPECT_EQ(s->mean, 12.0);
  EXPECT_EQ(s->last, 12.0);
  EXPECT_EQ(s->last_ts, 3u);
  EXPECT_EQ(s->alerts, 1u);
  EXPECT_EQ(s->window, (std::vector<double>{11.5, 12.5, 12.0}));
  EXPECT_EQ(s->median, 12.0);
}

TEST(Store, LastTsIsTheLatestNotTheLastReceived) {
  Store store;
  const std::vector<Event> batch{event("a", 10, 1), event("a", 5, 2)};
  store.apply(batch);
  EXPECT_EQ(store.key("a")->last_ts, 10u);
  EXPECT_EQ(store.key("a")->last, 2.0);
}

TEST(Store, WindowKeepsTheLast32ValuesOldestFirst) {
  Store store;
  std::vector<Event> batch;
  for (int i = 0; i < 40; ++i) batch.push_back(event("a", 1, i));
  store.apply(batch);
  const auto s = store.key("a");
  ASSERT_EQ(s->window.size(), kWindowLength);
  EXPECT_EQ(s->window.front(), 8.0);
  EXPECT_EQ(s->window.back(), 39.0);
  EXPECT_EQ(s->count, 40u);
  EXPECT_EQ(s->min, 0.0);
}

TEST(Store, SumsInArrivalOrder) {
  Store store;
  const std::vector<Event> batch{event("a", 1, 1e16), event("a", 1, 1.0), event("a", 1, -1e16)};
  store.apply(batch);
  EXPECT_EQ(store.key("a")->sum, 0.0);  // (1e16 + 1) rounds to 1e16
}

TEST(Store, UnknownKeyIsNothing) {
  Store store;
  EXPECT_FALSE(store.key("nope"));
}

TEST(Store, StatsCountKeysEventsAndReads) {
  Store store;
  const std::vector<Event> batch{event("a", 1, 1), event("b", 1, 1), event("a", 1, 1)};
  store.apply(batch);
  store.add_reads(4);
  const Stats s = store.stats();
  EXPECT_EQ(s.keys, 2u);
  EXPECT_EQ(s.events, 3u);
  EXPECT_EQ(s.reads, 4u);
}

TEST(Store, ResetClearsEverything) {
  Store store;
  const std::vector<Event> batch{event("a", 1, 1)};
  store.apply(batch);
  store.add_reads(1);
  store.reset();
  EXPECT_FALSE(store.key("a"));
  const Stats s = store.stats();
  EXPECT_EQ(s.keys + s.events + s.reads, 0u);
}

TEST(Store, ConcurrentBatchesAllLand) {
  Store store;
  const std::vector<Event> batch(100, event("shared", 1, 1.0));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 100; ++i) store.apply(batch);
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(store.key("shared")->count, 40000u);
  EXPECT_EQ(store.stats().events, 40000u);
}

TEST(Median, OddWindowIsTheMiddleValue) { EXPECT_EQ(median({3, 1, 2}), 2.0); }

TEST(Median, EvenWindowIsTheMeanOfTheTwoMiddleValues) { EXPECT_EQ(median({4, 1, 3, 2}), 2.5); }

}  // namespace
}  // namespace processor
