/// Response compression as HTTP negotiates it (RFC 9110 sections 8.4 and 12.5.3): whether a
/// request's `Accept-Encoding` takes gzip, which responses are worth compressing, and the
/// compression itself with `Content-Encoding: gzip` and `Vary: Accept-Encoding`.
public enum ContentEncoding {
    /// Smaller bodies go as they are: gzip's 18-byte frame and Huffman tables eat most of
    /// the gain, and such a body fits in one TCP segment anyway.
    public static let minimumBytes = 1024
    /// Larger bodies go as they are, so one response cannot hold a worker compressing for
    /// long (the page's files and API answers are far below this).
    public static let maximumBytes = 8 * 1024 * 1024

    /// Whether `Accept-Encoding` accepts gzip with a nonzero weight: `gzip` or `x-gzip` by
    /// name, else `*`. A missing header accepts nothing but identity here (RFC 9110 allows
    /// any coding then, but clients that want gzip say so). An element whose `q` is not a
    /// valid qvalue (`0`, `0.5`, `1.000`) counts as absent.
    public static func acceptsGzip(_ acceptEncoding: String?) -> Bool {
        guard let acceptEncoding else { return false }
        var named: Int?
        var wildcard: Int?
        for element in acceptEncoding.split(separator: ",") {
            let parts = element.split(separator: ";", omittingEmptySubsequences: false)
            let coding = parts[0].trimmingSpaces().lowercased()
            guard !coding.isEmpty else { continue }
            var weight = 1000
            var valid = true
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard pair.count == 2, pair[0].trimmingSpaces().lowercased() == "q",
                      let parsed = qualityValue(pair[1].trimmingSpaces()) else {
                    valid = false
                    break
                }
                weight = parsed
            }
            guard valid else { continue }
            if coding == "gzip" || coding == "x-gzip" {
                if named == nil { named = weight }
            } else if coding == "*" {
                if wildcard == nil { wildcard = weight }
            }
        }
        return (named ?? wildcard ?? 0) > 0
    }

    /// A qvalue (RFC 9110 section 12.4.2) in thousandths: `0`, `0.`, `0.125`, `1`, `1.000`;
    /// nil for anything else (`1.5`, `-1`, `0.1234`, `abc`).
    public static func qualityValue(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, first == UInt8(ascii: "0") || first == UInt8(ascii: "1") else { return nil }
        let whole = Int(first - UInt8(ascii: "0"))
        if bytes.count == 1 { return whole * 1000 }
        guard bytes[1] == UInt8(ascii: "."), bytes.count <= 5 else { return nil }
        var thousandths = 0
        var scale = 100
        for byte in bytes[2...] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            thousandths += Int(byte - UInt8(ascii: "0")) * scale
            scale /= 10
        }
        guard whole == 0 || thousandths == 0 else { return nil }
        return whole * 1000 + thousandths
    }

    /// Whether a body of this media type is text that gzip shrinks: HTML, CSS, JavaScript,
    /// JSON (and `+json`), SVG and other XML, plain text. Images and fonts are compressed already.
    public static func isCompressible(contentType: String?) -> Bool {
        guard let contentType else { return false }
        // Every JSON answer of the API: decided without splitting or lowercasing.
        if contentType == "application/json" { return true }
        let type = contentType.split(separator: ";")[0].trimmingSpaces().lowercased()
        return type.hasPrefix("text/") || type == "application/json" || type.hasSuffix("+json") || type.hasSuffix("+xml")
            || type == "application/javascript" || type == "application/xml" || type == "image/svg+xml"
    }

    /// The tag of the gzip-coded representation of the one tagged `entityTag`: a strong tag
    /// names one representation, so the coded one needs a tag of its own (RFC 9110 section
    /// 8.8.3). `"abc"` becomes `"abc-gzip"`, `W/"abc"` becomes `W/"abc-gzip"`.
    public static func gzipTag(_ entityTag: String) -> String {
        guard entityTag.hasSuffix("\"") else { return entityTag }
        return String(entityTag.dropLast()) + "-gzip\""
    }

    /// Adds `token` to the response's `Vary` field, once.
    public static func addVary(_ token: String, to response: inout HTTPResponse) {
        if let index = response.headers.firstIndex(where: { HTTPSyntax.namesEqual($0.name, "vary") }) {
            // Already exactly this token (a kept answer passing a second time): nothing to parse.
            if HTTPSyntax.namesEqual(response.headers[index].value, token) { return }
            let present = response.headers[index].value.split(separator: ",").map { $0.trimmingSpaces().lowercased() }
            guard !present.contains(token.lowercased()), !present.contains("*") else { return }
            response.headers[index].value += ", " + token
        } else {
            response.headers.append(("Vary", token))
        }
    }

    /// Compresses `response` for a client that accepts gzip: a compressible body (by type)
    /// gets `Vary: Accept-Encoding` whether or not it is compressed (a cache must not hand
    /// the gzip bytes to a client that cannot read them), and a body from `minimumBytes` to
    /// `maximumBytes` that gzip makes smaller is replaced by its gzip form, with
    /// `Content-Encoding: gzip` and the `gzipTag` of its ETag. A response that already has a
    /// Content-Encoding, or no body (204, 304), is left alone.
    public static func apply(to response: inout HTTPResponse, acceptsGzip: Bool, level: Int32 = Gzip.defaultLevel) {
        guard response.header("Content-Encoding") == nil, isCompressible(contentType: response.header("Content-Type")) else { return }
        addVary("Accept-Encoding", to: &response)
        guard acceptsGzip, response.status != 204, response.status != 304,
              response.body.count >= minimumBytes, response.body.count <= maximumBytes else { return }
        let compressed: [UInt8]
        do {
            compressed = try Gzip.compress(response.body, level: level, maximumInputBytes: maximumBytes)
        } catch {
            // Out of memory in zlib: the body goes uncompressed, which every client reads.
            return
        }
        guard compressed.count < response.body.count else { return }
        response.body = compressed
        response.headers.append(("Content-Encoding", "gzip"))
        if let index = response.headers.firstIndex(where: { HTTPSyntax.namesEqual($0.name, "etag") }) {
            response.headers[index].value = gzipTag(response.headers[index].value)
        }
    }
}
