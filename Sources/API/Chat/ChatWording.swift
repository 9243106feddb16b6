import Foundation
import Query

/// How replies write what they are built from: the shopper's request and the product's
/// fields. A field that is missing or blank is left out of the sentence, never written as
/// nothing ("Limit price widget by , $42949672.94" came from a product without a brand,
/// issue 11); a value that cannot be what it claims (a rating of 7 out of 5 from a damaged
/// index) is left out the same way.
enum ChatWording {
    /// `text` without white space around it; nil when nothing is left.
    static func present(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// "A", "A and B", "A, B and C".
    static func list(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " and " + last
    }

    /// "1 item", "3 items".
    static func count(_ number: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(number) \(number == 1 ? singular : plural ?? singular + "s")"
    }

    /// Shopper's text echoed in a reply, shortened: a number can be a 2,000-digit run.
    static func quoted(_ text: String) -> String {
        text.count > 24 ? text.prefix(24) + "…" : text
    }
}

extension StoredProduct {
    /// The name as replies write it; the id when the name is blank (a catalog requires a name,
    /// but not one with letters in it).
    var spokenName: String { ChatWording.present(name) ?? "product \(id)" }
    var spokenBrand: String? { ChatWording.present(brand) }
    var spokenDescription: String? { ChatWording.present(description) }
    /// The rating when it is one, from 0 to 5 (the catalog's scale).
    var spokenRating: Double? { rating.flatMap { $0.isFinite && (0...5).contains($0) ? $0 : nil } }
    /// Attributes whose name and value both say something.
    var spokenAttributes: [(name: String, value: String)] {
        attributes.compactMap { attribute in
            guard let name = ChatWording.present(attribute.name), let value = ChatWording.present(attribute.value) else { return nil }
            return (name, value)
        }
    }

    /// How one of two products is called when the other is beside it: "the Sony" when both
    /// have brands and they differ, else the product's name.
    func spokenLabel(beside other: StoredProduct) -> String {
        if let brand = spokenBrand, let otherBrand = other.spokenBrand, brand.lowercased() != otherBrand.lowercased() { return "the \(brand)" }
        return spokenName
    }
}
