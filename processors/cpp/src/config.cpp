#include "config.hpp"

#include <charconv>
#include <cstdlib>
#include <string_view>

namespace processor {
namespace {

// More threads than this is a typo, not a CPU budget.
constexpr unsigned kMaxThreads = 1024;

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

// A decimal integer in [min, max] with nothing around it but whitespace.
std::optional<std::uint64_t> parse_integer(std::string_view text, std::uint64_t min, std::uint64_t max) {
  text = trim(text);
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || value < min || value > max) {
    return std::nullopt;
  }
  return value;
}

ConfigError invalid(const char* name, const std::string& value, const char* expected) {
  return ConfigError{std::string("invalid ") + name + "=\"" + value + "\": expected " + expected};
}

}  // namespace

std::variant<Config, ConfigError> config_from(const EnvLookup& lookup) {
  Config config;
  const auto get = [&](const char* name) -> std::optional<std::string> {
    auto value = lookup(name);
    if (!value || trim(*value).empty()) return std::nullopt;
    return value;
  };

  if (auto host = get("HOST")) config.host = std::string(trim(*host));
  if (auto port = get("PORT")) {
    const auto n = parse_integer(*port, 0, 65535);
    if (!n) return invalid("PORT", *port, "a TCP port 0-65535");
    config.port = static_cast<std::uint16_t>(*n);
  }
  if (auto threads = get("THREADS")) {
    const auto n = parse_integer(*threads, 1, kMaxThreads);
    if (!n) return invalid("THREADS", *threads, "an integer from 1 to 1024");
    config.threads = static_cast<unsigned>(*n);
  }
  if (auto limit = get("MAX_BODY_BYTES")) {
    const auto n = parse_integer(*limit, 0, UINT64_MAX);
    if (!n) return invalid("MAX_BODY_BYTES", *limit, "a non-negative integer");
    config.max_body_bytes = *n;
  }
  return config;
}

std::variant<Config, ConfigError> config_from_environment() {
  return config_from([](const char* name) -> std::optional<std::string> {
    const char* value = std::getenv(name);
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  });
}

}  // namespace processor
