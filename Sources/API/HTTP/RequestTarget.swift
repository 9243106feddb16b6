/// Splits a request-target (RFC 9112 section 3.2) into a decoded path and query parameters.
///
/// Accepted forms: origin-form (`/path?query`), absolute-form (`http://host/path?query`,
/// which section 3.2.2 says a server MUST accept; the authority is ignored, `Host` rules
/// still apply) and asterisk-form (`*`, path `*`, meaningful only for OPTIONS).
struct RequestTarget {
    let path: String
    let query: [(name: String, value: String)]

    init(_ target: String) throws(HTTPParseError) {
        var pathAndQuery = Substring(target)
        if target == "*" {
            path = "*"
            query = []
            return
        }
        if !target.hasPrefix("/") {
            let lowered = target.lowercased()
            guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else {
                throw .badRequest("request-target must start with '/'")
            }
            let afterScheme = pathAndQuery.dropFirst(lowered.hasPrefix("https://") ? 8 : 7)
            if let slash = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" }) {
                pathAndQuery = afterScheme[slash...]
            } else {
                pathAndQuery = "/"
            }
            if pathAndQuery.hasPrefix("?") { pathAndQuery = "/" + pathAndQuery }
        }
        let rawPath: Substring
        let rawQuery: Substring?
        if let questionMark = pathAndQuery.firstIndex(of: "?") {
            rawPath = pathAndQuery[..<questionMark]
            rawQuery = pathAndQuery[pathAndQuery.index(after: questionMark)...]
        } else {
            rawPath = pathAndQuery
            rawQuery = nil
        }
        guard let decodedPath = PercentDecoding.decodeStrict(rawPath) else {
            throw .badRequest("path has an invalid percent-encoding or is not UTF-8")
        }
        path = decodedPath
        query = rawQuery.map(PercentDecoding.queryParameters) ?? []
    }
}

/// Percent-decoding (RFC 3986 section 2.1) for paths and for form-style query strings.
enum PercentDecoding {
    /// Decodes a path: `%XY` only, `+` stays `+`. Nil for a malformed escape or bytes that
    /// are not UTF-8, because a path that cannot be decoded cannot be routed reliably.
    static func decodeStrict(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(HTTPSyntax.hexDigitValue),
                      let low = iterator.next().flatMap(HTTPSyntax.hexDigitValue) else { return nil }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Decodes one query component the way HTML forms encode it: `+` is a space, `%XY` a byte.
    /// Lenient like browsers' URLSearchParams: a malformed escape is kept literally and bytes
    /// that are not UTF-8 become U+FFFD, since a bad query parameter should not fail a request.
    static func decodeQueryComponent(_ text: Substring) -> String {
        let utf8 = Array(text.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < utf8.count,
                      let high = HTTPSyntax.hexDigitValue(utf8[index + 1]),
                      let low = HTTPSyntax.hexDigitValue(utf8[index + 2]) {
                bytes.append(high << 4 | low)
                index += 2
            } else {
                bytes.append(byte)
            }
            index += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `a=1&b=x+y&flag` -> [("a","1"), ("b","x y"), ("flag","")]; empty pieces are skipped.
    static func queryParameters(_ query: Substring) -> [(name: String, value: String)] {
        query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            if let equals = pair.firstIndex(of: "=") {
                return (decodeQueryComponent(pair[..<equals]),
                        decodeQueryComponent(pair[pair.index(after: equals)...]))
            }
            return (decodeQueryComponent(pair), "")
        }
    }
}
