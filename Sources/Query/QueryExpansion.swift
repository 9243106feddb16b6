import Analysis
import IndexFormat

/// Other ways of writing a stretch of the query, and their merge into the query's words.
///
/// A stretch of query words may be written otherwise in the catalog:
/// - **joined**: "dish washer" where products say "dishwasher": two adjacent words whose
///   concatenation is a term of the catalog;
/// - **split**: "spraypaint" where products say "spray paint": a word the catalog lacks, or
///   has in a few products only, that splits into two words it has, each at least as common
///   as the joined form;
/// - **synonyms**: a phrase of the operator's `SynonymTable`.
/// Both compound rules read only the index's own term dictionary: the catalog's vocabulary
/// decides, not a hand list.
///
/// The walk matches a conjunction of words, each a union of terms, so "the stretch as typed
/// OR one of its alternatives" (an OR of ANDs) is rewritten into that shape by distribution
/// (conjunctive normal form): each *clause* takes one word of the stretch as typed and one
/// term of every alternative, and is a query word whose candidates are the union of those.
/// "dish washer" or "dishwasher" becomes (dish | dishwasher) & (washer | dishwasher), which
/// matches exactly the products with both words or the joined one, so "dish washer" never
/// matches every dish. Clauses are few (`maximumClauses`); a clause holding every term of
/// another is implied by it and dropped.
struct QueryExpansion {
    /// A stretch of `length` query words from `start`, and its alternatives (each a phrase of
    /// terms with the surface words they came from).
    struct Stretch {
        let start: Int
        let length: Int
        let alternatives: [[(term: [UInt8], surface: [UInt8])]]
        let kind: MatchKind
    }

    /// Clauses one stretch may become: every clause is a required word of the query, so
    /// their number bounds the walk's width.
    static let maximumClauses = 8
    /// A word in more products than this is taken as written and never split: a word the
    /// catalog uses often is a word of its own ("carpet" is not "car pet"), and the split's
    /// lookups (two per cut, some ten per word) are spent on rare words only.
    static let largestSplitWordFrequency = 16
    /// Shortest part of a split: "a" + "bout" would split almost anything.
    static let shortestSplitPart = 3
    /// Longest word that is tried as two words joined (in bytes). Each cut stems both parts,
    /// so a split costs the square of the word's length: a pasted 2,000-letter word took
    /// seconds. Real compounds ("dishwasher", "showerhead") are far shorter.
    static let longestSplitWord = 40

    /// The stretches of `words` that have another form: synonyms first (longest phrase at
    /// each position), then joined pairs, then splits, never overlapping.
    /// `byWord` holds the words' candidates so far: an exact one gives a word's frequency
    /// without a second dictionary lookup.
    static func stretches(of words: [QueryWord], byWord: [[TermCandidate]], index: SearchIndex,
                          synonyms: SynonymTable) throws(IndexFormatError) -> [Stretch] {
        let terms = synonyms.longestPhraseWords > 0 ? words.map(\.term) : []
        var stretches: [Stretch] = []
        var position = 0
        while position < words.count {
            if !terms.isEmpty, let match = synonyms.match(terms, at: position) {
                let alternatives = match.alternatives.map { phrase in phrase.map { (term: $0, surface: $0) } }
                stretches.append(Stretch(start: position, length: match.length, alternatives: alternatives, kind: .synonym))
                position += match.length
                continue
            }
            if position + 1 < words.count, let joined = try joinedTerm(words[position], words[position + 1], index: index) {
                // The joined word's own synonyms too: "t shirt" is "tshirt", which the
                // operator may have made one with "tee shirt".
                let synonymous = synonyms.match([joined.term], at: 0)?.alternatives ?? []
                let alternatives = [[joined]] + synonymous.map { phrase in phrase.map { (term: $0, surface: $0) } }
                stretches.append(Stretch(start: position, length: 2, alternatives: alternatives, kind: .compound))
                position += 2
                continue
            }
            let frequency = byWord[position].first { $0.kind == .exact }?.term.documentFrequency ?? 0
            // A last word still being typed that completes to catalog words is not split.
            let isBeingCompleted = frequency == 0 && !byWord[position].isEmpty
            if !isBeingCompleted, let parts = try split(words[position], frequency: frequency, index: index) {
                stretches.append(Stretch(start: position, length: 1, alternatives: [parts], kind: .compound))
            }
            position += 1
        }
        return stretches
    }

