#include "kmer.hpp"

#include <algorithm>
#include <bit>
#include <random>

namespace processor::kmer {
namespace {

constexpr std::uint32_t kMask = (std::uint32_t{1} << (2 * kK)) - 1;
// Where the complement of a new base enters the reverse complement (its first position).
constexpr unsigned kReverseShift = 2 * (kK - 1);
// No 22-bit code has this value.
constexpr std::uint32_t kEmpty = UINT32_MAX;
// Up-front table limit (1 MiB of slots): a typical request never grows its table, while a
// 4 MiB body of one repeated k-mer does not reserve tens of MiB it will not use.
constexpr std::size_t kMaxPresizeSlots = std::size_t{1} << 17;
constexpr std::size_t kMinSlots = 64;

// Multiply-shift hashing with an odd multiplier drawn once per process: k-mers are
// client-chosen, and a fixed multiplier would let a client pick codes that all probe the same
// slots.
const std::uint64_t kMultiplier = [] {
  std::random_device device;
  const std::uint64_t high = device();
  return (high << 32 | device()) | 1;
}();

// The base's 2-bit code; 4 for anything else (N breaks the window).
constexpr std::uint32_t base_code(char base) {
  switch (base) {
    case 'A': return 0;
    case 'C': return 1;
    case 'G': return 2;
    case 'T': return 3;
    default: return 4;
  }
}

// count descending, code ascending
bool ranks_before(std::uint32_t code_a, std::uint32_t count_a, std::uint32_t code_b, std::uint32_t count_b) {
  return count_a > count_b || (count_a == count_b && code_a < code_b);
}

}  // namespace

std::string decode(std::uint32_t code) {
  static constexpr char kLetters[] = "ACGT";
  std::string letters(kK, 'A');
  for (std::size_t i = 0; i < kK; ++i) letters[i] = kLetters[(code >> (2 * (kK - 1 - i))) & 3];
  return letters;
}

KmerCounter::KmerCounter(std::size_t expected_windows) {
  // At most half full, so linear probes stay short.
  const std::size_t slots = std::clamp(std::bit_ceil(expected_windows * 2), kMinSlots, kMaxPresizeSlots);
  slots_.assign(slots, Slot{kEmpty, 0});
  mask_ = slots - 1;
  shift_ = 64 - static_cast<unsigned>(std::countr_zero(slots));
}

std::size_t KmerCounter::home(std::uint32_t code) const {
  return static_cast<std::size_t>((code * kMultiplier) >> shift_);
}

void KmerCounter::add(std::uint32_t code) {
  ++windows_;
  for (std::size_t i = home(code);; i = (i + 1) & mask_) {
    Slot& slot = slots_[i];
    if (slot.code == code) {
      ++slot.count;
      return;
    }
    if (slot.code == kEmpty) {
      slot = Slot{code, 1};
      if (++distinct_ * 2 > slots_.size()) grow();
      return;
    }
  }
}

void KmerCounter::grow() {
  std::vector<Slot> old(slots_.size() * 2, Slot{kEmpty, 0});
  old.swap(slots_);
  mask_ = slots_.size() - 1;
  --shift_;
  for (const Slot& slot : old) {
    if (slot.code == kEmpty) continue;
    std::size_t i = home(slot.code);
    while (slots_[i].code != kEmpty) i = (i + 1) & mask_;
    slots_[i] = slot;
  }
}

void KmerCounter::add_sequence(std::string_view sequence) {
  std::uint32_t forward = 0;
  std::uint32_t reverse = 0;
  std::size_t run = 0;  // bases since the last N
  for (const char base : sequence) {
    const std::uint32_t code = base_code(base);
    if (code > 3) {
      run = 0;
      continue;
    }
    forward = ((forward << 2) | code) & kMask;
    reverse = (reverse >> 2) | ((3 - code) << kReverseShift);
    if (++run >= kK) add(std::min(forward, reverse));
  }
}

std::vector<KmerCount> KmerCounter::top() const {
  // A 5-slot insertion list: one scan of the table, no sort of every k-mer.
  std::vector<Slot> best;
  best.reserve(kTopN + 1);
  for (const Slot& slot : slots_) {
    if (slot.code == kEmpty) continue;
    if (best.size() == kTopN && !ranks_before(slot.code, slot.count, best.back().code, best.back().count)) continue;
    auto at = std::find_if(best.begin(), best.end(),
                           [&](const Slot& b) { return ranks_before(slot.code, slot.count, b.code, b.count); });
    best.insert(at, slot);
    if (best.size() > kTopN) best.pop_back();
  }
  std::vector<KmerCount> out;
  out.reserve(best.size());
  for (const Slot& slot : best) out.push_back({decode(slot.code), slot.count});
  return out;
}

}  // namespace processor::kmer
