//! `POST /v1/events`: parse a batch and validate each element on its own.
//!
//! The batch is parsed with serde visitors rather than into `serde_json::Value`, so that:
//! - a wrongly typed element is a per-element rejection, never a whole-batch failure;
//! - a duplicated field is simply overwritten (last one wins, as in `JSON.parse`);
//! - keys borrow from the request body (no allocation per event unless the key has escapes);
//! - unknown fields and the insides of rejected arrays/objects go through serde_json's
//!   `ignore_value`, which is iterative, so deep nesting costs no stack.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use crate::js_compat;

/// At most this many rejected elements are listed in a response's `errors`.
pub const MAX_LISTED_ERRORS: usize = 10;
/// Largest accepted `ts` (2^53 − 1, JavaScript's `Number.MAX_SAFE_INTEGER`).
pub const MAX_TS: u64 = (1 << 53) - 1;
/// Longest accepted key, in characters (all accepted characters are ASCII, so also bytes).
pub const MAX_KEY_LEN: usize = 64;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Reading,
    Alert,
    Heartbeat,
}

/// Why an element was rejected; the first failing check in this order decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    Type,
    Key,
    Ts,
    Value,
    Kind,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Type => "type",
            Reason::Key => "key",
            Reason::Ts => "ts",
            Reason::Value => "value",
            Reason::Kind => "kind",
        }
    }
}

impl serde::Serialize for Reason {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A valid event; `key` borrows from the request body when it had no escape sequences.
#[derive(Clone, Debug, PartialEq)]
pub struct Event<'a> {
    pub key: Cow<'a, str>,
    pub ts: u64,
    pub value: f64,
    pub kind: Kind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Rejection {
    pub index: usize,
    pub reason: Reason,
}

/// The outcome of validating a whole batch; nothing has been applied yet.
#[derive(Debug, Default)]
pub struct Batch<'a> {
    /// Valid events, in array order.
    pub events: Vec<Event<'a>>,
    pub rejected: usize,
    /// The first [`MAX_LISTED_ERRORS`] rejections, in index order.
    pub errors: Vec<Rejection>,
}

impl Batch<'_> {
    fn reject(&mut self, index: usize, reason: Reason) {
        self.rejected += 1;
        if self.errors.len() < MAX_LISTED_ERRORS {
            self.errors.push(Rejection { index, reason });
        }
    }

    fn into_owned(self) -> Batch<'static> {
        Batch {
            events: self.events.into_iter().map(|e| Event { key: Cow::Owned(e.key.into_owned()), ..e }).collect(),
            rejected: self.rejected,
            errors: self.errors,
        }
    }
}

/// Why a whole batch was refused (→ 400, nothing applied).
#[derive(Debug, PartialEq, Eq)]
pub enum BatchError {
    /// Not JSON: syntax error, empty body, trailing bytes.
    Malformed { line: usize, column: usize },
    /// Valid JSON whose top level is not an array.
    NotArray,
}

impl fmt::Display for BatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BatchError::Malformed { line, column } => {
                write!(f, "malformed JSON at line {line} column {column}")
            }
            BatchError::NotArray => f.write_str("request body must be a JSON array of events"),
        }
    }
}

/// Parses and validates a batch. Errors only when the body as a whole is refused.
///
/// serde_json refuses two things that `JSON.parse` accepts: numbers beyond the f64 range
/// (`1e400`, which JavaScript reads as ±Infinity) and `\u` escapes of lone surrogates. When the
/// first parse fails, [`js_compat::rewrite`] replaces those with equivalents that validate the
/// same way and the batch is parsed once more; the common path pays nothing for this.
pub fn parse_batch(body: &str) -> Result<Batch<'_>, BatchError> {
    match parse_strict(body) {
        Ok(batch) => Ok(batch),
        Err(first) => match js_compat::rewrite(body) {
            Some(rewritten) => parse_strict(&rewritten).map(Batch::into_owned).map_err(|_| first),
            None => Err(first),
        },
    }
}

fn parse_strict(body: &str) -> Result<Batch<'_>, BatchError> {
    let mut de = serde_json::Deserializer::from_str(body);
    let batch = de.deserialize_seq(BatchVisitor).map_err(classify)?;
    de.end().map_err(classify)?;
    Ok(batch)
}

fn classify(e: serde_json::Error) -> BatchError {
    match e.classify() {
        // Only the top-level visitor raises data errors: the body is JSON but not an array.
        serde_json::error::Category::Data => BatchError::NotArray,
        _ => BatchError::Malformed { line: e.line(), column: e.column() },
    }
}

struct BatchVisitor;

