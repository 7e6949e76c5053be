#include "js_compat.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>

namespace processor::js_compat {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::optional<unsigned> hex4(std::string_view text, std::size_t at) {
  if (at + 4 > text.size()) return std::nullopt;
  unsigned unit = 0;
  for (std::size_t i = at; i < at + 4; ++i) {
    const char c = text[i];
    unsigned digit = 0;
    if (c >= '0' && c <= '9') digit = static_cast<unsigned>(c - '0');
    else if (c >= 'a' && c <= 'f') digit = static_cast<unsigned>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') digit = static_cast<unsigned>(c - 'A' + 10);
    else return std::nullopt;
    unit = unit * 16 + digit;
  }
  return unit;
}

bool low_surrogate_escape_at(std::string_view text, std::size_t at) {
  if (at + 1 >= text.size() || text[at] != '\\' || text[at + 1] != 'u') return false;
  const auto unit = hex4(text, at + 2);
  return unit && *unit >= 0xDC00 && *unit <= 0xDFFF;
}

bool fits_64_bits(std::string_view integer_literal) {
  const char* first = integer_literal.data();
  const char* last = first + integer_literal.size();
  if (integer_literal.front() == '-') {
    std::int64_t v = 0;
    return std::from_chars(first, last, v).ec == std::errc{};
  }
  std::uint64_t v = 0;
  return std::from_chars(first, last, v).ec == std::errc{};
}

// What JSON.parse makes of a number literal simdjson refuses, as a literal simdjson accepts;
// nothing when simdjson accepts the literal as it is.
std::optional<std::string> number_replacement(std::string_view token) {
  if (!is_json_number(token)) return std::nullopt;
  const bool integer = token.find_first_of(".eE") == std::string_view::npos;
  if (integer && fits_64_bits(token)) return std::nullopt;
  // strtod needs a terminated string; this process never changes the "C" locale.
  const std::string terminated(token);
  const double value = std::strtod(terminated.c_str(), nullptr);
  if (std::isinf(value)) return std::string("null");
  if (!integer) return std::nullopt;
  // Exponent notation, so that the replacement is read as a float, never as a 64-bit integer.
  std::array<char, 32> text;
  const auto result = std::to_chars(text.data(), text.data() + text.size(), value, std::chars_format::scientific);
  return std::string(text.data(), result.ptr);
}

}  // namespace

bool is_json_number(std::string_view token) {
  std::size_t i = 0;
  const auto digits = [&] {
    const std::size_t start = i;
    while (i < token.size() && is_digit(token[i])) ++i;
    return i > start;
  };
  if (i < token.size() && token[i] == '-') ++i;
  if (i < token.size() && token[i] == '0') {
    ++i;
  } else if (i < token.size() && token[i] >= '1' && token[i] <= '9') {
    digits();
  } else {
    return false;
  }
  if (i < token.size() && token[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < token.size() && (token[i] == 'e' || token[i] == 'E')) {
    ++i;
    if (i < token.size() && (token[i] == '+' || token[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == token.size();
}

std::optional<std::string> rewrite(std::string_view json) {
  std::string out;
  std::size_t copied = 0;  // json[0, copied) is already in `out`
  bool changed = false;
  const auto replace = [&](std::size_t start, std::size_t end, std::string_view with) {
    out.append(json.substr(copied, start - copied));
    out.append(with);
    copied = end;
    changed = true;
  };

  std::size_t i = 0;
  while (i < json.size()) {
    const char c = json[i];
    if (c == '"') {
      ++i;
      while (i < json.size() && json[i] != '"') {
        if (json[i] != '\\') {
          ++i;
          continue;
        }
        if (i + 1 >= json.size() || json[i + 1] != 'u') {
          i += 2;
          continue;
        }
        const auto unit = hex4(json, i + 2);
        if (!unit) {
          i += 2;  // an invalid escape: the parser refuses it, leave it as it is
        } else if (*unit >= 0xD800 && *unit <= 0xDBFF && low_surrogate_escape_at(json, i + 6)) {
          i += 12;
        } else if (*unit >= 0xD800 && *unit <= 0xDFFF) {
          replace(i, i + 6, "\\ufffd");
          i += 6;
        } else {
          i += 6;
        }
      }
      ++i;  // the closing quote
    } else if (c == '-' || is_digit(c)) {
      const std::size_t start = i;
      while (i < json.size() && (is_digit(json[i]) || json[i] == '.' || json[i] == 'e' || json[i] == 'E' ||
                                 json[i] == '+' || json[i] == '-')) {
        ++i;
      }
      if (auto replacement = number_replacement(json.substr(start, i - start))) replace(start, i, *replacement);
    } else {
      ++i;
    }
  }
  if (!changed) return std::nullopt;
  out.append(json.substr(copied));
  return out;
}

}  // namespace processor::js_compat
