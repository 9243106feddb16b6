/// All product kinds the generator draws from, grouped by category in the order of
/// `CatalogVocabulary.categories`.
enum ProductKindTable {
    static let byCategory: [[ProductKind]] = [
        electronics, books, clothing, shoes, homeAndKitchen, sportsAndOutdoors,
        beauty, toysAndGames, grocery, officeSupplies, petSupplies, gardenAndOutdoor,
    ]

    static let all: [ProductKind] = byCategory.flatMap { $0 }
}

extension ProductKindTable {
    /// `CatalogVocabulary.categorySentences`, parsed, in the order of `byCategory`.
    static let categorySentences: [[TextTemplate]] = CatalogVocabulary.categories.map { category in
        (CatalogVocabulary.categorySentences[category] ?? []).map(TextTemplate.init)
    }
}
