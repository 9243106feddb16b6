import HTTPCore

/// The one place the shop decides which client sent a request. Every throttle (sign-in,
/// sign-up) and the password-hashing pool's fairness key on its answer.
///
/// The TCP peer is the client unless the peer is a listed trusted proxy (a load balancer or
/// TLS terminator such as HAProxy). Then the client is read from the proxy's header:
/// - `X-Forwarded-For` (every line, comma-separated): walking from the right, the first
///   address that is not itself a trusted proxy. Each proxy appends the address it received
///   the request from, so entries to the left of the last trusted hop were written by the
///   client and are never believed.
/// - otherwise `Forwarded` (RFC 7239): the `for=` parameters of its elements, walked the same
///   way (quoted values, `[IPv6]:port` and `IPv4:port` accepted).
///
/// A header that cannot be read up to the first untrusted hop (a hop that is not an address,
/// such as `unknown` or an obfuscated `_name`, or garbage) falls back to the peer: the client
/// is then counted as the proxy itself, which throttles only whoever sent the bad header.
/// With no trusted proxies configured the headers are ignored entirely, so a client cannot
/// choose its own address by sending them.
struct ClientAddressResolver: Sendable {
    let trustedProxies: [CIDRBlock]

    /// Parses `UPLYFT_TRUSTED_PROXIES`-style lists: addresses or CIDR blocks separated by
    /// commas or spaces. Throws naming the first entry that is neither.
    init(trustedProxies list: [String]) throws(ShopConfiguration.InvalidSetting) {
        var blocks: [CIDRBlock] = []
        for entry in list.flatMap({ $0.split(whereSeparator: { $0 == "," || $0 == " " }) }) {
            guard let block = CIDRBlock(entry) else {
                throw ShopConfiguration.InvalidSetting(
                    description: "trusted proxy \"\(entry)\" is not an IP address or CIDR block (e.g. 10.0.0.5, 10.0.0.0/8, 2001:db8::/32)")
            }
            blocks.append(block)
        }
        trustedProxies = blocks
    }

    /// The client's address as text (canonical form), or the raw peer text when the peer is
    /// not an IP address (requests built in-process).
    func clientAddress(of request: HTTPRequest) -> String {
        resolve(request).map(\.description) ?? request.remoteAddress
    }

    /// The key throttles and the hashing pool count a client under (an IPv6 client by its /64).
    func throttleKey(of request: HTTPRequest) -> String {
        resolve(request).map(\.throttleKey) ?? request.remoteAddress
    }

    /// Whether a TCP peer (`HTTPRequest.remoteAddress`) is a listed trusted proxy; false for
    /// text that is not an IP address. An IPv4-mapped IPv6 peer (`::ffff:10.0.0.5`, what a
    /// dual-stack listener reports) matches its IPv4 entries.
    func isTrustedProxy(peerAddress: String) -> Bool {
        IPAddress(peerAddress).map(isTrusted) ?? false
    }

    private func isTrusted(_ address: IPAddress) -> Bool {
        trustedProxies.contains { $0.contains(address) }
    }

    private func resolve(_ request: HTTPRequest) -> IPAddress? {
        guard let peer = IPAddress(request.remoteAddress) else { return nil }
        guard isTrusted(peer) else { return peer }
        let forwardedFor = request.headerValues("x-forwarded-for")
        let hops: [Substring]
        if !forwardedFor.isEmpty {
            hops = forwardedFor.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
        } else {
            hops = request.headerValues("forwarded").flatMap(Self.forwardedForValues)
        }
        guard !hops.isEmpty else { return peer }
        var nearest = peer
        for hop in hops.reversed() {
            guard let address = Self.nodeAddress(hop) else { return peer }
            guard isTrusted(address) else { return address }
            nearest = address
        }
        // Every hop is a trusted proxy: the farthest one is as close to the client as we know.
        return nearest
    }

    /// The `for=` values of a `Forwarded` field line, in order; an element without one
    /// yields an empty value, which does not parse and so stops the walk there.
    private static func forwardedForValues(_ line: String) -> [Substring] {
        line.split(separator: ",", omittingEmptySubsequences: false).map { element in
            for pair in element.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0].trimmingSpaces().lowercased() == "for" else { continue }
                return Substring(parts[1].trimmingSpaces())
            }
            return ""
        }
    }

    /// An address from one hop: `192.0.2.1`, `192.0.2.1:8080`, `2001:db8::1`,
    /// `[2001:db8::1]:8080`, optionally in double quotes.
    private static func nodeAddress(_ hop: Substring) -> IPAddress? {
        var text = Substring(hop.trimmingSpaces())
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") { text = text.dropFirst().dropLast() }
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            let rest = text[text.index(after: close)...]
            guard rest.isEmpty || Self.isPort(rest.dropFirst()) && rest.hasPrefix(":") else { return nil }
            return IPAddress(text[text.index(after: text.startIndex)..<close])
        }
        let colons = text.filter { $0 == ":" }.count
        if colons == 1, let colon = text.firstIndex(of: ":") {
            guard Self.isPort(text[text.index(after: colon)...]) else { return nil }
            return IPAddress(text[..<colon])
        }
        return IPAddress(text)
    }

    private static func isPort(_ text: Substring) -> Bool {
        (1...5).contains(text.utf8.count) && text.utf8.allSatisfy { (48...57).contains($0) } && (Int(text) ?? .max) <= 65_535
    }
}
