#include "events.hpp"

#include <simdjson.h>

#include <cmath>
#include <cstring>

#include "js_compat.hpp"

namespace processor::events {
namespace {

namespace dom = simdjson::dom;

// A parser keeps what it grew to for bodies up to this size; larger ones are given back.
constexpr std::size_t kRetainedCapacity = 1 << 20;

bool valid_key_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
         c == ':' || c == '-';
}

// An integer value (`1.0` and `1e3` count, and `-0`, as Number.isInteger says) in 0 ..= 2^53−1.
std::optional<std::uint64_t> valid_ts(const dom::element& n) {
  switch (n.type()) {
    case dom::element_type::INT64: {
      const std::int64_t i = n.get_int64().value_unsafe();
      if (i >= 0 && static_cast<std::uint64_t>(i) <= kMaxTs) return static_cast<std::uint64_t>(i);
      return std::nullopt;
    }
    case dom::element_type::UINT64:  // only used above INT64_MAX, so always too large
      return std::nullopt;
    case dom::element_type::DOUBLE: {
      const double f = n.get_double().value_unsafe();
      if (f >= 0.0 && f <= static_cast<double>(kMaxTs) && std::trunc(f) == f) return static_cast<std::uint64_t>(f);
      return std::nullopt;
    }
    default:
      return std::nullopt;
  }
}

// A finite number. Integers convert with round-to-nearest, which is how JavaScript reads them.
std::optional<double> valid_value(const dom::element& n) {
  switch (n.type()) {
    case dom::element_type::INT64:
      return static_cast<double>(n.get_int64().value_unsafe());
    case dom::element_type::UINT64:
      return static_cast<double>(n.get_uint64().value_unsafe());
    case dom::element_type::DOUBLE: {
      const double f = n.get_double().value_unsafe();
      if (std::isfinite(f)) return f;
      return std::nullopt;
    }
    default:
      return std::nullopt;
  }
}

// Length first, then a memcmp of a length the compiler knows (inlined): string_view's == goes
// through compare() and a library memcmp call, which callgrind showed as ~25% of the element
// walk when every field name was compared that way.
bool equals(std::string_view text, std::string_view literal) {
  return text.size() == literal.size() && std::memcmp(text.data(), literal.data(), literal.size()) == 0;
}

std::optional<Kind> valid_kind(const dom::element& k) {
  if (k.type() != dom::element_type::STRING) return std::nullopt;
  const std::string_view s = k.get_string().value_unsafe();
  if (equals(s, "reading")) return Kind::reading;
  if (equals(s, "alert")) return Kind::alert;
  if (equals(s, "heartbeat")) return Kind::heartbeat;
  return std::nullopt;
}

enum class Field { key, ts, value, kind, other };

Field field_of(std::string_view name) {
  if (equals(name, "key")) return Field::key;
  if (equals(name, "ts")) return Field::ts;
  if (equals(name, "value")) return Field::value;
  if (equals(name, "kind")) return Field::kind;
  return Field::other;
}

// One element, checked in the specified order: type, key, ts, value, kind.
struct Checked {
  std::optional<Event> event;
  Reason reason = Reason::type;
};

Checked check_element(const dom::element& element) {
  if (element.type() != dom::element_type::OBJECT) return {std::nullopt, Reason::type};
  std::optional<dom::element> key, ts, value, kind;
  // Iterated rather than looked up: a repeated name must end with its last value, as in
  // JSON.parse. Names arrive unescaped ("k\u0065y" is key).
  const dom::object object = element.get_object().value_unsafe();
  for (const dom::key_value_pair field : object) {
    switch (field_of(field.key)) {
      case Field::key: key = field.value; break;
      case Field::ts: ts = field.value; break;
      case Field::value: value = field.value; break;
      case Field::kind: kind = field.value; break;
      case Field::other: break;
    }
  }
  if (!key || key->type() != dom::element_type::STRING) return {std::nullopt, Reason::key};
  const std::string_view key_text = key->get_string().value_unsafe();
  if (!is_valid_key(key_text)) return {std::nullopt, Reason::key};
  const auto ts_value = ts ? valid_ts(*ts) : std::nullopt;
  if (!ts_value) return {std::nullopt, Reason::ts};
  const auto number = value ? valid_value(*value) : std::nullopt;
  if (!number) return {std::nullopt, Reason::value};
  const auto kind_value = kind ? valid_kind(*kind) : std::nullopt;
  if (!kind_value) return {std::nullopt, Reason::kind};
  return {Event{key_text, *ts_value, *number, *kind_value}, Reason::type};
}

}  // namespace

