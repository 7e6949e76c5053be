#include "router.hpp"

#include <algorithm>
#include <cctype>

namespace processor {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

}  // namespace

std::optional<Route> parse_route(std::string_view target) {
  const std::string_view path = target.substr(0, target.find('?'));
  if (path == "/health") return Route{RouteId::health};
  if (path == "/metrics") return Route{RouteId::metrics};
  if (path == "/v1/events") return Route{RouteId::events};
  if (path == "/v1/reads") return Route{RouteId::reads};
  if (path == "/v1/stats") return Route{RouteId::stats};
  if (path == "/v1/reset") return Route{RouteId::reset};
  constexpr std::string_view kKeys = "/v1/keys/";
  if (path.starts_with(kKeys)) {
    const std::string_view key = path.substr(kKeys.size());
    if (!key.empty() && key.find('/') == std::string_view::npos) return Route{RouteId::key, key};
  }
  return std::nullopt;
}

bool has_media_type(std::optional<std::string_view> content_type, std::string_view expected) {
  if (!content_type) return false;
  return iequals(trim(content_type->substr(0, content_type->find(';'))), expected);
}

}  // namespace processor
