// Routing on the raw request target (query string ignored, no percent-decoding), the allowed
// method of each route, and the media-type check of the POST routes.
#pragma once

#include <optional>
#include <string_view>

namespace processor {

enum class RouteId { health, metrics, events, key, reads, stats, reset };

struct Route {
  RouteId id;
  /// GET /v1/keys/{key}: the raw path segment.
  std::string_view key = {};

  /// GET routes also answer HEAD.
  bool is_post() const { return id == RouteId::events || id == RouteId::reads || id == RouteId::reset; }
  /// The 405's Allow header.
  std::string_view allow() const { return is_post() ? "POST" : "GET, HEAD"; }
};

/// Nothing for an unknown path; `/v1/keys/` with an empty key or more segments is unknown.
std::optional<Route> parse_route(std::string_view target);

/// The media type (before any `;`), compared case-insensitively; a missing header is wrong.
bool has_media_type(std::optional<std::string_view> content_type, std::string_view expected);

}  // namespace processor
