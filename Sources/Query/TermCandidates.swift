import Analysis
import IndexFormat

/// One index term that may stand for a query word, with how it relates to the word.
struct TermCandidate {
    let wordIndex: Int
    let term: TermInfo
    let kind: MatchKind
    let typos: Int
    /// The surface word of the catalog that led to this term (the query word for exact terms).
    let matchedWord: [UInt8]
    let idf: Float
    /// Prefix completions score a little below whole words, so a finished word that is also a
    /// prefix ("cable" of "cablecar") ranks its exact matches first within the same tier.
    let scoreFactor: Float
}

/// Expands query words into index terms: the exact term at once, then prefix completions of
/// the last word, and typo candidates only when the search needs them (they cost a trie walk).
struct TermCandidates {
    /// Prefix completions kept for the last word, most frequent first: enough to cover what a
    /// shopper is typing, few enough that the union of their postings stays cheap.
    static let prefixCompletionLimit = 16
    /// Typo candidates kept per word, closest then most frequent first.
    static let typoCandidateLimit = 12
    /// A prefix must have this many bytes before it expands: "a" or "b" would match everything.
    static let minimumPrefixLength = 2

    let index: SearchIndex
    let scorer: BM25FScorer
    /// The query's words after expansion (`QueryExpansion`): a stretch with another form
    /// becomes its clauses, so this may differ from the words parsed.
    private(set) var words: [QueryWord]
    private(set) var byWord: [[TermCandidate]]
    /// True once any word has typo candidates.
    private(set) var typosAdded = false

    init(index: SearchIndex, scorer: BM25FScorer, words: [QueryWord], prefixMatching: Bool) throws(IndexFormatError) {
        self.index = index
        self.scorer = scorer
        self.words = words
        byWord = Array(repeating: [], count: words.count)
        let onlyStopWords = words.allSatisfy(\.isStopWord)
        for (position, word) in words.enumerated() {
            if let info = try index.terms.lookup(word.term) {
                add(TermCandidate(wordIndex: position, term: info, kind: .exact, typos: 0, matchedWord: word.surface,
                                  idf: scorer.inverseDocumentFrequency(documentFrequency: info.documentFrequency), scoreFactor: 1))
            }
            // A last word that is a whole stop word after other words ("for me") is finished,
            // not being typed: completing it ("me" to "memory") would score products for a
            // word nobody meant. A query of stop words only ("the", "the th") is being typed:
            // "the" may be the start of "thermos".
            if prefixMatching, word.isLast, !word.isStopWord || onlyStopWords, word.surface.count >= Self.minimumPrefixLength {
                for match in index.words.completions(ofPrefix: word.surface, limit: Self.prefixCompletionLimit) {
                    try addFromTrie(match, wordIndex: position, kind: .prefix, typos: 0, scoreFactor: 0.9)
                }
            }
        }
        // Joined, split and synonymous forms of the words, from the catalog's own terms and the
        // operator's synonyms: where the query's words become candidates, before any tier.
        let stretches = try QueryExpansion.stretches(of: words, byWord: byWord, index: index, synonyms: index.synonyms)
        if !stretches.isEmpty {
            (self.words, byWord) = try QueryExpansion.apply(stretches, words: words, byWord: byWord, index: index, scorer: scorer)
        }
    }

    /// A word the catalog has is still corrected toward a neighbour within its typo budget
    /// that is in at least this many times as many products: "samsnug" in one title
    /// and "samsung" in two hundred is more likely a misspelling the catalog shares than a
    /// word meant (the frequency argument of Norvig's corrector; Meilisearch and Typesense
    /// also try typo neighbours of words they have). Ten keeps real, merely rarer words
    /// ("cord" against "core") from pulling in their neighbours unless they are very rare.
    static let frequentNeighbourRatio = 10
    /// ... and only a word in at most this many products: a catalog's misspelling is in one
    /// or two titles. A share of the catalog instead (0.01% was tried) grows with it, and at
    /// 100k products took every small brand (ten products) for a misspelling: a trie walk and
    /// a walk of a common word's postings for each (multi-word p90 at 100k 157 -> 210 µs
    /// against 176 µs with two; the relevance benchmark's 22k products gave two either way).
    /// The walk itself goes only where a word frequent enough lies (`WordTrie.fuzzyMatches`'
    /// `minimumWeight`): the neighbour is the catalog word itself, counted in products, not
    /// its stem's term.
    static let rareWordDocumentFrequency = 2
    /// ... and only the likeliest such neighbour, nearest then most frequent (Norvig's
    /// corrector keeps one correction): each neighbour adds its postings to the typo step,
    /// a common word's thousands (at 100k products, three neighbours of a brand cost about
    /// 0.5 ms a query).
    static let frequentNeighbourLimit = 1
    // Nor for a word alone: the other words of "samsnug tv" are what make the neighbour's
    // products the ones meant; "coves" alone names the few Coves products, and a page filled
    // with covers would be a guess (and a walk of a common word's postings for it).

