-- Per-second histograms and rates of each measurement, for latency-over-time charts. `seq` keeps
-- the measurement's order and makes the row key unique.
CREATE TABLE IF NOT EXISTS intervals
(
    run_id String,
    agent String,
    scenario String,
    processor String,
    repetition UInt32,
    seq UInt32,
    t_s Float64,
    phase String,
    requests UInt64,
    errors UInt64,
    p50_us Float64,
    p99_us Float64,
    max_us Float64,
    corrected_hdr String,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (run_id, scenario, processor, repetition, agent, seq)
