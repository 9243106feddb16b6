import Foundation
import Query
import Search

/// Products of one model in other colours or sizes, as the catalog marks them: the same brand
/// and category, and the same name once the product's own colour and size (its attribute
/// values, and the attribute's name where the name writes it: "Size 12") are taken out.
/// "Flexispot Ergonomic Desk Chair with Lumbar Support, Navy" and "..., White" are one model;
/// "New Balance 574 Platform Sneakers, Cream, Men's Size 7" and "..., Unisex Size 12" are not
/// (one is for men).
enum ProductVariants {
    /// At most this many products of the model are looked at.
    static let limit = 50

    /// The product's colour as its colour attribute gives it.
    static func color(of product: StoredProduct) -> String? {
        product.spokenAttributes.first { ChatVocabulary.isColorAttribute($0.name.lowercased()) }?.value
    }

    /// The product's size attribute ("size", or one whose name ends in "size"), else the first
    /// attribute that measures it (screen, dimensions, length...).
    static func size(of product: StoredProduct) -> (name: String, value: String)? {
        let attributes = product.spokenAttributes.map { (name: $0.name.lowercased(), value: $0.value) }
        return attributes.first { $0.name == "size" || $0.name.hasSuffix(" size") }
            ?? attributes.first { ["screen", "dimensions", "length", "height", "width", "capacity", "volume"].contains($0.name) }
    }

    /// The model's key: the name's words (`ChatVocabulary.phrase`) without the colour and size.
    static func modelKey(of product: StoredProduct) -> [Substring] {
        var words = ChatVocabulary.phrase(product.name).split(separator: " ")
        for attribute in product.spokenAttributes {
            let name = attribute.name.lowercased()
            guard ChatVocabulary.isColorAttribute(name) || name == "size" else { continue }
            remove(ChatVocabulary.phrase(attribute.value).split(separator: " "), from: &words)
            if name == "size" { remove(["size"], from: &words) }
        }
        return words
    }

    /// Other products of `product`'s model, in the order the search finds them.
    static func variants(of product: StoredProduct, in index: SearchIndex) throws(ChatFailure) -> [StoredProduct] {
        let key = modelKey(of: product)
        guard !key.isEmpty else { return [] }
        var filter = SearchFilter()
        if let brand = product.spokenBrand { filter.brands = [brand] }
        if let category = ChatWording.present(product.category) { filter.categories = [category] }
        let response: SearchResponse
        do {
            response = try Searcher(index: index).search(SearchRequest(query: key.joined(separator: " "), limit: limit, filter: filter,
                                                                       typoTolerance: false, prefixMatching: false, partialMatches: false))
        } catch {
            throw .index(error, couldNot: "look for other colours and sizes of \(product.spokenName)")
        }
        return response.hits.compactMap(\.product).filter { $0.id != product.id && modelKey(of: $0) == key }
    }

    /// Removes the first run of `part` from `words`.
    private static func remove(_ part: [Substring], from words: inout [Substring]) {
        guard !part.isEmpty, part.count <= words.count else { return }
        for start in 0...(words.count - part.count) where words[start..<(start + part.count)].elementsEqual(part) {
            words.removeSubrange(start..<(start + part.count))
            return
        }
    }
}
