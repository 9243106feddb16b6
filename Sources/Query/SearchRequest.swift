import IndexFormat

/// How results are ordered. Whatever the order, products matching more of the query's words
/// come first, and among those, products matched without typos (README, "How search ranks").
public enum SearchSort: String, Sendable, CaseIterable, Codable {
    case relevance
    case priceAscending = "price_asc"
    case priceDescending = "price_desc"
    case ratingDescending = "rating_desc"
}

/// Conditions every result must meet, applied inside the search before ranking, so that the
/// top-k are the best products that pass, not the passing part of the unfiltered top-k.
public struct SearchFilter: Sendable, Equatable {
    /// Any of these categories (matched by `FacetKey`, so case and punctuation do not matter).
    public var categories: [String]
    /// Any of these brands.
    public var brands: [String]
    /// Inclusive price bounds in US dollars.
    public var minPrice: Double?
    public var maxPrice: Double?
    /// Any of these price ranges (and within `minPrice`/`maxPrice` too); empty: any price.
    public var priceRanges: [PriceRange] = []
    /// Average rating of at least this many stars (0 to 5); unrated products fail it.
    public var minimumRating: Double?
    public var inStockOnly: Bool
    /// None of these categories, nor of these brands (negation: "anything but books",
    /// "except Nike"). Matched as `categories` and `brands` are.
    public var excludedCategories: [String]
    public var excludedBrands: [String]
    /// Phrases a product must not have ("black", "leather", "heather gray"): a product whose
    /// name, brand, category or attribute values hold every word of one of them, after the
    /// analysis queries get (so "hood" leaves out "Hooded" too), or a phrase the operator's
    /// synonyms make it stand for, is left out. The description does not count: it mentions
    /// what a product goes with ("pairs with black jeans").
    public var excludedPhrases: [String]
    /// Phrases a product must have outside its description, each word as `excludedPhrases`
    /// reads them: what a product IS ("laptops"), not what its description mentions (a cable
    /// "for phones and laptops"). A phrase with no word the index holds admits nothing.
    public var requiredPhrases: [String]

    public init(categories: [String] = [], brands: [String] = [], minPrice: Double? = nil,
                maxPrice: Double? = nil, inStockOnly: Bool = false, excludedCategories: [String] = [],
                excludedBrands: [String] = [], excludedPhrases: [String] = [], requiredPhrases: [String] = [],
                priceRanges: [PriceRange] = [], minimumRating: Double? = nil) {
        self.categories = categories
        self.brands = brands
        self.minPrice = minPrice
        self.maxPrice = maxPrice
        self.inStockOnly = inStockOnly
        self.excludedCategories = excludedCategories
        self.excludedBrands = excludedBrands
        self.excludedPhrases = excludedPhrases
        self.requiredPhrases = requiredPhrases
        self.priceRanges = priceRanges
        self.minimumRating = minimumRating
    }

    public var isEmpty: Bool {
        categories.isEmpty && brands.isEmpty && minPrice == nil && maxPrice == nil && !inStockOnly
            && priceRanges.isEmpty && minimumRating == nil
            && excludedCategories.isEmpty && excludedBrands.isEmpty && excludedPhrases.isEmpty && requiredPhrases.isEmpty
    }

    /// The highest price an index holds, in dollars: prices are stored as cents in a u32 whose
    /// largest value means "no price" (FORMAT.md, "VALUES"), so $42,949,672.94. A bound above
    /// it filters nothing; the API and the chat refuse one as out of range.
    public static let maximumPrice = Double(StoredFormat.noPrice - 1) / 100
}

public struct SearchRequest: Sendable, Equatable {
    public var query: String
    public var limit: Int
    /// Results to skip, for paging: the search keeps `offset + limit` and returns the tail.
    public var offset: Int
    public var filter: SearchFilter
    public var sort: SearchSort
    public var typoTolerance: Bool
    /// Whether the last word also matches as a prefix (search as you type).
    public var prefixMatching: Bool
    public var ranking: BM25Parameters
    /// Whether hits carry their stored product and exact/stem explanations. Off for id-only
    /// consumers (batch runs, benchmarks) that do not display products.
    public var includeProducts: Bool
    /// Whether too few full matches are topped up with products matching fewer of the words.
    /// A results page wants them; a chat reply rather says that nothing matches everything.
    public var partialMatches: Bool
    /// Whether `totalMatches` counts every matching product. A results page needs the count
    /// for paging; a caller that only wants the top k (batch runs, benchmarks, like Tantivy's
    /// `count=False`) can turn it off, and the search then skips runs of documents whose score
    /// bound cannot reach the top k without looking at them one by one.
    public var countsEveryMatch: Bool
    /// When every match is counted, how many are counted exactly: past this many (at least
    /// `limit`, so that the steps after the first run as they would with an exact count), a
    /// walk stops counting the runs of documents that cannot enter the top k, and the
    /// response says the total is a lower bound (`SearchResponse.totalIsLowerBound`).
    /// Elasticsearch's `track_total_hits` bound, 10,000 there too: on a million products a
    /// one-word query matches hundreds of thousands, and counting them all costs more than
    /// ranking them (Benchmarks/results/totals16.md). `Int.max` counts everything.
    public var countBound = Int.max
    /// The bound the shop's API and `uplyft search` count to (`countBound`).
    public static let defaultCountBound = 10_000
    /// Facets to count over every match (`SearchResponse.facets`); empty counts none, and
    /// the search costs what it did without them.
    public var facets: Set<SearchFacet> = []
    /// Whether hits carry their name and a description snippet with the matched words
    /// marked (`SearchHit.highlights`); needs `includeProducts`.
    public var highlights = false

