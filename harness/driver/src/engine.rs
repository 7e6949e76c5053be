//! The hot loop: one thread, epoll over a fixed pool of keep-alive connections, a timerfd for
//! deadlines finer than epoll's millisecond timeout, and a busy-wait for the last `spin_us` before
//! each due time (a sleeping thread wakes tens of µs late; spinning makes the send punctual).
//!
//! A request becomes due at its intended time. If a connection is idle it is sent at once;
//! otherwise it waits in a FIFO queue with its intended time unchanged, so the wait counts in its
//! corrected latency.
use crate::clock::monotonic_ns;
use crate::http::Parser;
use crate::pool::PoolEntry;
use crate::records::{Record, ERR_CONNECT, ERR_PARSE, ERR_RESET, ERR_TIMEOUT, FLAG_QUEUED, UNSENT};
use crate::socket::{self, connect_nonblocking, take_error, Epoll, Timer, READ, READ_CHUNK, WRITE};
use crate::spin_budget::{SpinBudget, MAX_BUSY_SHARE, WINDOW_NS};
use crate::stream::{RecordStream, STREAM_EVERY_NS};
use std::collections::VecDeque;
use std::io::{self, Write};
use std::net::{SocketAddr, TcpStream};
use std::os::fd::AsRawFd;

const TIMER_TOKEN: u64 = u64::MAX;
const CONTROL_TOKEN: u64 = u64::MAX - 1;
const CONTROL_FD: i32 = 0;
const RECONNECT_BACKOFF_NS: u64 = 1_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Connecting,
    Idle,
    Busy,
    Backoff(u64),
}

struct Conn {
    stream: Option<TcpStream>,
    state: State,
    /// Index of the record in flight (valid when Busy).
    req: usize,
    written: usize,
    interest: u32,
    rbuf: Vec<u8>,
    parser: Parser,
}

pub struct EngineOptions {
    pub addr: SocketAddr,
    pub connections: usize,
    pub timeout_ns: u64,
    pub spin_ns: u64,
    pub stop_after_errors: Option<u64>,
    /// Completed records are appended here as the run goes (see `stream`).
    pub stream: Option<RecordStream>,
    /// A line `stop` on stdin, or its end, stops scheduling: the requests already due are still
    /// sent and awaited, later ones are never scheduled (a precision-driven phase has its answer).
    pub control_stdin: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StoppedBy {
    /// The schedule ran to its end.
    #[default]
    Schedule,
    /// `stop_after_errors` was reached.
    Errors,
    /// The harness said stop (or closed stdin).
    Control,
}

#[derive(Debug, Default, Clone)]
pub struct EngineStats {
    pub spin_ns: u64,
    pub reconnects: u64,
    pub stopped_early: bool,
    pub stopped_by: StoppedBy,
    pub errors: u64,
}

pub struct Engine<'a> {
    opts: EngineOptions,
    pool: &'a [PoolEntry],
    records: Vec<Record>,
    conns: Vec<Conn>,
    idle: Vec<usize>,
    queue: VecDeque<usize>,
    epoll: Epoll,
    timer: Timer,
    t0_mono_ns: u64,
    next: usize,
    limit: usize,
    busy: usize,
    /// No busy deadline or backoff ends before this (recomputed when passed).
    next_check_ns: u64,
    next_stream_ns: u64,
    stream: Option<RecordStream>,
    stats: EngineStats,
}

