import Foundation
import Query
import Testing
@testable import Chat

/// How messages of issue 14's kinds are read: negation, price and sort phrasing, emptying the
/// cart, two requests in one message, and the follow-up rules, over the default catalog's
/// vocabulary. (What the answers do is in the conversation table's followups.txt,
/// negation.txt, prices-and-sorting.txt and cart.txt.)
@Suite struct FollowUpParsingTests {
    static func parse(_ message: String) throws -> MessageUnderstanding {
        MessageParser(vocabulary: try ChatFixture.vocabulary()).parse(message)
    }

    @Test func negationExcludesColoursBrandsCategoriesAndWords() throws {
        let black = try Self.parse("not black")
        #expect(black.excludedPhrases == ["Black"])
        #expect(black.productWords.isEmpty && black.colors.isEmpty)
        #expect(black.intent == .refine)
        #expect(try Self.parse("no leather").excludedPhrases == ["leather"])
        #expect(try Self.parse("except Nike").excludedBrands == ["Nike"])
        #expect(try Self.parse("without a hood").excludedPhrases == ["hood"])
        #expect(try Self.parse("anything but red").excludedPhrases == ["Red"])
        #expect(try Self.parse("other than Bose").excludedBrands == ["Bose"])
        #expect(try Self.parse("I don't want black").excludedPhrases == ["Black"])
        #expect(try Self.parse("non-leather").excludedPhrases == ["leather"])
        #expect(try Self.parse("leave out Nike").excludedBrands == ["Nike"])
        #expect(try Self.parse("anything but books").excludedCategories == ["Books"])
    }

    @Test func negationKeepsTheProductAndReadsLists() throws {
        let sneakers = try Self.parse("sneakers but not Nike")
        #expect(sneakers.productWords == ["sneakers"])
        #expect(sneakers.excludedBrands == ["Nike"])
        let shoes = try Self.parse("jackets without a hood")
        #expect(shoes.productWords == ["jackets"])
        #expect(shoes.excludedPhrases == ["hood"])
        let colours = try Self.parse("not black, silver, platinum or space gray")
        #expect(Set(colours.excludedPhrases) == ["Black", "Silver", "Platinum", "Space Gray"])
        // After a first negated item, only catalog phrases continue the list.
        let blackSneakers = try Self.parse("not black sneakers")
        #expect(blackSneakers.excludedPhrases == ["Black"])
        #expect(blackSneakers.productWords == ["sneakers"])
    }

    @Test func negationThatIsNoFilter() throws {
        // Prices, positions and conversation keep their own meanings.
        let price = try Self.parse("headphones no more than $50")
        #expect(price.maxPrice == 50)
        #expect(price.excludedPhrases.isEmpty)
        #expect(try Self.parse("no thanks").excludedPhrases.isEmpty)
        #expect(try Self.parse("no thanks").productWords.isEmpty)
        #expect(try Self.parse("not sure").excludedPhrases.isEmpty)
        // "not too expensive" is a wish for cheap ones, never an exclusion or "most expensive".
        let cheap = try Self.parse("a coffee maker that is not too expensive")
        #expect(cheap.sort == .priceAscending)
        #expect(cheap.productWords == ["coffee", "maker"])
        #expect(cheap.excludedPhrases.isEmpty)
        #expect(try Self.parse("tents that don't break the bank").sort == .priceAscending)
    }

    @Test func pricePhrasings() throws {
        func bounds(_ message: String) throws -> [Double?] {
            let understanding = try Self.parse(message)
            return [understanding.minPrice, understanding.maxPrice]
        }
        #expect(try bounds("sneakers between 20 and 40") == [20, 40])
        #expect(try bounds("under 50") == [nil, 50])
        #expect(try bounds("50 to 100 dollars") == [50, 100])
        #expect(try bounds("$50 to $100") == [50, 100])
        #expect(try bounds("less than $30") == [nil, 30])
        #expect(try bounds("around $40") == [32, 48])
        // A bare "2 to 3" is no price: nothing says it is money.
        #expect(try bounds("tents for 2 to 3 people") == [nil, nil])
        #expect(try Self.parse("50 to 100 dollars").productWords.isEmpty)
    }

    @Test func sortPhrasings() throws {
        for message in ["sort by price", "cheapest first", "lowest price", "price low to high", "cheap", "affordable", "most affordable first",
                        "lowest priced"] {
            #expect(try Self.parse(message).sort == .priceAscending, "\(message)")
            #expect(try Self.parse(message).productWords.isEmpty, "\(message)")
        }
        for message in ["highest price", "most expensive", "sort by price, high to low", "priciest"] {
            #expect(try Self.parse(message).sort == .priceDescending, "\(message)")
        }
        for message in ["best rated", "top rated", "sort by rating", "highest rated first"] {
            #expect(try Self.parse(message).sort == .ratingDescending, "\(message)")
        }
        #expect(try Self.parse("the cheapest one").wantsOne)
        #expect(!(try Self.parse("the cheapest ones").wantsOne))
        #expect(!(try Self.parse("cheapest first").wantsOne))
    }

