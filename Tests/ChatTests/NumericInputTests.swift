import Foundation
import Testing
@testable import Chat

/// Numbers that come from outside through the chat (issue 11, section 1): every spelling of
/// a number a shopper can send is read as written or refused clearly, never a trap. The same
/// over the wire and through the search API: `NumericInputTests` in APITests.
@Suite struct NumericInputTests {
    // MARK: - Numeric forms through the chat

    /// What a message's price should be read as.
    enum Expected: Sendable, CustomStringConvertible {
        case maxPrice(Double)
        case minPrice(Double)
        case range(Double, Double)
        /// Above what the index stores: answered with "prices that high", nothing searched.
        case tooHigh
        /// Written as money but no price: answered with "as a price".
        case unreadable
        /// Not a price at all: the words stay product words.
        case noPrice

        var description: String {
            switch self {
            case let .maxPrice(value): "max \(value)"
            case let .minPrice(value): "min \(value)"
            case let .range(low, high): "\(low)...\(high)"
            case .tooHigh: "too high"
            case .unreadable: "unreadable"
            case .noPrice: "no price"
            }
        }
    }

    static let chatForms: [(message: String, expected: Expected)] = [
        // Huge: exponents, long digit runs, just above the largest stored price, suffixes.
        ("headphones under $1e19", .tooHigh),
        ("headphones over $10000000000000000000", .tooHigh),
        ("headphones around $8e18", .tooHigh),
        ("headphones around $9.2e18", .tooHigh),
        ("headphones under 1e309", .tooHigh),
        ("headphones under $1e308", .tooHigh),
        ("headphones under 123456789012345678901234567890", .tooHigh),
        ("headphones under $" + String(repeating: "9", count: 400), .tooHigh),
        ("headphones under $42,949,673", .tooHigh),
        ("headphones under 99999999999999999999k", .tooHigh),
        ("headphones under $50m", .tooHigh),
        ("headphones between 1e19 and 2e19", .tooHigh),
        ("headphones between 10 and 1e19", .tooHigh),
        ("headphones $20-$1e19", .tooHigh),
        ("headphones no more than $1e19", .tooHigh),
        ("headphones at least 1e19 dollars", .tooHigh),
        ("$1e19", .tooHigh),
        // In range: thousands separators, cents, suffixes, exponents, the largest price.
        ("headphones under $42,949,672.94", .maxPrice(42_949_672.94)),
        ("headphones under 1,000", .maxPrice(1000)),
        ("headphones under $1,000.50", .maxPrice(1000.5)),
        ("headphones under 2k", .maxPrice(2000)),
        ("headphones under $2K", .maxPrice(2000)),
        ("headphones under 1.5m", .maxPrice(1_500_000)),
        ("headphones under 1e3", .maxPrice(1000)),
        ("headphones over 50$", .minPrice(50)),
        ("headphones between 1k and 2.5k", .range(1000, 2500)),
        ("headphones around $8,000", .range(6400, 9600)),
        // Tiny and signed: rounded to cents; a sign is read, not dropped, and no price has one.
        ("headphones under $1e-5", .maxPrice(0)),
        ("headphones under 0.001", .maxPrice(0)),
        ("headphones under -0", .unreadable),
        ("headphones under -5", .unreadable),
        ("headphones under -$5", .unreadable),
        ("headphones -$5", .unreadable),
        ("headphones under $0", .maxPrice(0)),
        ("headphones under $-5", .unreadable),
        ("headphones under $-0", .unreadable),
        // Commas: before exactly three digits a thousands separator, before one or two that end
        // the number a decimal comma (the European way); any other comma is no price.
        ("headphones under $1,5", .maxPrice(1.5)),
        ("headphones under 5,50", .maxPrice(5.5)),
        ("headphones under $0,99", .maxPrice(0.99)),
        ("headphones under 12,5 dollars", .maxPrice(12.5)),
        ("headphones under 1234,5", .maxPrice(1234.5)),
        ("headphones under 1,5k", .maxPrice(1500)),
        ("headphones under 5,50$", .maxPrice(5.5)),
        ("headphones under $1,500", .maxPrice(1500)),
        ("headphones under $12,345,678", .maxPrice(12_345_678)),
        ("headphones under $1,500.25", .maxPrice(1500.25)),
        ("headphones between 1,5 and 2,5", .range(1.5, 2.5)),
        ("headphones $1,5-$2,5", .range(1.5, 2.5)),
        ("headphones $20 -$40", .range(20, 40)),
        ("headphones under $.50", .maxPrice(0.5)),
        ("headphones under ,5", .maxPrice(0.5)),
        ("headphones under $50, please", .maxPrice(50)),
        ("headphones under 15,", .maxPrice(15)),
        ("headphones under 1,5000", .unreadable),
        ("headphones under 1,,5", .unreadable),
        ("headphones under $1,,500", .unreadable),
        ("headphones under 1,00,000", .unreadable),
        ("headphones under $1,500,50", .unreadable),
        ("headphones under 1.500,50", .unreadable),
        ("headphones under 1234,567", .unreadable),
        ("headphones under 12345,678", .unreadable),
        ("headphones under ,500", .unreadable),
        ("headphones under 1,5e3", .unreadable),
        ("headphones under 1,5.5", .unreadable),
        ("headphones under 1.2.3", .unreadable),
        ("headphones under $1,5,5", .unreadable),
        ("headphones under 1..5", .unreadable),
        ("headphones between 1,5000 and 2", .unreadable),
        ("headphones $1,,5", .unreadable),
        ("headphones under ١,٥", .maxPrice(1.5)),
        // Spellings of no number at all.
        ("headphones under nan", .unreadable),
        ("headphones under inf", .unreadable),
        ("headphones under infinity", .unreadable),
        ("headphones over $nan", .unreadable),
        ("headphones under $inf", .unreadable),
        ("headphones under $0x10", .unreadable),
        ("headphones under 0x10", .noPrice),
        ("headphones under 1e", .noPrice),
        // Other digits: Arabic-Indic digits read as digits; full-width ones are folded by NFKC.
        ("headphones under ٣", .maxPrice(3)),
        ("headphones under $٣٠", .maxPrice(30)),
        ("headphones under １０", .maxPrice(10)),
        ("headphones under $１,０００", .maxPrice(1000)),
        // Numbers that are not prices must not be read as prices, nor trap elsewhere.
        ("compare #99999999999999999999 and #3", .noPrice),
        ("add 99999999999999999999 of the first one", .noPrice),
        ("tell me about number 18446744073709551616", .noPrice),
        ("add x9999999999999999999999 to my cart", .noPrice),
    ]

