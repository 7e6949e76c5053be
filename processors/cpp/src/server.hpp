// The listener and the event loops: one io_context per THREADS, each run by one thread (the
// calling thread runs the first); accepted sockets are handed to the loops in turn. Stopping:
// stop accepting, close idle keep-alive connections, let in-flight requests finish, and end
// the loops within kStopDeadline.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <vector>

#include "app.hpp"
#include "asio.hpp"
#include "config.hpp"
#include "connection.hpp"

namespace processor {

/// In-flight requests get this long after a stop; the spec allows 2 s for the exit.
inline constexpr std::chrono::milliseconds kStopDeadline{1500};

/// The server could not start (bad address, port in use); the message is one line.
class StartupError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Server {
 public:
  /// Binds the listener (throws StartupError); nothing is served until run().
  explicit Server(const Config& config);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// The bound port (useful with PORT=0).
  std::uint16_t port() const;
  /// Stops (as request_stop) on SIGTERM or SIGINT.
  void stop_on_signals();
  /// Serves until stopped; returns once every event loop has ended.
  void run();
  /// Thread-safe; may be called more than once.
  void request_stop();

  App& app() { return app_; }

 private:
  struct Worker;

  asio::awaitable<void> accept_loop();
  asio::awaitable<void> wait_for_connections();
  void begin_stop();

  App app_;
  std::atomic<bool> stopping_{false};
  std::atomic<std::size_t> live_{0};
  std::vector<std::unique_ptr<Worker>> workers_;
  std::unique_ptr<tcp::acceptor> acceptor_;
  std::unique_ptr<asio::signal_set> signals_;
};

}  // namespace processor
