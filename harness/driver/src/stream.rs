//! The live record stream: completed records appended to a file in batches while the schedule
//! runs, so the harness can judge a precision-driven phase as it goes and tell the driver to stop
//! (`control_stdin`) without the driver knowing anything about percentiles, stalls or targets.
//! The driver keeps its schedule either way; the stream costs one `write` per batch.
//!
//! Layout (little-endian): a 16-byte header `LATSTR01` + u64 t0 on CLOCK_MONOTONIC (ns since
//! boot, the same t0 as the summary's), then batches: u64 watermark_ns (driver time of the flush:
//! every request not yet in the stream with an intended time before it was still in flight),
//! u32 count, u32 reserved, then `count` entries of u64 schedule index + one 32-byte record
//! (`records.rs` layout). A batch is one write, so a reader that finds a partial one waits.
use crate::records::{Record, RECORD_BYTES};
use std::fs::File;
use std::io::{self, Write};

pub const STREAM_MAGIC: &[u8; 8] = b"LATSTR01";
pub const STREAM_HEADER_BYTES: usize = 16;
pub const BATCH_HEADER_BYTES: usize = 16;
pub const ENTRY_BYTES: usize = 8 + RECORD_BYTES;
/// Often enough for a one-second check cadence; rare enough to cost nothing next to the sends.
pub const STREAM_EVERY_NS: u64 = 250_000_000;

pub struct RecordStream {
    file: File,
    /// Schedule indices completed since the last flush.
    pending: Vec<usize>,
    buf: Vec<u8>,
}

impl RecordStream {
    pub fn create(path: &str) -> io::Result<Self> {
        Ok(RecordStream { file: File::create(path)?, pending: Vec::with_capacity(4096), buf: Vec::with_capacity(64 * 1024) })
    }

    pub fn start(&mut self, t0_monotonic_ns: u64) -> io::Result<()> {
        let mut header = [0u8; STREAM_HEADER_BYTES];
        header[0..8].copy_from_slice(STREAM_MAGIC);
        header[8..16].copy_from_slice(&t0_monotonic_ns.to_le_bytes());
        self.file.write_all(&header)
    }

    pub fn completed(&mut self, index: usize) {
        self.pending.push(index);
    }

    /// Appends one batch with everything completed since the last flush (possibly nothing: the
    /// watermark alone tells the reader which requests are still in flight).
    pub fn flush(&mut self, watermark_ns: u64, records: &[Record]) -> io::Result<()> {
        self.buf.clear();
        self.buf.extend_from_slice(&watermark_ns.to_le_bytes());
        self.buf.extend_from_slice(&(self.pending.len() as u32).to_le_bytes());
        self.buf.extend_from_slice(&0u32.to_le_bytes());
        let mut entry = [0u8; ENTRY_BYTES];
        for &i in &self.pending {
            entry[0..8].copy_from_slice(&(i as u64).to_le_bytes());
            records[i].encode(&mut entry[8..]);
            self.buf.extend_from_slice(&entry);
        }
        self.pending.clear();
        self.file.write_all(&self.buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::PHASE_MEASURE_U8;

    #[test]
    fn a_batch_holds_the_watermark_and_each_completed_record_with_its_index() {
        let path = std::env::temp_dir().join(format!("latstr-test-{}", std::process::id()));
        let path = path.to_str().unwrap();
        let mut records = vec![Record::new(0, PHASE_MEASURE_U8, 0), Record::new(1_000, PHASE_MEASURE_U8, 3)];
        records[1].done_ns = 5_000;
        records[1].status = 200;
        let mut s = RecordStream::create(path).unwrap();
        s.start(42).unwrap();
        s.completed(1);
        s.flush(7_000, &records).unwrap();
        let b = std::fs::read(path).unwrap();
        std::fs::remove_file(path).ok();
        assert_eq!(b.len(), STREAM_HEADER_BYTES + BATCH_HEADER_BYTES + ENTRY_BYTES);
        assert_eq!(&b[0..8], STREAM_MAGIC);
        assert_eq!(u64::from_le_bytes(b[8..16].try_into().unwrap()), 42);
        assert_eq!(u64::from_le_bytes(b[16..24].try_into().unwrap()), 7_000);
        assert_eq!(u32::from_le_bytes(b[24..28].try_into().unwrap()), 1);
        let entry = &b[32..];
        assert_eq!(u64::from_le_bytes(entry[0..8].try_into().unwrap()), 1);
        assert_eq!(u64::from_le_bytes(entry[8..16].try_into().unwrap()), 1_000);
        assert_eq!(u16::from_le_bytes(entry[32..34].try_into().unwrap()), 200);
    }
}
