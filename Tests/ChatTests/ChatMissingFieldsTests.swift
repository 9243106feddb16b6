import Foundation
import Testing
@testable import Chat
@testable import Store

/// Replies about products whose catalog lines leave fields out (issue 11, section 1): a reply
/// is built from the request and the product's fields, and a field that is missing or blank is
/// left out of the sentence, not written as nothing ("Limit price widget by , $42949672.94"),
/// and never counted as a value it does not have (no price is not $0).
@Suite struct ChatMissingFieldsTests {
    /// Widgets with every optional field missing, empty or blank in turn, and two of one brand.
    static let catalogLines = [
        #"{"id":"w-1","name":"Limit price widget","price":42949672.94}"#,
        #"{"id":"w-2","name":"Plain widget","brand":"","category":"","description":"","image":"","attributes":{"colour":"","size":""}}"#,
        #"{"id":"w-3","name":"Acme widget","brand":"Acme","category":"Tools","description":"A widget.","price":5,"rating":4,"stock":0,"attributes":{"colour":"Red"}}"#,
        #"{"id":"w-4","name":"Zeta widget","brand":"   ","category":" ","description":"  ","price":7.5,"rating":3.5,"stock":3,"attributes":{"colour":" "}}"#,
        #"{"id":"w-5","name":"Cheap widget","brand":"Acme","category":"Tools","price":1,"rating":4.5,"stock":9,"attributes":{"colour":"Blue"}}"#,
        #"{"id":"w-6","name":"Other gadget","brand":"Acme","category":"Tools","price":2,"stock":9}"#,
        #"{"id":"w-7","name":"Spare gadget","brand":"Bolt","category":"Tools","price":3,"stock":9}"#,
    ]

    static let catalog: Result<ChatFixture.Catalog, ChatFixture.SetupError> = {
        do {
            return .success(try ChatFixture.indexed(catalogLines: catalogLines))
        } catch {
            return .failure(ChatFixture.SetupError(description: "cannot index the widget catalog: \(error)"))
        }
    }()

    /// Signs of a field written as nothing: a space before punctuation, two spaces, empty
    /// brackets or quotes, "by" or "vs" with nothing after, a sentence starting "The is".
    static let emptyFieldPatterns = [
        #"\s[,.;:)]"#, #"\s\s"#, #"\(\s*\)"#, #"\bby\s*([,.;:]|$)"#, #"\bvs\s*([,.;:]|$)"#, #"\b[Tt]he\s+is\b"#,
        #"^\s|\s$"#, #"[:,]\s*[,.;]"#, #"\$0\b"#,
    ]

    static func emptyFields(in text: String) -> [String] {
        emptyFieldPatterns.filter { text.range(of: $0, options: .regularExpression) != nil }
    }

    /// Every product in every position, through every reply that names product fields.
    @Test func repliesLeaveMissingFieldsOut() throws {
        let catalog = try Self.catalog.get()
        var conversations: [[String]] = [["widget"], ["widget", "show me more"], ["gadget"]]
        for first in 1...5 {
            conversations.append(["widget", "tell me about #\(first)", "add it to my cart", "show my cart", "remove it"])
            for second in 1...5 where second != first {
                conversations.append(["widget", "compare #\(first) and #\(second)"])
            }
        }
        conversations.append(["widget", "add the first two", "add #3", "add #4", "add #5", "show my cart", "checkout"])
        conversations.append(["gadget", "add both", "checkout", "yes"])
        var failures: [String] = []
        for messages in conversations {
            for turn in try ChatFixture.play(messages, catalog: catalog) {
                let found = Self.emptyFields(in: turn.answer.text)
                if !found.isEmpty { failures.append("\(messages) → \"\(turn.message)\": \(found) in: \(turn.answer.text)") }
                // Suggestions are sent as messages when clicked: none may be cut short by a blank field.
                for suggestion in turn.answer.suggestions where suggestion != suggestion.trimmingCharacters(in: .whitespaces) || suggestion.contains("  ") {
                    failures.append("\(messages) → \"\(turn.message)\": suggestion \"\(suggestion)\"")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) replies write a missing field:\n\(failures.joined(separator: "\n"))")
    }

    @Test func theIssuesExampleNamesNoEmptyBrand() throws {
        let details = try #require(try ChatFixture.play(["widget", "tell me about the limit widget"], catalog: Self.catalog.get()).last)
        #expect(details.answer.products.map(\.id) == ["w-1"])
        #expect(details.answer.text.hasPrefix("Limit price widget, $42949672.94"), "\(details.answer.text)")
    }

    /// Two products of one brand are told apart by name; a blank brand is not a name.
    @Test func comparisonsNameWhatDiffers() throws {
        let catalog = try Self.catalog.get()
        let sameBrand = try #require(try ChatFixture.play(["widget", "compare the acme widget and the cheap widget"], catalog: catalog).last)
        #expect(sameBrand.answer.products.count == 2)
        #expect(sameBrand.answer.text.contains("Cheap widget is $4 cheaper"), "\(sameBrand.answer.text)")
        #expect(!sameBrand.answer.text.contains("The Acme"), "\(sameBrand.answer.text)")
        let brands = try #require(try ChatFixture.play(["gadget", "compare both"], catalog: catalog).last)
        #expect(brands.answer.text.contains("The Acme is $1 cheaper"), "\(brands.answer.text)")
    }

    /// A product without a price is not free: the cart says so, and checkout asks for it to go.
    @Test func anUnpricedProductIsNotTotalledAsFree() throws {
        let catalog = try Self.catalog.get()
        let turns = try ChatFixture.play(["widget", "add the plain widget", "add the zeta widget", "show my cart", "checkout", "yes"],
                                         catalog: catalog)
        #expect(turns[1].cart.map(\.productID) == ["w-2"])
        #expect(turns[1].answer.text.contains("no price"), "\(turns[1].answer.text)")
        #expect(turns[3].answer.text.contains("no price"), "\(turns[3].answer.text)")
        #expect(turns[4].answer.text.contains("Plain widget"), "\(turns[4].answer.text)")
        #expect(!turns[4].answer.text.lowercased().contains("shall i place"), "\(turns[4].answer.text)")
        #expect(turns[5].orderCount == 0)
        #expect(turns[5].cart.count == 2)
    }
}
