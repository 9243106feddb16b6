import Analysis
import Foundation

/// How a message becomes the tokens the parser reads: the analysis chain's words, glued
/// across the punctuation of numbers and compound words.
extension MessageParser {
    /// The message's words as the analysis chain splits them (`TokenizedText`: lowercased,
    /// diacritics folded, the index's word boundaries), glued back together across the
    /// characters the chat's grammar reads: `$`, `#`, `.` and `,` inside numbers ("$1,299.99",
    /// "#2"), hyphens inside words ("wh-1000xm5", "t-shirts", "$20-$40") and apostrophes.
    /// Which characters are word characters is the analysis chain's decision alone; the rules
    /// below only say which of the characters between words join two words into one token.
    ///
    /// Numbers keep all they were written with, so that the grammar (`ChatNumber`) can read
    /// or refuse them whole: every point or comma of a run that a digit follows ("1,,5" stays
    /// one token, not "1" and "5"), a leading one (".5"), and a leading minus ("-3", "#-1",
    /// "-$5"). Punctuation after a number ("under $50, please") is not part of it.
    static func tokens(of message: String) -> [String] {
        let text = TokenizedText(message)
        let characters = MessageCharacter.characters(of: text)
        var tokens: [String] = []
        var current = ""
        // The last character kept in `current`, and whether all kept so far are signs.
        var last: MessageCharacter?
        var onlySigns = true
        let space = MessageCharacter(scalar: " ", isWord: false)
        /// True when the separators from `start` on end in a digit.
        func digitFollowsSeparators(from start: Int) -> Bool {
            var position = start
            while position < characters.count, characters[position].scalar == "." || characters[position].scalar == "," { position += 1 }
            return position < characters.count && characters[position].isNumber
        }
        for (index, character) in characters.enumerated() {
            let next = index + 1 < characters.count ? characters[index + 1] : space
            let afterNext = index + 2 < characters.count ? characters[index + 2] : space
            let keeps: Bool
            switch character.scalar {
            case _ where character.isWord: keeps = true
            case "$", "#", "'", "+": keeps = true
            // "85%": a percentage stays one token, never a bare number (a position, a quantity).
            case "%": keeps = last?.isNumber == true
            case ".", ",":
                keeps = digitFollowsSeparators(from: index + 1)
                    && (onlySigns || last?.isNumber == true || last?.scalar == "." || last?.scalar == ",")
            // "$20-$40" stays one token, a price range.
            case "-":
                keeps = current.isEmpty
                    ? next.isNumber || (next.scalar == "$" && afterNext.isNumber)
                    : next.isWord || (next.scalar == "$" && last?.isNumber == true)
            default: keeps = false
            }
            if keeps {
                current.unicodeScalars.append(character.scalar)
                last = character
                // Nothing but signs and marks so far: what follows starts a number.
                onlySigns = onlySigns && "$#-+".unicodeScalars.contains(character.scalar)
            } else if !current.isEmpty {
                tokens.append(current)
                current = ""
                last = nil
                onlySigns = true
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens.map { $0.hasSuffix("'s") && $0.count > 3 ? $0 : $0.trimmingCharacters(in: CharacterSet(charactersIn: "'")) }
    }
}

/// One character of a normalised message as `MessageParser.tokens` reads it: a Unicode scalar
/// and whether the analysis chain counts it as part of a word.
struct MessageCharacter {
    let scalar: Unicode.Scalar
    let isWord: Bool

    /// A digit or other number character ("5", "٣", "½"): what numbers are made of.
    var isNumber: Bool { scalar.properties.numericType != nil }

    /// The characters of `text.normalized`, each marked by `text.wordByteMask`.
    static func characters(of text: TokenizedText) -> [MessageCharacter] {
        let mask = text.wordByteMask
        var characters: [MessageCharacter] = []
        var offset = 0
        for scalar in String(decoding: text.normalized, as: UTF8.self).unicodeScalars {
            characters.append(MessageCharacter(scalar: scalar, isWord: mask[offset]))
            offset += UTF8.width(scalar)
        }
        return characters
    }
}
