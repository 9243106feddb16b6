/// A set of documents walked in increasing id order: the iterator every part of a query walk
/// is built from, one term's postings as much as the intersection of a query's words
/// (Tantivy's `DocSet`: `doc`, `advance`, `seek`; Lucene's `DocIdSetIterator`: `docID`,
/// `nextDoc`, `advance`).
///
/// A set is on its first document once made, and on `exhausted` once it has no more; it never
/// moves back. The parts of a walk are generic over this protocol, so a walk is compiled for
/// the parts it is made of (no call through an existential per document).
protocol DocumentSet {
    /// The current document, or `exhausted` (above every document id) when there is none.
    var document: UInt32 { get }
    /// Moves to the next document; an exhausted set stays exhausted.
    mutating func next()
    /// Moves to the first document at or after `target`; a set already there does not move.
    mutating func advance(to target: UInt32)
    /// At most how many documents the set holds: an intersection is led by its cheapest
    /// member, and a walk is split over two cores when its lead is long.
    var cost: Int { get }
}

extension DocumentSet {
    /// The document id of an exhausted set: no document has it (document ids stay below the
    /// index's document count, itself below 2^32 - 1).
    static var exhausted: UInt32 { UInt32.max }

    var isExhausted: Bool { document == Self.exhausted }
}

/// One term's postings are the set of documents holding the term.
extension PostingsCursor: DocumentSet {
    var cost: Int { documentFrequency }
}
