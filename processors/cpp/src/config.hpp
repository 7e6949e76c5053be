// Configuration from the environment: HOST, PORT, THREADS, MAX_BODY_BYTES.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>

namespace processor {

struct Config {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  /// Event-loop threads: the project's single CPU-budget knob.
  unsigned threads = 1;
  std::uint64_t max_body_bytes = 4 * 1024 * 1024;

  friend bool operator==(const Config&, const Config&) = default;
};

/// One bad variable, phrased for a one-line start-up error.
struct ConfigError {
  std::string message;
};

/// Returns a variable's value, or nothing when it is unset.
using EnvLookup = std::function<std::optional<std::string>(const char* name)>;

/// Unset or blank variables take their default; anything unparsable is an error.
std::variant<Config, ConfigError> config_from(const EnvLookup& lookup);

/// config_from(getenv).
std::variant<Config, ConfigError> config_from_environment();

}  // namespace processor