    @Test func emptyingTheCart() throws {
        for message in ["empty my cart", "clear my cart", "remove everything", "remove all items from my cart", "empty the basket",
                        "delete everything in my cart", "wipe my cart"] {
            let understanding = try Self.parse(message)
            #expect(understanding.intent == .cartRemove, "\(message)")
            #expect(understanding.clearsCart, "\(message)")
        }
        #expect(!(try Self.parse("remove the first one")).clearsCart)
        #expect(try Self.parse("show my cart").intent == .cartShow)
        #expect(try Self.parse("clear the chat").intent == .reset)
    }

    @Test func twoRequestsInOneMessage() {
        #expect(MessageParser.requests(in: "add the first to my cart and show me phone cases")
            == ["add the first to my cart", "show me phone cases"])
        #expect(MessageParser.requests(in: "show my cart and then checkout") == ["show my cart", "checkout"])
        #expect(MessageParser.requests(in: "add it then show me headphones") == ["add it", "show me headphones"])
        // "and" between words of one request does not split it.
        #expect(MessageParser.requests(in: "black and white sneakers") == ["black and white sneakers"])
        #expect(MessageParser.requests(in: "add the first one and the second one") == ["add the first one and the second one"])
        #expect(MessageParser.requests(in: "and show me more") == ["and show me more"])
        // More than `maximumRequests` is read as one message.
        let many = Array(repeating: "show me tents", count: MessageParser.maximumRequests + 1).joined(separator: " and ")
        #expect(MessageParser.requests(in: many) == [many])
    }

    @Test func followUpKinds() throws {
        var sneakers = ConversationState.Plan()
        sneakers.productWords = ["sneakers"]
        sneakers.maxPrice = 80
        sneakers.colors = ["Red"]
        sneakers.excludedBrands = ["Nike"]
        func kind(_ message: String, narrows: Bool) throws -> FollowUpRules.Kind {
            FollowUpRules.kind(of: try Self.parse(message), after: sneakers, narrowsSubject: narrows)
        }
        #expect(try kind("in red", narrows: false) == .refinement)
        #expect(try kind("only women's", narrows: true) == .refinement)
        #expect(try kind("what about sandals?", narrows: false) == .newSubject)
        #expect(try kind("what about waterproof ones?", narrows: true) == .refinement)
        #expect(try kind("show me laptops", narrows: false) == .freshSearch)
        #expect(try kind("only books", narrows: false) == .freshSearch)
        #expect(FollowUpRules.kind(of: try Self.parse("in red"), after: nil, narrowsSubject: false) == .freshSearch)

        // What each keeps.
        let newSubject = FollowUpRules.plan(after: sneakers, try Self.parse("what about sandals?"), kind: .newSubject)
        #expect(newSubject.productWords == ["sandals"])
        #expect(newSubject.maxPrice == 80)
        #expect(newSubject.colors.isEmpty && newSubject.excludedBrands.isEmpty)
        let refined = FollowUpRules.plan(after: sneakers, try Self.parse("only women's"), kind: .refinement)
        #expect(refined.productWords.first == "sneakers" && refined.productWords.count == 2)
        #expect(refined.maxPrice == 80 && refined.colors == ["Red"] && refined.excludedBrands == ["Nike"])
        let fresh = FollowUpRules.plan(after: sneakers, try Self.parse("show me laptops"), kind: .freshSearch)
        #expect(fresh.maxPrice == nil && fresh.excludedBrands.isEmpty)
        // An exclusion drops the colour it names; naming it again takes the exclusion back.
        let notRed = FollowUpRules.plan(after: sneakers, try Self.parse("not red"), kind: .refinement)
        #expect(notRed.colors.isEmpty && notRed.excludedPhrases == ["Red"])
        let redAgain = FollowUpRules.plan(after: notRed, try Self.parse("in red"), kind: .refinement)
        #expect(redAgain.colors == ["Red"] && redAgain.excludedPhrases.isEmpty)
        // A new upper bound below the lower one drops the lower one.
        var range = sneakers
        range.minPrice = 60
        let lower = FollowUpRules.plan(after: range, try Self.parse("under $50"), kind: .refinement)
        #expect(lower.minPrice == nil && lower.maxPrice == 50)
        #expect(FollowUpRules.plan(after: range, try Self.parse("the cheapest one"), kind: .refinement).pageLimit == 1)
    }
}
