// One HTTP/1.1 connection: requests in order on one keep-alive socket, the ordered checks of
// the spec that concern HTTP (path, method, content type, size), reading or discarding bodies,
// and closing without losing an early answer.
#pragma once

#include <atomic>
#include <cstddef>
#include <unordered_set>

#include "asio.hpp"

namespace processor {

class App;

/// What the stop logic needs to see of a live connection.
struct ConnectionHandle {
  beast::tcp_stream* stream;
  /// Waiting for a request header: nothing in flight, safe to close on stop.
  bool idle = true;
};

/// The live connections of one event-loop thread; used only from that thread.
class ConnectionRegistry {
 public:
  void add(ConnectionHandle* handle) { live_.insert(handle); }
  void remove(ConnectionHandle* handle) { live_.erase(handle); }
  /// On stop: ends every connection that is between requests; the others finish theirs.
  void close_idle();

 private:
  std::unordered_set<ConnectionHandle*> live_;
};

/// What a connection shares with the server.
struct ConnectionContext {
  App& app;
  ConnectionRegistry& registry;
  const std::atomic<bool>& stopping;
  /// Connections alive on every thread; decremented when one ends.
  std::atomic<std::size_t>& live;
};

/// Serves `socket` until the client closes, an error ends it, or the server stops.
asio::awaitable<void> serve_connection(tcp::socket socket, ConnectionContext& context);

}  // namespace processor
