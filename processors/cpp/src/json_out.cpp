#include "json_out.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <string_view>

namespace processor::json {

void append_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (byte < 0x20) {
      out.append("\\u00");
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0xF]);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

void append_uint(std::string& out, std::uint64_t value) {
  std::array<char, 20> digits;
  const auto result = std::to_chars(digits.data(), digits.data() + digits.size(), value);
  out.append(digits.data(), result.ptr);
}

void append_double(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out.append("null");
    return;
  }
  const double magnitude = std::fabs(value);
  const bool plain = magnitude == 0.0 || (magnitude >= 1e-6 && magnitude < 1e21);
  // Plain notation of a value below 1e21 needs at most 21 integer digits, or "0.000000" and
  // 17 significant digits below 1; exponent notation at most 24 characters.
  std::array<char, 48> text;
  const auto result = std::to_chars(text.data(), text.data() + text.size(), value,
                                    plain ? std::chars_format::fixed : std::chars_format::scientific);
  const std::string_view written(text.data(), static_cast<std::size_t>(result.ptr - text.data()));
  if (plain) {
    out.append(written);
    return;
  }
  // to_chars writes at least two exponent digits ("1e-07"); JavaScript writes no padding.
  const std::size_t sign = written.find('e') + 1;
  std::size_t digits = sign + 1;
  while (digits + 1 < written.size() && written[digits] == '0') ++digits;
  out.append(written.substr(0, sign + 1));  // mantissa, 'e', sign
  out.append(written.substr(digits));
}

}  // namespace processor::json
