//! Closed-loop load: N keep-alive connections, each sending its next request the moment the
//! previous response arrives, for a warmup and then a measured duration. It answers one question
//! the open-loop driver cannot on a small machine: how many requests per second the server
//! completes when it is never left waiting, i.e. its ceiling. Latency here is from send to done
//! (closed loop: a stalled server delays the next sends, so this latency hides its stall — it is
//! a summary, never the harness's latency figure). Counts per second show whether the rate held.
use crate::clock::monotonic_ns;
use crate::http::Parser;
use crate::latency_histogram::LatencyHistogram;
use crate::pool::PoolEntry;
use crate::socket::{self, connect_nonblocking, take_error, Epoll, READ, READ_CHUNK, WRITE};
use std::io::{self, Write};
use std::net::{SocketAddr, TcpStream};
use std::os::fd::AsRawFd;

const CONNECT_TIMEOUT_NS: u64 = 5_000_000_000;

pub struct ClosedLoopOptions {
    pub addr: SocketAddr,
    pub connections: usize,
    pub warmup_ns: u64,
    pub measure_ns: u64,
    pub timeout_ns: u64,
}

#[derive(Debug, Default, Clone)]
pub struct ErrorCounts {
    pub connect: u64,
    pub timeout: u64,
    pub reset: u64,
    pub parse: u64,
}

/// What the measured window saw (warmup excluded).
#[derive(Debug, Default, Clone)]
pub struct ClosedLoopOutcome {
    pub completed: u64,
    pub ok_2xx: u64,
    pub errors: ErrorCounts,
    /// 2xx responses completed in each second of the window (the last one partial when it is not whole).
    pub ok_per_second: Vec<u64>,
    pub latency: LatencyHistogram,
    pub measured_ns: u64,
    pub reconnects: u64,
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum State {
    Connecting,
    Busy,
}

struct Conn {
    stream: Option<TcpStream>,
    state: State,
    entry: usize,
    sent_ns: u64,
    written: usize,
    interest: u32,
    rbuf: Vec<u8>,
    parser: Parser,
}

pub struct ClosedLoop<'a> {
    opts: ClosedLoopOptions,
    pool: &'a [PoolEntry],
    conns: Vec<Conn>,
    epoll: Epoll,
    next_entry: usize,
    t0: u64,
    out: ClosedLoopOutcome,
}

#[derive(Clone, Copy)]
enum Ended {
    /// A response: its status, and whether the connection must be reopened before the next send.
    Ok(u16, bool),
    Failed(Failure),
}

#[derive(Clone, Copy)]
enum Failure {
    Reset,
    Parse,
    Timeout,
}

impl<'a> ClosedLoop<'a> {
    /// Opens every connection before the clock starts.
    pub fn connect(opts: ClosedLoopOptions, pool: &'a [PoolEntry]) -> io::Result<Self> {
        let epoll = Epoll::new()?;
        let mut conns = Vec::with_capacity(opts.connections);
        for i in 0..opts.connections {
            let stream = connect_nonblocking(&opts.addr)?;
            epoll.add(stream.as_raw_fd(), READ | WRITE, i as u64)?;
            conns.push(Conn { stream: Some(stream), state: State::Connecting, entry: 0, sent_ns: 0, written: 0, interest: READ | WRITE, rbuf: Vec::with_capacity(READ_CHUNK), parser: Parser::default() });
        }
        let mut me = ClosedLoop { opts, pool, conns, epoll, next_entry: 0, t0: 0, out: ClosedLoopOutcome::default() };
        let deadline = monotonic_ns() + CONNECT_TIMEOUT_NS;
        let mut pending = me.conns.len();
        let mut events = vec![libc::epoll_event { events: 0, u64: 0 }; 256];
        while pending > 0 {
            if monotonic_ns() > deadline {
                return Err(io::Error::new(io::ErrorKind::TimedOut, "connections not established within 5 s"));
            }
            let n = me.epoll.wait(&mut events, 100)?;
            for ev in &events[..n] {
                let id = ev.u64 as usize;
                if me.conns[id].state == State::Connecting {
                    take_error(me.conns[id].stream.as_ref().expect("connecting stream"))?;
                    me.conns[id].state = State::Busy;
                    pending -= 1;
                }
            }
        }
        Ok(me)
    }

    fn now(&self) -> u64 {
        monotonic_ns() - self.t0
    }

    fn in_window(&self, t: u64) -> bool {
        t >= self.opts.warmup_ns && t < self.opts.warmup_ns + self.opts.measure_ns
    }

    pub fn run(mut self) -> io::Result<ClosedLoopOutcome> {
        self.t0 = monotonic_ns();
        let end = self.opts.warmup_ns + self.opts.measure_ns;
        // The last second may be partial: every 2xx of the window lands in one of them.
        self.out.ok_per_second = vec![0; self.opts.measure_ns.div_ceil(1_000_000_000) as usize];
        for id in 0..self.conns.len() {
            self.send(id)?;
        }
        let mut events = vec![libc::epoll_event { events: 0, u64: 0 }; 1024];
        let mut last_check = 0;
        loop {
            let now = self.now();
            if now >= end {
                break;
            }
            // Millisecond waits are fine here: nothing is scheduled, sends follow responses.
            let n = self.epoll.wait(&mut events, 1)?;
            for ev in &events[..n] {
                self.on_event(ev.u64 as usize, ev.events)?;
            }
            let now = self.now();
            if now - last_check >= 1_000_000 {
                self.check_timeouts(now)?;
                last_check = now;
            }
        }
        self.out.measured_ns = self.opts.measure_ns;
        Ok(self.out)
    }

