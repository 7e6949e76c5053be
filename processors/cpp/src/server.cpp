#include "server.hpp"

#include <csignal>
#include <cstdio>
#include <string>
#include <thread>

namespace processor {
namespace {

using namespace std::chrono_literals;

// Pause after a failed accept (e.g. out of file descriptors) so the loop does not spin.
constexpr auto kAcceptBackoff = 10ms;
// How often a stopping server checks whether its last connection has ended.
constexpr auto kStopPoll = 5ms;

void run_loop(asio::io_context& context) {
  for (;;) {
    try {
      context.run();
      return;
    } catch (const std::exception& e) {
      // Connections catch their own errors; anything here is a bug, worth one line.
      std::fprintf(stderr, "processor: event loop error: %s\n", e.what());
    }
  }
}

}  // namespace

struct Server::Worker {
  Worker(App& app, const std::atomic<bool>& stopping, std::atomic<std::size_t>& live)
      : connection_context{app, registry, stopping, live} {}

  // Declared before the context, so that connections still in the context when it is
  // destroyed (after a forced stop) can unregister themselves.
  ConnectionRegistry registry;
  ConnectionContext connection_context;
  // One thread per context: Asio may then skip its internal locking.
  asio::io_context context{1};
  asio::executor_work_guard<asio::io_context::executor_type> keep_running{context.get_executor()};
};

Server::Server(const Config& config) : app_(config.max_body_bytes, config.threads) {
  for (unsigned i = 0; i < config.threads; ++i) workers_.push_back(std::make_unique<Worker>(app_, stopping_, live_));
  asio::io_context& main = workers_.front()->context;
  const std::string where = config.host + ":" + std::to_string(config.port);
  try {
    tcp::resolver resolver(main);
    const auto endpoints = resolver.resolve(config.host, std::to_string(config.port),
                                            tcp::resolver::passive | tcp::resolver::numeric_service);
    const tcp::endpoint endpoint = *endpoints.begin();
    acceptor_ = std::make_unique<tcp::acceptor>(main);
    acceptor_->open(endpoint.protocol());
    acceptor_->set_option(asio::socket_base::reuse_address(true));
    acceptor_->bind(endpoint);
    acceptor_->listen(asio::socket_base::max_listen_connections);
  } catch (const boost::system::system_error& e) {
    throw StartupError("cannot listen on " + where + ": " + e.code().message());
  }
}

Server::~Server() {
  for (auto& worker : workers_) worker->context.stop();
}

std::uint16_t Server::port() const { return acceptor_->local_endpoint().port(); }

void Server::stop_on_signals() {
  signals_ = std::make_unique<asio::signal_set>(workers_.front()->context, SIGTERM, SIGINT);
  signals_->async_wait([this](const beast::error_code& ec, int) {
    if (!ec) begin_stop();
  });
}

void Server::run() {
  asio::co_spawn(workers_.front()->context, accept_loop(), asio::detached);
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < workers_.size(); ++i) {
    threads.emplace_back([&context = workers_[i]->context] { run_loop(context); });
  }
  run_loop(workers_.front()->context);
  for (auto& thread : threads) thread.join();
}

void Server::request_stop() {
  asio::post(workers_.front()->context, [this] { begin_stop(); });
}

asio::awaitable<void> Server::accept_loop() {
  std::size_t next = 0;
  asio::steady_timer backoff(co_await asio::this_coro::executor);
  while (!stopping_.load()) {
    Worker& target = *workers_[next++ % workers_.size()];
    beast::error_code ec;
    tcp::socket socket = co_await acceptor_->async_accept(target.context, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (stopping_.load() || !acceptor_->is_open()) co_return;
      backoff.expires_after(kAcceptBackoff);
      co_await backoff.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    // Responses are written in one go; Nagle would only add latency.
    socket.set_option(tcp::no_delay(true), ec);
    live_.fetch_add(1);
    asio::co_spawn(target.context, serve_connection(std::move(socket), target.connection_context), asio::detached);
  }
}

void Server::begin_stop() {
  if (stopping_.exchange(true)) return;
  beast::error_code ignored;
  acceptor_->close(ignored);
  if (signals_) signals_->cancel(ignored);
  for (auto& worker : workers_) {
    asio::post(worker->context, [&registry = worker->registry] { registry.close_idle(); });
    worker->keep_running.reset();
  }
  asio::co_spawn(workers_.front()->context, wait_for_connections(), asio::detached);
}

// Polls rather than being woken by the last connection: connections end on any thread, and
// polling for at most kStopDeadline is simpler than handing that wake-up across threads.
asio::awaitable<void> Server::wait_for_connections() {
  asio::steady_timer tick(co_await asio::this_coro::executor);
  const auto deadline = std::chrono::steady_clock::now() + kStopDeadline;
  while (live_.load() > 0) {
    if (std::chrono::steady_clock::now() >= deadline) {
      for (auto& worker : workers_) worker->context.stop();
      co_return;
    }
    tick.expires_after(kStopPoll);
    beast::error_code ec;
    co_await tick.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
}

}  // namespace processor
