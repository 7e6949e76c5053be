//! Per-key aggregates and the global counters.
//!
//! All key state sits in one `HashMap` behind one `std::sync::Mutex`, locked once per batch
//! (validation happens before, outside the lock). With the CPU budgets this project uses (1–2
//! worker threads) the lock is almost never contended and a batch holds it for a few
//! microseconds; more threads would want the map sharded by key hash (see README).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use serde::Serialize;

use crate::events::{Event, Kind};

/// How many recent values each key keeps.
pub const WINDOW_LEN: usize = 32;

/// The last [`WINDOW_LEN`] values of a key, as a ring buffer: no allocation per key or event.
#[derive(Clone, Debug)]
struct Window {
    values: [f64; WINDOW_LEN],
    /// Index of the oldest value.
    start: u8,
    len: u8,
}

impl Window {
    fn new() -> Self {
        Window { values: [0.0; WINDOW_LEN], start: 0, len: 0 }
    }

    fn push(&mut self, value: f64) {
        let (start, len) = (usize::from(self.start), usize::from(self.len));
        if len < WINDOW_LEN {
            self.values[(start + len) % WINDOW_LEN] = value;
            self.len += 1;
        } else {
            self.values[start] = value;
            self.start = ((start + 1) % WINDOW_LEN) as u8;
        }
    }

    /// Oldest first.
    fn iter(&self) -> impl Iterator<Item = f64> + '_ {
        let start = usize::from(self.start);
        (0..usize::from(self.len)).map(move |i| self.values[(start + i) % WINDOW_LEN])
    }
}

#[derive(Clone, Debug)]
struct KeyState {
    count: u64,
    sum: f64,
    min: f64,
    max: f64,
    last: f64,
    last_ts: u64,
    alerts: u64,
    window: Window,
}

impl KeyState {
    fn first(event: &Event<'_>) -> Self {
        let mut state = KeyState {
            count: 0,
            sum: 0.0,
            min: event.value,
            max: event.value,
            last: event.value,
            last_ts: event.ts,
            alerts: 0,
            window: Window::new(),
        };
        state.apply(event);
        state
    }

    fn apply(&mut self, event: &Event<'_>) {
        let v = event.value;
        self.count += 1;
        self.sum += v;
        if v < self.min {
            self.min = v;
        }
        if v > self.max {
            self.max = v;
        }
        self.last = v;
        self.last_ts = self.last_ts.max(event.ts);
        if event.kind == Kind::Alert {
            self.alerts += 1;
        }
        self.window.push(v);
    }
}

/// `GET /v1/keys/{key}`; field order is the response's.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KeySnapshot {
    pub key: String,
    pub count: u64,
    pub sum: f64,
    pub min: f64,
    pub max: f64,
    pub mean: f64,
    pub last: f64,
    pub last_ts: u64,
    pub alerts: u64,
    pub window: Vec<f64>,
    pub median: f64,
}

/// `GET /v1/stats`; field order is the response's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub keys: u64,
    pub events: u64,
    pub reads: u64,
}

#[derive(Default)]
struct Keys {
    /// The state is boxed: hashbrown stores entries inline and keeps up to half its buckets
    /// empty, so inline 320-byte states would cost ~700 MB of buckets at a million keys and
    /// every resize would move all of them while holding the lock; boxed, a bucket is 24 bytes.
    by_key: HashMap<Box<str>, Box<KeyState>>,
    /// Accepted events; kept under the same lock so `/v1/stats` is consistent with the keys.
    events: u64,
}

/// Everything the processor remembers between requests.
#[derive(Default)]
pub struct Store {
    keys: Mutex<Keys>,
    reads: AtomicU64,
}

impl Store {
    pub fn new() -> Self {
        Self::default()
    }

    /// A panic elsewhere never leaves `Keys` half-updated (no code between lock and unlock can
    /// panic), so a poisoned lock is safe to keep using; the process must keep serving.
    fn keys(&self) -> MutexGuard<'_, Keys> {
        self.keys.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Applies valid events in array order.
    pub fn apply(&self, events: &[Event<'_>]) {
        if events.is_empty() {
            return;
        }
        let mut keys = self.keys();
        for event in events {
            // Lookup by `&str` first: the key is only copied the first time it is seen.
            match keys.by_key.get_mut(&*event.key) {
                Some(state) => state.apply(event),
                None => {
                    keys.by_key.insert(event.key.as_ref().into(), Box::new(KeyState::first(event)));
                }
            }
        }
        keys.events += events.len() as u64;
    }

    pub fn key(&self, key: &str) -> Option<KeySnapshot> {
        let state = KeyState::clone(self.keys().by_key.get(key)?);
        let window: Vec<f64> = state.window.iter().collect();
        Some(KeySnapshot {
            key: key.to_owned(),
            count: state.count,
            sum: state.sum,
            min: state.min,
            max: state.max,
            mean: state.sum / state.count as f64,
            last: state.last,
            last_ts: state.last_ts,
            alerts: state.alerts,
            median: median(&window),
            window,
        })
    }

    pub fn add_reads(&self, reads: u64) {
        self.reads.fetch_add(reads, Ordering::Relaxed);
    }

    pub fn stats(&self) -> Stats {
        let keys = self.keys();
        Stats { keys: keys.by_key.len() as u64, events: keys.events, reads: self.reads.load(Ordering::Relaxed) }
    }

    /// Clears keys, events and reads; the map is replaced, not cleared, so its memory is freed.
    pub fn reset(&self) {
        let mut keys = self.keys();
        *keys = Keys::default();
        self.reads.store(0, Ordering::Relaxed);
    }
}

/// Median of a window: the middle value after sorting, or the mean of the two middle values.
/// Values are always finite (validation refuses the rest), so `total_cmp` orders them as `<`.
pub fn median(values: &[f64]) -> f64 {
    let mut sorted: Vec<f64> = values.to_vec();
    sorted.sort_unstable_by(f64::total_cmp);
    let n = sorted.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

#[cfg(test)]
mod tests;