    /// Adds typo candidates (and, for the last word, typo-tolerant prefixes) to every word
    /// that allows typos and has no candidate yet; and, to a word the catalog has in few
    /// products (`rareWordDocumentFrequency`) beside other words, its likeliest typo neighbour in at least
    /// `frequentNeighbourRatio` times as many products. True when any word got one.
    mutating func addTypoCandidates(prefixMatching: Bool) throws(IndexFormatError) -> Bool {
        var added = false
        let hasContext = words.count(where: { !$0.isStopWord }) > 1
        for (position, word) in words.enumerated() where hasContext && word.maxTypos > 0 && !byWord[position].isEmpty {
            guard let own = byWord[position].first(where: { $0.kind == .exact }) else { continue }
            let before = byWord[position].count
            guard own.term.documentFrequency <= Self.rareWordDocumentFrequency else { continue }
            let least = own.term.documentFrequency.multipliedReportingOverflow(by: Self.frequentNeighbourRatio)
            guard !least.overflow, least.partialValue <= index.documentCount else { continue }
            let frequent = index.words.fuzzyMatches(of: word.surface, maxEdits: word.maxTypos, limit: Self.frequentNeighbourLimit,
                                                    minimumWeight: UInt32(clamping: least.partialValue))
            for match in frequent where match.distance > 0 {
                try addFromTrie(match, wordIndex: position, kind: .typo, typos: match.distance, scoreFactor: 1)
            }
            added = added || byWord[position].count > before
        }
        for (position, word) in words.enumerated() where word.maxTypos > 0 && byWord[position].isEmpty {
            for match in index.words.fuzzyMatches(of: word.surface, maxEdits: word.maxTypos, limit: Self.typoCandidateLimit) where match.distance > 0 {
                try addFromTrie(match, wordIndex: position, kind: .typo, typos: match.distance, scoreFactor: 1)
            }
            let stemTypos = min(word.maxTypos, QueryWords.maxTypos(forWordLength: word.term.count))
            if byWord[position].isEmpty, word.term != word.surface, stemTypos > 0 {
                // A misspelt plural of a word the catalog has only in the singular ("jckets",
                // "Jacket"): the ending is one more edit from every catalog word, its stem
                // ("jcket") is within the budget of a word of its length (none for "sofa",
                // which would otherwise be a "Sofia").
                for match in index.words.fuzzyMatches(of: word.term, maxEdits: stemTypos, limit: Self.typoCandidateLimit) where match.distance > 0 {
                    try addFromTrie(match, wordIndex: position, kind: .typo, typos: match.distance, scoreFactor: 1)
                }
            }
            if prefixMatching, word.isLast {
                for match in index.words.fuzzyPrefixMatches(of: word.surface, maxEdits: word.maxTypos, limit: Self.typoCandidateLimit) where match.distance > 0 {
                    try addFromTrie(match, wordIndex: position, kind: .typo, typos: match.distance, scoreFactor: 0.9)
                }
            }
            added = added || !byWord[position].isEmpty
        }
        typosAdded = typosAdded || added
        return added
    }

    private mutating func addFromTrie(_ match: WordMatch, wordIndex: Int, kind: MatchKind, typos: Int, scoreFactor: Float) throws(IndexFormatError) {
        guard let entry = try index.terms.entry(ordinal: Int(match.value)) else {
            throw .corrupt(section: "WORDS", detail: "word points at term \(match.value) of \(index.terms.termCount)")
        }
        add(TermCandidate(wordIndex: wordIndex, term: entry.info, kind: kind, typos: typos, matchedWord: match.word,
                          idf: scorer.inverseDocumentFrequency(documentFrequency: entry.info.documentFrequency),
                          scoreFactor: scoreFactor))
    }

    /// Keeps one candidate per term and word: the first found, which is the best (exact
    /// before prefix before typo, fewer typos first).
    private mutating func add(_ candidate: TermCandidate) {
        guard !byWord[candidate.wordIndex].contains(where: { $0.term.ordinal == candidate.term.ordinal }) else { return }
        byWord[candidate.wordIndex].append(candidate)
    }
}
