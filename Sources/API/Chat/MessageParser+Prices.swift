import Foundation

/// Price phrases of a message: bounds ("under $50", "between 20 and 40", "$20-$40",
/// "around $100") read into `minPrice`/`maxPrice`, amounts read by `ChatMoney`.
extension MessageParser {
    /// Price bounds: "under $50", "less than 30 dollars", "between 20 and 40", "$20-$40",
    /// "around $100", "over 200"; "cheap" and "premium" sort instead. Amounts are read by
    /// `ChatMoney`; one that cannot bound a search ("$1e19", "under nan") is consumed like a
    /// price and kept as `unusablePrice`, so the answer says why instead of searching.
    static func takePrices(_ tokens: inout [String], into understanding: inout MessageUnderstanding) {
        var kept: [String] = []
        var index = 0
        func reading(at position: Int) -> ChatMoney.Reading? {
            position < tokens.count ? ChatMoney.read(tokens[position], afterPriceWord: true) : nil
        }
        /// The dollars of `reading`; any other reading becomes the message's unusable price.
        func dollars(_ reading: ChatMoney.Reading, writtenAs text: String) -> Double? {
            switch reading {
            case let .dollars(value):
                return value
            case .tooHigh:
                if understanding.unusablePrice == nil { understanding.unusablePrice = .init(text: text, reason: .tooHigh) }
            case .unreadable:
                if understanding.unusablePrice == nil { understanding.unusablePrice = .init(text: text, reason: .unreadable) }
            }
            return nil
        }
        /// "can't spend more than 600", "don't want anything over $50": a negation a few
        /// words before a lower bound makes it the upper one.
        func negated(before position: Int) -> Bool {
            tokens[max(0, position - 4)..<position].contains { ["can't", "cant", "cannot", "don't", "dont", "won't", "wont", "not", "never",
                                                                 "shouldn't", "wouldn't", "doesn't", "no"].contains($0) }
        }
        while index < tokens.count {
            let token = tokens[index]
            let next = index + 1 < tokens.count ? tokens[index + 1] : ""
            let pair = token + " " + next
            // "my budget is 35", "a budget of $50", "budget: 40": the budget is the upper bound.
            if token == "budget" {
                var position = index + 1
                while position < min(tokens.count, index + 4), ["is", "of", "around", "about", "roughly", "maybe", "only", "just", ":", "="].contains(tokens[position]) {
                    position += 1
                }
                if let found = reading(at: position), position + 1 >= tokens.count || !["to", "-", "and"].contains(tokens[position + 1]) {
                    if let value = dollars(found, writtenAs: tokens[position]) { understanding.maxPrice = value }
                    index = skipCurrencyWord(tokens, position + 1)
                    if index < tokens.count, ["max", "maximum", "tops"].contains(tokens[index]) { index += 1 }
                    continue
                }
            }
            // "35 max", "50 bucks tops", "$40 or less", "20 or more": the bound after the amount.
            if ChatNumber.read(Substring(token.hasPrefix("$") ? String(token.dropFirst()) : token)) != nil, let found = reading(at: index) {
                let after = skipCurrencyWord(tokens, index + 1)
                let word = after < tokens.count ? tokens[after] : ""
                let phrase = word + " " + (after + 1 < tokens.count ? tokens[after + 1] : "")
                let upper = ["max", "maximum", "tops"].contains(word) || ["or less", "or under", "or below", "or cheaper", "at most"].contains(phrase)
                let lower = ["minimum", "min"].contains(word) || ["or more", "or above", "or over", "at least"].contains(phrase)
                if upper || lower {
                    if let value = dollars(found, writtenAs: token) {
                        if upper { understanding.maxPrice = value } else { understanding.minPrice = value }
                    }
                    index = after + (["max", "maximum", "tops", "minimum", "min"].contains(word) ? 1 : 2)
                    continue
                }
            }
            // Three-word openers first: "no more than" must not read as "more than".
            let triple = pair + " " + (index + 2 < tokens.count ? tokens[index + 2] : "")
            if ["no more than", "not more than", "no less than", "not less than"].contains(triple), let found = reading(at: index + 3) {
                if let value = dollars(found, writtenAs: tokens[index + 3]) {
                    if triple.hasSuffix("more than") { understanding.maxPrice = value } else { understanding.minPrice = value }
                }
                index = skipCurrencyWord(tokens, index + 4)
                continue
            }
            // Then two-word openers.
            if ["less than", "cheaper than", "lower than", "up to", "at most", "more than", "higher than", "greater than", "at least"].contains(pair),
               let found = reading(at: index + 2) {
                if let value = dollars(found, writtenAs: tokens[index + 2]) {
                    let lower = ["more than", "higher than", "greater than", "at least"].contains(pair) && !negated(before: index)
                    if lower { understanding.minPrice = value } else { understanding.maxPrice = value }
                }
                index = skipCurrencyWord(tokens, index + 3)
                continue
            }
            if ["under", "below", "max", "maximum", "within", "<", "upto"].contains(token), let found = reading(at: index + 1) {
                if let value = dollars(found, writtenAs: next) { understanding.maxPrice = value }
                index = skipCurrencyWord(tokens, index + 2)
                continue
            }
            if ["over", "above", "min", "minimum", ">"].contains(token), let found = reading(at: index + 1) {
                if let value = dollars(found, writtenAs: next) {
                    if ["over", "above"].contains(token), negated(before: index) { understanding.maxPrice = value } else { understanding.minPrice = value }
                }
                index = skipCurrencyWord(tokens, index + 2)
                continue
            }
            if ["between", "from"].contains(token), let low = reading(at: index + 1) {
                var position = skipCurrencyWord(tokens, index + 2)
                if position < tokens.count, ["and", "to", "-"].contains(tokens[position]), let high = reading(at: position + 1) {
                    let lowValue = dollars(low, writtenAs: next)
                    let highValue = dollars(high, writtenAs: tokens[position + 1])
                    if let lowValue, let highValue {
                        understanding.minPrice = min(lowValue, highValue)
                        understanding.maxPrice = max(lowValue, highValue)
                    }
                    position = skipCurrencyWord(tokens, position + 2)
                    index = position
                    continue
                }
            }
            if ["around", "about", "approximately", "roughly", "~", "near"].contains(token), let found = reading(at: index + 1),
               token != "about" || next.hasPrefix("$") || isCurrencyWord(index + 2 < tokens.count ? tokens[index + 2] : "") {
                // A fifth either way; the upper bound may pass the highest stored price, which
                // the search clamps.
                if let value = dollars(found, writtenAs: next) {
                    understanding.minPrice = (value * 0.8).rounded(.down)
                    understanding.maxPrice = (value * 1.2).rounded(.up)
                }
                index = skipCurrencyWord(tokens, index + 2)
                continue
            }
            // "50 to 100 dollars", "$50 to $100", "20 - 40 bucks": a range without "between",
            // read as money only when a dollar sign or a currency word says so.
            if ["to", "-", "and"].contains(next), index + 2 < tokens.count, let low = reading(at: index), let high = reading(at: index + 2),
               token.hasPrefix("$") || tokens[index + 2].hasPrefix("$") || isCurrencyWord(index + 3 < tokens.count ? tokens[index + 3] : "") {
                let lowValue = dollars(low, writtenAs: token)
                let highValue = dollars(high, writtenAs: tokens[index + 2])
                if let lowValue, let highValue {
                    understanding.minPrice = min(lowValue, highValue)
                    understanding.maxPrice = max(lowValue, highValue)
                }
                index = skipCurrencyWord(tokens, index + 3)
                continue
            }
            // "$20-$40" arrives as "$20-$40" or "$20" "$40" after a dash split.
            if token.hasPrefix("$"), token.contains("-") {
                let parts = token.split(separator: "-").map { ($0, ChatMoney.read(String($0), afterPriceWord: true)) }
                if parts.count == 2, let low = parts[0].1, let high = parts[1].1 {
                    let lowValue = dollars(low, writtenAs: String(parts[0].0))
                    let highValue = dollars(high, writtenAs: String(parts[1].0))
                    if let lowValue, let highValue {
                        understanding.minPrice = min(lowValue, highValue)
                        understanding.maxPrice = max(lowValue, highValue)
                    }
                    index += 1
                    continue
                }
            }
            // "$20 -$40": a range whose dash stayed with the second amount.
            if token.hasPrefix("$"), next.hasPrefix("-$"), let low = ChatMoney.read(token, afterPriceWord: true),
               let high = ChatMoney.read(String(next.dropFirst()), afterPriceWord: true) {
                let lowValue = dollars(low, writtenAs: token)
                let highValue = dollars(high, writtenAs: String(next.dropFirst()))
                if let lowValue, let highValue {
                    understanding.minPrice = min(lowValue, highValue)
                    understanding.maxPrice = max(lowValue, highValue)
                }
                index += 2
                continue
            }
            if token.contains("$"), let found = ChatMoney.read(token, afterPriceWord: false) {
                // A bare "$60" or "60$" names a budget; "-$5" is money but no price.
                if let value = dollars(found, writtenAs: token) { understanding.maxPrice = value }
                index += 1
                continue
            }
            kept.append(token)
            index += 1
        }
        tokens = kept
    }

    private static func isCurrencyWord(_ token: String) -> Bool {
        ["dollars", "dollar", "usd", "bucks", "$"].contains(token)
    }

    private static func skipCurrencyWord(_ tokens: [String], _ index: Int) -> Int {
        index < tokens.count && isCurrencyWord(tokens[index]) ? index + 1 : index
    }
}
