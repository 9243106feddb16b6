import Catalog
import Foundation
import Indexer
import Query
import Testing

/// Words joined, split and hyphenated; synonyms; irregular plurals; Chinese and Japanese
/// (issue 13). Each query pair must find the same products.
@Suite struct WordFormsTests {
    static let products: [Product] = {
        var products: [Product] = [
            Product(id: "tshirt-hyphen", name: "Cotton T-Shirt, Crew Neck", brand: "Hanes", category: "Apparel"),
            Product(id: "tshirt-joined", name: "Graphic Tshirt with Pocket", brand: "Gildan", category: "Apparel"),
            Product(id: "tee-shirt", name: "Heavyweight Tee Shirt", brand: "Carhartt", category: "Apparel"),
            Product(id: "dress-shirt", name: "Oxford Dress Shirt", brand: "Van Heusen", category: "Apparel"),
            Product(id: "wifi-hyphen", name: "Wi-Fi Smart Plug", brand: "Kasa", category: "Electrical"),
            Product(id: "wifi-joined", name: "WiFi Range Extender", brand: "TP-Link", category: "Networking"),
            Product(id: "bandsaw", name: "Benchtop Bandsaw 9 in.", brand: "Wen", category: "Power Tools"),
            Product(id: "dishwasher", name: "Built-In Dishwasher, Stainless Steel", brand: "Bosch", category: "Appliances"),
            Product(id: "dish-washer", name: "Portable Dish Washer, Countertop", brand: "Farberware", category: "Appliances"),
            Product(id: "dish-rack", name: "Dish Drying Rack", brand: "Simplehuman", category: "Kitchen"),
            Product(id: "washer", name: "Front Load Washer", brand: "LG", category: "Appliances"),
            Product(id: "plywood", name: "Sanded Plywood Sheet 4 ft. x 8 ft.", brand: "Columbia", category: "Lumber"),
            Product(id: "ply-wood", name: "Birch Ply Wood Panel", brand: "Columbia", category: "Lumber"),
            Product(id: "drywall", name: "Drywall Panel 1/2 in.", brand: "USG", category: "Building Materials"),
            Product(id: "dry-wall", name: "Dry Wall Screws, 1-5/8 in.", brand: "Grip-Rite", category: "Fasteners"),
            Product(id: "spray-paint", name: "Gloss Spray Paint, Red", brand: "Rust-Oleum", category: "Paint"),
            Product(id: "mouse", name: "Wireless Mouse", brand: "Logitech", category: "Electronics"),
            Product(id: "mouse-trap", name: "Mice Trap, 4 Pack", brand: "Victor", category: "Pest Control"),
            Product(id: "knife", name: "Utility Knife", brand: "Stanley", category: "Hand Tools"),
            Product(id: "knives", name: "Putty Knives Set", brand: "Hyde", category: "Hand Tools"),
            Product(id: "chair-feet", name: "Felt Chair Feet Pads", brand: "X-Protector", category: "Furniture"),
            Product(id: "foot-stool", name: "Folding Foot Stool", brand: "Cosco", category: "Furniture"),
            Product(id: "shelf", name: "Floating Wall Shelf", brand: "Umbra", category: "Storage"),
            Product(id: "shelves", name: "Wall Shelves, Set of 3", brand: "Umbra", category: "Storage"),
            Product(id: "shelving", name: "Garage Shelving Unit", brand: "Husky", category: "Storage"),
            Product(id: "earphones-cn", name: "蓝牙耳机 Bluetooth Earphones", brand: "Xiaomi", category: "Electronics"),
            Product(id: "earphones-jp", name: "ワイヤレスイヤホン", brand: "Sony", category: "Electronics"),
            Product(id: "tv", name: "55 in. 4K TV", brand: "TCL", category: "Electronics"),
            Product(id: "television", name: "Smart Television 43 in.", brand: "Hisense", category: "Electronics"),
            Product(id: "hoodie", name: "Zip Hoodie", brand: "Champion", category: "Apparel"),
            Product(id: "hooded-sweatshirt", name: "Hooded Sweatshirt, Pullover", brand: "Hanes", category: "Apparel"),
            Product(id: "sweatshirt", name: "Crewneck Sweatshirt", brand: "Hanes", category: "Apparel"),
            Product(id: "hooded-towel", name: "Hooded Baby Towel", brand: "Gerber", category: "Baby"),
            Product(id: "moo-cow", name: "Moo Cow Plush Toy", brand: "Melissa", category: "Toys"),
            Product(id: "easy-use", name: "Easy Use Caulk Gun", brand: "Dripless", category: "Hand Tools"),
        ]
        // "band saw" is common, "bandsaw" rare: the split form is the catalog's usual one.
        for number in 1...20 {
            products.append(Product(id: "band-saw-\(number)", name: "Band Saw Blade \(number * 10) in.", brand: "Olson", category: "Power Tools"))
        }
        return products
    }()

