import Catalog
import TestSupport

/// Small random catalogs for round-trip properties, reproducible from a seed
/// (`SeededRandomGenerator`).
struct RandomCatalog {
    private var generator: SeededRandomGenerator

    init(seed: UInt64) { generator = SeededRandomGenerator(seed: seed) }

    mutating func nextRandom() -> UInt64 { generator.next() }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(nextRandom() % UInt64(items.count))] }

    private static let words = ["wireless", "headphones", "cable", "charger", "leather", "boots", "organic", "coffee",
                                "running", "shoes", "ceramic", "mug", "café", "crème", "Straße", "x200", "wh-1000xm5",
                                "noise", "cancelling", "black", "blue", "the", "for", "with", "USB-C", "4k", "monitor"]
    private static let brands = ["Sony", "Bose", "Nestlé", "Acme", "", "Zeta Labs"]
    private static let categories = ["Electronics", "Home & Kitchen", "Shoes", "Grocery", ""]

    mutating func text(words count: Int) -> String {
        (0..<count).map { _ in pick(Self.words) }.joined(separator: nextRandom() % 3 == 0 ? ", " : " ")
    }

    mutating func products(_ count: Int) -> [Product] {
        (0..<count).map { index in
            Product(
                id: "p\(count - index)-\(nextRandom() % 1000)",
                name: text(words: 1 + Int(nextRandom() % 6)),
                brand: pick(Self.brands),
                category: pick(Self.categories),
                description: text(words: Int(nextRandom() % 40)),
                price: nextRandom() % 5 == 0 ? nil : Double(nextRandom() % 100_000) / 100,
                image: "/images/products/x.svg",
                attributes: nextRandom() % 2 == 0 ? [("color", pick(["Black", "Blue"])), ("material", pick(["Leather", "Steel"]))] : [],
                rating: nextRandom() % 4 == 0 ? nil : Double(10 + nextRandom() % 41) / 10,
                stock: nextRandom() % 4 == 0 ? nil : Int(nextRandom() % 20))
        }
    }
}
