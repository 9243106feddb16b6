/// The one walk of a search tier: over the documents of a scorer (the conjunction of the
/// required words), it filters, counts, passes over what cannot reach the top k by the score
/// bounds, and hands the rest to a collector (Tantivy's `Weight::for_each_pruning` with a
/// top-docs collector; Lucene's `BulkScorer` driving a `LeafCollector`).
///
/// What varies between queries is the parts, not this loop: the scorer (an intersection of
/// single terms or of words of several candidates, with optional words or not), the collector
/// (scoring at once or in batches), and two choices below (`countLimit`,
/// `countsWholeBlocks`). Generic over the parts, it is compiled for each combination the
/// tiers use, with every part's calls inlined: no call through an existential per document.
///
/// Per document, in this order (the same decisions in the same order for every query):
/// 1. once the collector is full, the bound of the run up to the first end of a current block:
///    if it cannot beat the worst kept result, the run is passed over (uncounted) or, when
///    matches are counted, the document is counted if it passes the filter and the walk moves
///    on by one (with `countsWholeBlocks`, by a whole block counted undecoded);
/// 2. the filter and the excluded documents;
/// 3. counted;
/// 4. the document's own bound, from its postings without its norms;
/// 5. the collector, which may still drop it by sort value, scores it and keeps it or not.
/// Cost per document: one `advance(to:)` per member to find it, a few compares for the
/// bounds, one filter check; only documents past all that read their norms and are scored.
struct ConjunctionWalk {
    let scorer: BM25FScorer
    let filter: ResolvedFilter
    let columns: ProductColumns
    let excluded: Set<UInt32>
    /// Bounds stand in for scores: ranking by score, with the BM25 parameters the stored
    /// block maxima were computed with.
    let pruning: Bool
    /// Matches counted exactly before the walk may pass over runs of documents that cannot
    /// enter the top k without counting them (`SearchRequest.countBound`): `Int.max` counts
    /// every match, 0 none it need not score. A total of at least this many is then a lower
    /// bound; one below it is exact, as every match was counted until then.
    let countLimit: Int
    /// Counting a run that cannot enter a whole postings block at a time, undecoded: right
    /// for a scorer of one term with no filter only (a block's documents all match then).
    /// Holds the excluded documents on that term's postings, which a skipped block must not
    /// count; nil for every other scorer.
    let wholeBlocks: WholeBlockCounting?

    /// Walks `matches` to its end (or `end`, the end of a split walk's half) into `collector`.
    /// Returns the collector's results and the matches counted.
    @inline(__always)
    func run<Matches: MatchScorer, Collector: MatchCollector>(_ matches: inout Matches, into collector: inout Collector,
                                                             end: UInt32) -> (ranked: [RankedDocument], total: Int)
    where Collector.Matches == Matches {
        var total = 0
        var candidate = matches.document
        while candidate < end {
            // The worst kept result's missing weight bounds what may enter under any sort: a
            // scorer that moves by it (`WordDisjunction`) may have moved on. `raisesBar` is
            // false for every other scorer, and the test is then compiled out.
            if Matches.raisesBar, total >= countLimit, let worst = collector.threshold {
                matches.raiseBar(to: worst)
                candidate = matches.document
                guard candidate < end else { break }
            }
            if pruning, let worst = collector.threshold {
                // Every member is on the candidate: up to the first end of a current block,
                // each term's documents lie in its current block, under its block maximum.
                let last = matches.blockLastDocument
                if matches.runBound(through: last, scorer: scorer).cannotEnter(above: worst, from: candidate) {
                    if total >= countLimit {
                        // `end` is `exhausted` at most: past the guard, `last + 1` cannot overflow.
                        guard last < end else { break }
                        matches.advance(to: last + 1)
                    } else if let wholeBlocks, end == Matches.exhausted || last < end {
                        total += matches.documentsLeftInCurrentBlock - wholeBlocks.excludedCount(from: candidate, through: last)
                        matches.skipCurrentBlock()
                    } else {
                        if accepts(candidate) { total += 1 }
                        matches.next()
                    }
                    candidate = matches.document
                    continue
                }
            }
            guard accepts(candidate) else {
                matches.next()
                candidate = matches.document
                continue
            }
            total += 1
            // Whole-block walks have just checked their bound: the block's, for one term.
            if pruning, wholeBlocks == nil, let worst = collector.threshold,
               matches.documentBound(scorer: scorer).cannotEnter(above: worst, from: candidate) {
                matches.next()
                candidate = matches.document
                continue
            }
            collector.collect(candidate, from: &matches)
            matches.next()
            candidate = matches.document
        }
        return (collector.harvest(from: &matches), total)
    }

    @inline(__always)
    private func accepts(_ document: UInt32) -> Bool {
        !(!excluded.isEmpty && excluded.contains(document)) && filter.accepts(document, columns: columns)
    }
}

/// The excluded documents on the postings of a walk's only term, sorted: those a block
/// counted undecoded must leave out (few: one page of results at most).
struct WholeBlockCounting {
    let excludedOnPostings: [UInt32]

    /// Finds them with a copy of the term's cursor.
    init(term: PostingsCursor, excluded: Set<UInt32>) {
        var probe = term
        var found: [UInt32] = []
        for document in excluded.sorted() {
            probe.advance(to: document)
            if probe.document == document { found.append(document) }
        }
        excludedOnPostings = found
    }

    func excludedCount(from first: UInt32, through last: UInt32) -> Int {
        excludedOnPostings.count { $0 >= first && $0 <= last }
    }
}
