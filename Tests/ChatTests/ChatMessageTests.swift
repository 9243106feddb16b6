import Foundation
import Query
import Search
import Testing
@testable import Chat
@testable import Store

/// The shop assistant over the default catalog, one row per conversation: the messages, the
/// intent the last one should have, the entities read from it, and a property its answer must
/// have. Rows cover every intent and entity kind of issue 4, follow-ups over several messages,
/// typos, odd casing and punctuation, relaxation when nothing matches and spelling suggestions.
@Suite struct ChatMessageTests {
    /// The entities a row expects of its last message; nil fields are not checked.
    struct Entities: Sendable {
        var words: [String]?
        var category: String?
        var brand: String?
        var colors: [String]?
        var minPrice: Double?
        var maxPrice: Double?
        var sort: SearchSort?
        var relativePrice: MessageUnderstanding.RelativePrice?
        var ordinals: [Int]?
        var quantity: Int?
        var refersToFocus: Bool?

        /// Field-by-field differences from `understanding`, empty when everything asked for holds.
        func mismatches(_ understanding: MessageUnderstanding) -> [String] {
            var found: [String] = []
            func check<Value: Equatable>(_ name: String, _ expected: Value?, _ actual: Value) {
                if let expected, expected != actual { found.append("\(name): expected \(expected), got \(actual)") }
            }
            // Optional fields: a row that leaves one nil does not check it (without this
            // overload, nil would be compared as a value and required).
            func check<Value: Equatable>(_ name: String, _ expected: Value?, _ actual: Value?) {
                if let expected, expected != actual { found.append("\(name): expected \(expected), got \(actual.map { "\($0)" } ?? "nil")") }
            }
            check("words", words, understanding.productWords)
            check("category", category, understanding.category)
            check("brand", brand, understanding.brand)
            check("colors", colors, understanding.colors)
            check("minPrice", minPrice, understanding.minPrice)
            check("maxPrice", maxPrice, understanding.maxPrice)
            check("sort", sort, understanding.sort)
            check("relativePrice", relativePrice, understanding.relativePrice)
            check("ordinals", ordinals, understanding.ordinals)
            check("quantity", quantity, understanding.quantity)
            check("refersToFocus", refersToFocus, understanding.refersToFocus)
            return found
        }
    }

    /// A property of the last answer, named so a failure says which.
    struct Property: Sendable {
        let name: String
        let holds: @Sendable (ChatFixture.Turn) -> Bool

        static func all(_ properties: Property...) -> Property {
            Property(name: properties.map(\.name).joined(separator: " and ")) { turn in properties.allSatisfy { $0.holds(turn) } }
        }

        static let hasProducts = Property(name: "has products") { !$0.answer.products.isEmpty }
        static let noProducts = Property(name: "no products") { $0.answer.products.isEmpty }
        static let suggestsTwoToFour = Property(name: "2-4 suggestions") { (2...4).contains($0.answer.suggestions.count) }

        /// Products shown, every one of them satisfying `predicate`.
        static func every(_ name: String, _ predicate: @escaping @Sendable (ProductSummaryJSON) -> Bool) -> Property {
            Property(name: "every product \(name)") { !$0.answer.products.isEmpty && $0.answer.products.allSatisfy(predicate) }
        }

        static func category(_ category: String) -> Property { every("in \(category)") { $0.category == category } }
        static func brand(_ brand: String) -> Property { every("by \(brand)") { $0.brand == brand } }
        static func maxPrice(_ limit: Double) -> Property { every("at most \(limit)") { ($0.price ?? .infinity) <= limit } }
        static func minPrice(_ limit: Double) -> Property { every("at least \(limit)") { ($0.price ?? -1) >= limit } }
        static func named(_ word: String) -> Property { every("named with \(word)") { $0.name.lowercased().contains(word) } }
        /// Every product named with one of `words` (the shop's synonyms name some products another way).
        static func namedAny(_ words: String...) -> Property {
            every("named with \(words.joined(separator: " or "))") { product in words.contains { product.name.lowercased().contains($0) } }
        }
        /// The stored product's colour attribute is `color`: names do not always say it.
        static func color(_ color: String) -> Property {
            every("coloured \(color)") { summary in
                guard let product = try? ChatFixture.product(summary.id) else { return false }
                return product.attributes.contains { ChatVocabulary.isColorAttribute($0.name.lowercased()) && $0.value == color }
            }
        }

