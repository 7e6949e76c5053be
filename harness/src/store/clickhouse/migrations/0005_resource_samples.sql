-- RSS and CPU time of the processor process over the measurement.
CREATE TABLE IF NOT EXISTS resource_samples
(
    run_id String,
    agent String,
    scenario String,
    processor String,
    repetition UInt32,
    seq UInt32,
    t_s Float64,
    rss_bytes UInt64,
    cpu_s Float64,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (run_id, scenario, processor, repetition, agent, seq)
