import CSystemShim
import Glibc

/// A failed system call, with the errno it returned.
public struct SocketError: Error, CustomStringConvertible, Sendable {
    public let operation: String
    public let code: Int32

    init(_ operation: String, code: Int32 = errno) {
        self.operation = operation
        self.code = code
    }

    public var description: String { "\(operation) failed: \(String(cString: strerror(code))) (errno \(code))" }

    /// bind's EADDRINUSE: something already listens on the address and port.
    var isAddressInUse: Bool { code == EADDRINUSE }
}

/// The outcome of one non-blocking read or write.
enum SocketIOResult {
    case transferred(Int)
    /// The kernel has no data (read) or no buffer space (write) right now; wait for epoll.
    case wouldBlock
    /// The peer closed its sending side (read returned 0).
    case endOfStream
    case failed(SocketError)
}

/// A non-blocking stream socket. Every POSIX socket call of the server lives here, so the
/// rest of the HTTP layer never handles errno or raw pointers to sockaddrs.
struct Socket {
    let descriptor: Int32

    /// How a listener shares its port (SO_REUSEPORT).
    enum PortSharing {
        /// No sharing: binding fails with EADDRINUSE if anyone listens on the port.
        case exclusive
        /// Binds as `exclusive` does, so it fails if anyone (sharing or not) already listens
        /// there, then turns SO_REUSEPORT on before listen(2) so that `joinsGroup` listeners
        /// of this process can join it. The kernel checks sharing at bind time, and allows a
        /// socket with SO_REUSEPORT to join one that turned it on after its own bind.
        case foundsGroup
        /// SO_REUSEPORT before bind: joins listeners of the same user on the port.
        case joinsGroup
    }

    /// A non-blocking listening socket bound to `host:port`. Several listeners (one per event
    /// loop) can share a port (`sharing`), and the kernel spreads new connections across
    /// them, so loops never contend on one accept queue.
    static func listen(host: String, port: Int, sharing: PortSharing, backlog: Int32 = 1024) throws(SocketError) -> Socket {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var results: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &results)
        guard status == 0, let first = results else {
            throw SocketError("getaddrinfo(\(host))", code: status == EAI_SYSTEM ? errno : EINVAL)
        }
        defer { freeaddrinfo(results) }
        let address = first.pointee

        let descriptor = socket(address.ai_family,
                                Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw SocketError("socket") }
        let listener = Socket(descriptor: descriptor)
        do throws(SocketError) {
            // SO_REUSEADDR: restart at once over connections of a previous run in TIME_WAIT.
            // (On Linux it never allows binding where a socket is listening.)
            try listener.setOption(SOL_SOCKET, SO_REUSEADDR, 1)
            if sharing == .joinsGroup { try listener.setOption(SOL_SOCKET, SO_REUSEPORT, 1) }
            guard bind(descriptor, address.ai_addr, address.ai_addrlen) == 0 else { throw SocketError("bind \(host):\(port)") }
            if sharing == .foundsGroup { try listener.setOption(SOL_SOCKET, SO_REUSEPORT, 1) }
            guard Glibc.listen(descriptor, backlog) == 0 else { throw SocketError("listen") }
        } catch {
            listener.close()
            throw error
        }
        return listener
    }

    /// The port the socket is bound to (the kernel's choice when bound to port 0).
    func localPort() throws(SocketError) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let status = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard status == 0 else { throw SocketError("getsockname") }
        return Self.numericHostAndPort(storage, length: length)?.port ?? 0
    }

    /// Accepts one pending connection, already non-blocking, with the peer's IP address as
    /// text and the group it is counted in for per-peer limits. Nil when the queue is empty
    /// (or the peer gave up before we got to it).
    func accept() throws(SocketError) -> (socket: Socket, remoteAddress: String, peer: PeerGroup)? {
        while true {
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let accepted = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    accept4(descriptor, $0, &length, Int32(SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue))
                }
            }
            if accepted >= 0 {
                let connection = Socket(descriptor: accepted)
                // Responses are written whole; Nagle would only delay the last segment.
                try? connection.setOption(Int32(IPPROTO_TCP), TCP_NODELAY, 1)
                return (connection, Self.numericHostAndPort(storage, length: length)?.host ?? "", Self.peerGroup(storage))
            }
            switch errno {
            case EINTR, ECONNABORTED, EPROTO: continue
            case EAGAIN, EWOULDBLOCK: return nil
            default: throw SocketError("accept4")
            }
        }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> SocketIOResult {
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count > 0 { return .transferred(count) }
            if count == 0 { return .endOfStream }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .failed(SocketError("read"))
            }
        }
    }

    /// MSG_NOSIGNAL: a peer that already closed gives EPIPE here instead of killing the process.
    func write(_ bytes: UnsafeRawBufferPointer) -> SocketIOResult {
        while true {
            let count = send(descriptor, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
            if count >= 0 { return .transferred(count) }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .failed(SocketError("send"))
            }
        }
    }

    /// Sends FIN while still allowing reads, for a lingering close.
    func shutdownWriting() {
        _ = Glibc.shutdown(descriptor, Int32(SHUT_WR))
    }

    func close() {
        _ = Glibc.close(descriptor)
    }

    private func setOption(_ level: Int32, _ name: Int32, _ value: Int32) throws(SocketError) {
        var value = value
        guard setsockopt(descriptor, level, name, &value, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            throw SocketError("setsockopt(\(name))")
        }
    }

    /// The address bytes of an IPv4 or IPv6 socket address, read in place (no allocation).
    private static func peerGroup(_ storage: sockaddr_storage) -> PeerGroup {
        let family = Int32(storage.ss_family)
        return withUnsafeBytes(of: storage) { raw in
            switch family {
            case AF_INET:
                let offset = MemoryLayout<sockaddr_in>.offset(of: \sockaddr_in.sin_addr) ?? 0
                return PeerGroup(addressBytes: UnsafeRawBufferPointer(rebasing: raw[offset..<offset + 4]))
            case AF_INET6:
                let offset = MemoryLayout<sockaddr_in6>.offset(of: \sockaddr_in6.sin6_addr) ?? 0
                return PeerGroup(addressBytes: UnsafeRawBufferPointer(rebasing: raw[offset..<offset + 16]))
            default:
                return .unknown
            }
        }
    }

    private static func numericHostAndPort(_ storage: sockaddr_storage, length: socklen_t) -> (host: String, port: Int)? {
        var storage = storage
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        var service = [CChar](repeating: 0, count: Int(NI_MAXSERV))
        let status = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getnameinfo($0, length, &host, socklen_t(host.count), &service, socklen_t(service.count),
                            NI_NUMERICHOST | NI_NUMERICSERV)
            }
        }
        guard status == 0 else { return nil }
        let hostText = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let serviceText = String(decoding: service.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (hostText, Int(serviceText) ?? 0)
    }
}
