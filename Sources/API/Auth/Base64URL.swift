/// Base64url without padding (RFC 4648 §5, as JWTs use it per RFC 7515 §2).
///
/// Decoding is strict because a token's parts arrive from clients: it refuses `=` padding, any
/// character outside `A-Z a-z 0-9 - _` (including whitespace and the standard alphabet's `+ /`),
/// lengths no encoding can produce (4n + 1), and non-zero unused bits in the last character.
/// That last rule makes every byte string have exactly one accepted text form, so a token cannot
/// be altered into a different string that still decodes to the same signature.
enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// The unpadded base64url text of `bytes`.
    static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index + 3 <= bytes.count {
            let group = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            appendSextets(of: group, count: 4, to: &output)
            index += 3
        }
        switch bytes.count - index {
        case 1:
            appendSextets(of: UInt32(bytes[index]) << 16, count: 2, to: &output)
        case 2:
            appendSextets(of: UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8, count: 3, to: &output)
        default:
            break
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The bytes `text` encodes, or nil when it is not canonical unpadded base64url.
    static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let characters = Array(text.utf8)
        // 4n + 1 characters would carry 6 bits of a byte that needs 8: no encoder produces it.
        guard characters.count % 4 != 1 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(characters.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bitCount = 0
        for character in characters {
            guard let sextet = sextetValue(of: character) else { return nil }
            accumulator = (accumulator << 6) | UInt32(sextet)
            bitCount += 6
            if bitCount >= 8 {
                bitCount -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bitCount)))
                accumulator &= (1 << UInt32(bitCount)) - 1
            }
        }
        // Leftover bits (2 or 4) are padding inside the last character; a canonical encoder zeroes them.
        guard accumulator == 0 else { return nil }
        return output
    }

    /// Appends the top `count` 6-bit groups of the 24-bit `group` as alphabet characters.
    private static func appendSextets(of group: UInt32, count: Int, to output: inout [UInt8]) {
        for position in 0..<count {
            let shift = UInt32(18 - 6 * position)
            output.append(alphabet[Int((group >> shift) & 0x3F)])
        }
    }

    private static func sextetValue(of character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): character - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): character - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0") + 52
        case UInt8(ascii: "-"): 62
        case UInt8(ascii: "_"): 63
        default: nil
        }
    }
}