impl<'a> Engine<'a> {
    /// Opens every connection before the clock starts, so connection setup is not in any latency.
    pub fn connect(opts: EngineOptions, pool: &'a [PoolEntry], records: Vec<Record>) -> io::Result<Self> {
        let epoll = Epoll::new()?;
        let timer = Timer::new()?;
        epoll.add(timer.raw_fd(), libc::EPOLLIN as u32, TIMER_TOKEN)?;
        if opts.control_stdin {
            epoll.add(CONTROL_FD, libc::EPOLLIN as u32, CONTROL_TOKEN)?;
        }
        let limit = records.len();
        let mut opts = opts;
        let stream = opts.stream.take();
        let mut e = Engine {
            conns: Vec::with_capacity(opts.connections),
            opts,
            stream,
            next_stream_ns: 0,
            pool,
            records,
            idle: Vec::new(),
            queue: VecDeque::new(),
            epoll,
            timer,
            t0_mono_ns: 0,
            next: 0,
            limit,
            busy: 0,
            next_check_ns: u64::MAX,
            stats: EngineStats::default(),
        };
        for i in 0..e.opts.connections {
            let stream = connect_nonblocking(&e.opts.addr)?;
            e.epoll.add(stream.as_raw_fd(), READ | WRITE, i as u64)?;
            e.conns.push(Conn { stream: Some(stream), state: State::Connecting, req: 0, written: 0, interest: READ | WRITE, rbuf: Vec::with_capacity(READ_CHUNK), parser: Parser::default() });
        }
        let deadline = monotonic_ns() + 5_000_000_000;
        let mut events = vec![libc::epoll_event { events: 0, u64: 0 }; 256];
        let mut pending = e.opts.connections;
        while pending > 0 {
            if monotonic_ns() > deadline {
                return Err(io::Error::new(io::ErrorKind::TimedOut, "connections not established within 5 s"));
            }
            let n = e.epoll.wait(&mut events, 100)?;
            for ev in &events[..n] {
                let id = ev.u64 as usize;
                if ev.u64 == TIMER_TOKEN || e.conns[id].state != State::Connecting {
                    continue;
                }
                take_error(e.conns[id].stream.as_ref().expect("connecting stream"))?;
                e.set_interest(id, READ)?;
                e.conns[id].state = State::Idle;
                e.idle.push(id);
                pending -= 1;
            }
        }
        Ok(e)
    }

    fn now(&self) -> u64 {
        monotonic_ns().saturating_sub(self.t0_mono_ns)
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

    /// Runs the schedule from t0 (CLOCK_MONOTONIC ns) and returns the filled records.
    pub fn run(mut self, t0_mono_ns: u64) -> io::Result<(Vec<Record>, EngineStats)> {
        self.t0_mono_ns = t0_mono_ns;
        if let Some(s) = &mut self.stream {
            s.start(t0_mono_ns)?;
            self.next_stream_ns = STREAM_EVERY_NS;
        } else {
            self.next_stream_ns = u64::MAX;
        }
        let mut events = vec![libc::epoll_event { events: 0, u64: 0 }; 1024];
        let mut prev_now = 0u64;
        let mut prev_was_spin = false;
        let mut budget = SpinBudget::new(WINDOW_NS, MAX_BUSY_SHARE);
        loop {
            let now = self.now();
            if prev_was_spin {
                self.stats.spin_ns += now.saturating_sub(prev_now);
            }
            prev_now = now;
            let mut worked = false;

            // Requests that are due join the queue; those beyond the idle connections will wait.
            while self.next < self.limit && self.records[self.next].intended_ns <= now {
                if self.queue.len() >= self.idle.len() {
                    self.records[self.next].flags |= FLAG_QUEUED;
                }
                self.queue.push_back(self.next);
                self.next += 1;
                worked = true;
            }
            while !self.queue.is_empty() {
                let Some(id) = self.idle.pop() else { break };
                let r = self.queue.pop_front().expect("non-empty queue");
                self.send(id, r)?;
                worked = true;
            }
            if now >= self.next_check_ns || self.queue.front().is_some_and(|&r| self.records[r].intended_ns + self.opts.timeout_ns <= now) {
                self.check_deadlines(now)?;
                worked = true;
            }
            if now >= self.next_stream_ns {
                self.flush_stream(now)?;
                self.next_stream_ns = now + STREAM_EVERY_NS;
                worked = true;
            }
            if self.next >= self.limit && self.queue.is_empty() && self.busy == 0 {
                break;
            }

            let next_due = if self.next < self.limit { self.records[self.next].intended_ns } else { u64::MAX };
            let queue_deadline = self.queue.front().map_or(u64::MAX, |&r| self.records[r].intended_ns + self.opts.timeout_ns);
            let wake = next_due.min(self.next_check_ns).min(queue_deadline).min(self.next_stream_ns);
            let now = self.now();
            // Spin for the last spin_ns before the next deadline, unless this window's busy budget is spent.
            let spin_ns = if budget.allows_spin(now) { self.opts.spin_ns } else { 0 };
            let n = if wake > now + spin_ns {
                self.timer.arm_at(self.t0_mono_ns + wake - spin_ns)?;
                let n = self.epoll.wait(&mut events, -1)?;
                budget.on_blocked(now, self.now());
                n
            } else {
                self.epoll.wait(&mut events, 0)?
            };
            for ev in &events[..n] {
                if ev.u64 == TIMER_TOKEN {
                    self.timer.drain();
                    continue;
                }
                if ev.u64 == CONTROL_TOKEN {
                    self.on_control();
                    worked = true;
                    continue;
                }
                self.on_event(ev.u64 as usize, ev.events)?;
                worked = true;
            }
            prev_was_spin = !worked && n == 0;
        }
        let end = self.now();
        self.flush_stream(end)?;
        // After a stop (errors or the harness), requests never scheduled are not part of the run.
        self.records.truncate(self.limit);
        Ok((self.records, self.stats))
    }

    fn flush_stream(&mut self, now: u64) -> io::Result<()> {
        match &mut self.stream {
            Some(s) => s.flush(now, &self.records),
            None => Ok(()),
        }
    }

    /// Stops scheduling: requests already due (queued or in flight) complete, later ones never start.
    fn stop_scheduling(&mut self, by: StoppedBy) {
        if self.limit > self.next {
            self.limit = self.next;
            self.stats.stopped_early = true;
            self.stats.stopped_by = by;
        }
    }

    fn on_control(&mut self) {
        let mut buf = [0u8; 256];
        // SAFETY: reads into a local buffer of the given length.
        let n = unsafe { libc::read(CONTROL_FD, buf.as_mut_ptr() as *mut libc::c_void, buf.len()) };
        if n < 0 && io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
            return;
        }
        // Its end counts as stop too: a harness that died must not leave the driver running to the cap.
        let stop = n <= 0 || buf[..n as usize].windows(4).any(|w| w == b"stop");
        if n <= 0 {
            self.epoll.delete(CONTROL_FD);
        }
        if stop {
            self.stop_scheduling(StoppedBy::Control);
        }
    }

