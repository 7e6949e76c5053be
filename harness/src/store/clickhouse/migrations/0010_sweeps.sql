-- `harness sweep`: latency against load. sweep_results has one row per sweep x scenario x
-- processor with the sustainable throughput as columns (the Trends view charts them in SQL) and
-- the rest of the processor's, the scenario's and the sweep's fields as JSON; sweep_steps has
-- one row per measured step with its headline figures as columns and the whole step (histogram
-- included) as JSON, so a sweep reads back exactly as written. Both are ReplacingMergeTree read
-- with FINAL: pushing a sweep again replaces it. Booleans are UInt8 (18.16 has no Bool).
CREATE TABLE IF NOT EXISTS sweep_results
(
    sweep_id String,
    scenario String,
    processor String,
    scenario_position UInt16,
    position UInt16,
    schema_version UInt16,
    status String,
    started_at String,
    started_ms Int64,
    git_sha String,
    git_branch String,
    hostname String,
    cores UInt32,
    threads UInt32,
    profile String,
    sustainable_rate_per_s Nullable(Float64),
    sustainable_events_per_s Nullable(Float64),
    events_per_s_per_core Nullable(Float64),
    lower_bound UInt8,
    confirmed UInt8,
    ended String,
    first_unsustainable_rate_per_s Nullable(Float64),
    processor_json String,
    scenario_json String,
    run_json String,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (sweep_id, scenario, processor);

CREATE TABLE IF NOT EXISTS sweep_steps
(
    sweep_id String,
    scenario String,
    processor String,
    seq UInt32,
    stage String,
    repetition UInt32,
    offered_rate_per_s Float64,
    achieved_rate_per_s Float64,
    events_per_s Float64,
    status String,
    sustainable UInt8,
    failed_by Array(String),
    driver_limited UInt8,
    p50_us Nullable(Float64),
    p99_us Nullable(Float64),
    p999_us Nullable(Float64),
    p99_clean_us Nullable(Float64),
    p99_clean_lo_us Nullable(Float64),
    p99_clean_hi_us Nullable(Float64),
    processor_cpu_utilisation Nullable(Float64),
    steady_rss_bytes Nullable(UInt64),
    step_json String,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (sweep_id, scenario, processor, seq)
