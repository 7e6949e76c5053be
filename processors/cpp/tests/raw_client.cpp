#include "raw_client.hpp"

#include <sys/socket.h>
#include <sys/time.h>

#include <algorithm>
#include <cctype>

namespace processor::testing {

RawClient::RawClient(std::uint16_t port) : socket_(context_) {
  socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  timeval timeout{5, 0};
  ::setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
}

bool RawClient::send(std::string_view bytes) {
  beast::error_code ec;
  asio::write(socket_, asio::buffer(bytes.data(), bytes.size()), ec);
  return !ec;
}

bool RawClient::fill() {
  char chunk[16384];
  beast::error_code ec;
  const std::size_t n = socket_.read_some(asio::buffer(chunk), ec);
  if (ec || n == 0) return false;
  pending_.append(chunk, n);
  return true;
}

std::optional<RawResponse> RawClient::read_response(bool head) {
  std::size_t end;
  while ((end = pending_.find("\r\n\r\n")) == std::string::npos) {
    if (!fill()) return std::nullopt;
  }
  const std::string head_text = pending_.substr(0, end);
  pending_.erase(0, end + 4);

  RawResponse response;
  const auto first_line_end = head_text.find("\r\n");
  const std::string status_line = head_text.substr(0, first_line_end);
  response.status = static_cast<unsigned>(std::stoul(status_line.substr(status_line.find(' ') + 1, 3)));
  std::size_t at = first_line_end == std::string::npos ? head_text.size() : first_line_end + 2;
  while (at < head_text.size()) {
    auto line_end = head_text.find("\r\n", at);
    if (line_end == std::string::npos) line_end = head_text.size();
    const std::string line = head_text.substr(at, line_end - at);
    const auto colon = line.find(':');
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    response.headers[name] = value;
    at = line_end + 2;
  }
  if (response.status < 200) return response;  // 100 Continue: no body
  const std::size_t length = head ? 0 : std::stoul(response.header("content-length").empty() ? "0" : response.header("content-length"));
  while (pending_.size() < length) {
    if (!fill()) return std::nullopt;
  }
  response.body = pending_.substr(0, length);
  pending_.erase(0, length);
  return response;
}

bool RawClient::closed_by_server() {
  if (!pending_.empty()) return false;
  char byte;
  beast::error_code ec;
  socket_.read_some(asio::buffer(&byte, 1), ec);
  return ec == asio::error::eof || ec == asio::error::connection_reset;
}

std::string http_request(std::string_view method, std::string_view path, std::string_view extra_headers,
                         std::string_view body, bool with_length) {
  std::string out;
  out.append(method).append(" ").append(path).append(" HTTP/1.1\r\nHost: test\r\n");
  out.append(extra_headers);
  if (with_length && (!body.empty() || method == "POST")) out.append("Content-Length: " + std::to_string(body.size()) + "\r\n");
  out.append("\r\n").append(body);
  return out;
}

}  // namespace processor::testing
