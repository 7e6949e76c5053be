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
  if (value == 0.0) {
    out.append(std::signbit(value) ? "-0" : "0");
    return;
  }
  // The shortest round-trip digits, from to_chars' exponent form ("-3.3333333333333335e+20"),
  // then laid out as ECMAScript's Number::toString does.
  std::array<char, 32> text;
  const auto result = std::to_chars(text.data(), text.data() + text.size(), value, std::chars_format::scientific);
  std::string_view written(text.data(), static_cast<std::size_t>(result.ptr - text.data()));
  if (written.front() == '-') {
    out.push_back('-');
    written.remove_prefix(1);
  }
  const std::size_t e = written.find('e');
  std::array<char, 17> digits;
  std::size_t count = 0;
  for (const char c : written.substr(0, e)) {
    if (c != '.') digits[count++] = c;
  }
  int exponent = 0;  // value = 0.d1d2d3… × 10^(exponent + 1)
  std::from_chars(written.data() + e + (written[e + 1] == '+' ? 2 : 1), written.data() + written.size(), exponent);
  const std::string_view mantissa(digits.data(), count);
  const int n = exponent + 1;  // ECMAScript's n: the decimal point sits after n digits
  const int k = static_cast<int>(count);
  if (k <= n && n <= 21) {
    out.append(mantissa);
    out.append(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out.append(mantissa.substr(0, static_cast<std::size_t>(n)));
    out.push_back('.');
    out.append(mantissa.substr(static_cast<std::size_t>(n)));
  } else if (-6 < n && n <= 0) {
    out.append("0.");
    out.append(static_cast<std::size_t>(-n), '0');
    out.append(mantissa);
  } else {
    out.push_back(mantissa.front());
    if (k > 1) {
      out.push_back('.');
      out.append(mantissa.substr(1));
    }
    out.push_back('e');
    out.push_back(n - 1 < 0 ? '-' : '+');
    append_uint(out, static_cast<std::uint64_t>(n - 1 < 0 ? 1 - n : n - 1));
  }
}

}  // namespace processor::json
