/// JSON text appended straight to a byte buffer, for the responses a shop answers most
/// (`/api/search/`): Foundation's `JSONEncoder` builds a tree of boxed values, converts every
/// key to snake_case and sorts the keys again for each response, which cost a fifth of a
/// search request's time in a profile (issue 16).
///
/// The output is the same bytes `JSONResponse`'s encoder writes for the same value (RFC 8259
/// JSON, no spaces, keys in the order the caller writes them, which must be sorted):
/// - strings escape `"` and `\`, the short escapes `\b \f \n \r \t`, other control characters
///   below U+0020 as `\u00xx` (lowercase hex); everything else, `/`, DEL and characters
///   outside the Basic Multilingual Plane included, is written as its UTF-8 bytes;
/// - numbers as Swift's `description` without a trailing ".0" (`5`, `129.99`, `1e+16`), the
///   form swift-foundation's JSON writer uses.
/// `JSONWriterTests` holds the writer to `JSONEncoder`'s output.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Per object or array being written: whether it has a member yet (a comma before the next).
    private var hasMember: [Bool] = []

    init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        hasMember.append(false)
    }

    mutating func endObject() {
        hasMember.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        hasMember.append(false)
    }

    mutating func endArray() {
        hasMember.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// An object member's name; its value follows with the next call.
    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        // The value that follows is this member, not a new one.
        hasMember[hasMember.count - 1] = false
    }

    /// An object member's name known only at run time (a facet's name), escaped as a string.
    mutating func key(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
        hasMember[hasMember.count - 1] = false
    }

    mutating func string(_ text: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        // Most text needs no escape: one scan, then one copy, over the string's own bytes
        // when it has them in one piece (native strings do), which the profile preferred to
        // the UTF-8 view's iterator.
        let copied: Bool? = text.utf8.withContiguousStorageIfAvailable { utf8 in
            guard !utf8.contains(where: Self.needsEscape) else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if copied != true {
            for byte in text.utf8 {
                if Self.needsEscape(byte) { appendEscape(of: byte) } else { bytes.append(byte) }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func integer(_ number: Int) {
        separate()
        bytes.append(contentsOf: String(number).utf8)
    }

    /// A finite number (`JSONEncoder` refuses infinities and NaN, and so do the callers' types).
    mutating func number(_ number: Double) {
        separate()
        let text = number.description
        if text.hasSuffix(".0") {
            bytes.append(contentsOf: text.utf8.dropLast(2))
        } else {
            bytes.append(contentsOf: text.utf8)
        }
    }

    mutating func bool(_ flag: Bool) {
        separate()
        if flag { bytes.append(contentsOf: "true".utf8) } else { bytes.append(contentsOf: "false".utf8) }
    }

    mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
    }

    mutating func string(orNull text: String?) {
        if let text { string(text) } else { null() }
    }

    /// A comma before every member of an object or array but its first.
    private mutating func separate() {
        guard let last = hasMember.last else { return }
        if last { bytes.append(UInt8(ascii: ",")) }
        hasMember[hasMember.count - 1] = true
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private mutating func appendEscape(of byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        }
    }
}
