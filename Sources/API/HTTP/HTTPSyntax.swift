/// Character classes from RFC 9110 section 5.6 used when parsing request heads and chunk lines.
public enum HTTPSyntax {
    /// tchar: "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" /
    /// "|" / "~" / DIGIT / ALPHA
    @inline(__always)
    static func isTokenCharacter(_ byte: UInt8) -> Bool {
        tokenTable[Int(byte)]
    }

    /// field-vchar plus SP and HTAB: anything but controls (obs-text 0x80-0xFF allowed).
    @inline(__always)
    static func isFieldValueCharacter(_ byte: UInt8) -> Bool {
        byte == 0x09 || (byte >= 0x20 && byte != 0x7F)
    }

    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// HEXDIG, either case (RFC 5234 appendix B.1; ABNF strings are case-insensitive).
    @inline(__always)
    static func hexDigitValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }

    /// ASCII case-insensitive equality of two field names, without building lowercased copies
    /// (field names are tokens, so ASCII folding is the whole of their case rules).
    public static func namesEqual(_ name: String, _ other: String) -> Bool {
        var left = name.utf8.makeIterator()
        var right = other.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return true
            case (let a?, let b?) where lowercased(a) == lowercased(b): continue
            default: return false
            }
        }
    }

    private static let tokenTable: [Bool] = (0..<256).map { value in
        let byte = UInt8(value)
        if byte >= 0x30 && byte <= 0x39 { return true }
        if (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A { return true }
        return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
    }
}
