import IndexFormat

/// Which documents a search matched, all of them, as a set: what facets are counted over
/// (`FacetCounter`), where the walk itself passes over runs it need not score.
///
/// A search's steps (`Searcher`) each add the products of a conjunction over a wider set of
/// candidates (whole words, then completions, then typo candidates), and the partial step the
/// products holding any of the words. Every step's candidates include the step before's, so
/// the products of the steps run are those of the last one: a conjunction of the required
/// words, each the union of its candidates (`QueryExpansion` already wrote joined, split and
/// synonymous forms into that shape), or, when the partial step ran, their disjunction.
/// Built from the postings, any field counting as the walk counts it: each candidate's
/// postings decoded once into a bit set (125 KB at a million products).
struct MatchedDocuments {
    /// The candidates of each word that decides matching.
    var byWord: [[TermCandidate]]
    /// True when a product matches with any of the words, false when it needs all of them.
    var anyWord: Bool

    func documents(in index: SearchIndex) -> DocumentBitSet {
        var result: DocumentBitSet?
        for candidates in byWord {
            var word = DocumentBitSet(documentCount: index.documentCount)
            for candidate in candidates { word.insertDocuments(holding: candidate.term, in: index, fieldMask: UInt8.max) }
            if result == nil {
                result = word
            } else if anyWord {
                result?.formUnion(word)
            } else {
                result?.formIntersection(word)
            }
        }
        return result ?? DocumentBitSet(documentCount: index.documentCount)
    }
}
