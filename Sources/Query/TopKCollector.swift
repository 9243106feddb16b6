/// One scored document competing for the top k.
struct RankedDocument {
    var document: UInt32
    /// The informativeness (summed word weights, `WordDisjunction`) of the required words the
    /// document does not match: 0 for a match of every word, lower is better.
    var missingWeight: Float = 0
    var matchedWords: Int
    var typos: Int
    /// The sort's main value, higher is better (score, minus the price, the rating...).
    var primary: Double
    /// Tie-breaker, higher is better (the relevance score under non-relevance sorts).
    var secondary: Double
    var score: Float
    /// Bit i set when flat candidate i matched (candidates beyond 64 are not explained).
    var candidateMask: UInt64

    /// The total order of results: less of the query missing (by weight, so every match of
    /// all words first), fewer typos, sort value, tie-breaker, then the lower document id so
    /// that equal results always come out in the same order.
    @inline(__always)
    func ranksAbove(_ other: RankedDocument) -> Bool {
        if missingWeight != other.missingWeight { return missingWeight < other.missingWeight }
        if typos != other.typos { return typos < other.typos }
        if primary != other.primary { return primary > other.primary }
        if secondary != other.secondary { return secondary > other.secondary }
        return document < other.document
    }
}

/// Keeps the best `capacity` documents in a binary heap whose root is the worst kept one, so
/// each offer costs one comparison when it does not qualify and O(log k) when it does.
struct TopKCollector {
    let capacity: Int
    private var heap: [RankedDocument] = []

    /// `seeds` (results found before, such as an earlier conjunction's) compete from the start.
    init(capacity: Int, seeds: [RankedDocument] = []) {
        self.capacity = max(0, capacity)
        heap.reserveCapacity(self.capacity)
        for seed in seeds { offer(seed) }
    }

    /// The worst document currently kept, when the collector is full.
    var threshold: RankedDocument? {
        // Read on every document a walk looks at: kept inline in its loop.
        @inline(__always) get { heap.count == capacity ? heap.first : nil }
    }

    @inline(__always)
    mutating func offer(_ candidate: RankedDocument) {
        guard capacity > 0 else { return }
        if heap.count < capacity {
            heap.append(candidate)
            siftUp(heap.count - 1)
        } else if candidate.ranksAbove(heap[0]) {
            heap[0] = candidate
            siftDown(0)
        }
    }

    /// The kept documents, best first.
    func sorted() -> [RankedDocument] {
        heap.sorted { $0.ranksAbove($1) }
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[parent].ranksAbove(heap[child]) else { return }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            var worst = left
            let right = left + 1
            if right < heap.count, heap[left].ranksAbove(heap[right]) { worst = right }
            guard heap[parent].ranksAbove(heap[worst]) else { return }
            heap.swapAt(parent, worst)
            parent = worst
        }
    }
}