    static func index(synonyms: SynonymTable = .empty) -> SearchIndex {
        var builder = IndexBuilder()
        for product in products { builder.add(product) }
        do {
            return try SearchIndex(bytes: try builder.encoded(), name: "word-forms fixture", synonyms: synonyms)
        } catch {
            fatalError("cannot build the word-forms fixture: \(error)")
        }
    }

    static let plain = index()
    static let withSynonyms: SearchIndex = {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/synonyms.example.txt").path
        do {
            return index(synonyms: try SynonymTable(contentsOf: file))
        } catch {
            fatalError("cannot read the example synonyms: \(error)")
        }
    }()

    /// Products matching every word of `query` (no partial matches, no typos).
    static func found(_ query: String, in index: SearchIndex = plain) throws -> Set<String> {
        let response = try Searcher(index: index).search(SearchRequest(query: query, limit: 100, typoTolerance: false,
                                                                      partialMatches: false))
        return Set(response.hits.map(\.productID))
    }

    @Test func tShirtWrittenHyphenatedJoinedOrSplit() throws {
        let expected: Set = ["tshirt-hyphen", "tshirt-joined"]
        #expect(try Self.found("t-shirt") == expected)
        #expect(try Self.found("tshirt") == expected)
        #expect(try Self.found("t shirt") == expected)
    }

    @Test func teeShirtThroughTheExampleSynonyms() throws {
        let expected: Set = ["tshirt-hyphen", "tshirt-joined", "tee-shirt"]
        for query in ["t-shirt", "tshirt", "t shirt", "tee shirt", "tee shirts"] {
            #expect(try Self.found(query, in: Self.withSynonyms) == expected, "\(query)")
        }
        // Without the synonyms, "tee shirt" is only the tee shirt.
        #expect(try Self.found("tee shirt") == ["tee-shirt"])
    }

    @Test func wiFiHyphenatedJoinedOrSplit() throws {
        let expected: Set = ["wifi-hyphen", "wifi-joined"]
        #expect(try Self.found("wi-fi") == expected)
        #expect(try Self.found("wifi") == expected)
        #expect(try Self.found("wi fi") == expected)
    }

    @Test func bandsawJoinedOrSplit() throws {
        let joined = try Self.found("bandsaw")
        #expect(joined == (try Self.found("band saw")))
        #expect(joined.contains("bandsaw") && joined.contains("band-saw-1") && joined.count == 21)
    }

    /// A pasted word far longer than any compound is taken as written, not cut at every
    /// position (each cut stems both parts: a 2,000-letter word took seconds in the chat).
    @Test func pastedLongWordIsNotSplit() throws {
        let pasted = String(repeating: "bandsaw", count: 300)
        #expect(try Self.found(pasted).isEmpty)
        #expect(try Self.found("bandsaw").count == 21)
    }

    @Test func dishwasherJoinedOrSplitWithoutEveryDish() throws {
        let split = try Self.found("dish washer")
        #expect(split == ["dishwasher", "dish-washer"])
        // Neither every dish nor every washer: the two words or the joined one.
        #expect(!split.contains("dish-rack") && !split.contains("washer"))
        #expect(try Self.found("dishwasher") == ["dishwasher", "dish-washer"])
    }

    @Test func plyWoodDryWallSprayPaint() throws {
        #expect(try Self.found("ply wood") == ["plywood", "ply-wood"])
        #expect(try Self.found("plywood") == ["plywood", "ply-wood"])
        #expect(try Self.found("dry wall") == ["drywall", "dry-wall"])
        #expect(try Self.found("drywall") == ["drywall", "dry-wall"])
        #expect(try Self.found("spraypaint") == ["spray-paint"])
        #expect(try Self.found("spray paint") == ["spray-paint"])
    }

    @Test func commonWordsAreNotSplit() throws {
        // "shelving" is in the catalog: it is not "shel" + "ving", nor anything else.
        #expect(try Self.found("shelving") == ["shelving"])
        let response = try Searcher(index: Self.plain).search(SearchRequest(query: "dish washer", limit: 10))
        #expect(response.hits.allSatisfy { $0.matchedWordCount == 2 } || response.isPartialMatch)
    }

    @Test func misspellingIsCorrectedNotSplit() throws {
        // "moouse" is not in the catalog and splits into two words it has ("moo" + "use"),
        // but it is one typo from "mouse": a misspelling, corrected, not split.
        let response = try Searcher(index: Self.plain).search(SearchRequest(query: "moouse", limit: 10))
        #expect(Set(response.hits.prefix(2).map(\.productID)) == ["mouse", "mouse-trap"])
        #expect(response.hits.first?.matches.contains { $0.kind == .typo } == true)
        #expect(!response.hits.contains { hit in hit.matches.contains { $0.kind == .compound } })
    }

