import Analysis
import Foundation
import Query

/// What the assistant knows about the catalog's words, read from the index so a new catalog
/// needs no code change: category and brand names, and attribute values (colours, sizes,
/// materials) by attribute.
struct ChatVocabulary: Sendable {
    /// Normalised phrase ("rose gold", "the north face") to display name, per kind.
    let categories: [String: String]
    let brands: [String: String]
    let colors: [String: String]
    /// Every attribute value seen often enough, normalised, to its attribute name.
    let attributeValues: [String: String]
    /// The attribute names of `attributeValues`, lowercased ("memory", "screen").
    let attributeNames: Set<String>
    /// Normalised single words that name a category ("books", "electronics", "kitchen").
    let categoryWords: [String: String]
    /// Longest phrase, in words, among brands and attribute values: how far n-gram lookup goes.
    let longestPhraseWords: Int

    /// Attribute values come from stored products; a catalog of millions is sampled evenly up
    /// to this many, which finds every value a shopper would name (rare ones stay words).
    static let sampledProducts = 20_000

    init(index: SearchIndex) {
        var categories: [String: String] = [:]
        var categoryWords: [String: String] = [:]
        for category in index.allCategories() where !category.name.isEmpty {
            let phrase = Self.phrase(category.name)
            categories[phrase] = category.name
            // "Home & Kitchen" is also named by "home" or "kitchen"; words shared by two
            // categories ("outdoor") name neither.
            for word in phrase.split(separator: " ") where word.count > 2 && !Self.isGrammar(String(word)) {
                let key = String(word)
                categoryWords[key] = categoryWords[key] == nil ? category.name : ""
            }
        }
        var brands: [String: String] = [:]
        for brand in index.allBrands() where !brand.name.isEmpty {
            let phrase = Self.phrase(brand.name)
            guard !phrase.isEmpty, !Self.isGrammar(phrase) else { continue }
            // A one-word brand that is mostly an ordinary word of the catalog ("Serum", "Pro")
            // would turn "vitamin c serum" into a brand filter: such names stay product words.
            if !phrase.contains(" "), index.documentFrequency(of: phrase) > 2 * brand.productCount { continue }
            brands[phrase] = brand.name
        }
        var valueCounts: [String: (attribute: String, display: String, count: Int)] = [:]
        // Values seen under any colour attribute ("color", "ink color"): "Red" stays a colour
        // even when the first product sampled lists it as an ink colour.
        var colorDisplays: [String: String] = [:]
        let count = index.documentCount
        let step = max(1, count / Self.sampledProducts)
        var document = 0
        while document < count {
            // A sample, not a census: a stored block that cannot be read leaves its products'
            // values out of the sample, as the products between the sampled ones are. Where
            // the product itself is needed (a search page, a cart), the read fails loudly.
            if let product = try? index.product(document: UInt32(document)) {
                for attribute in product.attributes {
                    let phrase = Self.phrase(attribute.value)
                    guard !phrase.isEmpty, phrase.count <= 40 else { continue }
                    let attributeName = attribute.name.lowercased()
                    if Self.isColorAttribute(attributeName), colorDisplays[phrase] == nil { colorDisplays[phrase] = attribute.value }
                    let known = valueCounts[phrase]
                    valueCounts[phrase] = (known?.attribute ?? attribute.name.lowercased(), known?.display ?? attribute.value, (known?.count ?? 0) + 1)
                }
            }
            document += step
        }
        var colors: [String: String] = [:]
        var attributeValues: [String: String] = [:]
        // Seen twice or more: a value of one product only is more likely a name than a choice.
        for (phrase, value) in valueCounts where value.count >= 2 || count < 50 {
            attributeValues[phrase] = value.attribute
            if let display = colorDisplays[phrase] { colors[phrase] = display }
        }
        self.categories = categories
        self.categoryWords = categoryWords.filter { !$0.value.isEmpty }
        self.brands = brands
        self.colors = colors
        self.attributeValues = attributeValues
        attributeNames = Set(attributeValues.values)
        longestPhraseWords = max(1, (Array(brands.keys) + Array(attributeValues.keys)).map { $0.split(separator: " ").count }.max() ?? 1)
    }

    /// A function word or the chat's filler ("the", "show"): such a word names no category or
    /// brand, or "show me laptops" would filter by a brand called "Show".
    static func isGrammar(_ word: String) -> Bool {
        StopWords.contains(word) || MessageParser.fillerWords.contains(word)
    }

    static func isColorAttribute(_ name: String) -> Bool {
        ["color", "colour"].contains(name) || name.hasSuffix(" color") || name.hasSuffix(" colour")
    }

    /// How phrases are compared: the words of the analysis chain (lowercased, diacritics
    /// folded, split where the index splits), joined by single spaces; the key the search
    /// filters compare brands and categories by (`FacetKey`). "Audio-Technica", "audio
    /// technica" and a message's "audio-technica" share the key "audio technica".
    static func phrase(_ text: String) -> String {
        String(decoding: FacetKey.make(text), as: UTF8.self)
    }
}