    /// Words a compound rule may touch: content words of letters (numbers and models are the
    /// number rules' business; Han, Kana and Hangul are already split into bigrams).
    private static func isCompoundable(_ word: QueryWord) -> Bool {
        !word.isStopWord && !word.flags.contains(.hasDigit) && !word.flags.contains(.cjk)
    }

    /// The catalog's term for `first` and `second` written as one word, if it has one.
    private static func joinedTerm(_ first: QueryWord, _ second: QueryWord, index: SearchIndex) throws(IndexFormatError) -> (term: [UInt8], surface: [UInt8])? {
        guard isCompoundable(first), isCompoundable(second) else { return nil }
        let surface = first.surface + second.surface
        let term = TextAnalyzer.term(forSurface: surface, flags: [])
        guard try index.terms.lookup(term) != nil else { return nil }
        return (term, surface)
    }

    /// The two catalog words `word` splits into, when the catalog lacks the word (or has it
    /// in at most `largestSplitWordFrequency` products) and has both parts, each at least as
    /// often; the split whose rarer part is most common wins. A word the catalog lacks is
    /// not split when it is a typo away from one of the catalog's words.
    private static func split(_ word: QueryWord, frequency wordFrequency: Int, index: SearchIndex) throws(IndexFormatError) -> [(term: [UInt8], surface: [UInt8])]? {
        let surface = word.surface
        guard isCompoundable(word), surface.count >= 2 * shortestSplitPart, surface.count <= longestSplitWord,
              surface.allSatisfy({ $0 &- 0x61 < 26 }) else { return nil }
        guard wordFrequency <= largestSplitWordFrequency else { return nil }
        // Each part at least as common as the joined word: "plywood" in 3 titles and "ply" in
        // 2 is not the catalog writing "ply wood".
        let needed = max(1, wordFrequency)
        var best: (parts: [(term: [UInt8], surface: [UInt8])], frequency: Int)?
        for cut in shortestSplitPart...(surface.count - shortestSplitPart) {
            let head = Array(surface[..<cut])
            let tail = Array(surface[cut...])
            guard !StopWords.contains(head), !StopWords.contains(tail) else { continue }
            let headTerm = TextAnalyzer.term(forSurface: head, flags: [])
            let tailTerm = TextAnalyzer.term(forSurface: tail, flags: [])
            guard let headInfo = try index.terms.lookup(headTerm), headInfo.documentFrequency >= needed,
                  let tailInfo = try index.terms.lookup(tailTerm), tailInfo.documentFrequency >= needed else { continue }
            let frequency = min(headInfo.documentFrequency, tailInfo.documentFrequency)
            if frequency > best?.frequency ?? 0 {
                best = ([(headTerm, head), (tailTerm, tail)], frequency)
            }
        }
        // A word the catalog lacks but has within the word's typo budget is a misspelling
        // ("moouse" is "mouse", not "moo" + "use"): the typo tier corrects it, no split.
        if best != nil, wordFrequency == 0, word.maxTypos > 0,
           index.words.fuzzyMatches(of: surface, maxEdits: word.maxTypos, limit: 1).contains(where: { $0.distance > 0 }) {
            return nil
        }
        return best?.parts
    }