impl<'de> Visitor<'de> for BatchVisitor {
    type Value = Batch<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON array of events")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Batch<'de>, A::Error> {
        let mut batch = Batch { events: Vec::with_capacity(seq.size_hint().unwrap_or(128)), ..Batch::default() };
        let mut index = 0;
        while let Some(element) = seq.next_element::<Element<'de>>()? {
            match element.0 {
                Ok(event) => batch.events.push(event),
                Err(reason) => batch.reject(index, reason),
            }
            index += 1;
        }
        Ok(batch)
    }
}

/// One array element, already validated.
struct Element<'de>(Result<Event<'de>, Reason>);

impl<'de> Deserialize<'de> for Element<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ElementVisitor).map(Element)
    }
}

struct ElementVisitor;

macro_rules! reject_scalars {
    ($value:expr) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            drain_seq(seq)?;
            Ok($value)
        }
    };
}

impl<'de> Visitor<'de> for ElementVisitor {
    type Value = Result<Event<'de>, Reason>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    reject_scalars!(Err(Reason::Type));

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut key, mut ts, mut value, mut kind) = (None, None, None, None);
        while let Some(field) = map.next_key::<Field>()? {
            match field {
                Field::Key => key = Some(map.next_value::<Scalar<'de>>()?),
                Field::Ts => ts = Some(map.next_value::<Scalar<'de>>()?),
                Field::Value => value = Some(map.next_value::<Scalar<'de>>()?),
                Field::Kind => kind = Some(map.next_value::<Scalar<'de>>()?),
                Field::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(validate(key, ts, value, kind))
    }
}

fn drain_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

fn drain_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

/// Applies the checks in the specified order: key, ts, value, kind (type was decided earlier).
fn validate<'de>(
    key: Option<Scalar<'de>>,
    ts: Option<Scalar<'de>>,
    value: Option<Scalar<'de>>,
    kind: Option<Scalar<'de>>,
) -> Result<Event<'de>, Reason> {
    let key = match key {
        Some(Scalar::Str(s)) if is_valid_key(&s) => s,
        _ => return Err(Reason::Key),
    };
    let ts = ts.and_then(valid_ts).ok_or(Reason::Ts)?;
    let value = value.and_then(valid_value).ok_or(Reason::Value)?;
    let kind = match kind {
        Some(Scalar::Str(s)) => match &*s {
            "reading" => Kind::Reading,
            "alert" => Kind::Alert,
            "heartbeat" => Kind::Heartbeat,
            _ => return Err(Reason::Kind),
        },
        _ => return Err(Reason::Kind),
    };
    Ok(Event { key, ts, value, kind })
}

/// 1–64 characters from `[A-Za-z0-9_.:-]`; every allowed character is one byte.
pub fn is_valid_key(key: &str) -> bool {
    (1..=MAX_KEY_LEN).contains(&key.len())
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b':' | b'-'))
}

/// An integer value (`1.0` and `1e3` count) in 0 ..= 2^53 − 1.
fn valid_ts(n: Scalar<'_>) -> Option<u64> {
    match n {
        Scalar::U64(u) if u <= MAX_TS => Some(u),
        // `-0` parses as F64(-0.0): an integer value equal to 0, as in JavaScript.
        Scalar::F64(f) if f >= 0.0 && f <= MAX_TS as f64 && f.trunc() == f => Some(f as u64),
        _ => None,
    }
}

/// A finite number. Integers convert with round-to-nearest-even, as JavaScript reads them.
fn valid_value(n: Scalar<'_>) -> Option<f64> {
    match n {
        Scalar::U64(u) => Some(u as f64),
        Scalar::I64(i) => Some(i as f64),
        Scalar::F64(f) if f.is_finite() => Some(f),
        _ => None,
    }
}

/// The four fields the processor reads; anything else is ignored whatever its type.
enum Field {
    Key,
    Ts,
    Value,
    Kind,
    Other,
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_identifier(FieldVisitor)
    }
}

struct FieldVisitor;

impl Visitor<'_> for FieldVisitor {
    type Value = Field;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Field, E> {
        Ok(match name {
            "key" => Field::Key,
            "ts" => Field::Ts,
            "value" => Field::Value,
            "kind" => Field::Kind,
            _ => Field::Other,
        })
    }
}

/// A field's value as far as validation cares: a string, a number, or something else.
#[derive(Debug)]
enum Scalar<'de> {
    Str(Cow<'de, str>),
    U64(u64),
    I64(i64),
    F64(f64),
    Other,
}

impl<'de> Deserialize<'de> for Scalar<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Other)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Other)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::U64(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::I64(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::F64(v))
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Borrowed(v)))
    }
    /// Only strings with escape sequences arrive here; they are rare, so owning them is fine.
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Scalar<'de>, A::Error> {
        drain_seq(seq)?;
        Ok(Scalar::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Scalar<'de>, A::Error> {
        drain_map(map)?;
        Ok(Scalar::Other)
    }
}

#[cfg(test)]
mod tests;
