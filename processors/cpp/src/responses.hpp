// The JSON bodies of every response, in the spec's field order, and the Reply the HTTP layer
// sends.
#pragma once

#include <string>
#include <string_view>

#include "events.hpp"
#include "fastq.hpp"
#include "store.hpp"

namespace processor {

/// What a route answers; the connection adds the HTTP framing.
struct Reply {
  unsigned status = 200;
  std::string body;
  /// The Allow header of a 405.
  std::string_view allow = {};
  /// Answer with Connection: close and end the connection.
  bool close = false;
};

/// {"error":"..."}
Reply error_reply(unsigned status, std::string_view message);

namespace responses {

std::string health();
std::string reset();
std::string ingested(const events::Batch& batch);
std::string key(const KeySnapshot& snapshot);
std::string stats(const Stats& stats);
std::string reads(const fastq::ReadStats& stats);
std::string fastq_error(const fastq::FastqError& error);

}  // namespace responses
}  // namespace processor
