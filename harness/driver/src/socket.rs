//! Thin, safe-ish wrappers over the Linux calls the hot loop needs: non-blocking TCP connect,
//! epoll, and a timerfd with nanosecond deadlines (epoll_wait's own timeout is in milliseconds,
//! too coarse for a schedule with 200 µs between requests).
use std::io;
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};

fn cvt(r: libc::c_int) -> io::Result<libc::c_int> {
    if r < 0 { Err(io::Error::last_os_error()) } else { Ok(r) }
}

/// How much one read asks for; a read that returns less has emptied the socket.
pub const READ_CHUNK: usize = 16 * 1024;

/// Appends everything a readable non-blocking socket holds to `buf`, READ_CHUNK at a time, until
/// it would block, returns a short read, or the peer closes. Ok(true): the peer closed (what came
/// before the close is in `buf`). Err: a reset or any other failure of the connection.
pub fn read_available(stream: &mut TcpStream, buf: &mut Vec<u8>) -> io::Result<bool> {
    use std::io::Read;
    loop {
        let len = buf.len();
        buf.resize(len + READ_CHUNK, 0);
        match stream.read(&mut buf[len..]) {
            Ok(0) => {
                buf.truncate(len);
                return Ok(true);
            }
            Ok(n) => {
                buf.truncate(len + n);
                if n < READ_CHUNK {
                    return Ok(false);
                }
            }
            Err(e) => {
                buf.truncate(len);
                match e.kind() {
                    io::ErrorKind::WouldBlock => return Ok(false),
                    io::ErrorKind::Interrupted => continue,
                    _ => return Err(e),
                }
            }
        }
    }
}

pub fn resolve(host: &str, port: u16) -> io::Result<SocketAddr> {
    (host, port).to_socket_addrs()?.next().ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "host did not resolve"))
}

/// Starts a non-blocking connect. Completion is signalled by EPOLLOUT; then call `take_error`.
pub fn connect_nonblocking(addr: &SocketAddr) -> io::Result<TcpStream> {
    let (family, storage, len) = sockaddr(addr);
    // SAFETY: plain socket creation; the fd is owned by the TcpStream below.
    let fd = cvt(unsafe { libc::socket(family, libc::SOCK_STREAM | libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC, 0) })?;
    let stream = unsafe { TcpStream::from_raw_fd(fd) };
    stream.set_nodelay(true)?;
    // SAFETY: storage holds a valid sockaddr of length len.
    let r = unsafe { libc::connect(fd, &storage as *const _ as *const libc::sockaddr, len) };
    if r < 0 {
        let e = io::Error::last_os_error();
        if e.raw_os_error() != Some(libc::EINPROGRESS) {
            return Err(e);
        }
    }
    Ok(stream)
}

fn sockaddr(addr: &SocketAddr) -> (libc::c_int, libc::sockaddr_storage, libc::socklen_t) {
    // SAFETY: zeroed sockaddr_storage is valid; we fill the variant matching the family.
    let mut storage: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    match addr {
        SocketAddr::V4(a) => {
            let sin = libc::sockaddr_in {
                sin_family: libc::AF_INET as libc::sa_family_t,
                sin_port: a.port().to_be(),
                sin_addr: libc::in_addr { s_addr: u32::from_ne_bytes(a.ip().octets()) },
                sin_zero: [0; 8],
            };
            unsafe { std::ptr::write(&mut storage as *mut _ as *mut libc::sockaddr_in, sin) };
            (libc::AF_INET, storage, std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t)
        }
        SocketAddr::V6(a) => {
            let sin6 = libc::sockaddr_in6 {
                sin6_family: libc::AF_INET6 as libc::sa_family_t,
                sin6_port: a.port().to_be(),
                sin6_flowinfo: a.flowinfo(),
                sin6_addr: libc::in6_addr { s6_addr: a.ip().octets() },
                sin6_scope_id: a.scope_id(),
            };
            unsafe { std::ptr::write(&mut storage as *mut _ as *mut libc::sockaddr_in6, sin6) };
            (libc::AF_INET6, storage, std::mem::size_of::<libc::sockaddr_in6>() as libc::socklen_t)
        }
    }
}

