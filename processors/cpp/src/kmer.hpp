// Canonical 11-mer counting with a 2-bit rolling encoding.
//
// A k-mer is a 22-bit integer, first base in the most significant bits, with A=0 C=1 G=2 T=3,
// so integer order is the letters' lexicographic order and the canonical k-mer is simply
// min(forward, reverse complement). Both are updated in O(1) per base; no string is built per
// k-mer, only for the (at most five) reported ones.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace processor::kmer {

inline constexpr std::size_t kK = 11;
inline constexpr std::size_t kTopN = 5;

struct KmerCount {
  std::string kmer;
  std::uint64_t count;
  friend bool operator==(const KmerCount&, const KmerCount&) = default;
};

/// The letters of a 22-bit k-mer code.
std::string decode(std::uint32_t code);

/// Counts of canonical k-mers over one request, in an open-addressing table of (code, count)
/// pairs with linear probing: codes are 22-bit integers, so a slot is 8 bytes and a typical
/// request's table (a few thousand distinct k-mers) stays in L1/L2.
class KmerCounter {
 public:
  /// `expected_windows` sizes the table up front so counting rarely grows it.
  explicit KmerCounter(std::size_t expected_windows);

  /// Adds every N-free window of `sequence` (which holds only ACGTN).
  void add_sequence(std::string_view sequence);

  /// Windows counted (the response's `kmers`).
  std::uint64_t windows() const { return windows_; }
  std::uint64_t distinct() const { return distinct_; }
  /// Up to five k-mers by count descending, ties by letters ascending (= by code ascending).
  std::vector<KmerCount> top() const;

 private:
  struct Slot {
    std::uint32_t code;
    std::uint32_t count;
  };
  void add(std::uint32_t code);
  std::size_t home(std::uint32_t code) const;
  void grow();

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  unsigned shift_ = 0;
  std::uint64_t distinct_ = 0;
  std::uint64_t windows_ = 0;
};

}  // namespace processor::kmer
