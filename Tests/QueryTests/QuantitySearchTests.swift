import Catalog
import Foundation
import Indexer
import Query
import Testing

/// Numbers, units, fractions, dimensions and split model numbers on a small home-improvement
/// catalog (issue 13): the product the shopper means ranks first, however either side spells it.
@Suite struct QuantitySearchTests {
    static let products: [Product] = [
        Product(id: "bit-2.5mm", name: "2.5 mm Cobalt Drill Bit", brand: "Bosch", category: "Tools", description: "For metal."),
        Product(id: "bit-25mm", name: "25 mm Spade Drill Bit", brand: "Bosch", category: "Tools", description: "For wood."),
        Product(id: "tv-55", name: "Samsung 55 in. Class 4K TV", brand: "Samsung", category: "Electronics", description: "Smart TV."),
        Product(id: "phone-5.5", name: "Moto Phone with 5.5-inch Screen", brand: "Moto", category: "Electronics", description: "Unlocked phone."),
        Product(id: "wrench-half", name: "1/2-inch Combination Wrench", brand: "Husky", category: "Tools", description: "Chrome finish."),
        Product(id: "wrench-12", name: "12 in. Adjustable Wrench", brand: "Husky", category: "Tools", description: "Wide jaw."),
        Product(id: "pipe-1.25", name: "1-1/4 in. x 10 ft. PVC Pipe", brand: "Charlotte", category: "Plumbing", description: "Schedule 40."),
        Product(id: "pipe-0.25", name: "1/4 in. x 10 ft. Copper Pipe", brand: "Mueller", category: "Plumbing", description: "Type L."),
        Product(id: "pipe-1.5", name: "1-1/2 in. x 10 ft. PVC Pipe", brand: "Charlotte", category: "Plumbing", description: "Schedule 40."),
        Product(id: "cord-75", name: "75 ft. 14/3 Outdoor Extension Cord", brand: "Southwire", category: "Electrical", description: "Orange."),
        Product(id: "cord-25", name: "25 ft. 16/3 Outdoor Extension Cord", brand: "Southwire", category: "Electrical", description: "Orange."),
        Product(id: "drill-6.5", name: "6.5 Amp Corded Drill", brand: "Ryobi", category: "Tools", description: "Variable speed."),
        Product(id: "drill-5", name: "5 Amp Corded Drill 65 Amp Hours", brand: "Generic", category: "Tools", description: "Compact."),
        Product(id: "outlet-15a", name: "Legrand 15 Amp USB Outlet", brand: "Legrand", category: "Electrical", description: "Tamper resistant."),
        Product(id: "switch-a", name: "Legrand A Series USB Switch", brand: "Legrand", category: "Electrical", description: "A switch for a room."),
        Product(id: "board-2x6", name: "2 in. x 6 in. x 8 ft. Lumber", brand: "Weyerhaeuser", category: "Lumber", description: "Kiln dried."),
        Product(id: "board-2x4", name: "2 in. x 4 in. x 6 ft. Lumber", brand: "Weyerhaeuser", category: "Lumber", description: "Kiln dried."),
        Product(id: "door-30x36", name: "30 in. x 36 in. Shower Door", brand: "Delta", category: "Bath", description: "Clear glass."),
        Product(id: "door-36x30", name: "36 in. x 80 in. Entry Door with 30 in. Glass", brand: "Masonite", category: "Doors", description: "Steel."),
        Product(id: "cabinet", name: "Wall Cabinet 34 in. x 18 in. x 12 in.", brand: "Hampton", category: "Kitchen", description: "White."),
        Product(id: "cabinet-other", name: "Wall Cabinet 34 in. x 12 in. x 18 in.", brand: "Hampton", category: "Kitchen", description: "Oak."),
        Product(id: "faucet-sl", name: "Moen SL3184K Kitchen Faucet", brand: "Moen", category: "Plumbing", description: "Pull down."),
        Product(id: "faucet-other", name: "Moen Kitchen Faucet 3184", brand: "Moen", category: "Plumbing", description: "Pull out."),
        Product(id: "fan-eu", name: "Ceiling Fan 5.5 m Cord", brand: "Hunter", category: "Electrical", description: "Indoor."),
        Product(id: "fan-55m", name: "Ceiling Fan 55 m Cord", brand: "Hunter", category: "Electrical", description: "Indoor."),
    ]

    static let index: SearchIndex = {
        var builder = IndexBuilder()
        for product in products { builder.add(product) }
        do {
            return try SearchIndex(bytes: try builder.encoded(), name: "quantity fixture")
        } catch {
            fatalError("cannot build the quantity fixture: \(error)")
        }
    }()

    private func ids(_ query: String) throws -> [String] {
        try Searcher(index: Self.index).search(SearchRequest(query: query, limit: 10)).hits.map(\.productID)
    }

    @Test(arguments: [
        ("2.5 mm drill bit", "bit-2.5mm"), ("2.5mm drill bit", "bit-2.5mm"), ("25 mm drill bit", "bit-25mm"),
        ("55 inch tv", "tv-55"), ("55\" tv", "tv-55"), ("55in tv", "tv-55"), ("5.5 inch phone", "phone-5.5"),
        ("12 inch wrench", "wrench-12"), ("1/2 inch wrench", "wrench-half"), ("1/2 wrench", "wrench-half"), ("0.5 in wrench", "wrench-half"),
        ("1 1/4 pipe", "pipe-1.25"), ("1-1/4 pipe", "pipe-1.25"), ("1.25 in pipe", "pipe-1.25"), ("1 1/2 pvc pipe", "pipe-1.5"),
        ("75-ft extension cord", "cord-75"), ("75 feet extension cord", "cord-75"), ("75' cord", "cord-75"),
        ("6.5-amp drill", "drill-6.5"), ("6,5 amp drill", "drill-6.5"), ("5 amp drill", "drill-5"),
        ("legrand 15 a usb outlet", "outlet-15a"),
        ("2x6", "board-2x6"), ("2x6 lumber", "board-2x6"), ("2 x 6 x 8", "board-2x6"), ("2x4 lumber", "board-2x4"),
        ("30x36 shower door", "door-30x36"), ("30x36", "door-30x36"), ("30 x 36 door", "door-30x36"),
        ("34x18x12 cabinet", "cabinet"), ("34x12x18", "cabinet-other"),
        ("sl 3184k", "faucet-sl"), ("moen sl 3184k faucet", "faucet-sl"),
        ("5,5 m cord fan", "fan-eu"),
    ])
    func theMeantProductRanksFirst(query: String, expected: String) throws {
        let found = try ids(query)
        #expect(found.first == expected, "\(query): \(found)")
    }

    @Test func wrongQuantitiesAreNotFullMatches() throws {
        // "55 inch" no longer fully matches a 5.5-inch phone, "12 inch" a 1/2-inch wrench,
        // "1 1/4 pipe" a 1/4-inch pipe.
        let searcher = Searcher(index: Self.index)
        for (query, wrong) in [("55 inch", "phone-5.5"), ("12 inch wrench", "wrench-half"), ("1 1/4 pipe", "pipe-0.25"),
                               ("2.5 mm", "bit-25mm"), ("30x36", "door-36x30"), ("6.5 amp", "drill-5")] {
            let response = try searcher.search(SearchRequest(query: query, limit: 20))
            let hit = response.hits.first { $0.productID == wrong }
            #expect(hit == nil || hit!.matchedWordCount < response.requiredWordCount, "\(query) fully matched \(wrong)")
        }
    }
}
