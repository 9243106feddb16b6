/// The member names of a JSON object's top level, read from its bytes: what JSONDecoder and
/// JSONSerialization do not tell (both keep one value per name, and not the same one: the
/// first and the last).
enum JSONObjectKeys {
    /// The first member name of the top-level object that an earlier member already had (as
    /// Swift strings compare, escapes decoded), or nil when every name is distinct or the bytes
    /// are no object. Meant for bytes a JSON parser has accepted; on any other input it ends
    /// (every step moves forward) and answers nil or a name, never traps.
    static func firstRepeatedKey(in bytes: [UInt8]) -> String? {
        var reader = Reader(bytes: bytes)
        reader.skipByteOrderMark()
        reader.skipWhitespace()
        guard reader.take(UInt8(ascii: "{")) else { return nil }
        var seen: Set<String> = []
        while true {
            reader.skipWhitespace()
            guard let byte = reader.peek(), byte != UInt8(ascii: "}") else { return nil }
            // JSONDecoder lets a comma trail the last member; commas are skipped either way.
            if byte == UInt8(ascii: ",") {
                reader.advance()
                continue
            }
            guard let name = reader.string() else { return nil }
            guard seen.insert(name).inserted else { return name }
            reader.skipWhitespace()
            guard reader.take(UInt8(ascii: ":")) else { return nil }
            guard reader.skipValue() else { return nil }
        }
    }

    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        func peek() -> UInt8? { offset < bytes.count ? bytes[offset] : nil }
        mutating func advance() { offset += 1 }

        mutating func take(_ byte: UInt8) -> Bool {
            guard peek() == byte else { return false }
            offset += 1
            return true
        }

        mutating func skipByteOrderMark() {
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
        }

        mutating func skipWhitespace() {
            while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { offset += 1 }
        }

        /// Skips one value: a string, a number or literal, or a nested array or object
        /// (counted, not recursed, so depth costs no stack).
        mutating func skipValue() -> Bool {
            skipWhitespace()
            guard let first = peek() else { return false }
            if first == UInt8(ascii: "\"") { return string() != nil }
            guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else {
                while let byte = peek(), byte != UInt8(ascii: ","), byte != UInt8(ascii: "}"), byte != UInt8(ascii: "]"),
                      byte != 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D {
                    offset += 1
                }
                return true
            }
            var depth = 0
            while let byte = peek() {
                switch byte {
                case UInt8(ascii: "\""):
                    guard string() != nil else { return false }
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 {
                        offset += 1
                        return true
                    }
                default:
                    break
                }
                offset += 1
            }
            return false
        }

        /// A string starting at the current byte, its escapes decoded (RFC 8259 section 7);
        /// nil when it is malformed or unterminated.
        mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            var decoded: [UInt8] = []
            while let byte = peek() {
                offset += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: decoded, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard let escaped = peek() else { return nil }
                    offset += 1
                    switch escaped {
                    case UInt8(ascii: "b"): decoded.append(0x08)
                    case UInt8(ascii: "f"): decoded.append(0x0C)
                    case UInt8(ascii: "n"): decoded.append(0x0A)
                    case UInt8(ascii: "r"): decoded.append(0x0D)
                    case UInt8(ascii: "t"): decoded.append(0x09)
                    case UInt8(ascii: "u"):
                        guard let scalar = unicodeEscape() else { return nil }
                        decoded.append(contentsOf: String(Character(scalar)).utf8)
                    default: decoded.append(escaped)
                    }
                default:
                    decoded.append(byte)
                }
            }
            return nil
        }

        /// The scalar of a `\uXXXX` escape whose `\u` was read, with a following low surrogate
        /// when it is a high one.
        private mutating func unicodeEscape() -> Unicode.Scalar? {
            guard let unit = hexQuad() else { return nil }
            guard (0xD800...0xDBFF).contains(unit) else { return Unicode.Scalar(unit) }
            guard take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")), let low = hexQuad(), (0xDC00...0xDFFF).contains(low) else { return nil }
            return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
        }

        private mutating func hexQuad() -> UInt32? {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let byte = peek(), let digit = Self.hexDigit(byte) else { return nil }
                offset += 1
                value = value << 4 | digit
            }
            return value
        }

        private static func hexDigit(_ byte: UInt8) -> UInt32? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
            default: nil
            }
        }
    }
}