    fn send(&mut self, id: usize, r: usize) -> io::Result<()> {
        let now = self.now();
        let deadline = self.records[r].intended_ns + self.opts.timeout_ns;
        self.records[r].sent_ns = now;
        let c = &mut self.conns[id];
        c.state = State::Busy;
        c.req = r;
        c.written = 0;
        c.rbuf.clear();
        c.parser.reset();
        self.busy += 1;
        self.next_check_ns = self.next_check_ns.min(deadline);
        self.write_some(id)
    }

    fn write_some(&mut self, id: usize) -> io::Result<()> {
        let c = &mut self.conns[id];
        let wire = &self.pool[c.req % self.pool.len()].wire;
        let stream = c.stream.as_mut().expect("busy connection has a stream");
        while c.written < wire.len() {
            match stream.write(&wire[c.written..]) {
                Ok(n) => c.written += n,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return self.set_interest(id, READ | WRITE),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => return self.fail(id, ERR_RESET),
            }
        }
        self.set_interest(id, READ)
    }

    fn on_event(&mut self, id: usize, flags: u32) -> io::Result<()> {
        match self.conns[id].state {
            State::Connecting => {
                let ok = take_error(self.conns[id].stream.as_ref().expect("connecting stream")).is_ok() && flags & (libc::EPOLLERR as u32 | libc::EPOLLHUP as u32) == 0;
                if ok {
                    self.set_interest(id, READ)?;
                    self.conns[id].state = State::Idle;
                    self.idle.push(id);
                } else {
                    self.connect_failed(id);
                }
                Ok(())
            }
            State::Busy => {
                if flags & WRITE != 0 && self.conns[id].written < self.pool[self.conns[id].req % self.pool.len()].wire.len() {
                    self.write_some(id)?;
                    if self.conns[id].state != State::Busy {
                        return Ok(());
                    }
                }
                if flags & !WRITE != 0 {
                    self.read_response(id)?;
                }
                Ok(())
            }
            // The server closed an idle keep-alive connection (or sent something unasked): reopen it.
            State::Idle => {
                self.idle.retain(|&i| i != id);
                self.reconnect(id);
                Ok(())
            }
            State::Backoff(_) => Ok(()),
        }
    }

