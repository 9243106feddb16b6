/// A byte-level JSON (RFC 8259) parser over one catalog line, driven value by value.
///
/// The catalog decoder pulls exactly the values it needs (`readString`, `readNumber`, object
/// members) and skips the rest (`skipValue`), so no tree of values is ever built. Foundation's
/// JSONSerialization builds one per line and was too slow for catalogs of millions of lines.
///
/// Strings without escapes become a `String` straight from the line's bytes; escaped strings
/// are assembled in a buffer reused from line to line. All input is validated as it is read:
/// string contents must be well-formed UTF-8, numbers must follow the JSON grammar, and
/// nesting is limited to `maxDepth` so that hostile input cannot exhaust the stack.
///
/// The parser reads through an unsafe view of the line. Every read goes through `byte(at:)`,
/// which checks the index against the line's length, so malformed input cannot read out of
/// bounds; the view is only valid during the `reset(line:)`-to-next-reset window the decoder
/// keeps it in.
struct JSONValueParser {
    /// Deepest nesting of objects and arrays accepted. The catalog needs 2 (a product object
    /// holding `attributes`); 64 leaves room for unknown fields with structure while keeping
    /// the recursion in `skipValue` far from any stack limit.
    static let maxDepth = 64

    private var line = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    /// Byte offset of the next unread byte within the line.
    private(set) var position = 0
    /// UTF-8 of the string being unescaped; kept across lines to avoid reallocating.
    private var unescaped: [UInt8] = []

    /// Starts parsing `line`, which must stay valid until the next `reset`.
    mutating func reset(line: UnsafeBufferPointer<UInt8>) {
        self.line = line
        position = 0
    }

    /// The 1-based byte column of the next unread byte, as error messages report it.
    var column: Int { position + 1 }

    var isAtEnd: Bool { position >= line.count }

    /// The byte at `index`, or 0 past the end. A real 0 byte is never valid where the parser
    /// looks (outside strings it is not a token, inside it is an unescaped control
    /// character), so callers tell the two apart with `isAtEnd` only when reporting an error.
    @inline(__always)
    private func byte(at index: Int) -> UInt8 {
        index < line.count ? line[index] : 0
    }

    // MARK: Structure

    mutating func skipWhitespace() {
        while true {
            switch byte(at: position) {
            case .space, .tab, .lineFeed, .carriageReturn: position += 1
            default: return
            }
        }
    }

    /// The kind of value starting at the next byte (whitespace already skipped), or nil when
    /// no value can start there.
    var nextValueKind: JSONValueKind? {
        switch byte(at: position) {
        case .quote: return .string
        case .openBrace: return .object
        case .openBracket: return .array
        case .letterT, .letterF: return .boolean
        case .letterN: return .null
        case .minus, .zero ... .nine: return .number
        default: return nil
        }
    }

    /// An error saying what was found at the current position when `expected` was needed.
    func unexpected(_ expected: String) -> JSONSyntaxError {
        if isAtEnd {
            return JSONSyntaxError(column: column, reason: "unexpected end of line, expected \(expected)")
        }
        let found = byte(at: position)
        let shown = (0x21 ..< 0x7F).contains(found)
            ? "'\(Character(Unicode.Scalar(found)))'"
            : "byte 0x\(String(found, radix: 16, uppercase: true))"
        return JSONSyntaxError(column: column, reason: "expected \(expected), found \(shown)")
    }

    /// Consumes `{` and following whitespace. Returns false when the object is empty (its `}`
    /// consumed too), true when a member follows.
    mutating func beginObject(depth: Int) throws(JSONSyntaxError) -> Bool {
        try checkDepth(depth)
        guard byte(at: position) == .openBrace else { throw unexpected("'{'") }
        position += 1
        skipWhitespace()
        if byte(at: position) == .closeBrace {
            position += 1
            return false
        }
        return true
    }

    /// Reads a member's name and the `:` after it, leaving the position on the value.
    mutating func readMemberName() throws(JSONSyntaxError) -> String {
        try readMemberName { String(decoding: $0, as: UTF8.self) }
    }

