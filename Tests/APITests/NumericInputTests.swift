import Foundation
import Query
import Testing
@testable import API

/// Numbers that come from outside, through the chat and the search API (issue 11, section 1):
/// every spelling of a number a shopper or a client can send is answered, never a trap.
/// `headphones under $1e19` used to reach `Int(_:)` in the reply and end the server.
@Suite struct NumericInputTests {
    // MARK: - The issue's examples, over the wire

    /// Each of these stopped the whole server ("Double value cannot be converted to Int").
    @Test(arguments: ["headphones under $1e19", "over $10000000000000000000", "around $8e18"])
    func hugeChatPricesAreAnsweredNotFatal(message: String) throws {
        let shop = try ShopServerFixture()
        let login = try shop.signUpAndLogIn("big-spender")
        let response = try shop.post("/api/chat/", ShopServerFixture.jsonBody(["message": message]), bearer: login.access)
        #expect(response.status == 200)
        let reply = try response.jsonObject()["reply"] as? String ?? ""
        #expect(reply.contains("prices that high"), "\(reply)")
        #expect(try shop.get("/api/health/").status == 200)
        // The shopper can go on: the conversation was stored and answers the next message.
        let next = try shop.post("/api/chat/", ShopServerFixture.jsonBody(["message": "headphones under $100"]), bearer: login.access)
        #expect(next.status == 200)
    }

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

    // MARK: - Numeric forms through the search API

    @Test(arguments: [
        "min_price=0", "max_price=0", "max_price=-0", "max_price=10.5", "max_price=1E2", "max_price=1e-5",
        "max_price=42949672.94", "min_price=", "page=1", "page=%2B1", "page_size=100", "page=10000",
    ])
    func searchAcceptsNumbersInRange(query: String) throws {
        let shop = try ShopServerFixture()
        let response = try shop.get("/api/search/?q=headphones&\(query)")
        #expect(response.status == 200, "\(query): \(response.text)")
    }

    @Test(arguments: [
        "max_price=1e19", "max_price=1e300", "min_price=1e309", "max_price=42949672.95", "max_price=123456789012345678901234",
        "max_price=nan", "max_price=NaN", "max_price=inf", "max_price=-inf", "max_price=infinity", "min_price=-1",
        "max_price=0x10", "max_price=1,000", "max_price=%241000", "max_price=2k", "max_price=%EF%BC%91%EF%BC%90", "max_price=%D9%A3",
        "max_price=%2B5", "max_price=%2010", "max_price=10%20", "max_price=.5", "max_price=5.", "max_price=1e", "max_price=--1",
        "page=1e3", "page=99999999999999999999", "page=-0", "page=%D9%A3", "page=%EF%BC%91", "page=10001", "page_size=1e2",
        "page_size=-9223372036854775808",
    ])
    func searchRefusesNumbersOutOfRangeOrMisspelt(query: String) throws {
        let shop = try ShopServerFixture()
        let response = try shop.get("/api/search/?q=headphones&\(query)")
        #expect(response.status == 400, "\(query): \(response.status) \(response.text)")
        #expect(response.errorCode == "invalid_parameter", "\(query)")
        #expect(try shop.get("/api/health/").status == 200)
    }

    /// The documented bounds are the enforced ones, so generated clients (and schemathesis)
    /// send only what the server takes.
    @Test func theOpenAPIDocumentStatesThePriceAndPageBounds() throws {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(try ShopServerFixture().application.openAPIDocument.utf8)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let search = try #require(paths["/api/search/"]?["get"] as? [String: Any])
        let parameters = try #require(search["parameters"] as? [[String: Any]])
        func schema(_ name: String) -> [String: Any]? {
            parameters.first { $0["name"] as? String == name }?["schema"] as? [String: Any]
        }
        for name in ["min_price", "max_price"] {
            #expect(schema(name)?["minimum"] as? Double == 0, "\(name)")
            #expect(schema(name)?["maximum"] as? Double == SearchFilter.maximumPrice, "\(name)")
        }
        #expect(schema("page")?["maximum"] as? Int == 10_000)
        #expect(schema("page_size")?["maximum"] as? Int == CatalogRoutes.maximumPageSize)
    }

    @Test(arguments: ["page=1e3", "page=99999999999999999999", "page=1000001", "page_size=201", "page_size=-1", "page=%D9%A3"])
    func chatHistoryRefusesNumbersOutOfRange(query: String) throws {
        let shop = try ShopServerFixture()
        let login = try shop.signUpAndLogIn("history-pager")
        let response = try shop.get("/api/chat/history/?\(query)", bearer: login.access)
        #expect(response.status == 400, "\(query): \(response.status)")
        #expect(response.errorCode == "invalid_parameter", "\(query)")
    }
}
