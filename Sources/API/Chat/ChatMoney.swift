import Foundation
import Query

/// Amounts of money in chat text, read and written: what "under $1,299.99", "2k" or "$1.5m"
/// mean, and how the assistant writes a price back.
///
/// Reading has a grammar of its own instead of `Double(_:)`, which also accepts "0x10", "nan"
/// and "infinity" and gives values far beyond any price: "headphones under $1e19" once reached
/// `Int(_:)` in the reply and trapped the whole server (issue 11). Every value read here is a
/// finite number of dollars from 0 to `SearchFilter.maximumPrice`, or a reason it is not.
enum ChatMoney {
    /// What a token says as an amount of money.
    enum Reading: Equatable {
        /// Dollars, rounded to whole cents, from 0 to `SearchFilter.maximumPrice`.
        case dollars(Double)
        /// A number above the highest price the index holds (infinite ones included).
        case tooHigh
        /// Written as money ("$-5", "$inf", "nan" after "under") but not a price.
        case unreadable
    }

    private static let nonNumbers: Set<Substring> = ["nan", "inf", "infinity"]

    /// Reads a chat token (lowercased and NFKC-folded by `MessageParser.tokens`) as money.
    ///
    /// Grammar: an optional `$` before or after a number in `ChatNumber`'s grammar ("$1,299.99",
    /// "1,5$", "2k", "$1e3"), without a sign. Returns nil when the token is no amount at all
    /// ("0x10", "6ft", "nan" among product words), so that it stays a product word.
    /// `afterPriceWord` says the token follows "under", "between" and the like, where "nan",
    /// "-5" or "1,5000" can only be a failed price; a `$` anywhere marks the token the same way.
    static func read(_ token: String, afterPriceWord: Bool) -> Reading? {
        var text = Substring(token)
        let isMarkedAsMoney = afterPriceWord || token.contains("$")
        if text.hasPrefix("$") {
            text = text.dropFirst()
        } else if text.hasSuffix("$") {
            text = text.dropLast()
        }
        if nonNumbers.contains(text) || text.first == "-" || text.first == "+" {
            return isMarkedAsMoney ? .unreadable : nil
        }
        switch ChatNumber.read(text) {
        case nil:
            // "$0x10" or "$5abc" is money written wrong; "0x10" alone is just a word.
            return token.contains("$") && token.contains(where: \.isNumber) ? .unreadable : nil
        case .malformed:
            return isMarkedAsMoney ? .unreadable : nil
        case let .value(dollars, _):
            guard dollars.isFinite, dollars <= SearchFilter.maximumPrice else { return .tooHigh }
            return .dollars((dollars * 100).rounded() / 100)
        }
    }

    /// "$39.99", "$1000", "$42949672.94": whole dollars without cents. Total over Double:
    /// values too large for an exact integer are written without going through one.
    static func format(_ dollars: Double) -> String {
        guard dollars.isFinite else { return dollars.isNaN ? "an unknown amount" : "an unlimited amount" }
        let sign = dollars < 0 ? "-" : ""
        let magnitude = abs(dollars)
        // Below 2^53 / 100 every cent count is an exact integer, so the conversion is safe.
        guard magnitude < 9e13 else { return sign + String(format: "$%.0f", magnitude) }
        let cents = Int64((magnitude * 100).rounded())
        return cents % 100 == 0 ? "\(sign)$\(cents / 100)" : sign + String(format: "$%lld.%02lld", cents / 100, cents % 100)
    }
}
