// The Date header (RFC 9110 §6.6.1: an origin server with a clock sends it), formatted once per
// second per thread rather than per response.
#pragma once

#include <string_view>

namespace processor {

/// e.g. "Mon, 01 Dec 2026 09:00:00 GMT"; valid until the next call on this thread.
std::string_view http_date();

}  // namespace processor