    @Test func everyNumericFormInTheChatIsReadOrRefusedClearly() throws {
        var failures: [String] = []
        for (message, expected) in Self.chatForms {
            let turn = try ChatFixture.last(["headphones", message])
            let understanding = turn.understanding
            let text = turn.answer.text
            var problem: String?
            switch expected {
            case let .maxPrice(value):
                if understanding.maxPrice != value || understanding.minPrice != nil || understanding.unusablePrice != nil {
                    problem = "read \(understanding.minPrice as Any)...\(understanding.maxPrice as Any)"
                }
            case let .minPrice(value):
                if understanding.minPrice != value || understanding.maxPrice != nil || understanding.unusablePrice != nil {
                    problem = "read \(understanding.minPrice as Any)...\(understanding.maxPrice as Any)"
                }
            case let .range(low, high):
                if understanding.minPrice != low || understanding.maxPrice != high { problem = "read \(understanding.minPrice as Any)...\(understanding.maxPrice as Any)" }
            case .tooHigh:
                if understanding.unusablePrice?.reason != .tooHigh || !text.contains("prices that high") || !turn.answer.products.isEmpty {
                    problem = "not refused as too high"
                }
            case .unreadable:
                if understanding.unusablePrice?.reason != .unreadable || !text.contains("as a price") || !turn.answer.products.isEmpty {
                    problem = "not refused as unreadable"
                }
            case .noPrice:
                if understanding.minPrice != nil || understanding.maxPrice != nil || understanding.unusablePrice != nil {
                    problem = "read a price: \(understanding.minPrice as Any)...\(understanding.maxPrice as Any) \(understanding.unusablePrice as Any)"
                }
            }
            if text.isEmpty { problem = "empty reply" }
            if let problem { failures.append("\"\(message.prefix(60))\" (\(expected)): \(problem); reply: \(text.prefix(160))") }
        }
        #expect(failures.isEmpty, "\(failures.count) forms fail:\n\(failures.joined(separator: "\n"))")
    }

    /// A refused price leaves the last search as it was: "cheaper ones" still refines it.
    @Test func aRefusedPriceKeepsTheConversationGoing() throws {
        let turns = try ChatFixture.play(["wireless headphones under $100", "under $1e19", "cheaper ones"])
        #expect(turns[1].answer.text.contains("prices that high"))
        #expect(turns[2].answer.intent == "refine")
        #expect(!turns[2].answer.products.isEmpty)
        #expect(turns[2].answer.products.allSatisfy { ($0.price ?? .infinity) <= 100 })
    }

    /// Prices are written back whatever their size, never through a conversion that can trap.
    @Test(arguments: [
        (0.0, "$0"), (39.99, "$39.99"), (1000, "$1000"), (1000.5, "$1000.50"), (42_949_672.94, "$42949672.94"),
        (51_539_607.53, "$51539607.53"), (1e19, "$10000000000000000000"), (9.3e18, "$9300000000000000000"),
        (-5, "-$5"), (.infinity, "an unlimited amount"), (.nan, "an unknown amount"),
    ] as [(Double, String)])
    func moneyIsWrittenForEveryDouble(value: Double, text: String) {
        #expect(ChatMoney.format(value) == text)
    }
}
