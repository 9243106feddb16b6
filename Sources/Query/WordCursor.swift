/// The postings of one query word: the union of its candidate terms' cursors, positioned on
/// the smallest current document.
struct WordCursor {
    let wordIndex: Int
    var cursors: [PostingsCursor]
    /// What scoring needs of each cursor's candidate, as plain values: the hot loops read
    /// these instead of the candidates themselves (which hold arrays and cost reference
    /// counting on every copy).
    let scoring: [CandidateScoring]
    private(set) var document: UInt32
    /// Sum of the candidates' document frequencies: the cost of walking this word.
    let cost: Int

    init(wordIndex: Int, cursors: [PostingsCursor], scoring: [CandidateScoring]) {
        self.wordIndex = wordIndex
        self.cursors = cursors
        self.scoring = scoring
        cost = cursors.reduce(0) { $0 + $1.documentFrequency }
        document = cursors.reduce(PostingsCursor.exhausted) { min($0, $1.document) }
    }

    var isExhausted: Bool { document == PostingsCursor.exhausted }

    @inline(__always)
    mutating func advance(to target: UInt32) {
        guard document < target else { return }
        var smallest = PostingsCursor.exhausted
        for index in cursors.indices {
            cursors[index].advance(to: target)
            smallest = min(smallest, cursors[index].document)
        }
        document = smallest
    }

    /// Skips the rest of the current block of a single-candidate word, undecoded.
    mutating func skipCurrentBlock() {
        guard cursors.count == 1 else { return next() }
        cursors[0].skipCurrentBlock()
        document = cursors[0].document
    }

    @inline(__always)
    mutating func next() {
        let current = document
        var smallest = PostingsCursor.exhausted
        for index in cursors.indices {
            if cursors[index].document == current { cursors[index].next() }
            smallest = min(smallest, cursors[index].document)
        }
        document = smallest
    }
}
