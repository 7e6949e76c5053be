// POST /v1/reads: FASTQ parsing and per-request statistics.
//
// One pass over the body: each record is checked line by line and its bases are counted as soon
// as its sequence line passes; if a later record fails, the partial figures are dropped (they
// are per request), so "nothing is counted" holds.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "kmer.hpp"

namespace processor::fastq {

/// The line rule that failed, in the order the lines of a record are checked.
enum class Reason : std::uint8_t { header, sequence, separator, quality, truncated };

std::string_view reason_name(Reason reason);

/// A malformed record; `record` and `line` are 1-based.
struct FastqError {
  std::uint64_t record;
  std::uint64_t line;
  Reason reason;

  /// e.g. "FASTQ record 2 (line 5): header must start with '@' followed by at least one character"
  std::string message() const;
};

/// The success response, in its field order.
struct ReadStats {
  std::uint64_t reads = 0;
  std::uint64_t bases = 0;
  std::uint64_t gc_bases = 0;
  std::uint64_t n_bases = 0;
  std::uint64_t quality_sum = 0;
  std::uint64_t q20_reads = 0;
  std::uint64_t kmers = 0;
  std::uint64_t distinct_kmers = 0;
  std::vector<kmer::KmerCount> top_kmers;
};

std::variant<ReadStats, FastqError> analyze(std::string_view body);

}  // namespace processor::fastq
