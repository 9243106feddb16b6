import Catalog
import Foundation
import Indexer
import Query

/// A small hand-written catalog whose right answers are known, indexed once per test run.
enum SearchFixture {
    static let products: [Product] = [
        Product(id: "sony-xm5", name: "Sony WH-1000XM5 Wireless Noise Cancelling Headphones, Black", brand: "Sony",
                category: "Electronics", description: "Industry-leading noise cancellation with 30 hours of battery.",
                price: 348.00, attributes: [("color", "Black"), ("connectivity", "Bluetooth")], rating: 4.7, stock: 12),
        Product(id: "bose-qc45", name: "Bose QuietComfort 45 Wireless Headphones, White", brand: "Bose",
                category: "Electronics", description: "Comfortable over-ear headphones with noise cancelling.",
                price: 279.00, attributes: [("color", "White")], rating: 4.5, stock: 0),
        Product(id: "jbl-tune", name: "JBL Tune 510BT Wireless On-Ear Headphone, Blue", brand: "JBL",
                category: "Electronics", description: "Budget headphones with deep bass.",
                price: 49.95, attributes: [("color", "Blue")], rating: 4.3, stock: 40),
        Product(id: "anker-cable", name: "Anker USB-C to USB-C Cable 6ft", brand: "Anker", category: "Electronics",
                description: "Braided charging cable for phones and laptops.", price: 12.99, rating: 4.6, stock: 100),
        Product(id: "boots-black", name: "Timberland Men's Black Leather Boots", brand: "Timberland", category: "Shoes",
                description: "Waterproof leather boots for winter.", price: 169.99, attributes: [("color", "Black"), ("material", "Leather")],
                rating: 4.4, stock: 7),
        Product(id: "boots-brown", name: "Timberland Men's Brown Leather Boots", brand: "Timberland", category: "Shoes",
                description: "Classic boots with a padded collar.", price: 159.99, attributes: [("color", "Brown"), ("material", "Leather")],
                rating: 4.2, stock: 3),
        Product(id: "cafe-beans", name: "Café Bustelo Espresso Coffee Beans 2lb", brand: "Café Bustelo", category: "Grocery",
                description: "Dark roast whole bean coffee for espresso.", price: 14.49, rating: 4.8, stock: 25),
        Product(id: "nestle-creme", name: "Nestlé Crème Caramel Dessert Mix", brand: "Nestlé", category: "Grocery",
                description: "Makes a smooth caramel custard.", price: 3.99, rating: 3.9, stock: 60),
        Product(id: "mug", name: "Ceramic Coffee Mug 12oz, Black", brand: "Home Basics", category: "Home & Kitchen",
                description: "Dishwasher safe mug for the office.", price: 9.99, attributes: [("color", "Black")], rating: 4.1, stock: 50),
        Product(id: "book-gym", name: "The Gym Handbook: Training for Beginners", brand: "Penguin", category: "Books",
                description: "A guide to lifting, cardio and headphones-free focus.", price: 18.00, rating: 4.0, stock: 9),
        Product(id: "earbuds-gym", name: "Beats Powerbeats Pro Wireless Earbuds for the Gym", brand: "Beats", category: "Electronics",
                description: "Sweat resistant earbuds with ear hooks; great headphones for workouts.", price: 199.99, rating: 4.4, stock: 15),
        Product(id: "no-price", name: "Mystery Wireless Gadget", brand: "Acme", category: "Electronics", description: "Price on request."),
    ]

    /// The index, built once in memory and shared by the tests.
    static let index: SearchIndex = {
        var builder = IndexBuilder()
        for product in products { builder.add(product) }
        do {
            return try SearchIndex(bytes: try builder.encoded())
        } catch {
            fatalError("cannot build the search fixture: \(error)")
        }
    }()

    static func search(_ query: String, limit: Int = 10, filter: SearchFilter = SearchFilter(),
                       sort: SearchSort = .relevance, typos: Bool = true) throws -> SearchResponse {
        try Searcher(index: index).search(SearchRequest(query: query, limit: limit, filter: filter, sort: sort, typoTolerance: typos))
    }

    static func ids(_ query: String, limit: Int = 10, filter: SearchFilter = SearchFilter(), sort: SearchSort = .relevance) throws -> [String] {
        try search(query, limit: limit, filter: filter, sort: sort).hits.map(\.productID)
    }
}
