#include "app.hpp"

#include <simdjson.h>

#include <variant>

#include "events.hpp"
#include "fastq.hpp"
#include "heap.hpp"
#include "metrics.hpp"

namespace processor {
namespace {

// One per event-loop thread: the parser keeps its buffers between requests, the batch its
// vectors. Handlers run to completion on their thread, so nothing else touches them meanwhile.
thread_local events::BatchParser batch_parser;
thread_local events::Batch batch;

Reply not_utf8() { return error_reply(400, "request body is not valid UTF-8"); }

}  // namespace

App::App(std::uint64_t max_body_bytes, unsigned io_threads) : max_body_bytes_(max_body_bytes), io_threads_(io_threads) {}

Reply App::get(const Route& route) const {
  switch (route.id) {
    case RouteId::health:
      return Reply{200, responses::health()};
    case RouteId::metrics:
      return Reply{200, metrics::render({started_, io_threads_, heap::read()})};
    case RouteId::stats:
      return Reply{200, responses::stats(store_.stats())};
    case RouteId::key: {
      const auto snapshot = store_.key(route.key);
      if (!snapshot) return error_reply(404, "unknown key");
      return Reply{200, responses::key(*snapshot)};
    }
    default:
      return error_reply(405, "method not allowed");
  }
}

Reply App::reset() {
  store_.reset();
  return Reply{200, responses::reset()};
}

Reply App::events(std::string_view body, std::size_t readable_bytes) {
  if (!simdjson::validate_utf8(body.data(), body.size())) return not_utf8();
  Reply reply;
  if (const auto error = batch_parser.parse(body, readable_bytes, batch)) {
    reply = error_reply(400, error->message);
  } else {
    store_.apply(batch.events);
    reply = Reply{200, responses::ingested(batch)};
  }
  // The batch's keys point into the parser: only now may it shrink.
  batch_parser.release_large_buffers();
  return reply;
}

Reply App::reads(std::string_view body) {
  if (!simdjson::validate_utf8(body.data(), body.size())) return not_utf8();
  auto outcome = fastq::analyze(body);
  if (const auto* error = std::get_if<fastq::FastqError>(&outcome)) {
    return Reply{400, responses::fastq_error(*error)};
  }
  const auto& stats = std::get<fastq::ReadStats>(outcome);
  store_.add_reads(stats.reads);
  return Reply{200, responses::reads(stats)};
}

}  // namespace processor
