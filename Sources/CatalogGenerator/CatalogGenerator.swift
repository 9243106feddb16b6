import Catalog

/// Makes a realistic synthetic shop catalog, one product at a time, the same for the same seed
/// on every machine (`uplyft gen`).
///
/// Products are drawn from the kinds in `ProductKindTable`: a category, then a kind, then a
/// brand, attributes, a name and a description built from the kind's patterns, a price in the
/// kind's range, a rating and a stock level. The first thousand products use only the tables'
/// well-known brands so the default catalog reads like a real shop; after that a growing share
/// of invented brands, surnames and model codes makes the vocabulary grow with the catalog, as a
/// real large catalog's does, for benchmarks. The generator keeps no state per product, so
/// memory stays flat however many products it makes.
///
/// Determinism: every choice comes from `SplitMix64` and integer arithmetic; prices and ratings
/// become `Double` only at the end, from whole cents and tenths.
public struct CatalogGenerator {
    private var random: SplitMix64
    /// Number of the last product made; ids count from 1.
    private var productNumber = 0

    /// Products up to this number use only the tables' real-world brands and names.
    static let curatedProductCount = 1_000

    /// Stands in for a kind without name or title patterns (the tables test rules that out).
    private static let kindNameOnly = TextTemplate("{type}")

    public init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    public mutating func next() -> Product {
        productNumber += 1
        let categoryIndex = random.below(ProductKindTable.byCategory.count)
        let kinds = ProductKindTable.byCategory[categoryIndex]
        let kind = kinds[random.below(kinds.count)]

        var draft = ProductDraft(kind: kind, categoryIndex: categoryIndex)
        draft.brand = brand(for: kind, categoryIndex: categoryIndex)
        draft.attributes = kind.attributes.map { (name: $0.name, value: attributeValue($0.source)) }
        let name = render(random.pick(kind.names, or: Self.kindNameOnly), into: &draft)
        let description = self.description(for: &draft)

        return Product(
            id: Self.productID(productNumber), name: name, brand: draft.brand, category: kind.category,
            description: description, price: price(in: kind.dollars), image: kind.imagePath,
            attributes: draft.attributes, rating: rating(), stock: stock())
    }

    /// "sku-0000042": seven digits, more once the count passes 9,999,999.
    static func productID(_ number: Int) -> String {
        let digits = String(number)
        return "sku-" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
    }

    // MARK: - Vocabulary growth

    /// Share, in thousandths, of products past the curated ones that get an invented brand or
    /// surname: rises from 0 towards 600 (reached near 30,000 products), so a 20k catalog
    /// already has clearly more brands than a 2k one and a million-product catalog has a
    /// vocabulary of hundreds of thousands of words.
    private var inventedNameShareThousandths: Int {
        let pastCurated = productNumber - Self.curatedProductCount
        guard pastCurated > 0 else { return 0 }
        return min(600, 1_000 * pastCurated / (pastCurated + 20_000))
    }

    /// The invented words are numbered; the pool grows with the catalog (one per eight products)
    /// so names repeat across products, as a real brand's do, while new ones keep appearing.
    private mutating func inventedWordNumber() -> Int {
        random.below(max(64, productNumber / 8))
    }

    private mutating func brand(for kind: ProductKind, categoryIndex: Int) -> String {
        guard random.below(1_000) < inventedNameShareThousandths else {
            return random.pick(kind.brands, or: "Generic")
        }
        // Numbered per category so an invented brand sells in one department only.
        // Brands repeat more than surnames: a marketplace of 1M products has some 100k brands,
        // not one per product.
        let brandNumber = random.below(max(64, productNumber / 100))
        let word = SyntheticNames.word(brandNumber * ProductKindTable.byCategory.count + categoryIndex)
        return kind.category == "Books" ? word + " Press" : word
    }

    private mutating func personName() -> String {
        let first = random.pick(CatalogVocabulary.firstNames, or: "")
        if random.below(1_000) < inventedNameShareThousandths {
            return first + " " + SyntheticNames.word(inventedWordNumber())
        }
        return first + " " + random.pick(CatalogVocabulary.lastNames, or: "")
    }

    // MARK: - Parts

    private mutating func attributeValue(_ source: ProductKind.AttributeSource) -> String {
        switch source {
        case .values(let values):
            return random.pick(values, or: "")
        case .number(let range, let step, let suffix):
            let value = random.within(range)
            return String(value - (value - range.lowerBound) % max(1, step)) + suffix
        case .personName:
            return personName()
        }
    }