std::string_view reason_name(Reason reason) {
  switch (reason) {
    case Reason::type: return "type";
    case Reason::key: return "key";
    case Reason::ts: return "ts";
    case Reason::value: return "value";
    case Reason::kind: return "kind";
  }
  return "type";
}

void Batch::clear() {
  events.clear();
  rejected = 0;
  errors.clear();
}

void Batch::reject(std::size_t index, Reason reason) {
  ++rejected;
  if (errors.size() < kMaxListedErrors) errors.push_back({index, reason});
}

bool is_valid_key(std::string_view key) {
  if (key.empty() || key.size() > kMaxKeyLength) return false;
  for (const char c : key) {
    if (!valid_key_byte(c)) return false;
  }
  return true;
}

struct BatchParser::Impl {
  dom::parser parser;
  /// For a body nested deeper than simdjson's default (1024 levels): JSON.parse has no depth
  /// limit, and neither have the Go and Rust implementations, so a deep element must be a
  /// `type` rejection here too, not a 400 for the whole batch. A parser as deep as the body
  /// could nest costs 9 bytes per level, so it exists only for such a body.
  std::unique_ptr<dom::parser> deep;

  simdjson::simdjson_result<dom::element> run(std::string_view text, bool padded) {
    auto parsed = parser.parse(text.data(), text.size(), !padded);
    if (parsed.error() != simdjson::DEPTH_ERROR) return parsed;
    deep = std::make_unique<dom::parser>();
    if (const auto error = deep->allocate(text.size(), text.size() / 2 + 2)) return error;
    return deep->parse(text.data(), text.size(), !padded);
  }
};

BatchParser::BatchParser() : impl_(std::make_unique<Impl>()) {}
BatchParser::~BatchParser() = default;

std::optional<BatchError> BatchParser::parse(std::string_view body, std::size_t readable_bytes, Batch& out) {
  out.clear();
  // simdjson copies an unpadded body with memcpy, which must not be given a null pointer.
  if (body.data() == nullptr) body = std::string_view("", 0);
  const bool padded = readable_bytes >= body.size() + simdjson::SIMDJSON_PADDING;
  auto parsed = impl_->run(body, padded);
  if (parsed.error()) {
    const auto original = parsed.error();
    // JSON.parse accepts a few inputs simdjson refuses; see js_compat.hpp.
    const auto rewritten = js_compat::rewrite(body);
    if (!rewritten) return BatchError{std::string("malformed JSON: ") + simdjson::error_message(original)};
    parsed = impl_->run(*rewritten, false);
    if (parsed.error()) return BatchError{std::string("malformed JSON: ") + simdjson::error_message(original)};
  }
  const dom::element root = parsed.value_unsafe();
  if (root.type() != dom::element_type::ARRAY) return BatchError{"request body must be a JSON array of events"};

  const dom::array elements = root.get_array().value_unsafe();
  out.events.reserve(elements.size());
  std::size_t index = 0;
  for (const dom::element element : elements) {
    const Checked checked = check_element(element);
    if (checked.event) out.events.push_back(*checked.event);
    else out.reject(index, checked.reason);
    ++index;
  }
  return std::nullopt;
}

void BatchParser::release_large_buffers() {
  impl_->deep.reset();
  // A fresh parser: allocate() would shrink the parser's own buffers but not its document's.
  if (impl_->parser.capacity() > kRetainedCapacity) impl_->parser = dom::parser{};
}

}  // namespace processor::events
