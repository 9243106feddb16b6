import Foundation
import Store

/// Positions and quantities: "the second one", "#3", "the 11th", "both", "1 and 2", "it",
/// "two of them", "x3".
///
/// A number written where a position or a quantity belongs is read whole by `ChatNumber`'s
/// grammar, whatever its size or spelling, and either used as written or kept as written with
/// the reason it cannot be one, for the assistant to answer. It never falls back to a product
/// word: unread, "add 99999999999999999999 of it" once added 1 of the product in focus, and
/// "add #0" the product in focus (issue 11).
extension MessageParser {
    /// No list the chat shows is longer: a page of results holds `ChatAssistant.pageSize`
    /// products, "show my cart" at most `CartStore.maximumLines`. A position past it is in
    /// no list, whichever was shown last.
    static let maximumPosition = CartStore.maximumLines

    static let numberWords: [String: Int] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
        "eighteen": 18, "nineteen": 19, "twenty": 20,
        // Scales: alone ("a hundred of it") or after a number ("five hundred", `takeNumber`).
        "dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
        "trillion": 1_000_000_000_000,
    ]

    static let scaleWords: Set<String> = ["dozen", "hundred", "thousand", "million", "billion", "trillion"]

    static let ordinalWords: [String: Int] = [
        "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5, "5th": 5,
        "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8, "ninth": 9, "9th": 9, "tenth": 10, "10th": 10,
        "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
        "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
        "last": -1,
    ]

    /// Words after a number that make it a quantity: "2 of them", "3 more", "4 units", "5 x".
    static let quantityFollowers: Set<String> = ["of", "x", "more", "units", "unit", "pieces", "piece", "pcs", "copies"]

    /// What a shopper counts a product in: "two boxes of tea", "3 packs of pens". The word
    /// says how many, not what the product is, so it is consumed with the number.
    static let countedIn: Set<String> = ["boxes", "box", "packs", "pack", "bags", "bottles", "bottle", "cans", "jars", "pairs", "pair",
                                         "cartons", "packets", "tubes", "rolls", "bars"]

    /// Words after a number that make it part of what a product is ("the 55 inch one", "2 lb"):
    /// such a number is a product word, neither a position nor a quantity.
    static let measureWords: Set<String> = [
        "inch", "inches", "ft", "feet", "foot", "cm", "mm", "gb", "tb", "mb", "oz", "lb", "lbs", "kg", "ml", "mah", "hz",
        "mp", "watt", "watts", "volt", "volts", "percent",
    ]

    /// A number written where a count or a position belongs.
    enum WrittenCount: Equatable {
        /// Its signed value ("-3" is -3); infinite when the digits pass `Double`'s range.
        case number(Double)
        /// Number characters out of order ("1,,5", "1.2.3").
        case malformed
    }

    /// `text` as a count: a number word ("twelve") or a number in `ChatNumber`'s grammar;
    /// nil when it is no number at all.
    static func writtenCount(_ text: Substring) -> WrittenCount? {
        if let word = numberWords[String(text)] { return .number(Double(word)) }
        switch ChatNumber.read(text) {
        case nil: return nil
        case .malformed: return .malformed
        case let .value(value, sign): return .number(sign == .minus ? -value : value)
        }
    }

    /// The quantity `count` asks for, from 1 to `CartStore.maximumQuantity`, or why it is none.
    static func quantity(_ count: WrittenCount) -> Result<Int, MessageUnderstanding.UnusableQuantity.Reason> {
        guard case let .number(value) = count, value.rounded() == value else { return .failure(.notWhole) }
        if value < 1 { return .failure(.tooFew) }
        // Compared as a Double first: the conversion below sees only 1...99.
        guard value <= Double(CartStore.maximumQuantity) else { return .failure(.tooMany) }
        return .success(Int(value))
    }

    /// The 1-based position `text` names ("7", "twelve"), or nil when no list has it: zero,
    /// negative, past `maximumPosition`, or not written as a whole number ("1.5", "2.0", "1e3").
    static func position(_ text: Substring) -> Int? {
        if let word = numberWords[String(text)] { return (1...maximumPosition).contains(word) ? word : nil }
        guard !text.isEmpty, text.allSatisfy({ ChatNumber.decimalDigit($0) != nil }),
              case let .value(value, nil)? = ChatNumber.read(text), value <= Double(maximumPosition), value >= 1 else { return nil }
        return Int(value)
    }

    /// "11th", "99999999999999999999th", "0th": the number before an ordinal ending, nil for
    /// other words ("month", "4k").
    static func writtenOrdinal(_ token: String) -> Substring? {
        guard token.count > 2, ["st", "nd", "rd", "th"].contains(token.suffix(2)) else { return nil }
        let number = token.dropLast(2)
        let digits = number.first == "-" || number.first == "+" ? number.dropFirst() : number
        guard let first = digits.first, ChatNumber.decimalDigit(first) != nil, writtenCount(number) != nil else { return nil }
        return number
    }

    static func takeReferences(_ tokens: inout [String], into understanding: inout MessageUnderstanding) {
        var kept: [String] = []
        let wantsPositions = [.details, .compare, .cartAdd, .cartRemove].contains(understanding.intent)
        let takesQuantity = [.cartAdd, .cartRemove].contains(understanding.intent)
        // Another word points at the product, so a bare number says how many ("add 3 the first one").
        let pointsElsewhere = tokens.contains { ordinalWords[$0] != nil || $0.hasPrefix("#") || writtenOrdinal($0) != nil || $0 == "it" }

        /// Each position in `text` ("7", "1,3" for two), or the text kept as written.
        func takePositions(_ text: Substring) {
            let groups = text.split(separator: ",", omittingEmptySubsequences: false)
            let isList = groups.count > 1 && groups.allSatisfy { !$0.isEmpty && $0.allSatisfy { ChatNumber.decimalDigit($0) != nil } }
            for part in isList ? groups : [text] {
                if let position = position(part) { understanding.ordinals.append(position) } else { understanding.unusablePositions.append(String(part)) }
            }
        }
        func takeQuantity(_ count: WrittenCount, writtenAs text: Substring) {
            switch quantity(count) {
            case let .success(value):
                if let earlier = understanding.quantity, earlier != value, understanding.unusableQuantity == nil {
                    understanding.unusableQuantity = .init(text: "\(earlier) and \(value)", reason: .several)
                }
                if understanding.quantity == nil { understanding.quantity = value }
            case let .failure(reason):
                if understanding.unusableQuantity == nil { understanding.unusableQuantity = .init(text: String(text), reason: reason) }
            }
        }

        var skipsNext = false
        for (index, token) in tokens.enumerated() {
            if skipsNext {
                skipsNext = false
                continue
            }
            let next = index + 1 < tokens.count ? tokens[index + 1] : ""
            let previous = index > 0 ? tokens[index - 1] : ""
            // "the Lindt 85% cocoa bar": a percentage is part of the name, no position or quantity.
            if token.hasSuffix("%") {
                kept.append(token)
                continue
            }
            // "the second one", "this one": "one" stands for a product, not a number, unless a
            // quantity follows ("one of them", "one more").
            let isPronounOne = token == "one" && !quantityFollowers.contains(next)
            if let position = ordinalWords[token] {
                // "first two" names positions 1 and 2; "first 99999999999999999999" none there are.
                if token == "first", next != "one", let count = writtenCount(Substring(next)), count != .number(1) {
                    if case let .number(value) = count, value >= 2, value <= Double(maximumPosition), value.rounded() == value {
                        understanding.ordinals += Array(1...Int(value))
                    } else {
                        understanding.unusablePositions.append(next)
                    }
                    skipsNext = true
                } else if token == "last", index > 0,
                          !["the", "#", "my", "that", "this", "and", "or", "&", "add", "remove", "compare", "delete", "show", "vs"].contains(previous),
                          !["one", "two", "three", "item", "product"].contains(next) {
                    // "how long does the battery last?": the verb, not a position.
                    kept.append(token)
                } else if token != "first" || ["the", "#", "my"].contains(previous) || wantsPositions || ["one", ""].contains(next) {
                    understanding.ordinals.append(position)
                } else {
                    kept.append(token)
                }
                continue
            }
            if token.hasPrefix("#"), token.count > 1, writtenCount(token.dropFirst()) != nil {
                takePositions(token.dropFirst())
                continue
            }
            if let written = writtenOrdinal(token) {
                takePositions(written)
                continue
            }
            // "number one" is position 1; "no one" is nobody.
            if ["number", "item", "option", "no", "product", "#"].contains(previous), !(previous == "no" && isPronounOne),
               writtenCount(Substring(token)) != nil {
                takePositions(Substring(token))
                if kept.last == previous { kept.removeLast() }
                continue
            }
            if token == "both" {
                understanding.ordinals += [1, 2]
                continue
            }
            if wantsPositions, let handled = takeNumber(token, previous: previous, next: next) {
                if case .quantity(_, _, consumesNext: true) = handled { skipsNext = true }
                switch handled {
                case let .quantity(count, text, _):
                    // Read for every intent, used by the cart's: "compare 2 of them" names no position.
                    takeQuantity(count, writtenAs: text)
                case .quantityMarker:
                    break
                case let .bare(count) where !isPronounOne:
                    if takesQuantity, understanding.quantity == nil, understanding.unusableQuantity == nil, pointsElsewhere {
                        takeQuantity(count, writtenAs: Substring(token))
                    } else {
                        takePositions(Substring(token))
                    }
                default:
                    kept.append(token)
                }
                continue
            }
            if ["it", "its", "it's", "this", "that"].contains(token) || (token == "one" && ["this", "that"].contains(previous)) {
                understanding.refersToFocus = true
            }
            if ["they", "them", "these", "those"].contains(token) { understanding.refersToList = true }
            kept.append(token)
        }
        tokens = kept
    }

    /// What a token says where positions or quantities are read.
    enum NumberRole {
        /// A quantity, by its marker: "x3", "3x", "3 of", "3 more", "x 3", "five hundred" (which
        /// consumes the next token, the scale).
        case quantity(WrittenCount, writtenAs: Substring, consumesNext: Bool)
        /// The "x" of "3 x it": no product word.
        case quantityMarker
        /// A number on its own: a position, or how many when something else names the product.
        case bare(WrittenCount)
    }

    /// The role of `token` as a number, nil for a word. "4k" and "55" before "inch" are words:
    /// product names carry such numbers ("4K Webcam").
    static func takeNumber(_ token: String, previous: String, next: String) -> NumberRole? {
        /// Where only a count can stand, "nan" and "infinity" are failed counts, not words.
        func slotCount(_ text: Substring) -> WrittenCount? {
            writtenCount(text) ?? (text == "nan" ? .malformed : ["inf", "infinity"].contains(text) ? .number(.infinity) : nil)
        }
        if token.count > 1, token.hasPrefix("x") || token.hasSuffix("x") {
            let number = token.hasPrefix("x") ? token.dropFirst() : token.dropLast()
            if let count = slotCount(number) { return .quantity(count, writtenAs: number, consumesNext: false) }
        }
        if token == "x", writtenCount(Substring(previous)) != nil || writtenCount(Substring(next)) != nil { return .quantityMarker }
        if countedIn.contains(next), let count = writtenCount(Substring(token)) {
            return .quantity(count, writtenAs: Substring(token), consumesNext: true)
        }
        let isQuantitySlot = quantityFollowers.contains(next) || previous == "x"
        guard let count = isQuantitySlot ? slotCount(Substring(token)) : writtenCount(Substring(token)) else { return nil }
        if scaleWords.contains(next), !scaleWords.contains(token), let scale = numberWords[next] {
            // "five hundred", "2 dozen": one number in two words.
            let scaled = if case let .number(value) = count { WrittenCount.number(value * Double(scale)) } else { count }
            return .quantity(scaled, writtenAs: Substring(token + " " + next), consumesNext: true)
        }
        if isQuantitySlot { return .quantity(count, writtenAs: Substring(token), consumesNext: false) }
        guard !measureWords.contains(next), !valueLabels.contains(previous), token.last != "k", token.last != "m" else { return nil }
        return .bare(count)
    }

    /// Words a number after which is the value they label, not a position: "SPF 50", "size
    /// 10", "IP 68", "model 3".
    static let valueLabels: Set<String> = [
        "spf", "size", "sizes", "model", "series", "gen", "generation", "version", "ip", "ipx", "level", "grade", "volume",
        "vol", "type", "class", "waist", "inseam", "length", "width", "us", "eu", "uk", "ages", "age", "pack", "set", "edition",
    ]
}
