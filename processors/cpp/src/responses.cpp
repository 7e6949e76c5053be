#include "responses.hpp"

#include "json_out.hpp"

namespace processor {

Reply error_reply(unsigned status, std::string_view message) {
  std::string body = "{\"error\":";
  json::append_string(body, message);
  body.push_back('}');
  return Reply{status, std::move(body)};
}

namespace responses {

std::string health() { return "{\"status\":\"ok\",\"impl\":\"cpp\",\"version\":\"" PROCESSOR_VERSION "\"}"; }

std::string reset() { return "{\"reset\":true}"; }

std::string ingested(const events::Batch& batch) {
  std::string out;
  out.reserve(64 + 32 * batch.errors.size());
  out.append("{\"accepted\":");
  json::append_uint(out, batch.events.size());
  out.append(",\"rejected\":");
  json::append_uint(out, batch.rejected);
  out.append(",\"errors\":[");
  for (std::size_t i = 0; i < batch.errors.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.append("{\"index\":");
    json::append_uint(out, batch.errors[i].index);
    out.append(",\"reason\":\"");
    out.append(events::reason_name(batch.errors[i].reason));
    out.append("\"}");
  }
  out.append("]}");
  return out;
}

std::string key(const KeySnapshot& s) {
  std::string out;
  out.reserve(256 + 25 * s.window.size());
  out.append("{\"key\":");
  json::append_string(out, s.key);
  out.append(",\"count\":");
  json::append_uint(out, s.count);
  out.append(",\"sum\":");
  json::append_double(out, s.sum);
  out.append(",\"min\":");
  json::append_double(out, s.min);
  out.append(",\"max\":");
  json::append_double(out, s.max);
  out.append(",\"mean\":");
  json::append_double(out, s.mean);
  out.append(",\"last\":");
  json::append_double(out, s.last);
  out.append(",\"last_ts\":");
  json::append_uint(out, s.last_ts);
  out.append(",\"alerts\":");
  json::append_uint(out, s.alerts);
  out.append(",\"window\":[");
  for (std::size_t i = 0; i < s.window.size(); ++i) {
    if (i > 0) out.push_back(',');
    json::append_double(out, s.window[i]);
  }
  out.append("],\"median\":");
  json::append_double(out, s.median);
  out.push_back('}');
  return out;
}

std::string stats(const Stats& s) {
  std::string out = "{\"keys\":";
  json::append_uint(out, s.keys);
  out.append(",\"events\":");
  json::append_uint(out, s.events);
  out.append(",\"reads\":");
  json::append_uint(out, s.reads);
  out.push_back('}');
  return out;
}

std::string reads(const fastq::ReadStats& s) {
  std::string out;
  out.reserve(256 + 40 * s.top_kmers.size());
  const auto field = [&](std::string_view name, std::uint64_t value) {
    out.append(name);
    json::append_uint(out, value);
  };
  field("{\"reads\":", s.reads);
  field(",\"bases\":", s.bases);
  field(",\"gc_bases\":", s.gc_bases);
  field(",\"n_bases\":", s.n_bases);
  field(",\"quality_sum\":", s.quality_sum);
  field(",\"q20_reads\":", s.q20_reads);
  field(",\"kmers\":", s.kmers);
  field(",\"distinct_kmers\":", s.distinct_kmers);
  out.append(",\"top_kmers\":[");
  for (std::size_t i = 0; i < s.top_kmers.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.append("{\"kmer\":\"");
    out.append(s.top_kmers[i].kmer);
    field("\",\"count\":", s.top_kmers[i].count);
    out.push_back('}');
  }
  out.append("]}");
  return out;
}

std::string fastq_error(const fastq::FastqError& error) {
  std::string out = "{\"error\":";
  json::append_string(out, error.message());
  out.append(",\"record\":");
  json::append_uint(out, error.record);
  out.append(",\"reason\":\"");
  out.append(fastq::reason_name(error.reason));
  out.append("\"}");
  return out;
}

}  // namespace responses
}  // namespace processor
