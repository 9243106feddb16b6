import Analysis
import IndexFormat

/// What a search box offers while a shopper types (`GET /api/suggest/`): whole queries that
/// complete the last word from the catalog's own vocabulary, and categories.
public struct QuerySuggestions: Sendable, Equatable {
    /// Completed queries, most frequent completion first: the words before the last as
    /// analysed (lowercase), then a catalog word the last one begins (or, failing that,
    /// nearly begins: typos allowed as a search allows them).
    public var queries: [String]
    /// Categories whose name has a word starting with the last word, then the likeliest
    /// categories of the first completion (TERMCATS), each once.
    public var categories: [FacetValue]
}

/// Builds `QuerySuggestions` from the word trie (surface words weighted by how many products
/// hold them), the term categories and the category dictionary; no catalog scan.
///
/// Cost: one best-first trie walk for the completions (`WordTrie.completions`, cost following
/// the limit), a typo-tolerant one only when it finds nothing, and for a query of several
/// words one top-1 search per completion, without counting, to keep only completions that
/// find something together with the words before (a completion alone always does: it is in
/// the trie because products hold it).
public struct QuerySuggester: Sendable {
    /// Suggestions of each kind at most.
    public static let maximumLimit = 20
    /// Completions read from the trie per suggestion wanted: several surface words share a
    /// stem ("headphone", "headphones") and only one is kept per stem.
    static let completionsReadPerSuggestion = 3
    /// Searches run at most per call to check completions after other words: each is a
    /// top-1 search without counting, so the call stays within a few of them whatever the
    /// vocabulary (a common prefix after a rare word may fail many).
    static let maximumChecks = 24
    /// Share of a completion's products a category must hold to be suggested for it.
    static let minimumCategoryShare = 0.1

    public let index: SearchIndex

    public init(index: SearchIndex) {
        self.index = index
    }

    /// Up to `limit` (clamped to 1...`maximumLimit`) queries and as many categories for the
    /// text typed so far. Text without a word to complete (empty, symbols only, or a last
    /// word shorter than `TermCandidates.minimumPrefixLength`) gets none.
    public func suggest(_ text: String, limit: Int) throws(IndexFormatError) -> QuerySuggestions {
        let limit = min(max(1, limit), Self.maximumLimit)
        let words = QueryWords.parse(text)
        guard let last = words.last, last.surface.count >= TermCandidates.minimumPrefixLength else {
            return QuerySuggestions(queries: [], categories: [])
        }
        let before = words.dropLast().map(\.surfaceText).joined(separator: " ")
        var completions = index.words.completions(ofPrefix: last.surface, limit: limit * Self.completionsReadPerSuggestion)
        if completions.isEmpty, last.maxTypos > 0 {
            completions = index.words.fuzzyPrefixMatches(of: last.surface, maxEdits: last.maxTypos,
                                                         limit: limit * Self.completionsReadPerSuggestion)
        }
        var queries: [String] = []
        var seenTerms = Set<UInt32>()
        var firstTerm: UInt32?
        var checks = 0
        for completion in completions where queries.count < limit && seenTerms.insert(completion.value).inserted {
            let word = String(decoding: completion.word, as: UTF8.self)
            let query = before.isEmpty ? word : before + " " + word
            if !before.isEmpty {
                guard checks < Self.maximumChecks else { break }
                checks += 1
                guard try findsSomething(query) else { continue }
            }
            if firstTerm == nil { firstTerm = completion.value }
            queries.append(query)
        }
        return QuerySuggestions(queries: queries, categories: try categories(startingWith: last.surface, firstTerm: firstTerm, limit: limit))
    }

    /// Whether `query`, all words required, typed as it is, finds a product.
    private func findsSomething(_ query: String) throws(IndexFormatError) -> Bool {
        let request = SearchRequest(query: query, limit: 1, typoTolerance: false, prefixMatching: false,
                                    includeProducts: false, partialMatches: false, countsEveryMatch: false)
        return try !Searcher(index: index).search(request).hits.isEmpty
    }

    private func categories(startingWith prefix: [UInt8], firstTerm: UInt32?, limit: Int) throws(IndexFormatError) -> [FacetValue] {
        var result: [FacetValue] = []
        var seen = Set<UInt32>()
        // Category names are few (the dictionary's count): reading them all is cheaper than a
        // second index.
        for value in index.categories.allValues() where result.count < limit {
            let words = FacetKey.make(value.name).split(separator: UInt8(ascii: " "))
            if words.contains(where: { $0.starts(with: prefix) }), seen.insert(value.ordinal).inserted { result.append(value) }
        }
        if let firstTerm, let (_, entries) = try index.termCategories.categories(ofTerm: Int(firstTerm)) ?? nil {
            for entry in entries where entry.share >= Self.minimumCategoryShare && result.count < limit {
                if seen.insert(entry.category).inserted, let value = index.categories.value(ordinal: entry.category) { result.append(value) }
            }
        }
        return result
    }
}
