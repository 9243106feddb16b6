import Query

/// A search's facet counts as the API answers them: an object with one member per requested
/// facet (`category`, `brand`, `price`, `rating`, `in_stock`), each a list of values with
/// their counts and whether the request selected them, and how many values with matches
/// were left out of the list (`SearchFacets.maximumValues`).
public struct FacetJSON: Codable, Sendable, Equatable {
    public struct Value: Codable, Sendable, Equatable {
        public let value: String
        public let count: Int
        public let selected: Bool
    }

    public let values: [Value]
    public let omittedValueCount: Int

    public init(_ counts: FacetCounts) {
        values = counts.values.map { Value(value: $0.value, count: $0.count, selected: $0.isSelected) }
        omittedValueCount = counts.omittedValueCount
    }

    /// The response's `facets` object, keyed by the facets' names.
    public static func byName(_ facets: [FacetCounts]) -> [String: FacetJSON] {
        Dictionary(facets.map { ($0.facet.rawValue, FacetJSON($0)) }, uniquingKeysWith: { first, _ in first })
    }
}

/// A result's highlights as the API answers them: its name and a description snippet, each
/// a list of `{text, match}` segments that join back into the text; a page puts each
/// segment's text in the document as text (never as markup), a matched one inside `<mark>`.
public struct HighlightsJSON: Codable, Sendable, Equatable {
    public struct Segment: Codable, Sendable, Equatable {
        public let text: String
        public let match: Bool
    }

    public let name: [Segment]
    public let description: [Segment]

    public init(_ highlights: ProductHighlights) {
        name = highlights.name.map { Segment(text: $0.text, match: $0.isMatch) }
        description = highlights.descriptionSnippet.map { Segment(text: $0.text, match: $0.isMatch) }
    }
}
