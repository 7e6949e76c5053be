#include "connection.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>

#include "app.hpp"
#include "body_buffer.hpp"
#include "http_date.hpp"
#include "responses.hpp"
#include "router.hpp"

namespace processor {
namespace {

using namespace std::chrono_literals;
using Parser = http::request_parser<http::buffer_body>;

// Waiting for a request (keep-alive idle time plus the header itself), as Go's IdleTimeout.
constexpr auto kIdleTimeout = 120s;
// Reading a body, writing a response.
constexpr auto kIoTimeout = 60s;
// Reading what a client still sends after an answer that closes the connection.
constexpr auto kLingerTimeout = 2s;
// The request line and header fields together (the spec: 16 KiB accepted, above 64 KiB 431).
constexpr std::uint32_t kHeaderLimit = 64 * 1024;
// How much of an unwanted body is read and dropped so that the client sees the answer
// (closing a socket with unread data makes the kernel reset the connection).
constexpr std::uint64_t kDrainCap = 64 * 1024 * 1024;
// Read size when the body length is unknown (chunked) or the bytes are dropped.
constexpr std::size_t kChunkBytes = 64 * 1024;
// A connection keeps a body buffer up to this size for its next request.
constexpr std::size_t kKeptBodyBytes = 1024 * 1024;
// Capacity of the socket read buffer. Beast reads max(512, free capacity) bytes at a time and a
// flat_buffer only grows by what each read asks for, so without this every request was read in
// 512-byte pieces: a 7 KB batch took 15 reads, each a syscall plus a timer armed and
// cancelled (found with callgrind: ~17 socket operations per request).
constexpr std::size_t kReadBufferBytes = 16 * 1024;

enum class BodyStatus { complete, too_large, broken, closed };

// Bytes that may still arrive before a body of `size` bytes is over `limit`: limit − size + 1.
std::uint64_t room_until_over(std::uint64_t limit, std::uint64_t size) {
  const std::uint64_t left = limit - size;  // size <= limit while reading
  return left == UINT64_MAX ? left : left + 1;
}

bool is_http_error(const beast::error_code& ec) { return ec.category() == http::make_error_code(http::error::end_of_stream).category(); }

bool expects_continue(const Parser& parser) {
  return beast::iequals(parser.get()[http::field::expect], "100-continue");
}

std::optional<std::string_view> header(const Parser& parser, http::field field) {
  const auto& fields = parser.get();
  const auto it = fields.find(field);
  if (it == fields.end()) return std::nullopt;
  return it->value();
}

class Connection {
 public:
  Connection(tcp::socket socket, ConnectionContext& context) : stream_(std::move(socket)), context_(context) {
    buffer_.reserve(kReadBufferBytes);
    handle_.stream = &stream_;
    context_.registry.add(&handle_);
  }
  ~Connection() {
    context_.registry.remove(&handle_);
    context_.live.fetch_sub(1);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  asio::awaitable<void> run() {
    while (!context_.stopping.load() && co_await serve_one()) {
    }
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
  }

 private:
  // One request; false when the connection is done.
  asio::awaitable<bool> serve_one() {
    Parser parser;
    parser.header_limit(kHeaderLimit);
    // The limit is the spec's, checked below (413). Not boost::none: Beast 1.74 compares the
    // length with the optional itself, and every length is "greater" than none.
    parser.body_limit(UINT64_MAX);

    beast::error_code ec;
    handle_.idle = true;
    stream_.expires_after(kIdleTimeout);
    co_await http::async_read_header(stream_, buffer_, parser, asio::redirect_error(asio::use_awaitable, ec));
    handle_.idle = false;
    if (ec == http::error::header_limit) {
      co_await answer_and_close(error_reply(431, "request header section exceeds 64 KiB"), 11);
      co_return false;
    }
    if (ec == http::error::bad_transfer_encoding || ec == http::error::bad_content_length) {
      // Including Content-Length together with Transfer-Encoding: a request-smuggling vector
      // (RFC 9112 §6.1), so the connection is not trusted with another request.
      co_await answer_and_close(error_reply(400, "invalid message framing: " + ec.message()), 11);
      co_return false;
    }
    if (ec) {
      // end_of_stream / partial_message: the client closed; timeouts and resets: gone.
      if (is_http_error(ec) && ec != http::error::end_of_stream && ec != http::error::partial_message) {
        co_await answer_and_close(error_reply(400, "malformed HTTP request: " + ec.message()), 11);
      }
      co_return false;
    }

    const auto& request = parser.get();
    const unsigned version = request.version();
    const bool keep_alive = request.keep_alive();
    if (request.count(http::field::transfer_encoding) > 0 && !parser.chunked()) {
      // A transfer coding other than chunked last: the body length cannot be known (RFC 9112 §6.3).
      co_await answer_and_close(error_reply(400, "unsupported Transfer-Encoding"), version);
      co_return false;
    }

    const auto route = parse_route(request.target());
    if (!route) co_return co_await answer_early(parser, error_reply(404, "not found"), version, keep_alive);
    const auto method = request.method();
    const bool method_ok = route->is_post() ? method == http::verb::post
                                            : method == http::verb::get || method == http::verb::head;
    if (!method_ok) {
      Reply reply = error_reply(405, "method not allowed");
      reply.allow = route->allow();
      co_return co_await answer_early(parser, std::move(reply), version, keep_alive);
    }
    if (!route->is_post()) co_return co_await answer_early(parser, context_.app.get(*route), version, keep_alive);
    if (route->id == RouteId::reset) co_return co_await answer_early(parser, context_.app.reset(), version, keep_alive);

    const std::string_view media_type = route->id == RouteId::events ? "application/json" : "text/plain";
    if (!has_media_type(header(parser, http::field::content_type), media_type)) {
      const auto message = "Content-Type must be " + std::string(media_type);
      co_return co_await answer_early(parser, error_reply(415, message), version, keep_alive);
    }
    co_return co_await serve_post(parser, route->id, version, keep_alive);
  }

  // A POST whose route wants the body: size (413), read, then the route (UTF-8 and its own).
  asio::awaitable<bool> serve_post(Parser& parser, RouteId route, unsigned version, bool keep_alive) {
    const std::uint64_t limit = context_.app.max_body_bytes();
    if (const auto length = parser.content_length(); length && *length > limit) {
      co_await answer_too_large(limit, version);
      co_return false;
    }
    if (expects_continue(parser) && !parser.is_done()) {
      http::response<http::empty_body> go_on{http::status::continue_, version};
      beast::error_code ec;
      stream_.expires_after(kIoTimeout);
      co_await http::async_write(stream_, go_on, asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return false;
    }
    switch (co_await read_body(parser, limit)) {
      case BodyStatus::complete:
        break;
      case BodyStatus::too_large:
        co_await answer_too_large(limit, version);
        co_return false;
      case BodyStatus::broken:
        co_await answer_and_close(error_reply(400, "could not read the request body"), version);
        co_return false;
      case BodyStatus::closed:
        co_return false;
    }
    Reply reply = route == RouteId::events ? context_.app.events(body_.view(), body_.readable_bytes())
                                           : context_.app.reads(body_.view());
    body_.release_if_larger_than(kKeptBodyBytes);
    co_return co_await write(std::move(reply), version, false, keep_alive);
  }

  // Reads the whole body into body_, refusing more than `limit` bytes: Content-Length was
  // checked before, a chunked body is stopped one byte past the limit.
  asio::awaitable<BodyStatus> read_body(Parser& parser, std::uint64_t limit) {
    body_.clear();
    const auto length = parser.content_length();
    if (length) body_.reserve_more(static_cast<std::size_t>(*length));
    while (!parser.is_done()) {
      if (!length && body_.free_bytes() < kChunkBytes) {
        const std::uint64_t allowed = room_until_over(limit, body_.size());
        body_.reserve_more(static_cast<std::size_t>(std::min<std::uint64_t>(std::max(body_.size(), kChunkBytes), allowed)));
      }
      std::size_t room = body_.free_bytes();
      if (!length) room = static_cast<std::size_t>(std::min<std::uint64_t>(room, room_until_over(limit, body_.size())));
      auto& target = parser.get().body();
      target.data = body_.free_space();
      target.size = room;
      beast::error_code ec;
      stream_.expires_after(kIoTimeout);
      co_await http::async_read(stream_, buffer_, parser, asio::redirect_error(asio::use_awaitable, ec));
      body_.commit(room - target.size);
      if (ec == http::error::need_buffer) ec = {};
      if (ec) co_return is_http_error(ec) && ec != http::error::partial_message ? BodyStatus::broken : BodyStatus::closed;
      if (body_.size() > limit) co_return BodyStatus::too_large;
    }
    co_return BodyStatus::complete;
  }

  // Reads and drops a body nobody needs; false when it is over kDrainCap or broken.
  asio::awaitable<bool> discard_body(Parser& parser) {
    if (const auto length = parser.content_length(); length && *length > kDrainCap) co_return false;
    body_.clear();
    body_.reserve_more(kChunkBytes);
    std::uint64_t dropped = 0;
    while (!parser.is_done()) {
      if (dropped > kDrainCap) co_return false;
      auto& target = parser.get().body();
      target.data = body_.free_space();
      target.size = body_.free_bytes();
      beast::error_code ec;
      stream_.expires_after(kIoTimeout);
      co_await http::async_read(stream_, buffer_, parser, asio::redirect_error(asio::use_awaitable, ec));
      dropped += body_.free_bytes() - target.size;
      if (ec == http::error::need_buffer) ec = {};
      if (ec) co_return false;
    }
    co_return true;
  }

  // An answer decided before the body was read (404, 405, 415, the GET routes, reset): the
  // body is read and dropped first, so the connection stays usable, unless the client waits
  // for 100 Continue (it has not sent the body) or the body is too large to drain.
  asio::awaitable<bool> answer_early(Parser& parser, Reply reply, unsigned version, bool keep_alive) {
    const bool head = parser.get().method() == http::verb::head;
    if (parser.is_done()) co_return co_await write(std::move(reply), version, head, keep_alive);
    if (!expects_continue(parser) && co_await discard_body(parser)) {
      co_return co_await write(std::move(reply), version, head, keep_alive);
    }
    co_await answer_and_close(std::move(reply), version);
    co_return false;
  }

  // 413 with Connection: close; the rest of the body is read and dropped before closing.
  asio::awaitable<void> answer_too_large(std::uint64_t limit, unsigned version) {
    co_await answer_and_close(error_reply(413, "request body exceeds " + std::to_string(limit) + " bytes"), version);
  }

  asio::awaitable<void> answer_and_close(Reply reply, unsigned version) {
    reply.close = true;
    co_await write(std::move(reply), version, false, false);
    co_await linger();
  }

  // Half-closes, then reads until the client closes (it has the answer), a cap, or a timeout:
  // closing with unread data would make the kernel send a reset that can destroy the answer.
  asio::awaitable<void> linger() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) co_return;
    buffer_.consume(buffer_.size());
    body_.clear();
    body_.reserve_more(kChunkBytes);
    stream_.expires_after(kLingerTimeout);
    for (std::uint64_t dropped = 0; dropped <= kDrainCap;) {
      const std::size_t n = co_await stream_.async_read_some(asio::buffer(body_.free_space(), body_.free_bytes()),
                                                             asio::redirect_error(asio::use_awaitable, ec));
      if (ec) break;
      dropped += n;
    }
    body_.release_if_larger_than(kKeptBodyBytes);
  }

