#include "fastq.hpp"

#include <cstring>
#include <optional>

namespace processor::fastq {
namespace {

// Lines split on '\n', each without one trailing '\r'.
class Lines {
 public:
  explicit Lines(std::string_view text) : rest_(text), done_(false) {}

  std::optional<std::string_view> next() {
    if (done_) return std::nullopt;
    const void* newline = std::memchr(rest_.data(), '\n', rest_.size());
    std::string_view line;
    if (newline == nullptr) {
      line = rest_;
      done_ = true;
    } else {
      const auto length = static_cast<std::size_t>(static_cast<const char*>(newline) - rest_.data());
      line = rest_.substr(0, length);
      rest_.remove_prefix(length + 1);
    }
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
  }

 private:
  std::string_view rest_;
  bool done_;
};

struct SequenceCounts {
  std::uint64_t gc = 0;
  std::uint64_t n = 0;
};

// One or more of ACGTN.
std::optional<SequenceCounts> check_sequence(std::string_view sequence) {
  if (sequence.empty()) return std::nullopt;
  SequenceCounts counts;
  for (const char base : sequence) {
    switch (base) {
      case 'A':
      case 'T':
        break;
      case 'C':
      case 'G':
        ++counts.gc;
        break;
      case 'N':
        ++counts.n;
        break;
      default:
        return std::nullopt;
    }
  }
  return counts;
}

// As many characters as the sequence has bases, each '!'..'~'; the sum of (q − 33). Every
// allowed character is one byte, so byte lengths decide the same as character counts.
std::optional<std::uint64_t> check_quality(std::string_view quality, std::size_t bases) {
  if (quality.size() != bases) return std::nullopt;
  std::uint64_t sum = 0;
  for (const char q : quality) {
    if (q < '!' || q > '~') return std::nullopt;
    sum += static_cast<std::uint64_t>(q - '!');
  }
  return sum;
}

std::string_view describe(Reason reason) {
  switch (reason) {
    case Reason::header: return "header must start with '@' followed by at least one character";
    case Reason::sequence: return "sequence must be one or more of A, C, G, T, N";
    case Reason::separator: return "separator must start with '+'";
    case Reason::quality: return "quality must have one character from '!' to '~' per base of the sequence";
    case Reason::truncated: return "the body ended before the record's four lines";
  }
  return "malformed record";
}

}  // namespace

std::string_view reason_name(Reason reason) {
  switch (reason) {
    case Reason::header: return "header";
    case Reason::sequence: return "sequence";
    case Reason::separator: return "separator";
    case Reason::quality: return "quality";
    case Reason::truncated: return "truncated";
  }
  return "header";
}

std::string FastqError::message() const {
  return "FASTQ record " + std::to_string(record) + " (line " + std::to_string(line) + "): " +
         std::string(describe(reason));
}

std::variant<ReadStats, FastqError> analyze(std::string_view body) {
  if (!body.empty() && body.back() == '\n') body.remove_suffix(1);
  ReadStats stats;
  if (body.empty()) return stats;

  // Sequence and quality lines have the same length, so half the body bounds the bases and so
  // the windows.
  kmer::KmerCounter kmers(body.size() / 2);
  Lines lines(body);
  std::uint64_t record = 0;
  while (const auto header = lines.next()) {
    ++record;
    const std::uint64_t first_line = 4 * record - 3;
    const auto fail = [&](std::uint64_t offset, Reason reason) { return FastqError{record, first_line + offset, reason}; };

    if (header->size() < 2 || header->front() != '@') return fail(0, Reason::header);
    const auto sequence = lines.next();
    if (!sequence) return fail(1, Reason::truncated);
    const auto counts = check_sequence(*sequence);
    if (!counts) return fail(1, Reason::sequence);
    const auto separator = lines.next();
    if (!separator) return fail(2, Reason::truncated);
    if (separator->empty() || separator->front() != '+') return fail(2, Reason::separator);
    const auto quality = lines.next();
    if (!quality) return fail(3, Reason::truncated);
    const auto quality_sum = check_quality(*quality, sequence->size());
    if (!quality_sum) return fail(3, Reason::quality);

    const std::uint64_t length = sequence->size();
    ++stats.reads;
    stats.bases += length;
    stats.gc_bases += counts->gc;
    stats.n_bases += counts->n;
    stats.quality_sum += *quality_sum;
    if (*quality_sum >= 20 * length) ++stats.q20_reads;
    if (sequence->size() >= kmer::kK) kmers.add_sequence(*sequence);
  }

  stats.kmers = kmers.windows();
  stats.distinct_kmers = kmers.distinct();
  stats.top_kmers = kmers.top();
  return stats;
}

}  // namespace processor::fastq
