import Catalog
import Foundation
import Indexer
import Query

/// A small catalog for `ShopperWordsTests`: products whose right place in a ranking is known
/// for one kind of query each (long queries no product matches in full, a word and its
/// completions, stop words being typed, a misspelling a few titles share).
enum ShopperWordsCatalog {
    private static func product(_ id: String, _ name: String, brand: String = "Generic", category: String = "Home",
                                description: String = "") -> Product {
        Product(id: id, name: name, brand: brand, category: category, description: description, price: 10, rating: 4, stock: 5)
    }

    static let products: [Product] = {
        var products: [Product] = []
        // Twelve gloves hold the query's two leading words, "heavy duty", and no other.
        for number in 0..<12 {
            products.append(product("gloves-\(number)", "Heavy Duty Work Gloves, Leather, Size \(["S", "M", "L"][number % 3])",
                                    category: "Safety", description: "Heavy duty gloves for the workshop."))
        }
        for letter in ["a", "b", "c"] {
            products.append(product("cord-50-\(letter)", "Outdoor Extension Cord 50 ft, 16/3 Gauge, Orange",
                                    category: "Electrical", description: "Weather resistant extension cord, \(letter)."))
        }
        for letter in ["a", "b"] {
            products.append(product("cord-25-\(letter)", "Outdoor Extension Cord 25 ft, 14/3 Gauge",
                                    category: "Electrical", description: "Extension cord for the garden, \(letter)."))
        }
        products.append(product("desk-lamp", "Adjustable LED Desk Lamp with USB Charging Port, Dimmable, Eye Caring, Black Metal",
                                category: "Lighting"))
        products.append(product("lampshade", "Desk Lampshade", category: "Lighting"))
        products.append(product("pot", "Stainless Steel Cooking Pot with Glass Lid, Induction Ready, 8 Quart Family Size",
                                category: "Kitchen"))
        products.append(product("potatoes", "Potatoes", category: "Grocery"))
        products.append(product("potato-masher", "Potato Masher", category: "Kitchen"))
        products.append(product("thermos", "Thermos Stainless Steel Vacuum Bottle", category: "Kitchen"))
        products.append(product("book", "The Home Repair Book", category: "Books", description: "The guide to the house."))
        products.append(product("candle", "Scented Candle, Vanilla", category: "Home"))
        products.append(product("can", "Watering Can, 2 Gallon", category: "Garden"))
        products.append(product("shower-head", "Rain Shower Head, Chrome", category: "Bath"))
        products.append(product("samsnug-tv", "Samsnug 32 inch TV", brand: "Samsnug", category: "Electronics"))
        for number in 0..<20 {
            products.append(product("samsung-tv-\(number)", "Samsung \(40 + number) inch Smart TV", brand: "Samsung",
                                    category: "Electronics"))
        }
        for number in 0..<5 {
            products.append(product("samsung-phone-\(number)", "Samsung Galaxy Phone \(number)", brand: "Samsung",
                                    category: "Electronics"))
        }
        return products
    }()

    static let index: SearchIndex = {
        var builder = IndexBuilder()
        for product in products { builder.add(product) }
        do {
            return try SearchIndex(bytes: try builder.encoded())
        } catch {
            fatalError("cannot build the shopper-words catalog: \(error)")
        }
    }()
}
