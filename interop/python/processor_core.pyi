"""The event processor's Rust core (processors/rust) for Python: see README.md."""

from typing import Optional, TypedDict

class ElementError(TypedDict):
    index: int
    reason: str  # "type" | "key" | "ts" | "value" | "kind"

class Ingested(TypedDict):
    accepted: int
    rejected: int
    errors: list[ElementError]  # the first ten rejections, in index order

class KmerCount(TypedDict):
    kmer: str
    count: int

class ReadStats(TypedDict):
    reads: int
    bases: int
    gc_bases: int
    n_bases: int
    quality_sum: int
    q20_reads: int
    kmers: int
    distinct_kmers: int
    top_kmers: list[KmerCount]

class KeyView(TypedDict):
    key: str
    count: int
    sum: float
    min: float
    max: float
    mean: float
    last: float
    last_ts: int
    alerts: int
    window: list[float]  # the last 32 values, oldest first
    median: float

class Stats(TypedDict):
    keys: int
    events: int
    reads: int

class BatchError(ValueError):
    """The batch was refused as a whole (not JSON, not an array, not UTF-8); nothing was applied."""

class FastqError(ValueError):
    """A malformed FASTQ record; nothing was counted."""

    record: int  # 1-based
    reason: str  # "header" | "sequence" | "separator" | "quality" | "truncated"

class Store:
    """Per-key aggregates and the events / reads counters, held in Rust."""

    def __init__(self) -> None: ...
    def ingest(self, body: bytes) -> Ingested:
        """Validates a JSON array of events and applies the valid ones in order; raises BatchError."""
    def analyze_reads(self, body: bytes) -> ReadStats:
        """FASTQ statistics of one body; counts its records towards `reads`; raises FastqError."""
    def key(self, key: str) -> Optional[KeyView]: ...
    def stats(self) -> Stats: ...
    def reset(self) -> None: ...

def analyze_reads(body: bytes) -> ReadStats:
    """FASTQ statistics of one body without a Store; raises FastqError."""

def noop() -> None:
    """Does nothing: the cost of one call across the boundary."""
