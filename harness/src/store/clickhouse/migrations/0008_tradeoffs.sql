-- `harness tradeoffs`: one row per trade-offs run x processor. The headline figures are columns
-- (NULL when the figure was not measured: not declared, failed or skipped), so they can be charted
-- and filtered in SQL; the processor's whole entry and the run's other fields (rules, noise,
-- provenance, notes) are JSON, so a result reads back exactly as written. `position` keeps the
-- processors in the order the run measured them.
CREATE TABLE IF NOT EXISTS tradeoffs
(
    tradeoffs_id String,
    processor String,
    position UInt16,
    schema_version UInt16,
    status String,
    started_at String,
    started_ms Int64,
    git_sha String,
    git_branch String,
    hostname String,
    cores UInt32,
    repetitions UInt32,
    load_avg_1m_before Float64,
    load_avg_1m_after Float64,
    cold_build_median_s Nullable(Float64),
    cold_build_median_cpu_s Nullable(Float64),
    incremental_build_median_s Nullable(Float64),
    output_bytes Nullable(UInt64),
    shared_libraries_bytes Nullable(UInt64),
    idle_rss_median_bytes Nullable(UInt64),
    dependencies_direct Nullable(UInt32),
    dependencies_all Nullable(UInt32),
    code_lines Nullable(UInt32),
    safety_status String,
    safety_tool String,
    safety_findings Nullable(UInt32),
    processor_json String,
    run_json String,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tradeoffs_id, processor)
