// The built binary as the harness runs it: environment, SIGTERM, exit codes.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "raw_client.hpp"

extern char** environ;

namespace processor {
namespace {

using namespace std::chrono_literals;
using testing::RawClient;
using testing::http_request;

struct Child {
  pid_t pid = -1;
  int stderr_fd = -1;
};

Child start(const std::vector<std::string>& env_overrides) {
  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) env_strings.emplace_back(*e);
  for (const auto& o : env_overrides) env_strings.push_back(o);
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);

  int pipe_fds[2];
  EXPECT_EQ(::pipe(pipe_fds), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  char* argv[] = {const_cast<char*>(PROCESSOR_BINARY), nullptr};
  Child child;
  EXPECT_EQ(posix_spawn(&child.pid, PROCESSOR_BINARY, &actions, nullptr, argv, envp.data()), 0);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  child.stderr_fd = pipe_fds[0];
  return child;
}

std::string read_all(int fd) {
  std::string out;
  char buffer[512];
  ssize_t n;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<std::size_t>(n));
  ::close(fd);
  return out;
}

int wait_exit(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// A free port: bind to 0, read it, close (the processor binds it right after).
std::uint16_t free_port() {
  asio::io_context context;
  tcp::acceptor acceptor(context, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  return acceptor.local_endpoint().port();
}

bool wait_ready(std::uint16_t port) {
  for (int i = 0; i < 200; ++i) {
    try {
      RawClient client(port);
      if (const auto r = client.request(http_request("GET", "/health")); r && r->status == 200) return true;
    } catch (const std::exception&) {
    }
    std::this_thread::sleep_for(25ms);
  }
  return false;
}

class ProcessTest : public ::testing::TestWithParam<int> {};

TEST_P(ProcessTest, SigtermFinishesTheRequestInFlightAndExitsZeroWithinTwoSeconds) {
  const std::uint16_t port = free_port();
  Child child = start({"PORT=" + std::to_string(port), "THREADS=" + std::to_string(GetParam())});
  ASSERT_TRUE(wait_ready(port));
  RawClient idle(port);
  ASSERT_EQ(idle.request(http_request("GET", "/health"))->status, 200u);
  // Half a request in flight: the header is in, the body is not.
  RawClient in_flight(port);
  const std::string body = R"([{"key":"a","ts":1,"value":1,"kind":"alert"}])";
  ASSERT_TRUE(in_flight.send("POST /v1/events HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: " +
                             std::to_string(body.size()) + "\r\n\r\n"));
  std::this_thread::sleep_for(100ms);
  const auto signalled = std::chrono::steady_clock::now();
  ASSERT_EQ(::kill(child.pid, SIGTERM), 0);
  std::this_thread::sleep_for(100ms);
  ASSERT_TRUE(in_flight.send(body));
  const auto r = in_flight.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200u);
  EXPECT_EQ(r->header("connection"), "close");
  EXPECT_TRUE(idle.closed_by_server());
  EXPECT_EQ(wait_exit(child.pid), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - signalled, 2s);
  EXPECT_EQ(read_all(child.stderr_fd), "");
}

INSTANTIATE_TEST_SUITE_P(Threads, ProcessTest, ::testing::Values(1, 2));

TEST(Process, BadConfigurationIsOneLineOnStderrAndExitOne) {
  Child child = start({"THREADS=0"});
  EXPECT_EQ(wait_exit(child.pid), 1);
  EXPECT_EQ(read_all(child.stderr_fd), "processor: invalid THREADS=\"0\": expected an integer from 1 to 1024\n");
}

TEST(Process, PortInUseIsOneLineOnStderrAndExitOne) {
  asio::io_context context;
  tcp::acceptor taken(context, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  Child child = start({"PORT=" + std::to_string(taken.local_endpoint().port())});
  EXPECT_EQ(wait_exit(child.pid), 1);
  const std::string err = read_all(child.stderr_fd);
  EXPECT_NE(err.find("processor: cannot listen on 127.0.0.1:"), std::string::npos) << err;
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1);
}

}  // namespace
}  // namespace processor
