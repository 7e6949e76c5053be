-- In-process micro-benchmark results (`harness microbench`): one row per record (function ×
-- implementation × batch size) with its samples, the result's provenance repeated on each row and
-- the whole result minus its records in header_json, so a result reads back exactly as written.
-- ReplacingMergeTree keeps the highest `version` per record: pushing a result again replaces it.
CREATE TABLE IF NOT EXISTS microbench
(
    id String,
    schema_version UInt16,
    suite String,
    created_at String,
    git_commit Nullable(String),
    hostname String,
    smoke UInt8,
    header_json String,
    seq UInt32,
    name String,
    implementation String,
    language String,
    tool String,
    runtime String,
    batch_size UInt64,
    batch_unit String,
    median_ns Float64,
    ci_low_ns Nullable(Float64),
    ci_high_ns Nullable(Float64),
    ci_level Float64,
    ci_method String,
    samples UInt32,
    iterations UInt64,
    samples_ns Array(Float64),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (id, name, implementation, batch_size)
