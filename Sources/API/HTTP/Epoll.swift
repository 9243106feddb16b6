import CSystemShim
import Glibc

/// An epoll instance plus the eventfd other threads use to wake it: the only epoll and
/// eventfd calls in the server. Registrations are edge-triggered; see `Connection` for how
/// reads and writes are resumed without rearming.
struct Epoll {
    struct Event {
        let descriptor: Int32
        let flags: UInt32

        var isReadable: Bool { flags & (EPOLLIN.rawValue | EPOLLRDHUP.rawValue) != 0 }
        var isWritable: Bool { flags & EPOLLOUT.rawValue != 0 }
        /// Error or both directions shut: nothing more can be read or written.
        var isHangUp: Bool { flags & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0 }
        /// The peer has shut down its sending side (its FIN arrived): nothing after the bytes
        /// already received will come.
        var isPeerShutdown: Bool { flags & EPOLLRDHUP.rawValue != 0 }
    }

    let descriptor: Int32
    /// Signalled by worker threads when a response is ready for this loop.
    let wakeupDescriptor: Int32
    private let events: UnsafeMutableBufferPointer<epoll_event>

    init(maxEventsPerWait: Int = 256) throws(SocketError) {
        descriptor = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard descriptor >= 0 else { throw SocketError("epoll_create1") }
        wakeupDescriptor = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        guard wakeupDescriptor >= 0 else {
            let error = SocketError("eventfd")
            Glibc.close(descriptor)
            throw error
        }
        events = .allocate(capacity: maxEventsPerWait)
        try add(wakeupDescriptor, flags: EPOLLIN.rawValue)
    }

    /// Level-triggered readability, for listeners: accept until EAGAIN anyway, but a missed
    /// edge must never strand a connection in the accept queue.
    func addListener(_ descriptor: Int32) throws(SocketError) {
        try add(descriptor, flags: EPOLLIN.rawValue)
    }

    /// Edge-triggered read, write and peer-shutdown notifications, registered once for the
    /// connection's lifetime (no epoll_ctl per request).
    func addConnection(_ descriptor: Int32) throws(SocketError) {
        try add(descriptor, flags: EPOLLIN.rawValue | EPOLLOUT.rawValue | EPOLLRDHUP.rawValue | EPOLLET.rawValue)
    }

    func remove(_ descriptor: Int32) {
        var unused = epoll_event()
        _ = epoll_ctl(self.descriptor, EPOLL_CTL_DEL, descriptor, &unused)
    }

    /// Waits up to `timeoutMilliseconds` and returns the ready events.
    func wait(timeoutMilliseconds: Int32) -> [Event] {
        let count = epoll_wait(descriptor, events.baseAddress, Int32(events.count), timeoutMilliseconds)
        guard count > 0 else { return [] }  // 0: timeout; -1: EINTR (nothing else is expected)
        return (0..<Int(count)).map { Event(descriptor: Int32(truncatingIfNeeded: events[$0].data.u64), flags: events[$0].events) }
    }

    /// Thread-safe: called by workers to make `wait` return.
    func wake() {
        var one: UInt64 = 1
        _ = Glibc.write(wakeupDescriptor, &one, 8)
    }

    /// Resets the eventfd counter so the next `wake` produces a new event.
    func acknowledgeWakeup() {
        var counter: UInt64 = 0
        _ = Glibc.read(wakeupDescriptor, &counter, 8)
    }

    /// Only after every thread that might call `wake` is gone: a closed number can be reused
    /// by an unrelated file, which a late `wake` would then write into.
    func close() {
        Glibc.close(wakeupDescriptor)
        Glibc.close(descriptor)
        events.deallocate()
    }

    private func add(_ target: Int32, flags: UInt32) throws(SocketError) {
        var event = epoll_event()
        event.events = flags
        event.data.u64 = UInt64(UInt32(bitPattern: target))
        guard epoll_ctl(descriptor, EPOLL_CTL_ADD, target, &event) == 0 else { throw SocketError("epoll_ctl") }
    }
}
