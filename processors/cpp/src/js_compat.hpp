// Makes simdjson accept the inputs on which it is stricter than JSON.parse, with equivalents
// that validate the same way:
// - a number literal beyond the float64 range (`1e400`) is ±Infinity in JavaScript; simdjson
//   refuses the document. It becomes `null`: for `ts`, `value`, `key` and `kind` both are that
//   field's rejection, as an element both are `type`, in an ignored field neither matters;
// - an integer literal beyond 64 bits (`100000000000000000000`) is an ordinary float in
//   JavaScript; simdjson refuses it. It becomes the same float64 in exponent notation
//   (`1e+20`), which simdjson reads as a float;
// - a `\u` escape of a lone surrogate (`"\ud800"`) is a one-unit JavaScript string; simdjson
//   refuses the document. It becomes `\ufffd` (what Go's decoder produces): such a string is
//   never a valid key or kind, and never equals a field name the processor reads.
// Only called after a parse has failed, so well-formed batches never pay for the scan.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace processor::js_compat {

/// The rewritten document, or nothing when there was nothing to rewrite (the parse error was a
/// genuine syntax error and stands).
std::optional<std::string> rewrite(std::string_view json);

/// RFC 8259 number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`. Checked so
/// that a literal JSON refuses (`01e999`) is never turned into a valid one.
bool is_json_number(std::string_view token);

}  // namespace processor::js_compat