  // Sends one answer; true when the connection stays open for another request.
  asio::awaitable<bool> write(Reply reply, unsigned version, bool head, bool keep_alive) {
    http::response<http::string_body> response{static_cast<http::status>(reply.status), version};
    response.set(http::field::content_type, "application/json");
    response.set(http::field::date, http_date());
    if (!reply.allow.empty()) response.set(http::field::allow, reply.allow);
    response.keep_alive(keep_alive && !reply.close && !context_.stopping.load());
    response.body() = std::move(reply.body);
    response.prepare_payload();
    // HEAD: the GET answer's headers (Content-Length included), without its body.
    if (head) response.body().clear();
    beast::error_code ec;
    stream_.expires_after(kIoTimeout);
    co_await http::async_write(stream_, response, asio::redirect_error(asio::use_awaitable, ec));
    co_return !ec && response.keep_alive();
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  BodyBuffer body_;
  ConnectionContext& context_;
  ConnectionHandle handle_{};
};

}  // namespace

void ConnectionRegistry::close_idle() {
  for (ConnectionHandle* handle : live_) {
    if (handle->idle) handle->stream->cancel();
  }
}

asio::awaitable<void> serve_connection(tcp::socket socket, ConnectionContext& context) {
  Connection connection(std::move(socket), context);
  try {
    co_await connection.run();
  } catch (const std::exception&) {
    // Out of memory or a bug in one request: that connection ends, the process keeps serving.
  }
}

}  // namespace processor
