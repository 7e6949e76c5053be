#include "fastq.hpp"

#include <gtest/gtest.h>

namespace processor::fastq {
namespace {

ReadStats ok(std::string_view body) {
  auto outcome = analyze(body);
  EXPECT_TRUE(std::holds_alternative<ReadStats>(outcome)) << body;
  return std::holds_alternative<ReadStats>(outcome) ? std::get<ReadStats>(outcome) : ReadStats{};
}

FastqError failed(std::string_view body) {
  auto outcome = analyze(body);
  EXPECT_TRUE(std::holds_alternative<FastqError>(outcome)) << body;
  return std::holds_alternative<FastqError>(outcome) ? std::get<FastqError>(outcome) : FastqError{0, 0, Reason::header};
}

TEST(Analyze, CountsBasesQualityAndKmers) {
  const auto s = ok("@r1\nACGTNACGTAC\n+\nIIIII!!!!!!\n@r2\nGGGGGGGGGGGG\n+\n555555555555\n");
  EXPECT_EQ(s.reads, 2u);
  EXPECT_EQ(s.bases, 23u);
  EXPECT_EQ(s.gc_bases, 5u + 12u);
  EXPECT_EQ(s.n_bases, 1u);
  EXPECT_EQ(s.quality_sum, 5u * 40 + 12u * 20);
  EXPECT_EQ(s.q20_reads, 1u);  // r1: 200 < 220; r2: 240 >= 240
  EXPECT_EQ(s.kmers, 2u);      // r1 has an N: no 11-base window; r2: 2
  EXPECT_EQ(s.distinct_kmers, 1u);
  ASSERT_EQ(s.top_kmers.size(), 1u);
  EXPECT_EQ(s.top_kmers[0], (kmer::KmerCount{"CCCCCCCCCCC", 2}));  // canonical of GGGGGGGGGGG
}

TEST(Analyze, EmptyBodyIsZeroReads) {
  EXPECT_EQ(ok("").reads, 0u);
  EXPECT_EQ(ok("\n").reads, 0u);
}

TEST(Analyze, AcceptsCrlfAndAMissingFinalNewline) {
  EXPECT_EQ(ok("@r\r\nACGT\r\n+\r\nIIII\r\n").bases, 4u);
  EXPECT_EQ(ok("@r\nACGT\n+\nIIII").bases, 4u);
}

TEST(Analyze, NamesTheRecordLineAndReason) {
  const auto e = failed("@r1\nACGT\n+\nIIII\nr2\nACGT\n+\nIIII\n");
  EXPECT_EQ(e.record, 2u);
  EXPECT_EQ(e.line, 5u);
  EXPECT_EQ(e.reason, Reason::header);
  EXPECT_EQ(e.message(), "FASTQ record 2 (line 5): header must start with '@' followed by at least one character");
}

TEST(Analyze, ChecksEachLineRule) {
  EXPECT_EQ(failed("@\nACGT\n+\nIIII").reason, Reason::header);
  EXPECT_EQ(failed("@r\nACGU\n+\nIIII").reason, Reason::sequence);
  EXPECT_EQ(failed("@r\nacgt\n+\nIIII").reason, Reason::sequence);
  EXPECT_EQ(failed("@r\n\n+\n").reason, Reason::sequence);
  EXPECT_EQ(failed("@r\nACGT\n-\nIIII").reason, Reason::separator);
  EXPECT_EQ(failed("@r\nACGT\n+\nIII").reason, Reason::quality);
  EXPECT_EQ(failed("@r\nACGT\n+\nIII ").reason, Reason::quality);
}

TEST(Analyze, MissingLinesAreTruncated) {
  const auto e = failed("@r\nACGT\n+");
  EXPECT_EQ(e.reason, Reason::truncated);
  EXPECT_EQ(e.line, 4u);
  EXPECT_EQ(failed("@r").reason, Reason::truncated);
}

TEST(Analyze, ABlankLineWhereAHeaderBelongsIsAHeaderError) {
  const auto e = failed("@r\nACGT\n+\nIIII\n\n");
  EXPECT_EQ(e.reason, Reason::header);
  EXPECT_EQ(e.record, 2u);
}

TEST(Analyze, Q20IsDecidedInIntegers) {
  // quality '5' is 20: exactly 20 × length passes
  EXPECT_EQ(ok("@r\nAC\n+\n55").q20_reads, 1u);
  EXPECT_EQ(ok("@r\nAC\n+\n54").q20_reads, 0u);
}

}  // namespace
}  // namespace processor::fastq
