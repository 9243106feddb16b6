import Analysis
import Catalog
import Foundation
@testable import Query

/// Small indexes whose postings are known, for testing the parts of a query walk (term
/// scorers, unions, intersections, collectors) at their edges. Document i is product i.
enum WalkPartsFixture {
    static func index(_ products: [Product], label: String) throws -> SearchIndex {
        try PruningEdgeTests.index(products, name: "walk-parts-\(label)")
    }

    /// Products named `names`, in that order.
    static func index(names: [String], label: String) throws -> SearchIndex {
        try index(names.enumerated().map { Product(id: String(format: "p%05d", $0.offset), name: $0.element, category: "Home") },
                  label: label)
    }

    static func scorer(_ index: SearchIndex) -> BM25FScorer {
        BM25FScorer(metadata: index.metadata, norms: index.norms, parameters: BM25Parameters())
    }

    /// The term scorer of `word` (analysed as a query word), or nil when the index lacks it.
    static func term(_ word: String, in index: SearchIndex, typos: Int = 0, flatIndex: Int = 0,
                     scoreFactor: Float = 1) throws -> TermScorer? {
        guard let parsed = QueryWords.parse(word).first, let info = try index.terms.lookup(parsed.term) else { return nil }
        let bytes = UnsafeRawBufferPointer(rebasing: index.postings[info.postingsOffset..<(info.postingsOffset + info.postingsLength)])
        let cursor = PostingsCursor(postings: bytes, documentFrequency: info.documentFrequency,
                                    documentLimit: UInt32(index.documentCount))
        let idf = scorer(index).inverseDocumentFrequency(documentFrequency: info.documentFrequency)
        return TermScorer(cursor: cursor, scoring: CandidateScoring(flatIndex: flatIndex, idf: idf, scoreFactor: scoreFactor, typos: typos))
    }

    /// Every document of a set, walked with `next`.
    static func documents<Set: DocumentSet>(of set: Set) -> [UInt32] {
        var set = set
        var documents: [UInt32] = []
        while !set.isExhausted {
            documents.append(set.document)
            set.next()
        }
        return documents
    }
}

/// A document set over a sorted list: the reference the walk's sets are compared with.
struct SortedDocuments: DocumentSet {
    let documents: [UInt32]
    private var position = 0

    init(_ documents: [UInt32]) {
        self.documents = documents
    }

    var document: UInt32 { position < documents.count ? documents[position] : Self.exhausted }
    var cost: Int { documents.count }

    mutating func next() {
        if position < documents.count { position += 1 }
    }

    mutating func advance(to target: UInt32) {
        while position < documents.count, documents[position] < target { position += 1 }
    }
}
