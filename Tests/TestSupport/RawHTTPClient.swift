import Foundation
import Glibc

/// A deliberately simple blocking HTTP/1.1 client on a raw socket, so server tests control
/// exactly which bytes go out and when (pipelining, partial heads, slow senders).
/// Every read has a receive timeout so a server bug fails a test instead of hanging it.
public final class RawHTTPClient {
    public struct Response: Sendable {
        public let status: Int
        public let headers: [(name: String, value: String)]
        public let body: [UInt8]

        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    public struct ClientError: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    private let descriptor: Int32
    private var received: [UInt8] = []
    private var isOpen = true

    /// Connects to `host` (a numeric IPv4 or IPv6 address) from `sourceAddress` when given:
    /// any of 127/8 works on Linux without set-up, so tests can be several peers at once.
    public init(port: Int, host: String = "127.0.0.1", sourceAddress: String? = nil, receiveTimeoutSeconds: Int = 5) throws {
        let server = try Self.numericAddress(host, port: port)
        descriptor = socket(Int32(server.family), Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ClientError(description: "socket failed") }
        var timeout = timeval(tv_sec: receiveTimeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        do {
            if let sourceAddress {
                var source = try Self.numericAddress(sourceAddress, port: 0)
                let bound = withUnsafePointer(to: &source.storage) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, source.length) }
                }
                guard bound == 0 else { throw ClientError(description: "bind \(sourceAddress) failed: errno \(errno)") }
            }
            var destination = server
            let status = withUnsafePointer(to: &destination.storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, destination.length) }
            }
            guard status == 0 else { throw ClientError(description: "connect to \(host) failed: errno \(errno)") }
        } catch {
            close()  // marks it closed, so deinit does not close the number a second time
            throw error
        }
    }

    private static func numericAddress(_ host: String, port: Int) throws -> (storage: sockaddr_storage, length: socklen_t, family: Int32) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV
        var results: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &results) == 0, let first = results else {
            throw ClientError(description: "not a numeric address: \(host)")
        }
        defer { freeaddrinfo(results) }
        var storage = sockaddr_storage()
        withUnsafeMutableBytes(of: &storage) { target in
            target.copyMemory(from: UnsafeRawBufferPointer(start: first.pointee.ai_addr, count: Int(first.pointee.ai_addrlen)))
        }
        return (storage, first.pointee.ai_addrlen, first.pointee.ai_family)
    }

    deinit { close() }

    /// Closes the socket the ordinary way (FIN), as a client that gives up does.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        Glibc.close(descriptor)
    }

    /// Closes with a reset (RST) instead of FIN: SO_LINGER with a zero timeout.
    public func reset() {
        guard isOpen else { return }
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        close()
    }

    /// Sends FIN but keeps reading: a half-close.
    public func shutdownWriting() {
        _ = Glibc.shutdown(descriptor, Int32(SHUT_WR))
    }

    public func send(_ text: String) throws { try send(Array(text.utf8)) }

    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw ClientError(description: "send failed: errno \(errno)") }
            offset += sent
        }
    }

    /// Reads one response; bodies are framed by Content-Length (none for HEAD/1xx/204/304).
    public func readResponse(headRequest: Bool = false) throws -> Response {
        let headEnd = try readUntilHeadEnd()
        let head = String(decoding: received[..<headEnd], as: UTF8.self)
        received.removeFirst(headEnd + 4)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw ClientError(description: "bad status line in \(head)")
        }
        let headers = lines.compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), String(line[line.index(after: colon)...].drop { $0 == " " }))
        }
        let response = Response(status: status, headers: headers, body: [])
        let hasBody = !headRequest && status >= 200 && status != 204 && status != 304
        let length = hasBody ? Int(response.header("Content-Length") ?? "0") ?? 0 : 0
        while received.count < length {
            guard try receiveMore() else { throw ClientError(description: "connection closed mid-body") }
        }
        let body = Array(received[..<length])
        received.removeFirst(length)
        return Response(status: status, headers: headers, body: body)
    }

    /// True when the server has closed the connection (EOF) and sent nothing more.
    public func isClosedByServer() -> Bool {
        guard received.isEmpty else { return false }
        return (try? receiveMore()) == false
    }

    private func readUntilHeadEnd() throws -> Int {
        let marker = Array("\r\n\r\n".utf8)
        var searchFrom = 0
        while true {
            if received.count >= 4 {
                for index in searchFrom...(received.count - 4) where Array(received[index..<index + 4]) == marker {
                    return index
                }
                searchFrom = received.count - 3
            }
            guard try receiveMore() else { throw ClientError(description: "connection closed before a response") }
        }
    }

    /// False at EOF; throws on timeout or error.
    private func receiveMore() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count > 0 {
            received.append(contentsOf: chunk[..<count])
            return true
        }
        if count == 0 { return false }
        if errno == ECONNRESET { return false }
        throw ClientError(description: "recv failed: errno \(errno)")
    }
}