    @Test func compoundMatchesAreExplained() throws {
        let response = try Searcher(index: Self.plain).search(SearchRequest(query: "dish washer", limit: 10, partialMatches: false))
        let joined = try #require(response.hits.first { $0.productID == "dishwasher" })
        #expect(joined.matches.contains { $0.kind == .compound && $0.matchedWord == "dishwasher" })
    }

    @Test func irregularPluralsMatchTheirSingular() throws {
        #expect(try Self.found("mice") == ["mouse", "mouse-trap"])
        #expect(try Self.found("mouse") == ["mouse", "mouse-trap"])
        #expect(try Self.found("knives") == ["knife", "knives"])
        #expect(try Self.found("knife") == ["knife", "knives"])
        #expect(try Self.found("feet") == ["chair-feet", "foot-stool"])
        #expect(try Self.found("foot") == ["chair-feet", "foot-stool"])
        // "wall shelves" are shelves, not garage shelving.
        #expect(try Self.found("wall shelves") == ["shelf", "shelves"])
    }

    @Test func chineseWordInsideALongerRun() throws {
        #expect(try Self.found("耳机") == ["earphones-cn"])
        #expect(try Self.found("蓝牙耳机") == ["earphones-cn"])
        #expect(try Self.found("蓝牙") == ["earphones-cn"])
        #expect(try Self.found("イヤホン") == ["earphones-jp"])
        // All bigrams of a query are required: another run with one shared character is not it.
        #expect(try Self.found("耳朵") == [])
    }

    @Test func multiWaySynonyms() throws {
        #expect(try Self.found("tv") == ["tv"])
        #expect(try Self.found("tv", in: Self.withSynonyms) == ["tv", "television"])
        #expect(try Self.found("television", in: Self.withSynonyms) == ["tv", "television"])
        #expect(try Self.found("smart tv", in: Self.withSynonyms) == ["television"])
    }

    @Test func oneWaySynonymsToAPhrase() throws {
        #expect(try Self.found("hoodie", in: Self.withSynonyms) == ["hoodie", "hooded-sweatshirt"])
        #expect(try Self.found("hoodies", in: Self.withSynonyms) == ["hoodie", "hooded-sweatshirt"])
        // One way: the phrase does not find the hoodie, and neither word alone is enough.
        #expect(try Self.found("hooded sweatshirt", in: Self.withSynonyms) == ["hooded-sweatshirt"])
        let hoodie = try Self.found("hoodie", in: Self.withSynonyms)
        #expect(!hoodie.contains("hooded-towel") && !hoodie.contains("sweatshirt"))
    }

    @Test func requiredAndExcludedPhrasesHonourSynonyms() throws {
        func browse(_ filter: SearchFilter, in index: SearchIndex) throws -> Set<String> {
            let response = try Searcher(index: index).search(SearchRequest(query: "", limit: 100, filter: filter))
            return Set(response.hits.map(\.productID))
        }
        // A required "hoodies" is held by the hooded sweatshirt through `hoodie => hooded
        // sweatshirt`, as the query finds it; not by a towel with a hood, nor without synonyms.
        #expect(try browse(SearchFilter(requiredPhrases: ["hoodies"]), in: Self.withSynonyms) == ["hoodie", "hooded-sweatshirt"])
        #expect(try browse(SearchFilter(requiredPhrases: ["hoodies"]), in: Self.plain) == ["hoodie"])
        // Excluding it leaves both out; one way, excluding the phrase keeps the hoodie.
        let apparel = SearchFilter(categories: ["Apparel"])
        let all = try browse(apparel, in: Self.withSynonyms)
        #expect(all.isSuperset(of: ["hoodie", "hooded-sweatshirt", "sweatshirt"]))
        var notHoodies = apparel
        notHoodies.excludedPhrases = ["hoodie"]
        #expect(try browse(notHoodies, in: Self.withSynonyms) == all.subtracting(["hoodie", "hooded-sweatshirt"]))
        var notHooded = apparel
        notHooded.excludedPhrases = ["hooded sweatshirt"]
        #expect(try browse(notHooded, in: Self.withSynonyms) == all.subtracting(["hooded-sweatshirt"]))
        // A multi-way rule inside a longer phrase: "smart tv" is held by the Smart Television.
        #expect(try browse(SearchFilter(requiredPhrases: ["smart tv"]), in: Self.withSynonyms) == ["television"])
    }

    @Test func synonymMatchesAreExplained() throws {
        let response = try Searcher(index: Self.withSynonyms).search(SearchRequest(query: "tv", limit: 10))
        let television = try #require(response.hits.first { $0.productID == "television" })
        #expect(television.matches.first?.kind == .synonym)
        #expect(television.matches.first?.queryWord == "tv")
    }
}