pub struct Epoll {
    fd: OwnedFd,
}

pub const READ: u32 = libc::EPOLLIN as u32 | libc::EPOLLRDHUP as u32;
pub const WRITE: u32 = libc::EPOLLOUT as u32;

impl Epoll {
    pub fn new() -> io::Result<Self> {
        let fd = cvt(unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) })?;
        Ok(Epoll { fd: unsafe { OwnedFd::from_raw_fd(fd) } })
    }

    fn ctl(&self, op: libc::c_int, fd: RawFd, events: u32, token: u64) -> io::Result<()> {
        let mut ev = libc::epoll_event { events, u64: token };
        cvt(unsafe { libc::epoll_ctl(self.fd.as_raw_fd(), op, fd, &mut ev) }).map(|_| ())
    }

    pub fn add(&self, fd: RawFd, events: u32, token: u64) -> io::Result<()> {
        self.ctl(libc::EPOLL_CTL_ADD, fd, events, token)
    }

    pub fn modify(&self, fd: RawFd, events: u32, token: u64) -> io::Result<()> {
        self.ctl(libc::EPOLL_CTL_MOD, fd, events, token)
    }

    pub fn delete(&self, fd: RawFd) {
        // A failure here means the fd is already gone, which is what we wanted.
        let _ = self.ctl(libc::EPOLL_CTL_DEL, fd, 0, 0);
    }

    /// `timeout_ms`: 0 polls, -1 blocks until an event (a timerfd provides fine deadlines).
    pub fn wait(&self, events: &mut [libc::epoll_event], timeout_ms: i32) -> io::Result<usize> {
        let n = unsafe { libc::epoll_wait(self.fd.as_raw_fd(), events.as_mut_ptr(), events.len() as i32, timeout_ms) };
        if n < 0 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::Interrupted {
                return Ok(0);
            }
            return Err(e);
        }
        Ok(n as usize)
    }
}

/// A CLOCK_MONOTONIC timerfd armed at absolute nanosecond deadlines.
pub struct Timer {
    fd: OwnedFd,
    armed_at_ns: u64,
}

impl Timer {
    pub fn new() -> io::Result<Self> {
        let fd = cvt(unsafe { libc::timerfd_create(libc::CLOCK_MONOTONIC, libc::TFD_NONBLOCK | libc::TFD_CLOEXEC) })?;
        Ok(Timer { fd: unsafe { OwnedFd::from_raw_fd(fd) }, armed_at_ns: 0 })
    }

    pub fn raw_fd(&self) -> RawFd {
        self.fd.as_raw_fd()
    }

    /// Arms the timer at an absolute CLOCK_MONOTONIC time; re-arming at the same time is free.
    pub fn arm_at(&mut self, monotonic_ns: u64) -> io::Result<()> {
        if monotonic_ns == self.armed_at_ns {
            return Ok(());
        }
        let spec = libc::itimerspec {
            it_interval: libc::timespec { tv_sec: 0, tv_nsec: 0 },
            it_value: libc::timespec { tv_sec: (monotonic_ns / 1_000_000_000) as libc::time_t, tv_nsec: (monotonic_ns % 1_000_000_000) as libc::c_long },
        };
        cvt(unsafe { libc::timerfd_settime(self.fd.as_raw_fd(), libc::TFD_TIMER_ABSTIME, &spec, std::ptr::null_mut()) })?;
        self.armed_at_ns = monotonic_ns;
        Ok(())
    }

    /// Consumes an expiry so the level-triggered fd stops reporting readable.
    pub fn drain(&mut self) {
        let mut buf = [0u8; 8];
        unsafe { libc::read(self.fd.as_raw_fd(), buf.as_mut_ptr() as *mut libc::c_void, 8) };
        self.armed_at_ns = 0;
    }
}

pub fn take_error(stream: &TcpStream) -> io::Result<()> {
    match stream.take_error()? {
        Some(e) => Err(e),
        None => Ok(()),
    }
}
