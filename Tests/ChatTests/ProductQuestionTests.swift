import Foundation
import Testing
@testable import Chat
@testable import Query

/// The pieces that read questions and small talk, and the product kinds and variants the
/// answers are built from (issue 14), one by one.
@Suite struct ProductQuestionTests {
    static func parse(_ message: String) throws -> MessageUnderstanding {
        MessageParser(vocabulary: try ChatFixture.vocabulary()).parse(message)
    }

    @Test(arguments: [
        ("how much is the first one?", ProductQuestion.price), ("what does the second one cost", .price), ("price of #4?", .price),
        ("how expensive is it", .price), ("is it in stock?", .stock), ("is the second one available?", .stock),
        ("how many are left?", .stock), ("what colors does it come in?", .colors), ("which colours is the last one available in", .colors),
        ("how is it rated?", .rating), ("is the second one any good?", .rating), ("how many stars does it have", .rating),
        ("who makes it?", .brand), ("what brand is the first one", .brand), ("what size is it", .size),
        ("how much memory does the first one have?", .attribute("memory")), ("what's the screen size of #2", .attribute("screen")),
    ])
    func questionsAboutListedProductsAreDetails(message: String, question: ProductQuestion) throws {
        let understanding = try Self.parse(message)
        #expect(understanding.intent == .details)
        #expect(understanding.question == question)
        #expect(understanding.productWords.isEmpty, "\(understanding.productWords)")
    }

    @Test(arguments: [
        ("what's the cheapest tablet", ["tablet"]), ("do you have any tablets?", ["tablets"]), ("which laptop is best rated", ["laptop"]),
        ("how much are the headphones", ["headphones"]), ("do you sell running shoes", ["running", "shoes"]),
        ("any new hoodies?", ["hoodies"]), ("some good hoodies", ["hoodies"]), ("what monitors do you have", ["monitors"]),
    ])
    func questionWordsAreNotProductWords(message: String, words: [String]) throws {
        let understanding = try Self.parse(message)
        #expect(understanding.intent == .search)
        #expect(understanding.productWords == words)
    }

    @Test func aPriceQuestionThatNamesProductsIsASearch() throws {
        let understanding = try Self.parse("how much are the headphones")
        #expect(understanding.question == .price)
        #expect(understanding.intent == .search)
    }

    @Test(arguments: [
        ("how are you?", SmallTalk.wellbeing), ("hey, how's it going today?", .wellbeing), ("ok", .acknowledgement),
        ("Cool!", .acknowledgement), ("got it", .acknowledgement), ("bye", .farewell), ("see you later", .farewell),
        ("who are you", .identity), ("are you a bot?", .identity), ("yes", .yes), ("sure", .yes), ("no", .no),
        ("no thanks", .no), ("nope", .no), ("great, thanks!", .thanks), ("that's all, thanks", .thanks),
    ])
    func smallTalkIsRead(message: String, kind: SmallTalk) {
        #expect(SmallTalk.kind(of: MessageParser.tokens(of: message)) == kind)
    }

    @Test(arguments: ["ok, show me laptops", "hi", "no leather", "yes the red one", "cool headphones", "thanks for the laptops", ""])
    func requestsAreNotSmallTalk(message: String) {
        #expect(SmallTalk.kind(of: MessageParser.tokens(of: message)) == nil)
    }

    @Test(arguments: [
        ("Fitbit MZ921 Smart Watch with Heart Rate Monitor, 45mm, White", "watch"),
        ("HP ZN-1900 24-inch 4K UHD IPS Monitor, 75Hz", "monitor"),
        ("Microsoft Surface Laptop 24 Thin and Light Laptop, 16-inch, 32GB", "laptop"),
        ("Nike Air Force 1 High-Top Sneakers, Burgundy, Women's Size 6", "sneaker"),
        ("Osprey Laptop Backpack for Travel", "backpack"),
        ("Redcat HWV84 1:18 Drift RC Car, 15 mph", "car"),
        ("Force1 Drift Remote Control Truck WK-600, Ages 3+", "truck"),
        ("Hanes Crew Neck T-Shirt, Navy", "t-shirt"),
        ("The Gym Handbook: Training for Beginners", "handbook"),
    ])
    func theKindIsTheHeadNounOfTheName(name: String, kind: String) {
        #expect(ProductKind.head(ofName: name) == ProductKind.term(kind))
    }

    @Test func aNameWithoutWordsHasNoKind() {
        #expect(ProductKind.head(ofName: "12345, 678") == nil)
        #expect(ProductKind.head(ofName: "") == nil)
    }

    static func product(_ name: String, _ attributes: [(String, String)]) -> StoredProduct {
        StoredProduct(id: name, name: name, brand: "B", category: "C", description: "", image: "",
                      attributes: attributes.map { StoredProduct.Attribute(name: $0.0, value: $0.1) }, price: 1, rating: nil, stock: 1)
    }

    @Test func aModelIsItsNameWithoutColourAndSize() {
        let navy = Self.product("Flexispot Desk Chair, Navy", [("color", "Navy")])
        let white = Self.product("Flexispot Desk Chair, White", [("color", "White")])
        let men = Self.product("Platform Sneakers, Cream, Men's Size 7", [("color", "Cream"), ("size", "7"), ("gender", "Men's")])
        let unisex = Self.product("Platform Sneakers, Dusty Pink, Unisex Size 12", [("color", "Dusty Pink"), ("size", "12"), ("gender", "Unisex")])
        let menNine = Self.product("Platform Sneakers, Red, Men's Size 9", [("color", "Red"), ("size", "9"), ("gender", "Men's")])
        #expect(ProductVariants.modelKey(of: navy) == ProductVariants.modelKey(of: white))
        #expect(ProductVariants.modelKey(of: men) == ProductVariants.modelKey(of: menNine))
        #expect(ProductVariants.modelKey(of: men) != ProductVariants.modelKey(of: unisex))
    }

    @Test func variantsComeFromTheCatalog() throws {
        let index = try ChatFixture.index()
        let chair = try #require(try index.product(id: "sku-0000087"))
        let colors = try ProductVariants.variants(of: chair, in: index).compactMap(ProductVariants.color(of:))
        #expect(Set(colors) == ["White", "Navy"])
    }

    @Test func pagesSayWhichProductsTheyShow() {
        #expect(ChatTurn.pageSentence(first: 1, last: 5, total: 13, described: "shoes") == "Here are 5 of 13 shoes.")
        #expect(ChatTurn.pageSentence(first: 1, last: 3, total: 3, described: "hoodies") == "Here are 3 hoodies.")
        #expect(ChatTurn.pageSentence(first: 6, last: 10, total: 13, described: "shoes") == "Here are 6-10 of 13 shoes.")
        #expect(ChatTurn.pageSentence(first: 6, last: 6, total: 6, described: "chairs") == "Here is the last of 6 chairs.")
        #expect(ChatTurn.pageSentence(first: 6, last: 6, total: 7, described: "chairs") == "Here is #6 of 7 chairs.")
    }
}
