/// An IPv4 or IPv6 address read from text, and blocks of them in CIDR notation: what the
/// trusted-proxy list and the throttles compare. Parsed in Swift rather than with
/// `inet_pton`, so that C calls stay in the socket layer.
///
/// IPv4 is four decimal parts of 0-255 without leading zeros (`010.0.0.1` is refused: some
/// parsers read it as octal). IPv6 follows RFC 4291 section 2.2: eight groups of 1-4 hex
/// digits, one `::` for a run of zero groups, an optional dotted IPv4 tail; a zone (`%eth0`)
/// is dropped. An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, what a dual-stack socket
/// reports for an IPv4 peer) is the IPv4 address itself.
struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// 4 bytes for IPv4, 16 for IPv6, network order.
    let bytes: [UInt8]

    var isIPv4: Bool { bytes.count == 4 }

    /// 127.0.0.0/8 or ::1 (an IPv4-mapped loopback address is read as IPv4): this machine.
    var isLoopback: Bool { isIPv4 ? bytes[0] == 127 : bytes == Array(repeating: 0, count: 15) + [1] }

    init?(_ text: some StringProtocol) {
        var text = Substring(text)
        if let zone = text.firstIndex(of: "%") { text = text[..<zone] }
        if text.contains(":") {
            guard let bytes = Self.parseIPv6(text) else { return nil }
            let mappedPrefix: [UInt8] = Array(repeating: 0, count: 10) + [0xff, 0xff]
            self.bytes = Array(bytes.prefix(12)) == mappedPrefix ? Array(bytes.suffix(4)) : bytes
        } else {
            guard let bytes = Self.parseIPv4(text) else { return nil }
            self.bytes = bytes
        }
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Dotted quad, or RFC 5952's form of IPv6: lowercase, no leading zeros, the longest run
    /// of two or more zero groups (the first of equal runs) written `::`.
    var description: String {
        if isIPv4 { return bytes.map(String.init).joined(separator: ".") }
        let groups = (0..<8).map { UInt16(bytes[2 * $0]) << 8 | UInt16(bytes[2 * $0 + 1]) }
        var bestStart = -1, bestLength = 0, runStart = -1
        for index in 0...8 {
            if index < 8 && groups[index] == 0 {
                if runStart < 0 { runStart = index }
            } else if runStart >= 0 {
                if index - runStart > bestLength { bestStart = runStart; bestLength = index - runStart }
                runStart = -1
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard bestLength >= 2 else { return hex.joined(separator: ":") }
        let head = hex[..<bestStart].joined(separator: ":")
        let tail = hex[(bestStart + bestLength)...].joined(separator: ":")
        return head + "::" + tail
    }

    /// The key the throttles count under: the address itself for IPv4; for IPv6 its /64
    /// network, because one subscriber is routinely given a whole /64 (RFC 6177) and could
    /// otherwise take a fresh address for every attempt.
    var throttleKey: String {
        if isIPv4 { return description }
        return IPAddress(bytes: Array(bytes.prefix(8)) + Array(repeating: 0, count: 8)).description + "/64"
    }

    private static func parseIPv4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard (1...3).contains(part.utf8.count), part.utf8.allSatisfy({ (48...57).contains($0) }),
                  part.utf8.count == 1 || part.utf8.first != 48, let value = UInt8(part) else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    private static func parseIPv6(_ text: Substring) -> [UInt8]? {
        // At most one "::"; split the text around it and expand the gap with zero groups.
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String, allowsIPv4Tail: Bool) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if allowsIPv4Tail && index == pieces.count - 1 && piece.contains(".") {
                    guard let tail = parseIPv4(piece) else { return nil }
                    result.append(UInt16(tail[0]) << 8 | UInt16(tail[1]))
                    result.append(UInt16(tail[2]) << 8 | UInt16(tail[3]))
                    continue
                }
                guard (1...4).contains(piece.utf8.count), let value = UInt16(piece, radix: 16) else { return nil }
                result.append(value)
            }
            return result
        }
        var all: [UInt16]
        if halves.count == 2 {
            guard let head = groups(halves[0], allowsIPv4Tail: false), let tail = groups(halves[1], allowsIPv4Tail: true),
                  head.count + tail.count <= 7 else { return nil }
            all = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        } else {
            guard let only = groups(halves[0], allowsIPv4Tail: true), only.count == 8 else { return nil }
            all = only
        }
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] }
    }
}

/// A network in CIDR notation (`10.0.0.0/8`, `2001:db8::/32`), or one address when written
/// without a prefix length.
struct CIDRBlock: Sendable, Equatable, CustomStringConvertible {
    let network: IPAddress
    let prefixLength: Int

    init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(parts[0]) else { return nil }
        let maximum = address.bytes.count * 8
        if parts.count == 2 {
            guard (1...3).contains(parts[1].utf8.count), parts[1].utf8.allSatisfy({ (48...57).contains($0) }),
                  let length = Int(parts[1]), length <= maximum else { return nil }
            prefixLength = length
        } else {
            prefixLength = maximum
        }
        network = address
    }

    var description: String { "\(network)/\(prefixLength)" }

    /// Whether `address` lies in this network (never across address families).
    func contains(_ address: IPAddress) -> Bool {
        guard address.bytes.count == network.bytes.count else { return false }
        var remaining = prefixLength
        for (mine, theirs) in zip(network.bytes, address.bytes) where remaining > 0 {
            let bits = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xff << (8 - bits))
            guard mine & mask == theirs & mask else { return false }
            remaining -= bits
        }
        return true
    }
}
