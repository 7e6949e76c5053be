//! Makes serde_json accept the two inputs on which it is stricter than `JSON.parse`.
//!
//! - A number beyond the f64 range (`1e400`) is ±Infinity in JavaScript; serde_json refuses the
//!   whole document. Replacing the literal with `null` keeps every outcome the spec defines: for
//!   `ts`, `value`, `key` and `kind` both are rejections with that field's reason, as an element
//!   both are `type`, and in an ignored field neither matters.
//! - A `\u` escape of a lone surrogate (`"\ud800"`) is a one-unit string in JavaScript;
//!   serde_json refuses the document. Replacing it with `\ufffd` (same length, as Go's decoder
//!   does) keeps every outcome: such a string is never a valid key or kind, and never equals a
//!   field name the processor reads.
//!
//! Only called after a parse has failed, so well-formed batches never pay for the scan.

/// Returns the rewritten document, or `None` when there is nothing to rewrite (the parse error
/// was a genuine syntax error and stands).
pub fn rewrite(json: &str) -> Option<String> {
    let bytes = json.as_bytes();
    let mut out: Vec<u8> = Vec::new();
    let mut copied = 0;
    let mut replace = |start: usize, end: usize, with: &[u8], out: &mut Vec<u8>| {
        out.extend_from_slice(&bytes[copied..start]);
        out.extend_from_slice(with);
        copied = end;
    };

    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() {
                    match bytes[i] {
                        b'"' => {
                            i += 1;
                            break;
                        }
                        b'\\' if bytes.get(i + 1) == Some(&b'u') => {
                            let Some(unit) = hex4(bytes, i + 2) else {
                                i += 2; // invalid escape: the parser rejects it, leave it
                                continue;
                            };
                            if (0xD800..=0xDBFF).contains(&unit) && next_is_low_surrogate(bytes, i + 6) {
                                i += 12;
                            } else if (0xD800..=0xDFFF).contains(&unit) {
                                replace(i, i + 6, b"\\ufffd", &mut out);
                                i += 6;
                            } else {
                                i += 6;
                            }
                        }
                        b'\\' => i += 2,
                        _ => i += 1,
                    }
                }
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                while i < bytes.len() && matches!(bytes[i], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-') {
                    i += 1;
                }
                let token = &json[start..i];
                if is_json_number(token) && token.parse::<f64>().is_ok_and(f64::is_infinite) {
                    replace(start, i, b"null", &mut out);
                }
            }
            _ => i += 1,
        }
    }

    if copied == 0 {
        return None;
    }
    out.extend_from_slice(&bytes[copied..]);
    // Only ASCII was swapped for ASCII at token boundaries, so this cannot fail.
    String::from_utf8(out).ok()
}

fn hex4(bytes: &[u8], at: usize) -> Option<u16> {
    let digits = bytes.get(at..at + 4)?;
    let text = std::str::from_utf8(digits).ok()?;
    if !digits.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    u16::from_str_radix(text, 16).ok()
}

fn next_is_low_surrogate(bytes: &[u8], at: usize) -> bool {
    bytes.get(at) == Some(&b'\\')
        && bytes.get(at + 1) == Some(&b'u')
        && hex4(bytes, at + 2).is_some_and(|u| (0xDC00..=0xDFFF).contains(&u))
}

/// RFC 8259 number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
/// Checked so that a literal JSON refuses (`01e999`) is never turned into a valid `null`.
fn is_json_number(token: &str) -> bool {
    let b = token.as_bytes();
    let mut i = 0;
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        let digits = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == digits {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let digits = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == digits {
            return false;
        }
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaves_well_formed_json_alone() {
        assert_eq!(rewrite(r#"[{"key":"a","ts":1,"value":1.5e10,"kind":"reading"}]"#), None);
    }

    #[test]
    fn replaces_overflowing_numbers_with_null() {
        assert_eq!(rewrite("[1e400,-1e400,1.5]").as_deref(), Some("[null,null,1.5]"));
        let long = format!("[1{}]", "0".repeat(400));
        assert_eq!(rewrite(&long).as_deref(), Some("[null]"));
    }

    #[test]
    fn keeps_underflowing_numbers() {
        assert_eq!(rewrite("[1e-400]"), None);
    }

    #[test]
    fn does_not_repair_invalid_number_literals() {
        assert_eq!(rewrite("[01e999]"), None);
        assert_eq!(rewrite("[1.e999]"), None);
    }

    #[test]
    fn ignores_number_like_text_inside_strings() {
        assert_eq!(rewrite(r#"["1e400"]"#), None);
    }

    #[test]
    fn replaces_lone_surrogate_escapes() {
        assert_eq!(rewrite(r#"["\ud800"]"#).as_deref(), Some(r#"["\ufffd"]"#));
        assert_eq!(rewrite(r#"["\udc00x"]"#).as_deref(), Some(r#"["\ufffdx"]"#));
        assert_eq!(rewrite(r#"["\ud800\u0041"]"#).as_deref(), Some(r#"["\ufffd\u0041"]"#));
    }

    #[test]
    fn keeps_surrogate_pairs_and_escaped_backslashes() {
        assert_eq!(rewrite(r#"["\ud83d\ude00"]"#), None);
        assert_eq!(rewrite(r#"["\\ud800"]"#), None);
    }
}
