// Micro-benchmarks of the two hot paths, without HTTP, with the same shapes as the Rust and Go
// ones: (a) parse + validate + aggregate a 100-event batch, and parse + validate alone; (b) FASTQ
// parse + canonical 11-mer counting of a 50-read × 150 bp body. Plain std::chrono (Google
// Benchmark would be one more dependency for three loops): each case is warmed up, then timed in
// 15 samples of ~100 ms; the median sample's time per iteration is printed with the min and max.
//   build/release/processor_micro [name filter]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <variant>
#include <vector>

#include "body_buffer.hpp"
#include "events.hpp"
#include "fastq.hpp"
#include "store.hpp"

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kSamples = 15;
constexpr auto kSampleTime = std::chrono::milliseconds(100);
constexpr auto kWarmup = std::chrono::milliseconds(300);

struct XorShift {
  std::uint64_t state;
  std::uint64_t next() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  }
};

// Keeps the optimiser from dropping a result nobody reads.
template <typename T>
void keep(const T& value) {
  asm volatile("" : : "g"(&value) : "memory");
}

// 100 events over 10,000 keys, the shape the harness sends; padded as the server's body buffer.
processor::BodyBuffer event_batch(XorShift& rng) {
  static const char* kinds[] = {"reading", "reading", "reading", "alert", "heartbeat"};
  std::string text = "[";
  for (int i = 0; i < 100; ++i) {
    char event[160];
    std::snprintf(event, sizeof event, R"(%s{"key":"sensor-%05llu","ts":%llu,"value":%.3f,"kind":"%s"})", i ? "," : "",
                  static_cast<unsigned long long>(rng.next() % 10000), 1764144000000ULL + static_cast<unsigned>(i),
                  static_cast<double>(rng.next() % 100000) / 1000.0, kinds[rng.next() % 5]);
    text += event;
  }
  text += "]";
  processor::BodyBuffer body;
  body.reserve_more(text.size());
  std::copy(text.begin(), text.end(), body.free_space());
  body.commit(text.size());
  return body;
}

std::string fastq_body(XorShift& rng, int reads, int length) {
  std::string body;
  for (int r = 0; r < reads; ++r) {
    body += "@read" + std::to_string(r) + "\n";
    for (int i = 0; i < length; ++i) body += rng.next() % 200 == 0 ? 'N' : "ACGT"[rng.next() % 4];
    body += "\n+\n";
    for (int i = 0; i < length; ++i) body += static_cast<char>('!' + rng.next() % 41);
    body += "\n";
  }
  return body;
}

template <typename F>
void bench(const char* name, const char* filter, double units_per_iteration, const char* unit, F&& f) {
  if (filter != nullptr && std::string(name).find(filter) == std::string::npos) return;
  const auto start = Clock::now();
  std::uint64_t warm = 0;
  while (Clock::now() - start < kWarmup) {
    f();
    ++warm;
  }
  const double per_iteration_ns = std::chrono::duration<double, std::nano>(kWarmup).count() / static_cast<double>(warm);
  const auto iterations = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::chrono::duration<double, std::nano>(kSampleTime).count() / per_iteration_ns));
  std::vector<double> samples_ns;
  for (int s = 0; s < kSamples; ++s) {
    const auto t = Clock::now();
    for (std::uint64_t i = 0; i < iterations; ++i) f();
    samples_ns.push_back(std::chrono::duration<double, std::nano>(Clock::now() - t).count() / static_cast<double>(iterations));
  }
  std::sort(samples_ns.begin(), samples_ns.end());
  const double median = samples_ns[kSamples / 2];
  std::printf("%-40s %12.0f ns/iter (min %.0f, max %.0f)  %14.0f %s/s\n", name, median, samples_ns.front(),
              samples_ns.back(), units_per_iteration * 1e9 / median, unit);
}

}  // namespace

int main(int argc, char** argv) {
  const char* filter = argc > 1 ? argv[1] : nullptr;
  XorShift rng{0x2545F4914F6CDD1DULL};

  // (a) A rotating set of different batches, so the branch predictor and caches do not learn one
  // body; the store grows to 10,000 keys as it would under load.
  std::vector<processor::BodyBuffer> batches;
  for (int i = 0; i < 64; ++i) batches.push_back(event_batch(rng));
  processor::events::BatchParser parser;
  processor::events::Batch batch;
  processor::Store store;
  std::size_t next = 0;
  bench("events: parse+validate+aggregate 100", filter, 100, "events", [&] {
    const auto& body = batches[next++ % batches.size()];
    if (parser.parse(body.view(), body.readable_bytes(), batch)) std::abort();
    store.apply(batch.events);
    keep(batch.errors.size());
  });
  next = 0;
  bench("events: parse+validate only 100", filter, 100, "events", [&] {
    const auto& body = batches[next++ % batches.size()];
    if (parser.parse(body.view(), body.readable_bytes(), batch)) std::abort();
    keep(batch.events.size());
  });

  // (b) 50 reads × 150 bp.
  std::vector<std::string> bodies;
  for (int i = 0; i < 16; ++i) bodies.push_back(fastq_body(rng, 50, 150));
  next = 0;
  bench("reads: fastq+kmers 50x150bp", filter, 50.0 * 150.0, "bases", [&] {
    auto outcome = processor::fastq::analyze(bodies[next++ % bodies.size()]);
    if (!std::holds_alternative<processor::fastq::ReadStats>(outcome)) std::abort();
    keep(outcome);
  });
}
