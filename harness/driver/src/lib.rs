//! Open-loop HTTP load driver. Each request has an intended send time computed from the arrival
//! schedule; latency is measured from that time, so a stalled server cannot hide its stall
//! (no coordinated omission). The library is split by concept; `engine` is the hot loop.
pub mod clock;
pub mod closed_loop;
pub mod config;
pub mod engine;
pub mod health;
pub mod http;
pub mod keep_awake;
pub mod latency_histogram;
pub mod pool;
pub mod records;
pub mod sched;
pub mod schedule;
pub mod socket;
pub mod spin_budget;
pub mod stall;
pub mod steal;
pub mod stream;
