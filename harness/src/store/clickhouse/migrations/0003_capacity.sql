-- Closed-loop capacity: one row per run x scenario x processor.
CREATE TABLE IF NOT EXISTS capacity
(
    run_id String,
    scenario String,
    processor String,
    schema_version UInt16,
    status String,
    failure_json String,
    tool String,
    connections UInt32,
    duration_s Float64,
    requests_per_s Float64,
    events_per_s Float64,
    errors UInt64,
    cpu_utilisation Float64,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (run_id, scenario, processor)
