import Analysis

/// Says, for one result, how each query word matched: exact, stem, prefix or typo, and which
/// of the product's words it matched (for highlighting). Runs only on the returned page.
enum MatchExplainer {
    static func explain(mask: UInt64, candidates: [TermCandidate], words: [QueryWord], product: StoredProduct?) -> [WordMatchExplanation] {
        // Surface words of the product by term, when the product is at hand, to tell an exact
        // match ("headphones") from a stem match ("headphone" found "headphones").
        var surfacesByTerm: [[UInt8]: [[UInt8]]] = [:]
        if let product {
            let text = ([product.name, product.brand, product.category] + product.attributes.map(\.value) + [product.description])
                .joined(separator: " \u{1F} ")
            for token in TextAnalyzer.analyze(text) {
                surfacesByTerm[token.term, default: []].append(token.surface)
            }
        }
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
            if kind == .exact, product != nil {
                let termBytes = TextAnalyzer.term(forSurface: word.surface, flags: word.flags)
                let surfaces = surfacesByTerm[termBytes] ?? []
                if !surfaces.contains(word.surface), let first = surfaces.first {
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
