#include "kmer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

namespace processor::kmer {
namespace {

std::string reverse_complement(std::string_view s) {
  std::string out(s.rbegin(), s.rend());
  for (char& c : out) c = c == 'A' ? 'T' : c == 'T' ? 'A' : c == 'C' ? 'G' : 'C';
  return out;
}

// The spec read literally, on strings.
std::map<std::string, std::uint64_t> naive_counts(const std::vector<std::string>& reads) {
  std::map<std::string, std::uint64_t> counts;
  for (const auto& read : reads) {
    for (std::size_t i = 0; i + kK <= read.size(); ++i) {
      const std::string window = read.substr(i, kK);
      if (window.find('N') != std::string::npos) continue;
      ++counts[std::min(window, reverse_complement(window))];
    }
  }
  return counts;
}

std::vector<KmerCount> naive_top(const std::map<std::string, std::uint64_t>& counts) {
  std::vector<KmerCount> all;
  for (const auto& [kmer, count] : counts) all.push_back({kmer, count});
  std::stable_sort(all.begin(), all.end(), [](const KmerCount& a, const KmerCount& b) { return a.count > b.count; });
  all.resize(std::min<std::size_t>(all.size(), kTopN));
  return all;
}

TEST(KmerCounter, CountsAKmerAndItsReverseComplementAsOne) {
  KmerCounter counter(16);
  counter.add_sequence("AAAAAAAAAAA");
  counter.add_sequence("TTTTTTTTTTT");
  EXPECT_EQ(counter.windows(), 2u);
  EXPECT_EQ(counter.distinct(), 1u);
  EXPECT_EQ(counter.top(), (std::vector<KmerCount>{{"AAAAAAAAAAA", 2}}));
}

TEST(KmerCounter, SkipsWindowsWithN) {
  KmerCounter counter(16);
  counter.add_sequence("ACGTACGTACNACGTACGTAC");
  EXPECT_EQ(counter.windows(), 0u);
}

TEST(KmerCounter, BreaksTiesByLetters) {
  KmerCounter counter(16);
  counter.add_sequence("CCCCCCCCCCC");
  counter.add_sequence("AAAAAAAAAAC");
  EXPECT_EQ(counter.top(), (std::vector<KmerCount>{{"AAAAAAAAAAC", 1}, {"CCCCCCCCCCC", 1}}));
}

TEST(KmerCounter, GrowsPastItsInitialSize) {
  KmerCounter counter(0);
  std::mt19937 rng(3);
  std::string read(5000, 'A');
  for (char& c : read) c = "ACGT"[rng() % 4];
  counter.add_sequence(read);
  const auto expected = naive_counts({read});
  EXPECT_EQ(counter.distinct(), expected.size());
  EXPECT_EQ(counter.top(), naive_top(expected));
}

TEST(KmerCounter, MatchesANaiveImplementationOnRandomReads) {
  std::mt19937 rng(11);
  for (int round = 0; round < 200; ++round) {
    // Skewed alphabets make repeated k-mers, and so ties, likely.
    const std::string alphabet = round % 3 == 0 ? "AAAC" : round % 3 == 1 ? "ACGTN" : "ACGT";
    std::vector<std::string> reads(1 + rng() % 8);
    KmerCounter counter(1000);
    for (auto& read : reads) {
      read.resize(rng() % 60);
      for (char& c : read) c = alphabet[rng() % alphabet.size()];
      counter.add_sequence(read);
    }
    const auto expected = naive_counts(reads);
    std::uint64_t windows = 0;
    for (const auto& [kmer, count] : expected) windows += count;
    ASSERT_EQ(counter.windows(), windows) << "round " << round;
    ASSERT_EQ(counter.distinct(), expected.size()) << "round " << round;
    ASSERT_EQ(counter.top(), naive_top(expected)) << "round " << round;
  }
}

TEST(Decode, WritesTheLettersOfACode) {
  EXPECT_EQ(decode(0), "AAAAAAAAAAA");
  EXPECT_EQ(decode((1u << 22) - 1), "TTTTTTTTTTT");
  EXPECT_EQ(decode(0b0001'1011), "AAAAAAAACGT");
}

}  // namespace
}  // namespace processor::kmer
