#include "config.hpp"

#include <gtest/gtest.h>

#include <map>

namespace processor {
namespace {

std::variant<Config, ConfigError> from(const std::map<std::string, std::string>& vars) {
  return config_from([&](const char* name) -> std::optional<std::string> {
    const auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  });
}

TEST(Config, DefaultsWhenUnsetOrBlank) {
  EXPECT_EQ(std::get<Config>(from({})), Config{});
  EXPECT_EQ(std::get<Config>(from({{"THREADS", ""}, {"PORT", "  "}})), Config{});
}

TEST(Config, ReadsEveryVariable) {
  const Config c = std::get<Config>(from({{"HOST", "0.0.0.0"}, {"PORT", "9001"}, {"THREADS", "2"}, {"MAX_BODY_BYTES", "10"}}));
  EXPECT_EQ(c, (Config{"0.0.0.0", 9001, 2, 10}));
}

TEST(Config, RefusesZeroThreads) {
  EXPECT_NE(std::get<ConfigError>(from({{"THREADS", "0"}})).message.find("THREADS"), std::string::npos);
}

TEST(Config, RefusesBadPorts) {
  EXPECT_TRUE(std::holds_alternative<ConfigError>(from({{"PORT", "http"}})));
  EXPECT_TRUE(std::holds_alternative<ConfigError>(from({{"PORT", "70000"}})));
  EXPECT_TRUE(std::holds_alternative<ConfigError>(from({{"PORT", "80x"}})));
}

TEST(Config, RefusesNegativeBodyLimit) {
  EXPECT_TRUE(std::holds_alternative<ConfigError>(from({{"MAX_BODY_BYTES", "-1"}})));
}

TEST(Config, ErrorIsOneLineNamingTheVariableAndValue) {
  const auto message = std::get<ConfigError>(from({{"PORT", "http"}})).message;
  EXPECT_EQ(message, "invalid PORT=\"http\": expected a TCP port 0-65535");
}

}  // namespace
}  // namespace processor