    public init(query: String, limit: Int = 10, offset: Int = 0, filter: SearchFilter = SearchFilter(),
                sort: SearchSort = .relevance, typoTolerance: Bool = true, prefixMatching: Bool = true,
                ranking: BM25Parameters = BM25Parameters(), includeProducts: Bool = true, partialMatches: Bool = true,
                countsEveryMatch: Bool = true) {
        self.query = query
        self.limit = limit
        self.offset = offset
        self.filter = filter
        self.sort = sort
        self.typoTolerance = typoTolerance
        self.prefixMatching = prefixMatching
        self.ranking = ranking
        self.includeProducts = includeProducts
        self.partialMatches = partialMatches
        self.countsEveryMatch = countsEveryMatch
    }
}

/// How a query word matched a product.
public enum MatchKind: String, Sendable, Codable, Comparable {
    /// The product contains the word as typed.
    case exact
    /// The product contains another form of the word with the same stem ("headphone").
    case stem
    /// The product writes the words joined or split: "dishwasher" for "dish washer",
    /// "spray paint" for "spraypaint".
    case compound
    /// The product has a synonym from the operator's synonyms file ("television" for "tv").
    case synonym
    /// The word is the start of a product word ("headph" -> "headphones").
    case prefix
    /// The product contains a word within the allowed edit distance ("hedphones").
    case typo

    private var rank: Int {
        switch self {
        case .exact: 0
        case .stem: 1
        case .compound: 2
        case .synonym: 3
        case .prefix: 4
        case .typo: 5
        }
    }

    public static func < (lhs: MatchKind, rhs: MatchKind) -> Bool { lhs.rank < rhs.rank }
}

/// Why a product matched one query word.
public struct WordMatchExplanation: Sendable, Equatable, Codable {
    public var queryWord: String
    /// The product's word that matched (for highlighting).
    public var matchedWord: String
    public var kind: MatchKind
    public var typos: Int
}

public struct SearchHit: Sendable {
    public var document: UInt32
    public var productID: String
    public var score: Float
    /// Required (non-stop) query words the product matched.
    public var matchedWordCount: Int
    /// Total edit distance of the matched words.
    public var typoCount: Int
    public var matches: [WordMatchExplanation]
    /// Present when the request asked for products.
    public var product: StoredProduct?
    /// True when the product lacks some of the required words: a partial match, ranked
    /// after every product that has them all.
    public var isPartialMatch: Bool = false
    /// The name and a description snippet with the matched words marked, when the request
    /// asked for them (`MatchHighlighter`).
    public var highlights: ProductHighlights?
}

public struct SearchResponse: Sendable {
    public var hits: [SearchHit]
    /// Products that matched (and passed the filter): those with every word, and when they
    /// are fewer than a page (`limit`), also those found by the fallbacks (completions held
    /// back, typo candidates, then products with any of the words). The same for every page
    /// of a query, so pages up to it hold every result. When the request did not ask
    /// to count every match it is a lower bound (at least the number of hits).
    public var totalMatches: Int
    /// True when `totalMatches` is the request's `countBound` and more products may match:
    /// the search stopped counting there (it is false, and the total exact, below it).
    public var totalIsLowerBound = false
    /// The analysed query words, in order.
    public var queryWords: [String]
    /// Words that decided matching (stop words excluded unless the query had nothing else).
    public var requiredWordCount: Int
    /// Why a search found nothing it could search for, when it did not: the page shows it.
    public var notice: SearchNotice? = nil
    /// True when some hit of this page is a partial match (`SearchHit.isPartialMatch`): the
    /// page holds products lacking some of the words, after any that have them all.
    public var isPartialMatch: Bool
    /// True when typo candidates were needed to produce the results.
    public var usedTypoTolerance: Bool
    /// The requested facets' counts, in `SearchFacet.allCases` order (`FacetCounter`).
    public var facets: [FacetCounts] = []
}

/// Why a search returned nothing without looking: the query had no word to search for.
public enum SearchNotice: String, Sendable, Equatable, Codable, CaseIterable {
    /// The query is made of symbols, punctuation or emoji only: no letter or digit to match.
    case noSearchableWords = "no_searchable_words"

    /// A sentence a shop page or the command line can show as it is.
    public var message: String {
        switch self {
        case .noSearchableWords: "The search has no letters or digits to look for; type a word or a number."
        }
    }
}