    /// The query's words and candidates with every stretch replaced by its clauses.
    /// `byWord[i]` holds the candidates of `words[i]`; the result's candidates carry their new
    /// word positions.
    static func apply(_ stretches: [Stretch], words: [QueryWord], byWord: [[TermCandidate]], index: SearchIndex,
                      scorer: BM25FScorer) throws(IndexFormatError) -> (words: [QueryWord], byWord: [[TermCandidate]]) {
        var newWords: [QueryWord] = []
        var newByWord: [[TermCandidate]] = []
        func append(_ word: QueryWord, _ candidates: [TermCandidate]) {
            let position = newWords.count
            newWords.append(word)
            var seen: Set<Int> = []
            newByWord.append(candidates.filter { seen.insert($0.term.ordinal).inserted }.map { $0.moved(to: position) })
        }
        var position = 0
        for stretch in stretches {
            while position < stretch.start {
                append(words[position], byWord[position])
                position += 1
            }
            // Alternatives whose every term the catalog has; one it lacks a term of can never match.
            var alternatives: [[TermCandidate]] = []
            for alternative in stretch.alternatives {
                var candidates: [TermCandidate] = []
                for part in alternative {
                    guard let info = try index.terms.lookup(part.term) else { break }
                    candidates.append(TermCandidate(wordIndex: 0, term: info, kind: stretch.kind, typos: 0, matchedWord: part.surface,
                                                    idf: scorer.inverseDocumentFrequency(documentFrequency: info.documentFrequency),
                                                    scoreFactor: 1))
                }
                if candidates.count == alternative.count { alternatives.append(candidates) }
            }
            let typed = Array(stretch.start..<(stretch.start + stretch.length))
            // Fewer alternatives while the clauses would be too many: the longest go first.
            alternatives.sort { $0.count < $1.count }
            while !alternatives.isEmpty, alternatives.reduce(typed.count, { $0 * $1.count }) > maximumClauses {
                alternatives.removeLast()
            }
            for clause in clauses(typed: typed, alternatives: alternatives, byWord: byWord) {
                append(words[clause.word], clause.candidates)
            }
            position = stretch.start + stretch.length
        }
        while position < words.count {
            append(words[position], byWord[position])
            position += 1
        }
        return (newWords, newByWord)
    }

    /// The distribution of (typed words) OR alternative 1 OR ...: one clause per choice of a
    /// typed word and one term of each alternative, without clauses implied by others.
    private static func clauses(typed: [Int], alternatives: [[TermCandidate]],
                                byWord: [[TermCandidate]]) -> [(word: Int, candidates: [TermCandidate])] {
        guard !alternatives.isEmpty else { return typed.map { ($0, byWord[$0]) } }
        var clauses: [(word: Int, candidates: [TermCandidate], terms: Set<Int>)] = typed.map { word in
            (word, byWord[word], Set(byWord[word].map(\.term.ordinal)))
        }
        for alternative in alternatives {
            var grown: [(word: Int, candidates: [TermCandidate], terms: Set<Int>)] = []
            for clause in clauses {
                for candidate in alternative {
                    grown.append((clause.word, clause.candidates + [candidate], clause.terms.union([candidate.term.ordinal])))
                }
            }
            clauses = grown
        }
        // A clause whose terms include all of another's is implied by it (an OR of more terms).
        var kept: [(word: Int, candidates: [TermCandidate], terms: Set<Int>)] = []
        for (position, clause) in clauses.enumerated() {
            let implied = clauses.enumerated().contains { other in
                other.offset != position && other.element.terms.isSubset(of: clause.terms)
                    && (other.element.terms != clause.terms || other.offset < position)
            }
            if !implied { kept.append(clause) }
        }
        return kept.map { ($0.word, $0.candidates) }
    }
}

extension TermCandidate {
    /// The same candidate for the query word at `position`.
    func moved(to position: Int) -> TermCandidate {
        TermCandidate(wordIndex: position, term: term, kind: kind, typos: typos, matchedWord: matchedWord, idf: idf, scoreFactor: scoreFactor)
    }
}
