import Foundation

/// Numbers written as words where a number is meant: a price ("under ten dollars", "between
/// twenty and forty bucks", "a hundred dollars") or a count before what it counts ("four
/// burners", "three season tent"). They become digits, which the price, count and
/// reference readers take as they take "10" or "4".
extension MessageParser {
    private static let tensWords: [String: Int] = [
        "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]

    /// Words after which a number is a price.
    private static let priceContext: Set<String> = [
        "under", "below", "over", "above", "than", "max", "maximum", "min", "minimum", "between", "within", "upto", "around",
        "budget", "most", "least", "spend", "pay", "about", "roughly", "approximately",
    ]

    /// Words after a count that say it is no count of the thing next to it ("two of those",
    /// "the two", "one more").
    private static let notCounted: Set<String> = ["of", "more", "ones", "and", "or", "the", "to", "in", "for", "each", "times"]

    /// The number `tokens` spell from `start` and how many tokens it takes: "ten", "twenty
    /// five", "twenty-five", "a hundred", "two hundred and fifty", "three thousand"; nil when
    /// none starts there.
    private static func spelledNumber(_ tokens: [String], from start: Int) -> (value: Int, length: Int)? {
        func word(_ index: Int) -> String { index < tokens.count ? tokens[index] : "" }
        /// 1 to 99: "seven", "seventeen", "seventy", "seventy seven", "seventy-seven".
        func belowHundred(_ index: Int) -> (value: Int, length: Int)? {
            let text = word(index)
            let parts = text.split(separator: "-").map(String.init)
            if parts.count == 2, let tens = tensWords[parts[0]] ?? (parts[0] == "twenty" ? 20 : nil),
               let ones = numberWords[parts[1]], (1...9).contains(ones) {
                return (tens + ones, 1)
            }
            if let tens = tensWords[text] ?? (text == "twenty" ? 20 : nil) {
                if let ones = numberWords[word(index + 1)], (1...9).contains(ones) { return (tens + ones, 2) }
                return (tens, 1)
            }
            if let small = numberWords[text], (1...19).contains(small), text != "dozen" { return (small, 1) }
            return nil
        }
        /// 1 to 999: "a hundred", "two hundred and fifty".
        func belowThousand(_ index: Int) -> (value: Int, length: Int)? {
            var value: Int
            var length: Int
            if word(index) == "a", word(index + 1) == "hundred" {
                (value, length) = (1, 1)
            } else if let small = belowHundred(index) {
                (value, length) = small
            } else {
                return nil
            }
            guard word(index + length) == "hundred", value < 10 else { return (value, length) }
            value *= 100
            length += 1
            let skip = word(index + length) == "and" ? 1 : 0
            if let rest = belowHundred(index + length + skip) { return (value + rest.value, length + skip + rest.length) }
            return (value, length)
        }
        if word(start) == "a", word(start + 1) == "thousand" { return (1000, 2) }
        guard var (value, length) = belowThousand(start) else { return nil }
        if word(start + length) == "thousand" {
            value *= 1000
            length += 1
            let skip = word(start + length) == "and" ? 1 : 0
            if let rest = belowThousand(start + length + skip) { return (value + rest.value, length + skip + rest.length) }
        }
        return (value, length)
    }

    /// Rewrites spelled numbers meant as prices or counts as digits.
    static func writeNumbersAsDigits(_ tokens: inout [String]) {
        var result: [String] = []
        var index = 0
        let hasRange = tokens.contains("between") || tokens.contains("from")
        while index < tokens.count {
            guard let (value, length) = spelledNumber(tokens, from: index) else {
                result.append(tokens[index])
                index += 1
                continue
            }
            let previous = result.last ?? ""
            let next = index + length < tokens.count ? tokens[index + length] : ""
            let isPrice = priceContext.contains(previous) || ["dollars", "dollar", "bucks", "usd"].contains(next)
                || hasRange && ["and", "to"].contains(previous) || tokens.contains("budget") && ["is", "of"].contains(previous)
            // "four burners": a count before a word it counts; "one" is a pronoun ("the
            // cheapest one") and stays a word.
            let isCount = value >= 2 && value <= 100 && !next.isEmpty && !notCounted.contains(next) && next.first?.isLetter == true
                && !["the", "these", "those", "all", "both", "top", "first", "last", "next"].contains(previous)
            if isPrice || isCount {
                result.append(String(value))
            } else {
                result.append(contentsOf: tokens[index..<(index + length)])
            }
            index += length
        }
        tokens = result
    }
}
