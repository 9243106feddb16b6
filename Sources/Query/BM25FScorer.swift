import Foundation
import IndexFormat

/// BM25 parameters; `nil` fields take the index's defaults (META).
public struct BM25Parameters: Sendable, Equatable {
    public var k1: Float?
    public var b: Float?
    public init(k1: Float? = nil, b: Float? = nil) {
        self.k1 = k1
        self.b = b
    }
}

/// BM25F over the weighted fields (README, "How search ranks"):
///
///     weight(t, d) = sum over fields f of  w_f * tf(t, d, f) / (1 - b + b * len(d, f) / avglen_f)
///     score(t, d)  = idf(t) * weight * (k1 + 1) / (weight + k1)
///     idf(t)       = ln(1 + (N - df + 0.5) / (df + 0.5))
///
/// Field weights and lengths combine before saturation, so a word repeated across fields
/// counts more than once but saturates like one term (Robertson & Zaragoza's BM25F). The
/// per-length factors are tabulated for the 256 possible stored length bytes.
struct BM25FScorer {
    let k1: Float
    let b: Float
    let fieldCount: Int
    let documentCount: Int
    /// `lengthFactor[f * 256 + lengthByte]` = w_f / (1 - b + b * length / avglen_f).
    private let lengthFactor: [Float]
    /// `shortestLengthFactor[f]`: the largest `lengthFactor` of field f (length 0), so that
    /// `tf * shortestLengthFactor[f]` bounds the field's part of any weight without the norm.
    private let shortestLengthFactor: [Float]
    private let norms: UnsafeRawBufferPointer
    /// True when k1 and b are the index's defaults, so stored block maxima are valid bounds.
    let usesIndexDefaults: Bool

    init(metadata: IndexMetadata, norms: UnsafeRawBufferPointer, parameters: BM25Parameters) {
        k1 = parameters.k1 ?? metadata.defaultK1
        b = parameters.b ?? metadata.defaultB
        usesIndexDefaults = k1 == metadata.defaultK1 && b == metadata.defaultB
        fieldCount = metadata.fields.count
        documentCount = metadata.documentCount
        self.norms = norms
        var factors = [Float](repeating: 0, count: fieldCount * 256)
        for (field, info) in metadata.fields.enumerated() {
            let average = max(info.averageLength, 1e-9)
            for length in 0..<256 {
                factors[field * 256 + length] = Float(Double(info.weight) / (1 - Double(b) + Double(b) * Double(length) / average))
            }
        }
        lengthFactor = factors
        shortestLengthFactor = (0..<fieldCount).map { field in factors[(field * 256)..<(field * 256 + 256)].max() ?? 0 }
    }

    func inverseDocumentFrequency(documentFrequency: Int) -> Float {
        let n = Double(documentCount)
        let df = Double(documentFrequency)
        return Float(log(1 + (n - df + 0.5) / (df + 0.5)))
    }

    /// The BM25F weight of the cursor's term in its current document.
    @inline(__always)
    func termWeight(_ cursor: PostingsCursor) -> Float {
        let row = Int(cursor.document) * fieldCount
        guard row + fieldCount <= norms.count else { return 0 }
        return termWeight(cursor.currentFields, norms: UnsafeRawBufferPointer(rebasing: norms[row..<(row + fieldCount)]))
    }

    /// The weight of a posting given its document's norms row (`fieldCount` length bytes,
    /// which a batch may have copied out of the mapping beforehand).
    @inline(__always)
    func termWeight(_ posting: PostingFields, norms row: UnsafeRawBufferPointer) -> Float {
        var total: Float = 0
        // Fields in increasing order, as the indexer sums the stored block maxima: the same
        // additions in the same order give the same float.
        posting.forEach { field, frequency in
            guard field < fieldCount, field < row.count else { return }
            total += Float(frequency) * lengthFactor[field * 256 + Int(row[field])]
        }
        return total
    }

    /// Copies the norms rows of `documents` into `rows` (`fieldCount` bytes each; zeros for a
    /// document beyond the section, which the cursors' document limit rules out). A loop of
    /// independent loads: the cache misses of a batch overlap instead of each stalling one
    /// document's scoring (they were half the time of a two-word query at 1M products).
    @inline(__always)
    func gatherNorms(of documents: UnsafeMutableBufferPointer<UInt32>, count: Int, into rows: UnsafeMutableRawBufferPointer) {
        for index in 0..<min(count, documents.count) {
            let row = Int(documents[index]) * fieldCount
            let target = index * fieldCount
            guard target + fieldCount <= rows.count else { return }
            let inside = row + fieldCount <= norms.count
            for field in 0..<fieldCount { rows[target + field] = inside ? norms[row + field] : 0 }
        }
    }

    /// An upper bound of `termWeight(cursor)` from the posting alone (fields and frequencies,
    /// every field taken at its shortest length): it spares reading the document's norms,
    /// a likely cache miss, for documents that cannot reach the top k anyway. Summed in the
    /// same field order as `termWeight`, each term no smaller, so the bound rounds no lower.
    @inline(__always)
    func termWeightBound(_ cursor: PostingsCursor) -> Float {
        var total: Float = 0
        cursor.forEachField { field, frequency in
            guard field < fieldCount else { return }
            total += Float(frequency) * shortestLengthFactor[field]
        }
        return total
    }

    /// Saturated score of a weight: idf * w * (k1 + 1) / (w + k1), written as
    /// c - c * k1 / (w + k1) with c = idf * (k1 + 1). In this form every float operation is
    /// monotone in w, so a larger weight never rounds to a smaller score, and a block's stored
    /// maximum weight gives a score bound that no document of the block can exceed, exactly.
    @inline(__always)
    func score(weight: Float, idf: Float) -> Float {
        let scale = idf * (k1 + 1)
        return max(0, scale - scale * k1 / (weight + k1))
    }
}
