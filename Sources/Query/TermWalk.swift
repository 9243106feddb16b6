import Foundation

/// The walk of the usual exact query, one term a word, kept apart from the general walk in
/// `TierExecution` because it trades generality for speed: a flat cursor buffer, matches
/// scored in batches.
extension TierExecution {
    /// `walk` when every word has exactly one term and there are no optional words: the usual
    /// exact query of several words. The same decisions in the same order, so the same floats
    /// and results, over a flat buffer of cursors instead of per-word candidate lists (which
    /// cost copies and reference counting on every document).
    func walkTerms(_ terms: [PostingsCursor], _ scoring: [CandidateScoring], excluded: Set<UInt32>,
                   capacity: Int, seeds: [RankedDocument], range: Range<UInt32>) -> (ranked: [RankedDocument], total: Int) {
        var collector = TopKCollector(capacity: capacity)
        for seed in seeds { collector.offer(seed) }
        var total = 0
        let columns = index.columns
        let order = SortOrder(sort: sort, columns: columns, usesScoreBounds: usesScoreBounds)
        let pruning = self.pruning
        // One candidate a word: every match has the same typos and explanation bits.
        let typos = scoring.reduce(0) { $0 + $1.typos }
        let mask = scoring.reduce(UInt64(0)) { $0 | ($1.flatIndex < 64 ? 1 << UInt64($1.flatIndex) : 0) }
        let fieldCount = scorer.fieldCount
        var cursors = terms
        // Matches are scored in batches: their norms rows are gathered first, so that the
        // cache misses overlap (`BM25FScorer.gatherNorms`). Pruning meanwhile uses the top k
        // as of the last batch: a lower bar, so it only scores more, never wrongly skips.
        let batchCapacity = 32
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: batchCapacity) { batchDocuments in
        withUnsafeTemporaryAllocation(of: PostingFields.self, capacity: batchCapacity * terms.count) { batchFields in
        withUnsafeTemporaryAllocation(byteCount: batchCapacity * fieldCount, alignment: 1) { batchNorms in
        cursors.withUnsafeMutableBufferPointer { cursors in
            scoring.withUnsafeBufferPointer { scoring in
                let count = cursors.count
                var pending = 0
                func scorePending() {
                    // Under a price or rating sort, drop the documents worse on that value
                    // first: their values are read in one pass, so those loads overlap too.
                    if sort != .relevance, let worst = collector.threshold, typos >= worst.typos {
                        var kept = 0
                        for index in 0..<pending where !order.valueCannotEnter(batchDocuments[index], worst: worst) {
                            batchDocuments[kept] = batchDocuments[index]
                            for position in 0..<count { batchFields[kept * count + position] = batchFields[index * count + position] }
                            kept += 1
                        }
                        pending = kept
                    }
                    scorer.gatherNorms(of: batchDocuments, count: pending, into: batchNorms)
                    for index in 0..<pending {
                        let document = batchDocuments[index]
                        let norms = UnsafeRawBufferPointer(rebasing: batchNorms[(index * fieldCount)..<((index + 1) * fieldCount)])
                        var score: Float = 0
                        for position in 0..<count {
                            let term = scoring[position]
                            let weight = scorer.termWeight(batchFields[index * count + position], norms: norms)
                            score += scorer.score(weight: weight, idf: term.idf) * term.scoreFactor
                        }
                        let values = order.values(document, score: score)
                        collector.offer(RankedDocument(document: document, matchedWords: count, typos: typos, primary: values.primary,
                                                       secondary: values.secondary, score: score, candidateMask: mask))
                    }
                    pending = 0
                }
                cursors[0].advance(to: range.lowerBound)
                var candidate = cursors[0].document
                search: while candidate < range.upperBound {
                    for position in 1..<count {
                        cursors[position].advance(to: candidate)
                        let document = cursors[position].document
                        if document != candidate {
                            if document == PostingsCursor.exhausted { break search }
                            cursors[0].advance(to: document)
                            candidate = cursors[0].document
                            continue search
                        }
                    }
                    if pruning, let worst = collector.threshold {
                        // Every cursor is on the candidate: up to the first end of a current
                        // block, each term's documents are under its block maximum.
                        var bound: Float = 0
                        var last = PostingsCursor.exhausted
                        for position in 0..<count {
                            let term = scoring[position]
                            bound += scorer.score(weight: cursors[position].blockMaxWeight, idf: term.idf) * term.scoreFactor
                            last = min(last, cursors[position].blockLastDocument)
                        }
                        if ScoreBound(typos: typos, score: bound).cannotEnter(above: worst, from: candidate) {
                            if countsEveryMatch {
                                if !(excluded.contains(candidate) || !filter.accepts(candidate, columns: columns)) { total += 1 }
                                cursors[0].next()
                            } else {
                                guard last < range.upperBound else { break search }
                                cursors[0].advance(to: last + 1)
                            }
                            candidate = cursors[0].document
                            continue search
                        }
                    }
                    if !excluded.isEmpty && excluded.contains(candidate) || !filter.accepts(candidate, columns: columns) {
                        cursors[0].next()
                        candidate = cursors[0].document
                        continue search
                    }
                    total += 1
                    if pruning, let worst = collector.threshold {
                        // This document's own bound, from its postings without its norms.
                        var bound: Float = 0
                        for position in 0..<count {
                            let term = scoring[position]
                            let weight = min(cursors[position].blockMaxWeight, scorer.termWeightBound(cursors[position]))
                            bound += scorer.score(weight: weight, idf: term.idf) * term.scoreFactor
                        }
                        if ScoreBound(typos: typos, score: bound).cannotEnter(above: worst, from: candidate) {
                            cursors[0].next()
                            candidate = cursors[0].document
                            continue search
                        }
                    }
                    batchDocuments[pending] = candidate
                    for position in 0..<count { batchFields[pending * count + position] = cursors[position].currentFields }
                    pending += 1
                    if pending == batchCapacity { scorePending() }
                    cursors[0].next()
                    candidate = cursors[0].document
                }
                scorePending()
            }
        }
        }
        }
        }
        return (collector.sorted(), total)
    }
}
