use super::*;

fn ok(json: &str) -> Batch<'_> {
    parse_batch(json).unwrap_or_else(|e| panic!("batch refused: {e}"))
}

/// The reason of the single element in `[element]`, or `None` when it is valid.
fn reason(element: &str) -> Option<Reason> {
    let json = format!("[{element}]");
    let batch = parse_batch(&json).unwrap_or_else(|e| panic!("batch refused: {e}"));
    batch.errors.first().map(|r| r.reason)
}

const VALID: &str = r#"{"key":"sensor-00042","ts":1764144000123,"value":12.5,"kind":"reading"}"#;

#[test]
fn accepts_the_example_event() {
    let json = format!("[{VALID}]");
    let batch = ok(&json);
    assert_eq!(
        batch.events,
        vec![Event { key: "sensor-00042".into(), ts: 1764144000123, value: 12.5, kind: Kind::Reading }]
    );
    assert_eq!((batch.rejected, batch.errors.len()), (0, 0));
}

#[test]
fn borrows_keys_without_escapes() {
    let json = format!("[{VALID}]");
    let batch = ok(&json);
    assert!(matches!(batch.events[0].key, Cow::Borrowed(_)));
}

#[test]
fn non_objects_are_type() {
    for element in ["1", "\"x\"", "null", "true", "[]", "[1,{\"a\":[2]}]", "1.5e3"] {
        assert_eq!(reason(element), Some(Reason::Type), "{element}");
    }
}

