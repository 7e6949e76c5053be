use super::*;
use std::borrow::Cow;

fn event(key: &str, ts: u64, value: f64, kind: Kind) -> Event<'static> {
    Event { key: Cow::Owned(key.to_owned()), ts, value, kind }
}

#[test]
fn first_event_creates_the_key() {
    let store = Store::new();
    store.apply(&[event("a", 5, 2.5, Kind::Reading)]);
    let s = store.key("a").unwrap();
    assert_eq!(
        s,
        KeySnapshot {
            key: "a".into(),
            count: 1,
            sum: 2.5,
            min: 2.5,
            max: 2.5,
            mean: 2.5,
            last: 2.5,
            last_ts: 5,
            alerts: 0,
            window: vec![2.5],
            median: 2.5
        }
    );
}

#[test]
fn aggregates_follow_arrival_order() {
    let store = Store::new();
    store.apply(&[
        event("k", 1764144000123, 12.5, Kind::Reading),
        event("k", 1764144000125, 11.5, Kind::Alert),
        event("k", 1764144000124, 12.0, Kind::Heartbeat),
    ]);
    let s = store.key("k").unwrap();
    assert_eq!((s.count, s.sum, s.min, s.max, s.mean, s.last), (3, 36.0, 11.5, 12.5, 12.0, 12.0));
    assert_eq!((s.alerts, s.window.clone(), s.median), (1, vec![12.5, 11.5, 12.0], 12.0));
}

#[test]
fn last_ts_is_the_latest_seen_not_the_last_received() {
    let store = Store::new();
    store.apply(&[event("k", 10, 1.0, Kind::Reading), event("k", 3, 1.0, Kind::Reading)]);
    assert_eq!(store.key("k").unwrap().last_ts, 10);
}

#[test]
fn window_keeps_the_last_32_values_oldest_first() {
    let store = Store::new();
    let events: Vec<Event> = (0..40).map(|i| event("w", i, i as f64, Kind::Reading)).collect();
    store.apply(&events);
    let s = store.key("w").unwrap();
    assert_eq!(s.window, (8..40).map(|i| i as f64).collect::<Vec<_>>());
    assert_eq!(s.count, 40);
    assert_eq!(s.median, (23.0 + 24.0) / 2.0);
}

#[test]
fn median_of_odd_and_even_windows() {
    assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
    assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
    assert_eq!(median(&[-1.0]), -1.0);
}

#[test]
fn sum_is_float64_in_arrival_order() {
    let store = Store::new();
    let values = [0.1, 0.2, 0.3, 1e16, -1e16];
    let events: Vec<Event> = values.iter().map(|&v| event("s", 1, v, Kind::Reading)).collect();
    store.apply(&events);
    let mut expected = 0.0;
    for v in values {
        expected += v;
    }
    assert_eq!(store.key("s").unwrap().sum.to_bits(), expected.to_bits());
}

#[test]
fn stats_count_keys_events_and_reads() {
    let store = Store::new();
    store.apply(&[
        event("a", 1, 1.0, Kind::Reading),
        event("b", 1, 1.0, Kind::Reading),
        event("a", 2, 1.0, Kind::Reading),
    ]);
    store.add_reads(7);
    assert_eq!(store.stats(), Stats { keys: 2, events: 3, reads: 7 });
}

#[test]
fn reset_clears_everything() {
    let store = Store::new();
    store.apply(&[event("a", 1, 1.0, Kind::Reading)]);
    store.add_reads(2);
    store.reset();
    assert_eq!(store.stats(), Stats { keys: 0, events: 0, reads: 0 });
    assert!(store.key("a").is_none());
}

#[test]
fn unknown_key_is_none() {
    assert!(Store::new().key("nope").is_none());
}

#[test]
fn key_state_stays_small() {
    // 7 scalars + a 32-value window + two u8 indexes; a regression here multiplies by the key count.
    assert!(std::mem::size_of::<KeyState>() <= 320, "{}", std::mem::size_of::<KeyState>());
}