    fn read_response(&mut self, id: usize) -> io::Result<()> {
        let c = &mut self.conns[id];
        let Ok(eof) = socket::read_available(c.stream.as_mut().expect("busy connection has a stream"), &mut c.rbuf) else {
            return self.fail(id, ERR_RESET);
        };
        let now = self.now();
        let c = &mut self.conns[id];
        if eof && c.rbuf.is_empty() {
            return self.fail(id, ERR_RESET);
        }
        match c.parser.poll(&c.rbuf, eof) {
            Ok(Some(done)) => {
                let r = c.req;
                self.records[r].done_ns = now;
                self.records[r].status = done.status;
                self.busy -= 1;
                if let Some(s) = &mut self.stream {
                    s.completed(r);
                }
                if done.close || eof || done.consumed != c.rbuf.len() {
                    self.reconnect(id);
                } else {
                    c.state = State::Idle;
                    self.idle.push(id);
                }
                Ok(())
            }
            Ok(None) => Ok(()),
            Err(_) => self.fail(id, ERR_PARSE),
        }
    }

    /// Records an error for the connection's request and reopens the connection.
    fn fail(&mut self, id: usize, error: u8) -> io::Result<()> {
        let r = self.conns[id].req;
        self.complete_with_error(r, error);
        self.busy -= 1;
        self.reconnect(id);
        Ok(())
    }

    fn complete_with_error(&mut self, r: usize, error: u8) {
        self.records[r].done_ns = self.now();
        self.records[r].error = error;
        self.stats.errors += 1;
        if let Some(s) = &mut self.stream {
            s.completed(r);
        }
        if let Some(max) = self.opts.stop_after_errors {
            if self.stats.errors >= max {
                self.stop_scheduling(StoppedBy::Errors);
            }
        }
    }

    fn close(&mut self, id: usize) {
        if let Some(s) = self.conns[id].stream.take() {
            self.epoll.delete(s.as_raw_fd());
        }
    }

    fn reconnect(&mut self, id: usize) {
        self.close(id);
        self.stats.reconnects += 1;
        let c = &mut self.conns[id];
        c.rbuf.clear();
        c.parser.reset();
        match connect_nonblocking(&self.opts.addr) {
            Ok(s) => {
                if self.epoll.add(s.as_raw_fd(), READ | WRITE, id as u64).is_ok() {
                    c.stream = Some(s);
                    c.interest = READ | WRITE;
                    c.state = State::Connecting;
                } else {
                    self.connect_failed(id);
                }
            }
            Err(_) => self.connect_failed(id),
        }
    }

    /// A refused connection fails the oldest waiting request (so a dead server shows as connect
    /// errors, not as a wall of timeouts) and retries after a short backoff.
    fn connect_failed(&mut self, id: usize) {
        self.close(id);
        if let Some(r) = self.queue.pop_front() {
            self.complete_with_error(r, ERR_CONNECT);
        }
        let until = self.now() + RECONNECT_BACKOFF_NS;
        self.conns[id].state = State::Backoff(until);
        self.next_check_ns = self.next_check_ns.min(until);
    }

    fn check_deadlines(&mut self, now: u64) -> io::Result<()> {
        while let Some(&r) = self.queue.front() {
            if self.records[r].intended_ns + self.opts.timeout_ns > now {
                break;
            }
            self.queue.pop_front();
            self.complete_with_error(r, ERR_TIMEOUT);
        }
        let mut next = u64::MAX;
        for id in 0..self.conns.len() {
            match self.conns[id].state {
                State::Busy => {
                    let r = self.conns[id].req;
                    let deadline = self.records[r].intended_ns + self.opts.timeout_ns;
                    if deadline <= now {
                        self.fail(id, ERR_TIMEOUT)?;
                        if let State::Backoff(until) = self.conns[id].state {
                            next = next.min(until);
                        }
                    } else {
                        next = next.min(deadline);
                    }
                }
                State::Backoff(until) if until <= now => {
                    self.reconnect(id);
                    if let State::Backoff(until) = self.conns[id].state {
                        next = next.min(until);
                    }
                }
                State::Backoff(until) => next = next.min(until),
                _ => {}
            }
        }
        self.next_check_ns = next;
        Ok(())
    }
}

pub fn unsent_count(records: &[Record]) -> usize {
    records.iter().filter(|r| r.sent_ns == UNSENT).count()
}