#[test]
fn key_rules() {
    for element in [
        r#"{"ts":1,"value":1,"kind":"reading"}"#,
        r#"{"key":5,"ts":1,"value":1,"kind":"reading"}"#,
        r#"{"key":"","ts":1,"value":1,"kind":"reading"}"#,
        r#"{"key":"a b","ts":1,"value":1,"kind":"reading"}"#,
        r#"{"key":"é","ts":1,"value":1,"kind":"reading"}"#,
        r#"{"key":"a/b","ts":1,"value":1,"kind":"reading"}"#,
        r#"{"key":null,"ts":1,"value":1,"kind":"reading"}"#,
        r#"{"key":["a"],"ts":1,"value":1,"kind":"reading"}"#,
    ] {
        assert_eq!(reason(element), Some(Reason::Key), "{element}");
    }
    let long = "k".repeat(65);
    assert_eq!(reason(&format!(r#"{{"key":"{long}","ts":1,"value":1,"kind":"reading"}}"#)), Some(Reason::Key));
    let max = "k".repeat(64);
    assert_eq!(reason(&format!(r#"{{"key":"{max}","ts":1,"value":1,"kind":"reading"}}"#)), None);
    assert_eq!(reason(r#"{"key":"Az09_.:-","ts":1,"value":1,"kind":"reading"}"#), None);
}

#[test]
fn escaped_keys_are_unescaped_before_validation() {
    let batch = ok(r#"[{"key":"a\u002db","ts":1,"value":1,"kind":"reading"}]"#);
    assert_eq!(batch.events[0].key, "a-b");
    assert_eq!(reason(r#"{"key":"a\nb","ts":1,"value":1,"kind":"reading"}"#), Some(Reason::Key));
}

#[test]
fn ts_rules() {
    for ts in ["-1", "1.5", "\"1\"", "null", "9007199254740992", "1e16", "-1e3", "[1]", "18446744073709551616"] {
        let element = format!(r#"{{"key":"a","ts":{ts},"value":1,"kind":"reading"}}"#);
        assert_eq!(reason(&element), Some(Reason::Ts), "{ts}");
    }
    assert_eq!(reason(r#"{"key":"a","value":1,"kind":"reading"}"#), Some(Reason::Ts));
}

#[test]
fn ts_accepts_integer_values_in_range() {
    for (ts, want) in
        [("0", 0), ("1.0", 1), ("1e3", 1000), ("-0", 0), ("-0.0", 0), ("9007199254740991", (1u64 << 53) - 1)]
    {
        let json = format!(r#"[{{"key":"a","ts":{ts},"value":1,"kind":"reading"}}]"#);
        let batch = ok(&json);
        assert_eq!(batch.events.first().map(|e| e.ts), Some(want), "{ts}");
    }
}

#[test]
fn value_rules() {
    for value in ["\"1\"", "null", "true", "{}", "[1]"] {
        let element = format!(r#"{{"key":"a","ts":1,"value":{value},"kind":"reading"}}"#);
        assert_eq!(reason(&element), Some(Reason::Value), "{value}");
    }
    assert_eq!(reason(r#"{"key":"a","ts":1,"kind":"reading"}"#), Some(Reason::Value));
}

#[test]
fn value_accepts_integers_negatives_and_exponents() {
    let batch =
        ok(r#"[{"key":"a","ts":1,"value":-3,"kind":"reading"},{"key":"a","ts":1,"value":2.5e-3,"kind":"reading"},
                      {"key":"a","ts":1,"value":18446744073709551615,"kind":"reading"}]"#);
    let values: Vec<f64> = batch.events.iter().map(|e| e.value).collect();
    assert_eq!(values, vec![-3.0, 2.5e-3, 18446744073709551615.0]);
}

#[test]
fn kind_rules() {
    for kind in ["\"Reading\"", "\"\"", "1", "null", "\"alerts\""] {
        let element = format!(r#"{{"key":"a","ts":1,"value":1,"kind":{kind}}}"#);
        assert_eq!(reason(&element), Some(Reason::Kind), "{kind}");
    }
    assert_eq!(reason(r#"{"key":"a","ts":1,"value":1}"#), Some(Reason::Kind));
    for kind in ["reading", "alert", "heartbeat"] {
        assert_eq!(reason(&format!(r#"{{"key":"a","ts":1,"value":1,"kind":"{kind}"}}"#)), None);
    }
}

#[test]
fn first_failing_check_decides() {
    assert_eq!(reason(r#"{"key":1,"ts":-1,"value":null,"kind":"x"}"#), Some(Reason::Key));
    assert_eq!(reason(r#"{"key":"a","ts":-1,"value":null,"kind":"x"}"#), Some(Reason::Ts));
    assert_eq!(reason(r#"{"key":"a","ts":1,"value":null,"kind":"x"}"#), Some(Reason::Value));
    assert_eq!(reason(r#"{}"#), Some(Reason::Key));
}

#[test]
fn duplicate_fields_last_one_wins() {
    assert_eq!(reason(r#"{"key":"a","ts":1,"value":1,"kind":"reading","key":5}"#), Some(Reason::Key));
    let batch = ok(r#"[{"key":5,"ts":1,"value":1,"value":2,"kind":"reading","key":"b"}]"#);
    assert_eq!(batch.events[0].key, "b");
    assert_eq!(batch.events[0].value, 2.0);
}

#[test]
fn unknown_fields_are_ignored_whatever_their_type() {
    let element = r#"{"x":{"y":[1,2,{"z":null}]},"key":"a","ts":1,"value":1,"kind":"reading","n":1e999,"s":"\ud800"}"#;
    assert_eq!(reason(element), None);
}

#[test]
fn escaped_field_names_match() {
    assert_eq!(reason(r#"{"k\u0065y":"a","ts":1,"value":1,"kind":"reading"}"#), None);
}

#[test]
fn numbers_beyond_f64_are_infinity_as_in_javascript() {
    assert_eq!(reason(r#"{"key":"a","ts":1,"value":1e400,"kind":"reading"}"#), Some(Reason::Value));
    assert_eq!(reason(r#"{"key":"a","ts":-1e400,"value":1,"kind":"reading"}"#), Some(Reason::Ts));
    assert_eq!(reason("1e400"), Some(Reason::Type));
}

#[test]
fn lone_surrogates_are_strings_as_in_javascript() {
    assert_eq!(reason(r#"{"key":"\ud800","ts":1,"value":1,"kind":"reading"}"#), Some(Reason::Key));
    assert_eq!(reason(r#""\udc00""#), Some(Reason::Type));
}

#[test]
fn js_compat_rewrite_keeps_other_events_and_their_keys() {
    let batch =
        ok(r#"[{"key":"a","ts":1,"value":2,"kind":"alert"},{"key":"b","ts":1,"value":1e400,"kind":"reading"}]"#);
    assert_eq!(batch.events.len(), 1);
    assert_eq!((batch.events[0].key.as_ref(), batch.events[0].kind), ("a", Kind::Alert));
    assert_eq!(batch.errors, vec![Rejection { index: 1, reason: Reason::Value }]);
}

#[test]
fn errors_list_the_first_ten_and_count_all() {
    let elements: Vec<String> = (0..25).map(|i| if i % 2 == 0 { "1".to_owned() } else { VALID.to_owned() }).collect();
    let json = format!("[{}]", elements.join(","));
    let batch = ok(&json);
    assert_eq!((batch.events.len(), batch.rejected, batch.errors.len()), (12, 13, MAX_LISTED_ERRORS));
    let indexes: Vec<usize> = batch.errors.iter().map(|r| r.index).collect();
    assert_eq!(indexes, vec![0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
}

#[test]
fn empty_array_is_fine() {
    let batch = ok(" [ ] ");
    assert_eq!((batch.events.len(), batch.rejected), (0, 0));
}

#[test]
fn malformed_json_is_refused() {
    for body in
        ["", " ", "[", "[1,]", "[1] x", "[1][2]", "[{\"key\":}]", "[01]", "[NaN]", "[\"\t\"]", "[1.]", "\u{feff}[]"]
    {
        assert!(matches!(parse_batch(body), Err(BatchError::Malformed { .. })), "{body:?}");
    }
}

#[test]
fn trailing_bytes_after_a_rewritten_document_are_still_refused() {
    assert!(matches!(parse_batch("[1e400] x"), Err(BatchError::Malformed { .. })));
}

#[test]
fn non_array_top_level_is_refused() {
    for body in ["{}", "1", "\"a\"", "null", r#"{"key":"a"}"#] {
        assert_eq!(parse_batch(body).unwrap_err(), BatchError::NotArray, "{body}");
    }
}

#[test]
fn deep_nesting_inside_an_element_costs_no_stack() {
    let depth = 100_000;
    let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    assert_eq!(reason(&nested), Some(Reason::Type));
    let in_field = format!(r#"{{"key":"a","ts":1,"value":1,"kind":"reading","x":{nested}}}"#);
    assert_eq!(reason(&in_field), None);
    let in_key = format!(r#"{{"key":{nested},"ts":1,"value":1,"kind":"reading"}}"#);
    assert_eq!(reason(&in_key), Some(Reason::Key));
}

#[test]
fn unbalanced_deep_nesting_is_refused() {
    let body = "[".repeat(1_000_000);
    assert!(matches!(parse_batch(&body), Err(BatchError::Malformed { .. })));
}
