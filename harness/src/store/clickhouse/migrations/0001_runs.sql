-- One row per run: the filterable provenance fields as columns, the whole manifest as JSON so a
-- run reads back exactly as written. ReplacingMergeTree keeps the highest `version` per run_id:
-- pushing a run again (or the sink's final manifest after the one written at start) replaces it.
CREATE TABLE IF NOT EXISTS runs
(
    run_id String,
    schema_version UInt16,
    status String,
    started_at String,
    started_ms Int64,
    finished_at Nullable(String),
    profile String,
    baseline String,
    scenarios Array(String),
    processors Array(String),
    repetitions UInt32,
    git_sha String,
    git_branch String,
    git_dirty UInt8,
    harness_version String,
    hostname String,
    os String,
    kernel String,
    cpu_model String,
    cores UInt32,
    manifest_json String,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY run_id
