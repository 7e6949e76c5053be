// A blocking HTTP/1.1 client over one TCP connection that sends exact bytes, for tests of what
// a library client would not send (oversize headers, Content-Length with Transfer-Encoding,
// pipelined requests, bodies after an early answer).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "asio.hpp"

namespace processor::testing {

struct RawResponse {
  unsigned status = 0;
  /// Lower-case names.
  std::map<std::string, std::string> headers;
  std::string body;

  std::string header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

class RawClient {
 public:
  explicit RawClient(std::uint16_t port);

  /// Sends bytes as they are; false if the server has closed (reset) the connection.
  bool send(std::string_view bytes);
  /// Reads one response (headers, then Content-Length bytes unless `head`); nothing if the
  /// connection ended or nothing came within 5 s.
  std::optional<RawResponse> read_response(bool head = false);
  std::optional<RawResponse> request(std::string_view bytes) {
    return send(bytes) ? read_response() : std::nullopt;
  }
  /// True once the server has closed its side (a read sees end of stream).
  bool closed_by_server();

 private:
  bool fill();

  asio::io_context context_;
  tcp::socket socket_;
  std::string pending_;
};

/// "GET /path HTTP/1.1" with Host, plus the given extra header lines and body.
std::string http_request(std::string_view method, std::string_view path, std::string_view extra_headers = "",
                         std::string_view body = "", bool with_length = true);

}  // namespace processor::testing
