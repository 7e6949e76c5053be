-- Each GC / stop-the-world pause the processor reported: start, duration, kind.
CREATE TABLE IF NOT EXISTS runtime_pauses
(
    run_id String,
    agent String,
    scenario String,
    processor String,
    repetition UInt32,
    seq UInt32,
    start_s Float64,
    duration_us Float64,
    kind String,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (run_id, scenario, processor, repetition, agent, seq)
