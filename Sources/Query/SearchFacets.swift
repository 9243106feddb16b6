import IndexFormat

/// A facet a search can count its matches by (`SearchRequest.facets`): the filters of
/// `SearchFilter` that a shop page shows as lists of values with counts.
public enum SearchFacet: String, Sendable, CaseIterable, Hashable {
    case category
    case brand
    /// The named price ranges of `PriceRange.standard`.
    case price
    /// Average rating, "4 stars and up" and below (`RatingThreshold.standard`).
    case rating
    /// In stock (a stock above zero) or not (zero, or no stock given).
    case inStock = "in_stock"
}

/// A price range in whole cents, lower bound included and upper bound excluded (so ranges
/// that meet do not count a product twice); no upper bound means no limit.
public struct PriceRange: Sendable, Hashable {
    public var lowerCents: UInt32
    public var upperCents: UInt32?

    public init(lowerCents: UInt32, upperCents: UInt32?) {
        self.lowerCents = lowerCents
        self.upperCents = upperCents
    }

    /// The ranges the price facet counts, in dollars: under 25, 25 to 50, ..., 1,000 and up.
    /// Steps roughly doubling, as shops list them, so each range holds a similar share of a
    /// catalog whose prices spread over orders of magnitude.
    public static let standard: [PriceRange] = {
        let boundsInDollars: [UInt32] = [0, 25, 50, 100, 200, 500, 1_000]
        return boundsInDollars.indices.map { position in
            PriceRange(lowerCents: boundsInDollars[position] * 100,
                       upperCents: position + 1 < boundsInDollars.count ? boundsInDollars[position + 1] * 100 : nil)
        }
    }()

    /// The range's name in dollars, as the API takes and gives it: "25-50", "1000-" (no
    /// upper bound), "19.99-25".
    public var name: String {
        Self.dollars(lowerCents) + "-" + (upperCents.map(Self.dollars) ?? "")
    }

    /// Parses `name`'s shape: a lower and an optional upper bound in dollars (digits with at
    /// most two decimals), joined by "-"; nil for anything else, an empty range or a bound
    /// above `SearchFilter.maximumPrice`.
    public init?(name: String) {
        let parts = name.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let lower = Self.cents(parts[0]) else { return nil }
        let upper: UInt32?
        if parts[1].isEmpty {
            upper = nil
        } else {
            guard let parsed = Self.cents(parts[1]), parsed > lower else { return nil }
            upper = parsed
        }
        self.init(lowerCents: lower, upperCents: upper)
    }

    @inline(__always)
    func contains(cents: UInt32) -> Bool {
        cents >= lowerCents && (upperCents.map { cents < $0 } ?? true)
    }

    /// Dollars with up to two decimals ("25", "19.99", "0.5") as cents, at most the highest
    /// price an index holds; nil for any other text.
    private static func cents(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, (1...9).contains(whole.count), whole.allSatisfy(\.isASCIIDigit) else { return nil }
        var fraction = parts.count == 2 ? parts[1] : ""
        guard parts.count == 1 || (1...2).contains(fraction.count), fraction.allSatisfy(\.isASCIIDigit) else { return nil }
        while fraction.count < 2 { fraction += "0" }
        guard let dollars = UInt64(whole), let hundredths = UInt64(fraction) else { return nil }
        let total = dollars * 100 + hundredths
        guard total < UInt64(StoredFormat.noPrice) else { return nil }
        return UInt32(total)
    }

    private static func dollars(_ cents: UInt32) -> String {
        let fraction = cents % 100
        return fraction == 0 ? String(cents / 100) : String(cents / 100) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

/// The thresholds of the rating facet, in whole stars: "4 and up", "3 and up", ... Each
/// count includes the higher ones (a 4.5-star product is in "3 and up" too), as the filter
/// `SearchFilter.minimumRating` it selects works.
public enum RatingThreshold {
    public static let standard: [Int] = [4, 3, 2, 1]
}

/// One value of a facet and the matches it would leave.
public struct FacetValueCount: Sendable, Equatable {
    /// The value as the filter takes it: a category's or brand's name, a price range's name
    /// (`PriceRange.name`), a rating threshold in stars ("4"), "true" or "false" for stock.
    public var value: String
    public var count: Int
    /// Whether the request's filter selects this value.
    public var isSelected: Bool
}

/// One facet's counts: values by count, highest first (categories and brands; ties by
/// name), or in the facet's own order (price ranges, rating thresholds, stock).
public struct FacetCounts: Sendable, Equatable {
    public var facet: SearchFacet
    public var values: [FacetValueCount]
    /// Values with matches that were left out of `values` by `SearchFacets.maximumValues`.
    public var omittedValueCount: Int
}

public enum SearchFacets {
    /// Category and brand values listed at most, most matches first (selected values are
    /// listed beyond it): what a page's filter list shows; the rest are counted in
    /// `FacetCounts.omittedValueCount`. Bounds the answer whatever the catalog holds.
    public static let maximumValues = 20
}
