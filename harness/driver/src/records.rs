//! The binary records file: a 16-byte header (`LATDRV01`, u32 record size = 32, u32 reserved),
//! then one 32-byte little-endian record per scheduled request, in schedule order:
//!
//! | offset | type | field |
//! |---|---|---|
//! | 0  | u64 | intended_ns (relative to t0, CLOCK_MONOTONIC) |
//! | 8  | u64 | sent_ns (`u64::MAX` = never sent) |
//! | 16 | u64 | done_ns (response complete or error recorded) |
//! | 24 | u16 | HTTP status (0 if no response) |
//! | 26 | u8  | error kind: 0 none, 1 connect, 2 timeout, 3 reset, 4 parse |
//! | 27 | u8  | phase: 0 warmup, 1 measure |
//! | 28 | u8  | kind (pool label) |
//! | 29 | u8  | flags: bit 0 = waited in the queue for a free connection |
//! | 30 | 2 bytes | reserved |
use std::io::Write;

pub const MAGIC: &[u8; 8] = b"LATDRV01";
pub const HEADER_BYTES: usize = 16;
pub const RECORD_BYTES: usize = 32;
pub const UNSENT: u64 = u64::MAX;

pub const ERR_NONE: u8 = 0;
pub const ERR_CONNECT: u8 = 1;
pub const ERR_TIMEOUT: u8 = 2;
pub const ERR_RESET: u8 = 3;
pub const ERR_PARSE: u8 = 4;

pub const FLAG_QUEUED: u8 = 1;
pub const PHASE_WARMUP_U8: u8 = 0;
pub const PHASE_MEASURE_U8: u8 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Record {
    pub intended_ns: u64,
    pub sent_ns: u64,
    pub done_ns: u64,
    pub status: u16,
    pub error: u8,
    pub phase: u8,
    pub kind: u8,
    pub flags: u8,
}

impl Record {
    pub fn new(intended_ns: u64, phase: u8, kind: u8) -> Self {
        Record { intended_ns, sent_ns: UNSENT, done_ns: 0, status: 0, error: ERR_NONE, phase, kind, flags: 0 }
    }

    pub fn encode(&self, out: &mut [u8]) {
        out[0..8].copy_from_slice(&self.intended_ns.to_le_bytes());
        out[8..16].copy_from_slice(&self.sent_ns.to_le_bytes());
        out[16..24].copy_from_slice(&self.done_ns.to_le_bytes());
        out[24..26].copy_from_slice(&self.status.to_le_bytes());
        out[26] = self.error;
        out[27] = self.phase;
        out[28] = self.kind;
        out[29] = self.flags;
        out[30] = 0;
        out[31] = 0;
    }
}

pub fn encode_all(records: &[Record]) -> Vec<u8> {
    let mut buf = vec![0u8; HEADER_BYTES + records.len() * RECORD_BYTES];
    buf[0..8].copy_from_slice(MAGIC);
    buf[8..12].copy_from_slice(&(RECORD_BYTES as u32).to_le_bytes());
    for (i, r) in records.iter().enumerate() {
        let at = HEADER_BYTES + i * RECORD_BYTES;
        r.encode(&mut buf[at..at + RECORD_BYTES]);
    }
    buf
}

pub fn write_file(path: &str, records: &[Record]) -> std::io::Result<()> {
    let mut f = std::fs::File::create(path)?;
    f.write_all(&encode_all(records))?;
    f.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_is_little_endian_fixed_size() {
        let mut r = Record::new(0x0102030405060708, 1, 7);
        r.sent_ns = 9;
        r.done_ns = 10;
        r.status = 200;
        r.error = ERR_RESET;
        r.flags = FLAG_QUEUED;
        let b = encode_all(&[r]);
        assert_eq!(b.len(), 48);
        assert_eq!(&b[0..8], MAGIC);
        assert_eq!(b[16], 0x08);
        assert_eq!(b[23], 0x01);
        assert_eq!(b[24], 9);
        assert_eq!(b[32], 10);
        assert_eq!(u16::from_le_bytes([b[40], b[41]]), 200);
        assert_eq!((b[42], b[43], b[44], b[45]), (ERR_RESET, 1, 7, FLAG_QUEUED));
    }
}