        static func productCount(_ count: Int) -> Property { Property(name: "\(count) products") { $0.answer.products.count == count } }

        static func text(_ fragment: String) -> Property {
            Property(name: "text mentions \"\(fragment)\"") { $0.answer.text.lowercased().contains(fragment.lowercased()) }
        }

        /// The reply does not contain `fragment` (case ignored).
        static func lacks(_ fragment: String) -> Property {
            Property(name: "text lacks \"\(fragment)\"") { !$0.answer.text.lowercased().contains(fragment.lowercased()) }
        }

        static func suggestion(_ fragment: String) -> Property {
            Property(name: "suggests \"\(fragment)\"") { $0.answer.suggestions.contains { $0.lowercased().contains(fragment.lowercased()) } }
        }

        static func sorted(_ order: @escaping @Sendable (Double, Double) -> Bool, _ name: String) -> Property {
            Property(name: "sorted \(name)") { turn in
                let prices = turn.answer.products.compactMap(\.price)
                return prices.count >= 1 && zip(prices, prices.dropFirst()).allSatisfy { order($0, $1) }
            }
        }

        static let cheapestFirst = sorted({ $0 <= $1 }, "by price, cheapest first")
        static let dearestFirst = sorted({ $0 >= $1 }, "by price, dearest first")
        static let bestRatedFirst = Property(name: "best rated first") { turn in
            let ratings = turn.answer.products.map { $0.rating ?? 0 }
            return ratings.count >= 1 && zip(ratings, ratings.dropFirst()).allSatisfy { $0 >= $1 }
        }

        /// Units in the cart after the message, over all lines.
        static func cartUnits(_ units: Int) -> Property {
            Property(name: "\(units) units in the cart") { $0.cart.reduce(0) { $0 + $1.quantity } == units }
        }

        static func cartHolds(_ productID: String, _ quantity: Int) -> Property {
            Property(name: "cart holds \(quantity) × \(productID)") { turn in turn.cart.contains { $0.productID == productID && $0.quantity == quantity } }
        }

        static func shows(_ productID: String) -> Property {
            Property(name: "shows \(productID)") { turn in turn.answer.products.contains { $0.id == productID } }
        }
    }

    struct Row: CustomStringConvertible, Sendable {
        let messages: [String]
        let intent: String
        let entities: Entities
        let property: Property
        let line: Int

        init(_ messages: [String], _ intent: String, _ entities: Entities, _ property: Property, line: Int = #line) {
            self.messages = messages
            self.intent = intent
            self.entities = entities
            self.property = property
            self.line = line
        }

        init(_ message: String, _ intent: String, _ entities: Entities, _ property: Property, line: Int = #line) {
            self.init([message], intent, entities, property, line: line)
        }

        init(_ messages: [String], _ intent: String, _ property: Property, line: Int = #line) {
            self.init(messages, intent, Entities(), property, line: line)
        }

        init(_ message: String, _ intent: String, _ property: Property, line: Int = #line) {
            self.init([message], intent, Entities(), property, line: line)
        }