    fn send(&mut self, id: usize) -> io::Result<()> {
        let entry = self.next_entry % self.pool.len();
        self.next_entry += 1;
        let now = self.now();
        let c = &mut self.conns[id];
        c.state = State::Busy;
        c.entry = entry;
        c.sent_ns = now;
        c.written = 0;
        c.rbuf.clear();
        c.parser.reset();
        self.write_some(id)
    }

    fn set_interest(&mut self, id: usize, interest: u32) -> io::Result<()> {
        let c = &mut self.conns[id];
        if c.interest != interest {
            if let Some(s) = &c.stream {
                self.epoll.modify(s.as_raw_fd(), interest, id as u64)?;
            }
            c.interest = interest;
        }
        Ok(())
    }

    fn write_some(&mut self, id: usize) -> io::Result<()> {
        let c = &mut self.conns[id];
        let wire = &self.pool[c.entry].wire;
        let stream = c.stream.as_mut().expect("busy connection has a stream");
        while c.written < wire.len() {
            match stream.write(&wire[c.written..]) {
                Ok(n) => c.written += n,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return self.set_interest(id, READ | WRITE),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => return self.finish(id, Ended::Failed(Failure::Reset)),
            }
        }
        self.set_interest(id, READ)
    }

    fn on_event(&mut self, id: usize, flags: u32) -> io::Result<()> {
        match self.conns[id].state {
            State::Connecting => {
                let ok = take_error(self.conns[id].stream.as_ref().expect("connecting stream")).is_ok() && flags & (libc::EPOLLERR as u32 | libc::EPOLLHUP as u32) == 0;
                if ok {
                    self.send(id)
                } else {
                    if self.in_window(self.now()) {
                        self.out.errors.connect += 1;
                    }
                    self.reconnect(id)
                }
            }
            State::Busy => {
                if flags & WRITE != 0 && self.conns[id].written < self.pool[self.conns[id].entry].wire.len() {
                    return self.write_some(id);
                }
                if flags & !WRITE != 0 {
                    return self.read_response(id);
                }
                Ok(())
            }
        }
    }

    fn read_response(&mut self, id: usize) -> io::Result<()> {
        let c = &mut self.conns[id];
        let Ok(eof) = socket::read_available(c.stream.as_mut().expect("busy connection has a stream"), &mut c.rbuf) else {
            return self.finish(id, Ended::Failed(Failure::Reset));
        };
        if eof && c.rbuf.is_empty() {
            return self.finish(id, Ended::Failed(Failure::Reset));
        }
        match c.parser.poll(&c.rbuf, eof) {
            Ok(Some(done)) => {
                let reopen = done.close || eof || done.consumed != c.rbuf.len();
                self.finish(id, Ended::Ok(done.status, reopen))
            }
            Ok(None) => Ok(()),
            Err(_) => self.finish(id, Ended::Failed(Failure::Parse)),
        }
    }

    /// Counts the response (or failure) if it completed in the measured window, then sends the next.
    fn finish(&mut self, id: usize, ended: Ended) -> io::Result<()> {
        let now = self.now();
        if self.in_window(now) {
            match ended {
                Ended::Ok(status, _) => {
                    self.out.completed += 1;
                    self.out.latency.record((now - self.conns[id].sent_ns) / 1_000);
                    if (200..300).contains(&status) {
                        self.out.ok_2xx += 1;
                        let second = ((now - self.opts.warmup_ns) / 1_000_000_000) as usize;
                        if let Some(c) = self.out.ok_per_second.get_mut(second) {
                            *c += 1;
                        }
                    }
                }
                Ended::Failed(Failure::Reset) => self.out.errors.reset += 1,
                Ended::Failed(Failure::Parse) => self.out.errors.parse += 1,
                Ended::Failed(Failure::Timeout) => self.out.errors.timeout += 1,
            }
        }
        match ended {
            Ended::Ok(_, false) => self.send(id),
            Ended::Ok(_, true) | Ended::Failed(_) => self.reconnect(id),
        }
    }

    fn reconnect(&mut self, id: usize) -> io::Result<()> {
        if let Some(s) = self.conns[id].stream.take() {
            self.epoll.delete(s.as_raw_fd());
        }
        self.out.reconnects += 1;
        let stream = connect_nonblocking(&self.opts.addr)?;
        self.epoll.add(stream.as_raw_fd(), READ | WRITE, id as u64)?;
        let c = &mut self.conns[id];
        c.stream = Some(stream);
        c.state = State::Connecting;
        c.interest = READ | WRITE;
        Ok(())
    }

    fn check_timeouts(&mut self, now: u64) -> io::Result<()> {
        for id in 0..self.conns.len() {
            if self.conns[id].state == State::Busy && now.saturating_sub(self.conns[id].sent_ns) > self.opts.timeout_ns {
                self.finish(id, Ended::Failed(Failure::Timeout))?;
            }
        }
        Ok(())
    }
}
