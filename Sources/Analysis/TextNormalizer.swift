import Foundation

/// Turns display text into the canonical form every other analysis step works on: lowercase
/// UTF-8 with compatibility forms unified (NFKC's job: "ﬁ" -> "fi", full-width "Ｓ" -> "s") and
/// diacritics removed ("Café" -> "cafe"), so that shoppers find products however they type.
///
/// Catalog text is overwhelmingly ASCII, and Foundation's Unicode transforms cost microseconds
/// per string, so ASCII input takes a byte-only path; only text with other scalars pays for
/// decomposition.
public enum TextNormalizer {
    /// Normalised UTF-8 bytes of `text`.
    public static func normalize(_ text: String) -> [UInt8] {
        var output: [UInt8] = []
        normalize(text, into: &output)
        return output
    }

    /// Appends the normalised UTF-8 bytes of `text` to `output`.
    public static func normalize(_ text: String, into output: inout [UInt8]) {
        var isASCII = true
        var text = text
        text.withUTF8 { bytes in
            for byte in bytes where byte >= 0x80 {
                isASCII = false
                break
            }
            if isASCII {
                output.reserveCapacity(output.count + bytes.count)
                for byte in bytes {
                    output.append(byte &- 0x41 < 26 ? byte | 0x20 : byte)
                }
            }
        }
        if !isASCII {
            foldUnicode(text, into: &output)
        }
    }

    /// Compatibility decomposition (NFKD) splits letters from their accents; dropping the
    /// combining marks folds the diacritics, and lowercasing afterwards catches letters that
    /// only have an uppercase compatibility form. Decomposition also splits each Hangul
    /// syllable into its jamo, which are letters, not marks: those are composed again, so a
    /// Korean word stays a run of syllables (what the tokenizer's bigrams are made of).
    private static func foldUnicode(_ text: String, into output: inout [UInt8]) {
        var decomposed = text.decomposedStringWithCompatibilityMapping.lowercased()
        if decomposed.unicodeScalars.contains(where: { (0x1100...0x11FF).contains($0.value) }) {
            var unmarked = String.UnicodeScalarView()
            for scalar in decomposed.unicodeScalars where !isMark(scalar) { unmarked.append(scalar) }
            // With the marks gone, canonical composition can only join jamo into syllables.
            decomposed = String(unmarked).precomposedStringWithCanonicalMapping
        }
        for scalar in decomposed.unicodeScalars {
            if isMark(scalar) { continue }
            if let replacement = letterFolds[scalar.value] {
                output.append(contentsOf: replacement.utf8)
            } else {
                output.append(contentsOf: String(scalar).utf8)
            }
        }
    }

    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark: return true
        default: return false
        }
    }

    /// Letters that carry their "accent" as part of the letter and so survive decomposition;
    /// shoppers type them with plain Latin letters.
    private static let letterFolds: [UInt32: String] = [
        0x00DF: "ss", // ß
        0x00E6: "ae", // æ
        0x0153: "oe", // œ
        0x00F8: "o",  // ø
        0x0142: "l",  // ł
        0x0111: "d",  // đ
        0x00F0: "d",  // ð
        0x00FE: "th", // þ
        0x0131: "i",  // dotless ı
        0x2019: "'",  // right single quotation mark, the typographic apostrophe
        0x2018: "'",
    ]
}