    /// Reads a member's name and the `:` after it, handing `classify` the name's unescaped,
    /// validated UTF-8 (valid only during the call). Lets the decoder recognise its field
    /// names without creating a `String` for each.
    mutating func readMemberName<Name>(_ classify: (UnsafeBufferPointer<UInt8>) -> Name) throws(JSONSyntaxError) -> Name {
        guard byte(at: position) == .quote else { throw unexpected("a field name in double quotes") }
        let (contentStart, contentEnd, wasEscaped) = try scanString(collecting: true)
        let name = wasEscaped
            ? unescaped.withUnsafeBufferPointer(classify)
            : classify(UnsafeBufferPointer(rebasing: line[contentStart ..< contentEnd]))
        skipWhitespace()
        guard byte(at: position) == .colon else { throw unexpected("':' after the field name") }
        position += 1
        skipWhitespace()
        return name
    }

    /// After a member's value: consumes `,` (returns true, another member follows) or `}`
    /// (returns false, the object is complete).
    mutating func endMember() throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        switch byte(at: position) {
        case .comma:
            position += 1
            skipWhitespace()
            return true
        case .closeBrace:
            position += 1
            return false
        default:
            throw unexpected("',' or '}'")
        }
    }

    /// Fails unless only whitespace remains: a line holds exactly one value.
    mutating func expectEnd() throws(JSONSyntaxError) {
        skipWhitespace()
        guard isAtEnd else {
            throw JSONSyntaxError(column: column, reason: "unexpected content after the end of the object")
        }
    }

    private func checkDepth(_ depth: Int) throws(JSONSyntaxError) {
        guard depth <= Self.maxDepth else {
            throw JSONSyntaxError(column: column, reason: "nesting deeper than \(Self.maxDepth) levels")
        }
    }

    // MARK: Skipping

    /// Validates and skips one value of any kind. `depth` is the nesting level the value
    /// would open if it is an object or array (the top-level object is depth 1).
    mutating func skipValue(depth: Int) throws(JSONSyntaxError) {
        switch nextValueKind {
        case .string:
            try scanString(collecting: false)
        case .number:
            _ = try readNumber()
        case .boolean:
            _ = try readBoolean()
        case .null:
            try readNull()
        case .object:
            guard try beginObject(depth: depth) else { return }
            repeat {
                _ = try readMemberName()
                try skipValue(depth: depth + 1)
            } while try endMember()
        case .array:
            try checkDepth(depth)
            position += 1
            skipWhitespace()
            if byte(at: position) == .closeBracket {
                position += 1
                return
            }
            while true {
                try skipValue(depth: depth + 1)
                skipWhitespace()
                switch byte(at: position) {
                case .comma:
                    position += 1
                    skipWhitespace()
                case .closeBracket:
                    position += 1
                    return
                default:
                    throw unexpected("',' or ']'")
                }
            }
        case nil:
            throw unexpected("a value")
        }
    }

    // MARK: Literals

    mutating func readBoolean() throws(JSONSyntaxError) -> Bool {
        if matchLiteral("true") { return true }
        if matchLiteral("false") { return false }
        throw unexpected("a value")
    }

    mutating func readNull() throws(JSONSyntaxError) {
        guard matchLiteral("null") else { throw unexpected("a value") }
    }

    /// Consumes `literal` if the line continues with exactly it.
    private mutating func matchLiteral(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= line.count else { return false }
        let literalBytes = UnsafeBufferPointer(start: literal.utf8Start, count: count)
        for offset in 0 ..< count where line[position + offset] != literalBytes[offset] {
            return false
        }
        position += count
        return true
    }

    // MARK: Numbers

    /// Reads a number per the JSON grammar: `-? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?`.
    ///
    /// Numbers with at most 19 digits whose digits fit in a double exactly and whose decimal
    /// exponent is within ±22 are computed with one multiplication or division by an exact
    /// power of ten, which IEEE arithmetic rounds correctly (Clinger's fast path). That covers
    /// prices, ratings and stock counts; anything else goes through the standard library's
    /// correctly rounded text conversion.
    mutating func readNumber() throws(JSONSyntaxError) -> Double {
        let start = position
        let isNegative = byte(at: position) == .minus
        if isNegative { position += 1 }

        var significand: UInt64 = 0
        var digitCount = 0
        let integerStart = position
        while case .zero ... .nine = byte(at: position) {
            if digitCount < 19 { significand = significand &* 10 &+ UInt64(byte(at: position) &- .zero) }
            digitCount += 1
            position += 1
        }
        let integerDigits = position - integerStart
        guard integerDigits > 0 else {
            throw JSONSyntaxError(column: column, reason: "invalid number: expected a digit")
        }
        if integerDigits > 1 && byte(at: integerStart) == .zero {
            throw JSONSyntaxError(column: integerStart + 1, reason: "invalid number: leading zero")
        }

        var fractionDigits = 0
        if byte(at: position) == .period {
            position += 1
            while case .zero ... .nine = byte(at: position) {
                if digitCount < 19 { significand = significand &* 10 &+ UInt64(byte(at: position) &- .zero) }
                digitCount += 1
                fractionDigits += 1
                position += 1
            }
            guard fractionDigits > 0 else {
                throw JSONSyntaxError(column: column, reason: "invalid number: expected a digit after '.'")
            }
        }

        var exponent = 0
        let exponentByte = byte(at: position)
        if exponentByte == .letterE || exponentByte == .capitalE {
            position += 1
            var exponentIsNegative = false
            switch byte(at: position) {
            case .minus: exponentIsNegative = true; position += 1
            case .plus: position += 1
            default: break
            }
            let exponentStart = position
            while case .zero ... .nine = byte(at: position) {
                // Clamp: a longer exponent is out of range anyway and must not overflow Int.
                if exponent < 100_000 { exponent = exponent * 10 + Int(byte(at: position) - .zero) }
                position += 1
            }
            guard position > exponentStart else {
                throw JSONSyntaxError(column: column, reason: "invalid number: expected a digit in the exponent")
            }
            if exponentIsNegative { exponent = -exponent }
        }

        let value: Double
        let decimalExponent = exponent - fractionDigits
        if digitCount <= 19, significand < (1 << 53), (-22 ... 22).contains(decimalExponent) {
            let exactSignificand = Double(significand)
            let scale = Self.exactPowersOfTen[abs(decimalExponent)]
            let magnitude = decimalExponent < 0 ? exactSignificand / scale : exactSignificand * scale
            value = isNegative ? -magnitude : magnitude
        } else {
            let text = String(decoding: UnsafeBufferPointer(rebasing: line[start ..< position]), as: UTF8.self)
            guard let parsed = Double(text) else {
                throw JSONSyntaxError(column: start + 1, reason: "invalid number")
            }
            value = parsed
        }
        guard value.isFinite else {
            throw JSONSyntaxError(column: start + 1, reason: "number out of range")
        }
        return value
    }

    /// 10^0 ... 10^22: every one is exactly representable as a Double.
    private static let exactPowersOfTen: [Double] = (0 ... 22).map { exponent in
        (0 ..< exponent).reduce(1.0) { product, _ in product * 10 }
    }

    // MARK: Strings

    /// Reads a string value (the position must be on its opening quote).
    mutating func readString() throws(JSONSyntaxError) -> String {
        let (contentStart, contentEnd, wasEscaped) = try scanString(collecting: true)
        if wasEscaped {
            return String(decoding: unescaped, as: UTF8.self)
        }
        // Fast path: the bytes are already validated UTF-8 with nothing to unescape.
        return String(decoding: UnsafeBufferPointer(rebasing: line[contentStart ..< contentEnd]), as: UTF8.self)
    }

    /// Validates the string at the position and moves past its closing quote.
    ///
    /// Returns the range of its raw content and whether it held escapes. When `collecting`
    /// and it held escapes, `unescaped` holds the decoded UTF-8 of the whole string.
    @discardableResult
    private mutating func scanString(collecting: Bool) throws(JSONSyntaxError) -> (start: Int, end: Int, wasEscaped: Bool) {
        let openingQuote = position
        position += 1
        let contentStart = position
        /// Start of the bytes not yet copied into `unescaped` (once an escape was seen).
        var pendingStart = contentStart
        var wasEscaped = false
        while true {
            skipPlainASCII()
            let current = byte(at: position)
            if current == .quote {
                if wasEscaped && collecting {
                    unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: line[pendingStart ..< position]))
                }
                position += 1
                return (contentStart, position - 1, wasEscaped)
            }
            if current == .backslash {
                if collecting {
                    if !wasEscaped { unescaped.removeAll(keepingCapacity: true) }
                    unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: line[pendingStart ..< position]))
                }
                wasEscaped = true
                try readEscape(collecting: collecting)
                pendingStart = position
                continue
            }
            if current < 0x20 {
                if isAtEnd {
                    throw JSONSyntaxError(column: openingQuote + 1, reason: "unterminated string")
                }
                throw JSONSyntaxError(
                    column: column,
                    reason: "control character 0x\(String(current, radix: 16, uppercase: true)) in a string must be escaped")
            }
            if current < 0x80 {
                position += 1
            } else {
                try skipUTF8Sequence(leadByte: current)
            }
        }
    }

    /// Moves past printable ASCII other than `"` and `\\`, eight bytes at a time: the bulk of
    /// every string, which would otherwise be classified byte by byte. (perf on a generated
    /// catalog of 500-byte lines: the string scan fell from 17% to 13% of reading time.)
    @inline(__always)
    private mutating func skipPlainASCII() {
        guard let base = line.baseAddress else { return }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        while position + 8 <= line.count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
            // Classic SWAR byte tests; each flags (in the byte's high bit) a byte that is
            // zero after the transform, and the lowest flag is always a true match.
            let quotes = word ^ (ones &* UInt64(UInt8.quote))
            let backslashes = word ^ (ones &* UInt64(UInt8.backslash))
            let isQuote = (quotes &- ones) & ~quotes
            let isBackslash = (backslashes &- ones) & ~backslashes
            let isControl = (word &- ones &* 0x20) & ~word
            let special = (isQuote | isBackslash | isControl | word) & highBits
            if special != 0 {
                position += special.trailingZeroBitCount >> 3
                return
            }
            position += 8
        }
    }

    /// Validates the multi-byte UTF-8 sequence at the position (well-formed per Unicode
    /// table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF) and moves past it.
    private mutating func skipUTF8Sequence(leadByte: UInt8) throws(JSONSyntaxError) {
        let continuationCount: Int
        // The first continuation byte's allowed range depends on the lead byte; the rest are
        // always 0x80...0xBF.
        var firstContinuation: ClosedRange<UInt8> = 0x80 ... 0xBF
        switch leadByte {
        case 0xC2 ... 0xDF: continuationCount = 1
        case 0xE0: continuationCount = 2; firstContinuation = 0xA0 ... 0xBF
        case 0xE1 ... 0xEC, 0xEE ... 0xEF: continuationCount = 2
        case 0xED: continuationCount = 2; firstContinuation = 0x80 ... 0x9F
        case 0xF0: continuationCount = 3; firstContinuation = 0x90 ... 0xBF
        case 0xF1 ... 0xF3: continuationCount = 3
        case 0xF4: continuationCount = 3; firstContinuation = 0x80 ... 0x8F
        default: throw JSONSyntaxError(column: column, reason: "invalid UTF-8")
        }
        guard firstContinuation.contains(byte(at: position + 1)) else {
            throw JSONSyntaxError(column: column, reason: "invalid UTF-8")
        }
        for offset in stride(from: 2, through: continuationCount, by: 1) {
            guard (0x80 ... 0xBF).contains(byte(at: position + offset)) else {
                throw JSONSyntaxError(column: column, reason: "invalid UTF-8")
            }
        }
        position += 1 + continuationCount
    }

    /// Reads one escape (the position is on its backslash), appending its UTF-8 to
    /// `unescaped` when collecting.
    private mutating func readEscape(collecting: Bool) throws(JSONSyntaxError) {
        let backslash = position
        let decoded: UInt8
        switch byte(at: position + 1) {
        case .quote: decoded = .quote
        case .backslash: decoded = .backslash
        case .slash: decoded = .slash
        case .letterB: decoded = 0x08
        case .letterF: decoded = 0x0C
        case .letterN: decoded = .lineFeed
        case .letterR: decoded = .carriageReturn
        case .letterT: decoded = .tab
        case .letterU:
            position += 2
            let scalar = try readUnicodeEscape(backslash: backslash)
            if collecting { unescaped.append(contentsOf: scalar.utf8) }
            return
        default:
            if position + 1 >= line.count {
                throw JSONSyntaxError(column: backslash + 1, reason: "unterminated string")
            }
            throw JSONSyntaxError(column: backslash + 1, reason: "invalid escape in a string")
        }
        if collecting { unescaped.append(decoded) }
        position += 2
    }

    /// Reads the four hex digits after `\u` and, for a high surrogate, the `\uDC00`...`\uDFFF`
    /// that must follow it, returning the scalar they encode.
    private mutating func readUnicodeEscape(backslash: Int) throws(JSONSyntaxError) -> Unicode.Scalar {
        let first = try readHexQuad(backslash: backslash)
        switch first {
        case 0xD800 ... 0xDBFF:
            guard byte(at: position) == .backslash, byte(at: position + 1) == .letterU else {
                throw JSONSyntaxError(column: backslash + 1, reason: "unpaired surrogate in \\u escape")
            }
            let lowBackslash = position
            position += 2
            let second = try readHexQuad(backslash: lowBackslash)
            guard (0xDC00 ... 0xDFFF).contains(second) else {
                throw JSONSyntaxError(column: backslash + 1, reason: "unpaired surrogate in \\u escape")
            }
            let combined = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            return Self.scalar(combined)
        case 0xDC00 ... 0xDFFF:
            throw JSONSyntaxError(column: backslash + 1, reason: "unpaired surrogate in \\u escape")
        default:
            return Self.scalar(first)
        }
    }

    /// The scalar for a value already checked to be a non-surrogate at most U+10FFFF.
    private static func scalar(_ value: UInt32) -> Unicode.Scalar {
        // Both callers rule out surrogates and the largest combined value is U+10FFFF, so this
        // cannot fail; the replacement character keeps it crash-free regardless.
        Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    private mutating func readHexQuad(backslash: Int) throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0 ..< 4 {
            let digit: UInt8
            switch byte(at: position) {
            case let hex where (.zero ... .nine).contains(hex): digit = hex - .zero
            case let hex where (0x61 ... 0x66).contains(hex): digit = hex - 0x61 + 10
            case let hex where (0x41 ... 0x46).contains(hex): digit = hex - 0x41 + 10
            default: throw JSONSyntaxError(column: backslash + 1, reason: "invalid \\u escape: expected four hex digits")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }
}

/// What a JSON value is, as named in error messages ("expected a number, got a string").
enum JSONValueKind {
    case object, array, string, number, boolean, null

    var described: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .boolean: "a boolean"
        case .null: "null"
        }
    }
}

/// Malformed JSON: the 1-based byte column where it was detected and what is wrong.
struct JSONSyntaxError: Error, Equatable {
    var column: Int
    var reason: String
}

/// The ASCII bytes the grammar is made of, named so the switch statements read as JSON.
/// File-private so they cannot collide with similar names elsewhere in the module.
fileprivate extension UInt8 {
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C
    static let minus: UInt8 = 0x2D
    static let period: UInt8 = 0x2E
    static let slash: UInt8 = 0x2F
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let colon: UInt8 = 0x3A
    static let capitalE: UInt8 = 0x45
    static let openBracket: UInt8 = 0x5B
    static let backslash: UInt8 = 0x5C
    static let closeBracket: UInt8 = 0x5D
    static let letterB: UInt8 = 0x62
    static let letterE: UInt8 = 0x65
    static let letterF: UInt8 = 0x66
    static let letterN: UInt8 = 0x6E
    static let letterR: UInt8 = 0x72
    static let letterT: UInt8 = 0x74
    static let letterU: UInt8 = 0x75
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D
}