        var description: String { "line \(line): \(messages.map { "\"\($0)\"" }.joined(separator: " → "))" }
    }

    // Products of the default catalog the rows name (corpus/catalog.jsonl).
    static let boseQ56X = "sku-0000033"        // Bose Q56X Over-Ear Wireless Headphones, $39.99
    static let boseWL910 = "sku-0000157"       // Bose WL-910 Wireless On-Ear Headphones, $104.99
    static let sonyEarbuds = "sku-0000357"     // Sony NR-8900 Open-Ear Earbuds, $26.99
    static let samsungEarbuds = "sku-0000453"  // Samsung KBZ311 True Wireless Earbuds, $239.99
    static let ankerWebcam = "sku-0000250"     // Anker FR375 4K Webcam, in stock
    static let ugreenWebcam = "sku-0000868"    // UGREEN KN-110 2K Autofocus Webcam, out of stock
    static let hpPavilion = "sku-0000385"      // HP Pavilion B65s 17.3-inch Laptop, $1439.99

    typealias P = Property
    typealias E = Entities

    static let rows: [Row] = [
        // MARK: Greeting, thanks, help, reset, not understood
        Row("hi", "greeting", P.all(.noProducts, .suggestsTwoToFour, .text("looking for"))),
        Row("Hello there!", "greeting", .suggestsTwoToFour),
        Row("HEY", "greeting", .suggestsTwoToFour),
        Row("good morning", "greeting", .noProducts),
        Row("thanks", "thanks", P.all(.text("welcome"), .suggestsTwoToFour)),
        Row("Thank you so much!!", "thanks", .text("welcome")),
        Row("thx", "thanks", .noProducts),
        Row(["headphones", "thanks a lot"], "thanks", P.all(.suggestion("show me more"), .noProducts)),
        Row("help", "help", P.all(.text("cheaper ones"), .suggestsTwoToFour)),
        Row("what can you do?", "help", .text("compare")),
        Row("HELP!!!", "help", .noProducts),
        Row("how does this work", "help", .text("cart")),
        Row("reset", "reset", P.all(.text("starting over"), .suggestsTwoToFour)),
        Row(["laptops", "start over"], "reset", .text("starting over")),
        Row(["webcams", "never mind", "show me more"], "more", P.all(.noProducts, .text("first"))),
        Row(["webcams", "reset", "cheaper ones"], "search", E(relativePrice: .cheaper), P.all(.noProducts, .text("what kind of product"))),
        Row("asdf qwerty zxcv", "search", P.all(.noProducts, .text("found nothing"), .suggestsTwoToFour)),
        Row("?!", "unknown", P.all(.text("didn't get that"), .suggestsTwoToFour)),
        Row("...", "unknown", .noProducts),
        Row("the", "unknown", .text("didn't get that")),

        // MARK: Search: product words through the search engine
        Row("wireless headphones", "search", E(words: ["wireless", "headphones"]), P.all(.named("headphones"), .suggestsTwoToFour)),
        Row("WIRELESS headphones??", "search", E(words: ["wireless", "headphones"]), P.all(.named("headphones"), .category("Electronics"))),
        Row("show me   laptops!!!", "search", E(words: ["laptops"]), P.all(.hasProducts, .category("Electronics"), .text("laptops"))),
        Row("headphones", "search", E(words: ["headphones"]), P.all(.productCount(4), .named("headphones"))),
        Row("webcams", "search", E(words: ["webcams"]), P.all(.category("Electronics"), .productCount(5), .named("webcam"), .text("5 webcams"))),
        Row("I'm looking for a webcam", "search", E(words: ["webcam"]), .category("Electronics")),
        Row("do you have any tents?", "search", E(words: ["tents"]), P.all(.named("tent"), .category("Sports & Outdoors"))),
        Row("Yoga Mats", "search", E(words: ["yoga", "mats"]), .named("yoga mat")),
        Row("rose gold speakers", "search", E(words: ["speakers"], colors: ["Rose Gold"]), P.all(.named("rose gold"), .named("speaker"))),
        Row("coffee makers", "search", E(words: ["coffee", "makers"]), .category("Home & Kitchen")),
        Row("dog toys", "search", E(words: ["dog", "toys"]), .category("Pet Supplies")),
        Row("can you find me some running shoes please", "search", E(words: ["running", "shoes"]), .category("Shoes")),
        Row("socks", "search", E(words: ["socks"]), P.all(.named("socks"), .category("Clothing"))),
        Row("lego sets", "search", E(words: ["sets"], brand: "LEGO"), .brand("LEGO")),
        Row("books about cooking", "search", .category("Books")),
        Row("earbuds", "search", E(words: ["earbuds"]), P.all(.productCount(5), .named("earbuds"))),

        // MARK: Typos, plurals and spelling suggestions
        Row("hedphones", "search", E(words: ["hedphones"]), P.all(.named("headphones"), .text("headphones"))),
        Row("headfones", "search", .named("headphones")),
        Row("keybord", "search", P.all(.named("keyboard"), .text("keyboard"))),
        Row("wirelss hedphones", "search", P.all(.namedAny("wireless", "bluetooth"), .named("headphones"))),
        Row("sokcs", "search", .named("socks")),
        Row("webcam", "search", .named("webcam")),
        Row("laptop", "search", P.all(.hasProducts, .category("Electronics"))),
        Row("tnet", "search", P.all(.noProducts, .text("did you mean"), .text("tent"), .suggestion("tent"))),
        Row(["tnet", "show me tent"], "search", .named("tent")),
        Row("hedfones", "search", P.all(.noProducts, .text("found nothing"), .suggestsTwoToFour)),

        // MARK: Categories and brands
        Row("books", "search", E(category: "Books"), P.all(.category("Books"), .text("Books"))),
        Row("only electronics", "search", E(category: "Electronics"), .category("Electronics")),
        Row("Show me KITCHEN stuff", "search", E(category: "Home & Kitchen"), .category("Home & Kitchen")),
        Row("pet supplies", "search", E(category: "Pet Supplies"), .category("Pet Supplies")),
        Row("Sony", "search", E(brand: "Sony"), P.all(.brand("Sony"), .productCount(2))),
        Row("adidas", "search", E(brand: "Adidas"), .brand("Adidas")),
        Row("Bose headphones", "search", E(words: ["headphones"], brand: "Bose"), P.all(.brand("Bose"), .productCount(2))),
        Row("Nike running shoes", "search", E(words: ["running", "shoes"], brand: "Nike"), P.all(.text("left out the brand"), .named("running shoe"))),
        Row("the north face backpacks", "search", E(brand: "The North Face"), .brand("The North Face")),
        Row("LEGO", "search", E(brand: "LEGO"), P.all(.brand("LEGO"), .category("Toys & Games"))),

        // MARK: Colours and other attribute values
        Row("black keyboards", "search", E(words: ["keyboards"], colors: ["Black"]), .color("Black")),
        Row("red t-shirts", "search", E(colors: ["Red"]), P.all(.named("red"), .named("t-shirt"))),
        Row("Red running shoes", "search", E(words: ["running", "shoes"], colors: ["Red"]), P.all(.color("Red"), .named("running shoe"))),
        Row("white webcams", "search", E(colors: ["White"]), P.all(.color("White"), .named("webcam"), .productCount(4))),
        Row("midnight blue headphones", "search", E(colors: ["Midnight Blue"]), P.all(.named("midnight blue"), .brand("Bose"))),
        Row(["Adidas", "only black"], "refine", E(colors: ["Black"]), .brand("Adidas")),

        // MARK: Prices
        Row("wireless headphones under $100", "search", E(words: ["wireless", "headphones"], maxPrice: 100),
            P.all(.named("headphones"), .maxPrice(100), .category("Electronics"))),
        Row("webcams less than 50 dollars", "search", E(maxPrice: 50), P.all(.maxPrice(50), .named("webcam"))),
        Row("keyboards between 20 and 40", "search", E(minPrice: 20, maxPrice: 40), P.all(.minPrice(20), .maxPrice(40), .named("keyboard"))),
        Row("backpack around $50", "search", E(minPrice: 40, maxPrice: 60), P.all(.minPrice(40), .maxPrice(60), .named("backpack"))),
        Row("running shoes between 50 and 100 dollars", "search", E(minPrice: 50, maxPrice: 100), P.all(.minPrice(50), .maxPrice(100))),
        Row("dog toys under 10", "search", E(maxPrice: 10), P.all(.maxPrice(10), .category("Pet Supplies"))),
        Row("jackets over $200", "search", E(minPrice: 200), P.all(.minPrice(200), .named("jacket"))),
        Row("laptops no more than $600", "search", E(maxPrice: 600), .maxPrice(600)),
        Row("yoga mat $20-$60", "search", E(minPrice: 20, maxPrice: 60), P.all(.minPrice(20), .maxPrice(60))),
        Row("headphones at least 50 bucks", "search", E(minPrice: 50), .minPrice(50)),
        Row("tents up to $1,000", "search", E(maxPrice: 1000), .maxPrice(1000)),
        Row("a $60 speaker", "search", E(maxPrice: 60), .maxPrice(60)),
        Row("cheap t-shirts", "search", E(words: ["t-shirts"], sort: .priceAscending), P.all(.cheapestFirst, .text("cheapest"))),
        Row("premium jackets", "search", E(words: ["jackets"], sort: .priceDescending), P.all(.dearestFirst, .text("most expensive"))),
        Row("affordable coffee makers", "search", E(sort: .priceAscending), .cheapestFirst),
        Row("luxury watches", "search", E(sort: .priceDescending), .dearestFirst),

        // MARK: Sort
        Row("laptops cheapest first", "search", E(words: ["laptops"], sort: .priceAscending, ordinals: []), P.all(.cheapestFirst, .text("cheapest first"))),
        Row("most expensive laptops", "search", E(sort: .priceDescending), P.all(.dearestFirst, .category("Electronics"))),
        Row("MOST EXPENSIVE monitors", "search", E(sort: .priceDescending), .dearestFirst),
        Row("best rated yoga mats", "search", E(words: ["yoga", "mats"], sort: .ratingDescending), P.all(.bestRatedFirst, .text("best rated"))),
        Row("top rated backpacks", "search", E(sort: .ratingDescending), .bestRatedFirst),
        Row("keyboards, price low to high", "search", E(sort: .priceAscending), .cheapestFirst),
        Row("coffee makers under $50 cheapest first", "search", E(maxPrice: 50, sort: .priceAscending, ordinals: []),
            P.all(.cheapestFirst, .maxPrice(50), .namedAny("coffee maker", "coffee machine"))),
        Row(["webcams", "sort by price, high to low"], "refine", E(sort: .priceDescending), P.all(.dearestFirst, .category("Electronics"))),
        Row(["backpacks", "best rated first"], "refine", E(sort: .ratingDescending, ordinals: []), P.all(.bestRatedFirst, .named("backpack"))),

        // MARK: Refining the last results
        Row(["headphones", "cheaper ones"], "refine", E(relativePrice: .cheaper), P.all(.maxPrice(80.48), .named("headphones"), .cheapestFirst)),
        Row(["laptops", "more expensive ones"], "refine", E(relativePrice: .pricier), P.all(.minPrice(559.01), .dearestFirst)),
        Row(["keyboards", "in black"], "refine", E(colors: ["Black"]), P.all(.color("Black"), .text("black keyboards"))),
        Row(["earbuds", "what about Bose?"], "refine", E(brand: "Bose"), P.all(.text("left out"), .hasProducts)),
        Row(["headphones", "what about Bose?"], "refine", E(brand: "Bose"), P.all(.brand("Bose"), .named("headphones"))),
        Row(["tents", "only books"], "refine", E(category: "Books"), P.all(.category("Books"), .text("Books"))),
        Row(["headphones", "under $50"], "refine", E(maxPrice: 50), P.all(.maxPrice(50), .named("headphones"))),
        Row(["running shoes", "between 60 and 90"], "refine", E(minPrice: 60, maxPrice: 90), P.all(.minPrice(60), .maxPrice(90), .category("Shoes"))),
        Row(["headphones", "cheaper ones", "in black"], "refine", E(colors: ["Black"]), P.all(.text("left out the colour"), .named("headphones"), .maxPrice(80.48))),
        Row(["headphones", "cheaper ones", "in black", "what about Bose?"], "refine", E(brand: "Bose"), P.all(.brand("Bose"), .maxPrice(80.48))),
        Row(["wireless headphones", "under $100", "cheapest first"], "refine", E(sort: .priceAscending), P.all(.cheapestFirst, .maxPrice(100), .named("headphones"))),
        Row(["t-shirts", "only red"], "refine", E(colors: ["Red"]), P.all(.named("red"), .named("t-shirt"))),
        Row(["jackets", "and shoes?"], "refine", E(category: "Shoes"), .category("Shoes")),

        // MARK: Show more
        Row(["laptops", "show me more"], "more", P.all(.hasProducts, .named("laptop"), .text("6-9 of 9"))),
        Row(["laptops", "more", "next"], "more", P.all(.noProducts, .text("that's all"))),
        Row(["headphones", "show me more"], "more", P.all(.noProducts, .text("that's all"))),
        Row("show me more", "more", P.all(.noProducts, .suggestsTwoToFour)),
        Row(["keyboards", "SHOW ME MORE!!"], "more", P.all(.productCount(1), .named("keyboard"), .text("the last of 6"))),
        Row(["keyboards", "SHOW ME MORE!!", "more please"], "more", P.all(.noProducts, .text("that's all"))),

        // MARK: Details
        Row(["webcams", "tell me about the second one"], "details", E(ordinals: [2]), P.all(.shows(ankerWebcam), .productCount(1), .text("Anker"))),
        Row(["earbuds", "more about the Sony"], "details", E(brand: "Sony"), P.all(.shows(sonyEarbuds), .productCount(1))),
        Row(["headphones", "#3"], "details", E(ordinals: [3]), .shows(boseQ56X)),
        Row(["headphones", "tell me about #3"], "details", E(ordinals: [3]), P.all(.shows(boseQ56X), .text("$39.99"))),
        Row(["laptops", "the second one", "more about it"], "details", E(refersToFocus: true), .shows(hpPavilion)),
        Row(["jackets", "more about the black one"], "details", E(colors: ["Black"]), .named("black")),
        Row(["headphones", "details on the last one"], "details", E(ordinals: [-1]), .productCount(1)),
        Row(["headphones", "Tell me about the BOSE"], "details", E(brand: "Bose"), .brand("Bose")),
        Row("tell me about the first one", "details", P.all(.noProducts, .text("search for something first"))),
        Row(["webcams", "describe number 4"], "details", E(ordinals: [4]), P.all(.productCount(1), .named("webcam"))),

        // MARK: Compare
        Row(["webcams", "compare the first two"], "compare", E(ordinals: [1, 2]), P.all(.productCount(2), .shows(ugreenWebcam), .shows(ankerWebcam), .text("cheaper"))),
        Row(["keyboards", "compare 1 and 3"], "compare", E(ordinals: [1, 3]), .productCount(2)),
        Row(["earbuds", "compare the Sony and the Samsung"], "compare", E(brand: "Sony"), P.all(.shows(sonyEarbuds), .shows(samsungEarbuds))),
        Row(["headphones", "compare them"], "compare", .productCount(2)),
        Row(["headphones", "compare both"], "compare", E(ordinals: [1, 2]), .productCount(2)),
        Row(["webcams", "which one is better, #2 or #5?"], "compare", E(ordinals: [2, 5]), P.all(.productCount(2), .shows(ankerWebcam))),
        Row("compare the first two", "compare", P.all(.noProducts, .text("which two"))),

        // MARK: Cart
        Row(["webcams", "tell me about the second one", "add it to my cart"], "cart_add", E(refersToFocus: true),
            P.all(.cartHolds(ankerWebcam, 1), .text("added"), .suggestion("checkout"))),
        Row(["webcams", "add the second one to my cart"], "cart_add", E(ordinals: [2]), .cartHolds(ankerWebcam, 1)),
        Row(["earbuds", "more about the Sony", "add 2 of it to my cart"], "cart_add", E(quantity: 2), .cartHolds(sonyEarbuds, 2)),
        Row(["laptops", "the second one", "add three of it"], "cart_add", E(quantity: 3), .cartHolds(hpPavilion, 3)),
        Row(["headphones", "add the first two to my cart"], "cart_add", E(ordinals: [1, 2]), .cartUnits(2)),
        Row(["webcams", "add both to my cart"], "cart_add", E(ordinals: [1, 2]), P.all(.cartUnits(1), .text("out of stock"))),
        Row(["webcams", "add the first one to my cart"], "cart_add", P.all(.cartUnits(0), .text("out of stock"))),
        Row(["headphones", "#3", "I'll take it"], "cart_add", .cartHolds(boseQ56X, 1)),
        Row(["headphones", "add #3 to my basket", "add 2 of the third one"], "cart_add", E(ordinals: [3], quantity: 2), .cartHolds(boseQ56X, 3)),
        Row("add it to my cart", "cart_add", P.all(.cartUnits(0), .text("find a product first"))),
        Row(["headphones", "add #3 to cart", "show my cart"], "cart_show", P.all(.shows(boseQ56X), .text("total $39.99"))),
        Row(["headphones", "add #3 to cart", "what's in my cart?"], "cart_show", .cartUnits(1)),
        Row("show my cart", "cart_show", P.all(.noProducts, .text("empty"))),
        Row(["headphones", "add the first two to my cart", "remove the second one from my cart"], "cart_remove", E(ordinals: [2]), .cartUnits(1)),
        Row(["webcams", "add the second one to cart", "remove it from my cart"], "cart_remove", E(refersToFocus: true), P.all(.cartUnits(0), .text("removed"))),
        Row(["headphones", "add #3 to cart", "show my cart", "remove the first one"], "cart_remove", E(ordinals: [1]), .cartUnits(0)),
        Row("remove it from my cart", "cart_remove", .text("empty")),
        // Checkout shows the order and asks; the yes right after it places the order.
        Row(["headphones", "add #3 to cart", "checkout"], "checkout",
            P.all(.cartUnits(1), .text("shall I place it"), .text("$39.99"), .suggestion("yes, place the order"))),
        Row(["headphones", "add #3 to cart", "checkout", "yes"], "checkout", P.all(.cartUnits(0), .text("order #1"), .text("$39.99"))),
        Row(["earbuds", "add the sony to my cart", "add 2 of it", "Check out please!"], "checkout", P.all(.cartUnits(3), .text("3 items"))),
        Row(["earbuds", "add the sony to my cart", "add 2 of it", "Check out please!", "yes, place the order"], "checkout",
            P.all(.cartUnits(0), .text("3 items"), .text("order #1"))),
        Row(["headphones", "add #3 to cart", "yes"], "checkout", P.all(.cartUnits(1), .text("no order waiting"))),
        Row("checkout", "checkout", P.all(.text("empty"), .cartUnits(0))),

        // MARK: Zero results: relax the least important constraint, and say so
        Row("black laptops under $20", "search", E(colors: ["Black"], maxPrice: 20),
            P.all(.named("laptop"), .cheapestFirst, .text("left out the colour and the price limit"))),
        Row("webcams under $20", "search", E(maxPrice: 20), P.all(.text("left out the price limit"), .named("webcam"))),
        Row("black webcams under $30", "search", E(colors: ["Black"], maxPrice: 30), P.all(.text("left out the colour and the price limit"), .named("webcam"))),
        Row("Bose headphones over $500", "search", E(brand: "Bose", minPrice: 500), P.all(.text("left out"), .named("headphones"))),
        Row(["tents", "in red"], "refine", E(colors: ["Red"]), P.all(.text("left out the colour"), .named("tent"))),

        // MARK: Multi-turn conversations
        Row(["hi", "wireless headphones under $100", "cheaper ones", "tell me about the first one", "add it to my cart", "checkout", "confirm"],
            "checkout", P.all(.text("order #1"), .cartUnits(0))),
        Row(["laptops", "cheapest first", "show me more", "tell me about the first one"], "details", E(ordinals: [1]), .productCount(1)),
        Row(["webcams", "compare the first two", "add the second one to my cart", "show my cart"], "cart_show", .shows(ankerWebcam)),
        Row(["backpacks", "under $60", "best rated first", "compare the first two", "add both"], "cart_add", .maxPrice(60)),
        Row(["Sony", "cheaper ones", "tell me about it"], "details", E(refersToFocus: true), .shows(sonyEarbuds)),
        Row(["Sony", "only electronics", "cheaper ones"], "refine", E(relativePrice: .cheaper), P.all(.category("Electronics"), .cheapestFirst)),
        Row(["coffee makers", "under $50", "only white", "tell me about it"], "details", .named("white")),
    ]

    @Test func tableHasEnoughRowsAndConversations() {
        #expect(Self.rows.count >= 120)
        #expect(Self.rows.filter { (3...6).contains($0.messages.count) }.count >= 15)
        let intents = Set(Self.rows.map(\.intent))
        for intent in ["greeting", "thanks", "help", "reset", "search", "refine", "more", "details", "compare",
                       "cart_add", "cart_remove", "cart_show", "checkout", "unknown"] {
            #expect(intents.contains(intent), "no row for \(intent)")
        }
    }

    @Test func everyRowIsUnderstoodAndAnswered() throws {
        let failures = try Self.failures(of: Self.rows)
        print("chat messages: \(Self.rows.count - failures.count)/\(Self.rows.count) rows pass")
        #expect(failures.isEmpty, "\(failures.count) rows fail:\n\(failures.joined(separator: "\n"))")
    }

    /// Plays every row over `catalog` (the default one unless given) and describes each row
    /// whose last answer breaks an expectation; empty when all hold.
    static func failures(of rows: [Row], catalog: ChatFixture.Catalog? = nil) throws -> [String] {
        var failures: [String] = []
        for row in rows {
            guard let turn = try ChatFixture.play(row.messages, catalog: catalog).last else { continue }
            var problems: [String] = []
            if turn.answer.intent != row.intent { problems.append("intent: expected \(row.intent), got \(turn.answer.intent)") }
            problems += row.entities.mismatches(turn.understanding)
            if !row.property.holds(turn) { problems.append("answer does not satisfy: \(row.property.name)") }
            // Every answer states something and offers a way on.
            if turn.answer.text.isEmpty { problems.append("empty reply") }
            if turn.answer.suggestions.count > 4 { problems.append("more than 4 suggestions") }
            if !problems.isEmpty {
                failures.append("\(row): \(problems.joined(separator: "; "))\n    reply: \(turn.answer.text.prefix(240))\n    products: \(turn.answer.products.map { "\($0.id) \($0.name.prefix(40)) $\($0.price ?? -1)" })")
            }
        }
        return failures
    }

    @Test func sameConversationGivesTheSameAnswers() throws {
        let conversation = ["hello", "WIRELESS headphones??", "cheaper ones", "what about Bose?", "tell me about the first one",
                            "add it to my cart", "show my cart", "checkout", "yes"]
        let first = try ChatFixture.play(conversation)
        let second = try ChatFixture.play(conversation)
        #expect(first.count == second.count)
        for (one, other) in zip(first, second) {
            #expect(one.answer.text == other.answer.text)
            #expect(one.answer.intent == other.answer.intent)
            #expect(one.answer.products.map(\.id) == other.answer.products.map(\.id))
            #expect(one.answer.suggestions == other.answer.suggestions)
            #expect(one.answer.stateJSON == other.answer.stateJSON)
            #expect(one.understanding == other.understanding)
        }
    }
}