    /// Fills `template` with the draft's parts, making each part the first time it is needed so
    /// the name and the description agree on model, series and feature.
    private mutating func render(_ template: TextTemplate, into draft: inout ProductDraft) -> String {
        var text = ""
        for piece in template.pieces {
            switch piece {
            case .text(let literal):
                text += literal
            case .slot(let slot):
                text += value(of: slot, in: &draft)
            }
        }
        return text
    }

    private mutating func value(of slot: TextTemplate.Slot, in draft: inout ProductDraft) -> String {
        switch slot {
        case .brand:
            return draft.brand
        case .typeName:
            return draft.kind.name
        case .typePlural:
            return draft.kind.plural
        case .model:
            if draft.model == nil { draft.model = SyntheticNames.modelCode(using: &random) }
            return draft.model ?? ""
        case .series:
            if draft.series == nil { draft.series = random.pick(SeriesOwners.choices(among: draft.kind.series, for: draft.brand), or: "") }
            return draft.series ?? ""
        case .feature:
            if draft.feature == nil { draft.feature = random.pick(draft.kind.features, or: "") }
            return draft.feature ?? ""
        case .version:
            if draft.version == nil { draft.version = String(random.within(2...24)) }
            return draft.version ?? ""
        case .title:
            if draft.title == nil {
                let pattern = random.pick(draft.kind.titles, or: Self.kindNameOnly)
                draft.title = render(pattern, into: &draft)
            }
            return draft.title ?? ""
        case .words(let words):
            return random.pick(words, or: "")
        case .attribute(let name):
            return draft.attributes.first(where: { $0.name == name })?.value ?? ""
        }
    }

    /// Two to four sentences: consecutive ones from the kind's list starting at a random one,
    /// and sometimes one that fits the whole category.
    private mutating func description(for draft: inout ProductDraft) -> String {
        let sentences = draft.kind.sentences
        var text = ""
        let kindSentenceCount = min(sentences.count, random.within(2...3))
        let first = random.below(sentences.count)
        for offset in 0..<kindSentenceCount {
            if !text.isEmpty { text += " " }
            text += render(sentences[(first + offset) % sentences.count], into: &draft)
        }
        let categorySentences = ProductKindTable.categorySentences[draft.categoryIndex]
        if random.chance(percent: 50), !categorySentences.isEmpty {
            if !text.isEmpty { text += " " }
            text += render(categorySentences[random.below(categorySentences.count)], into: &draft)
        }
        return text
    }

    // MARK: - Numbers

    /// Whole cents, skewed toward the cheap end of the range as shelf prices are, ending the way
    /// shops price: mostly .99, some .49 and .00; above $200 on a ...9 dollar ($1,249.99).
    private mutating func price(in dollars: ClosedRange<Int>) -> Double {
        let uniform = random.below(1_001)
        let skewed = uniform * uniform / 1_000
        var whole = dollars.lowerBound + (dollars.upperBound - dollars.lowerBound) * skewed / 1_000
        let cents: Int
        if whole >= 200 {
            whole = whole - whole % 10 + 9
            if whole > dollars.upperBound { whole -= 10 }
            cents = random.chance(percent: 85) ? 99 : 0
        } else {
            let ending = random.below(100)
            cents = ending < 70 ? 99 : ending < 85 ? 49 : 0
        }
        return Double(whole * 100 + cents) / 100
    }

    /// One decimal, 1.0-5.0, averaging about 4.3 as shop ratings do: a few disappointed
    /// products rated 1.0-2.9, the rest 2.5-5.0 leaning to the top; about 7% have no reviews yet.
    private mutating func rating() -> Double? {
        guard !random.chance(percent: 7) else { return nil }
        if random.chance(percent: 4) { return Double(random.within(10...29)) / 10 }
        let shortfallTenths = random.within(0...20) * random.within(0...20) / 16
        return Double(50 - shortfallTenths) / 10
    }

    /// 0-500 units: about 8% sold out, a quarter running low, the rest spread evenly.
    private mutating func stock() -> Int {
        let roll = random.below(100)
        if roll < 8 { return 0 }
        if roll < 33 { return random.within(1...20) }
        return random.within(21...500)
    }
}

/// The parts of the product being made that its name and description share.
private struct ProductDraft {
    let kind: ProductKind
    let categoryIndex: Int
    var brand = ""
    var attributes: [(name: String, value: String)] = []
    var model: String?
    var series: String?
    var feature: String?
    var version: String?
    var title: String?

    init(kind: ProductKind, categoryIndex: Int) {
        self.kind = kind
        self.categoryIndex = categoryIndex
    }
}
