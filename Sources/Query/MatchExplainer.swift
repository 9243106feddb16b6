import Analysis

/// Says, for one result, how each query word matched: exact, stem, prefix or typo, and which
/// of the product's words it matched (for highlighting). Runs only on the returned page.
enum MatchExplainer {
    /// `wordForms`: the product's analysed words (`ProductWordForms`, cached with the product
    /// by `StoredProductCache`), nil when the search returns no products.
    static func explain(mask: UInt64, candidates: [TermCandidate], words: [QueryWord], wordForms: ProductWordForms?) -> [WordMatchExplanation] {
        var explanations: [WordMatchExplanation] = []
        for (wordIndex, word) in words.enumerated() {
            var best: TermCandidate?
            for (index, candidate) in candidates.enumerated() where index < 64 && mask & (1 << UInt64(index)) != 0 && candidate.wordIndex == wordIndex {
                if let current = best, (current.typos, current.kind) <= (candidate.typos, candidate.kind) { continue }
                best = candidate
            }
            guard let best else { continue }
            var kind = best.kind
            var matched = best.matchedWord
            // The surface words of the product, when it is at hand, tell an exact match
            // ("headphones") from a stem match ("headphone" found "headphones").
            if kind == .exact, let wordForms {
                let termBytes = TextAnalyzer.term(forSurface: word.surface, flags: word.flags)
                let form = wordForms.form(ofTerm: termBytes, typed: word.surface)
                if !form.hasTypedForm, let first = form.firstForm {
                    kind = .stem
                    matched = first
                }
            }
            explanations.append(WordMatchExplanation(queryWord: word.surfaceText, matchedWord: String(decoding: matched, as: UTF8.self),
                                                     kind: kind, typos: best.typos))
        }
        return explanations
    }
}
