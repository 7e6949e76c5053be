// Appends JSON scalars to a response buffer. Responses are small fixed shapes, so they are
// written field by field rather than through a DOM.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace processor::json {

/// A quoted JSON string; `"`, `\` and control characters are escaped.
void append_string(std::string& out, std::string_view text);

void append_uint(std::string& out, std::uint64_t value);

/// A float64 as JavaScript prints it (Number::toString, which JSON.stringify uses): the shortest
/// round-trip digits, plain notation from 1e-6 up to (not including) 1e21 and exponent notation
/// outside it ("1e+21", "1.5e-7"), which is also what Go's encoder prints. Negative zero is
/// "-0" (as Go prints it; JavaScript writes "0", numerically the same). JSON has no NaN or
/// infinity: non-finite values are `null`, as JSON.stringify writes them.
void append_double(std::string& out, double value);

}  // namespace processor::json
