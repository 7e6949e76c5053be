-- Measurement fields added after the first table layout (the conservation check, and later ones),
-- one JSON object per measurement: new fields need no ALTER (which 18.16 cannot make idempotent:
-- it has no ADD COLUMN IF NOT EXISTS).
CREATE TABLE IF NOT EXISTS measurement_details
(
    run_id String,
    agent String,
    scenario String,
    processor String,
    repetition UInt32,
    details_json String,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (run_id, scenario, processor, repetition, agent)
