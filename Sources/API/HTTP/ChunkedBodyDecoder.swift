/// Incremental decoder for a request body in the chunked transfer coding (RFC 9112 section
/// 7.1): fed the raw bytes after the head as they arrive, it yields the body without its
/// framing and says where the message ends.
///
///     chunked-body    = *chunk last-chunk trailer-section CRLF
///     chunk           = chunk-size [ chunk-ext ] CRLF chunk-data CRLF
///     chunk-size      = 1*HEXDIG
///     last-chunk      = 1*("0") [ chunk-ext ] CRLF
///     chunk-ext       = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )
///     chunk-ext-val   = token / quoted-string
///     trailer-section = *( field-line CRLF )
///
/// Strict like the head parser, for the same reason (a proxy must find the same end): lines
/// end in CRLF only, nothing but the grammar may follow the size (no `0x`, no sign, no
/// trailing whitespace), and chunk-data must be followed by exactly CRLF.
///
/// Limits, so framing cannot cost more than the body it carries:
/// - the decoded body is at most `maxBodyBytes`, checked digit by digit as a chunk size is
///   read (413), so no size can overflow or be believed beyond what will be accepted;
/// - a chunk size has at most `maxSizeDigits` digits, leading zeros included (400);
/// - chunk extensions are validated and ignored (section 7.1.1 says to ignore unknown ones
///   and to bound their total length): at most `maxChunkExtensionBytes` in one body (400);
/// - trailer fields are validated like header fields and discarded (section 7.1.2 allows
///   it); the trailer section is at most `maxHeaderBytes` and `maxHeaderCount` fields (431).
struct ChunkedBodyDecoder {
    /// 16 hex digits already exceed any size an `Int` can hold; twice that leaves room for a
    /// sender that pads sizes with zeros (allowed by the grammar) and bounds the scan.
    static let maxSizeDigits = 32

    private enum State {
        case sizeLine
        case data(remaining: Int)
        case dataLineEnd
        case trailer
    }

    private let limits: HTTPRequestParser.Limits
    private(set) var body: [UInt8] = []
    private var state = State.sizeLine
    /// How far past the current line's start the search for its LF has got, so a line
    /// trickled byte by byte costs linear time.
    private var lineScanOffset = 0
    private var extensionBytes = 0
    /// The trailer section so far, CRLFs included.
    private var trailerBytes = 0
    private var trailerFieldCount = 0

    init(limits: HTTPRequestParser.Limits) {
        self.limits = limits
    }

    /// Body bytes the request has committed the server to hold: those decoded, plus the rest
    /// of the chunk being received (announced by its size line).
    var committedBodyBytes: Int {
        if case .data(let remaining) = state { return body.count + remaining }
        return body.count
    }

