// Entry point: configuration, the server, signals, exit codes.
#include <cstdio>
#include <variant>

#include "config.hpp"
#include "server.hpp"

namespace {

// Start-up failures: one line on stderr, non-zero exit.
int fail(const std::string& message) {
  std::fprintf(stderr, "processor: %s\n", message.c_str());
  return 1;
}

}  // namespace

int main() {
  auto configured = processor::config_from_environment();
  if (const auto* error = std::get_if<processor::ConfigError>(&configured)) return fail(error->message);
  const auto& config = std::get<processor::Config>(configured);
  try {
    processor::Server server(config);
    server.stop_on_signals();
    server.run();
  } catch (const processor::StartupError& e) {
    return fail(e.what());
  } catch (const std::exception& e) {
    return fail(std::string("unexpected error: ") + e.what());
  }
  return 0;
}