    /// Decodes from `bytes[index...]` and moves `index` past what it consumed. True once the
    /// body is complete, with `index` just past the CRLF that ends the chunked body.
    mutating func decode(_ bytes: UnsafeBufferPointer<UInt8>, index: inout Int) throws(HTTPParseError) -> Bool {
        while true {
            switch state {
            case .sizeLine:
                // Limits are at most 2^40 (`Limits.init`), so this cannot overflow.
                let allowance = Self.maxSizeDigits + limits.maxChunkExtensionBytes - extensionBytes
                guard let lineEnd = try findLineEnd(in: bytes, from: index, maxLength: allowance,
                                                    tooLong: .badRequest("chunk size line too long")) else {
                    return false
                }
                let size = try parseSizeLine(UnsafeBufferPointer(rebasing: bytes[index..<lineEnd]))
                index = lineEnd + 2
                state = size == 0 ? .trailer : .data(remaining: size)
            case .data(let remaining):
                let count = min(remaining, bytes.count - index)
                if count == 0 { return false }
                body.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<(index + count)]))
                index += count
                state = count == remaining ? .dataLineEnd : .data(remaining: remaining - count)
            case .dataLineEnd:
                // Checked byte by byte so a wrong byte is refused as soon as it arrives.
                guard index < bytes.count else { return false }
                guard bytes[index] == UInt8(ascii: "\r") else { throw .badRequest("chunk data not followed by CRLF") }
                guard index + 1 < bytes.count else { return false }
                guard bytes[index + 1] == UInt8(ascii: "\n") else { throw .badRequest("chunk data not followed by CRLF") }
                index += 2
                state = .sizeLine
            case .trailer:
                // The section's final empty line counts too, so that an unfinished line can
                // be refused by the same arithmetic as a finished one.
                let allowance = limits.maxHeaderBytes - trailerBytes - 2
                guard let lineEnd = try findLineEnd(in: bytes, from: index, maxLength: allowance,
                                                    tooLong: .trailerTooLarge) else {
                    return false
                }
                trailerBytes += lineEnd - index + 2
                if trailerBytes > limits.maxHeaderBytes { throw .trailerTooLarge }
                if lineEnd == index {
                    index += 2
                    return true
                }
                trailerFieldCount += 1
                if trailerFieldCount > limits.maxHeaderCount { throw .tooManyTrailerFields }
                _ = try RequestHead.parseFieldLine(UnsafeBufferPointer(rebasing: bytes[index..<lineEnd]))
                index = lineEnd + 2
            }
        }
    }

    /// The index of the CR ending the line that starts at `start`, or nil while its LF has
    /// not arrived. A line longer than `maxLength` (CRLF excluded) throws `tooLong`, even
    /// unfinished: one byte of slack lets its CR arrive before its LF.
    private mutating func findLineEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, maxLength: Int,
                                      tooLong: HTTPParseError) throws(HTTPParseError) -> Int? {
        var index = start + lineScanOffset
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") {
                guard index > start, bytes[index - 1] == UInt8(ascii: "\r") else {
                    throw .badRequest("line not terminated by CRLF")
                }
                lineScanOffset = 0
                if index - 1 - start > maxLength { throw tooLong }
                return index - 1
            }
            index += 1
        }
        lineScanOffset = index - start
        if lineScanOffset - 1 > maxLength { throw tooLong }
        return nil
    }

    /// `chunk-size [ chunk-ext ]`, without the CRLF. Returns the size.
    private mutating func parseSizeLine(_ line: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> Int {
        let allowed = limits.maxBodyBytes - body.count
        var size = 0
        var digits = 0
        while digits < line.count, let digit = HTTPSyntax.hexDigitValue(line[digits]) {
            let (shifted, shiftOverflowed) = size.multipliedReportingOverflow(by: 16)
            let (next, addOverflowed) = shifted.addingReportingOverflow(Int(digit))
            guard !shiftOverflowed, !addOverflowed, next <= allowed else { throw .bodyTooLarge }
            size = next
            digits += 1
        }
        guard digits > 0 else { throw .badRequest("invalid chunk size") }
        guard digits <= Self.maxSizeDigits else { throw .badRequest("chunk size has too many digits") }
        let extensions = UnsafeBufferPointer(rebasing: line[digits...])
        extensionBytes += extensions.count
        guard extensionBytes <= limits.maxChunkExtensionBytes else { throw .badRequest("chunk extensions too long") }
        try Self.validateExtensions(extensions)
        return size
    }

    /// `*( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )`; the values are ignored.
    private static func validateExtensions(_ bytes: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) {
        let malformed = HTTPParseError.badRequest("malformed chunk extension")
        var index = 0
        func skipWhitespace() {
            while index < bytes.count, HTTPSyntax.isWhitespace(bytes[index]) { index += 1 }
        }
        func skipToken() -> Bool {
            let start = index
            while index < bytes.count, HTTPSyntax.isTokenCharacter(bytes[index]) { index += 1 }
            return index > start
        }
        while index < bytes.count {
            skipWhitespace()
            // Whitespace must lead to another extension, not end the line.
            guard index < bytes.count, bytes[index] == UInt8(ascii: ";") else { throw malformed }
            index += 1
            skipWhitespace()
            guard skipToken() else { throw malformed }
            let afterName = index
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
                index = afterName
                continue
            }
            index += 1
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                index = try endOfQuotedString(bytes, from: index)
            } else if !skipToken() {
                throw malformed
            }
        }
    }

    /// RFC 9110 section 5.6.4: `DQUOTE *( qdtext / quoted-pair ) DQUOTE`. Returns the index
    /// after the closing quote.
    private static func endOfQuotedString(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) throws(HTTPParseError) -> Int {
        var index = start + 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { return index + 1 }
            if byte == UInt8(ascii: "\\") {
                index += 1
                guard index < bytes.count, HTTPSyntax.isFieldValueCharacter(bytes[index]) else { break }
            } else if !HTTPSyntax.isFieldValueCharacter(byte) {
                break
            }
            index += 1
        }
        throw .badRequest("malformed chunk extension")
    }
}
