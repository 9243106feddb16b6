import Analysis
import IndexFormat

/// A piece of displayed text, marked when it is a word the search matched. A page renders
/// each as text (`textContent`), a marked one inside a `<mark>`: the product's text never
/// becomes markup, whatever it holds ("<b>", "&amp;").
public struct HighlightSegment: Sendable, Equatable {
    public var text: String
    public var isMatch: Bool

    public init(text: String, isMatch: Bool) {
        self.text = text
        self.isMatch = isMatch
    }
}

/// A result's name, whole, and a snippet of its description, as segments that join back into
/// the text shown.
public struct ProductHighlights: Sendable, Equatable {
    public var name: [HighlightSegment]
    /// At most about `MatchHighlighter.snippetLength` UTF-16 units of the description around
    /// its first matched word, "…" marking text cut off.
    public var descriptionSnippet: [HighlightSegment]
}

/// Marks the words of a result that the search matched: a product word is marked when its
/// term, as the one analysis chain makes it (`SourceMappedTokens`), is the term of a candidate
/// the result matched by (exact, stem, compound, synonym, prefix completion or typo
/// neighbour alike, all of them index terms). So "running" is marked for "run", "Headphones"
/// for "hedphones" and "headph", and "Café" for "cafe".
struct MatchHighlighter {
    /// Longest description snippet, in UTF-16 units, before the "…" marks: two lines of a
    /// result card.
    static let snippetLength = 160
    /// Text kept before the first matched word of a snippet, so that it reads in context.
    static let snippetLeadLength = 40

    /// The terms of `candidates`, in their order (the order of a hit's candidate mask).
    private let candidateTerms: [[UInt8]]

    init(candidates: [TermCandidate], index: SearchIndex) throws(IndexFormatError) {
        var terms: [[UInt8]] = []
        terms.reserveCapacity(candidates.count)
        for candidate in candidates {
            guard let entry = try index.terms.entry(ordinal: candidate.term.ordinal) else {
                throw .corrupt(section: "TERMS", detail: "no term \(candidate.term.ordinal)")
            }
            terms.append(entry.term)
        }
        candidateTerms = terms
    }

    /// The highlights of one result that matched the candidates of `mask` (bit i: candidate
    /// i; candidates past the mask's 64 bits count as matched, as `MatchExplainer` reads them).
    func highlights(of product: StoredProduct, mask: UInt64) -> ProductHighlights {
        var matchedTerms = Set<[UInt8]>()
        for (position, term) in candidateTerms.enumerated() where position >= 64 || mask & (1 << UInt64(position)) != 0 {
            matchedTerms.insert(term)
        }
        let name = Self.segments(product.name, ranges: SourceMappedTokens(product.name).ranges { matchedTerms.contains($0) })
        let description = product.description
        let ranges = SourceMappedTokens(description).ranges { matchedTerms.contains($0) }
        return ProductHighlights(name: name, descriptionSnippet: Self.snippet(description, ranges: ranges))
    }

    /// `text` cut into segments at `ranges` (UTF-16, sorted, disjoint).
    static func segments(_ text: String, ranges: [Range<Int>], within window: Range<Int>? = nil) -> [HighlightSegment] {
        let utf16 = Array(text.utf16)
        let window = window ?? 0..<utf16.count
        var segments: [HighlightSegment] = []
        var position = window.lowerBound
        func append(_ range: Range<Int>, isMatch: Bool) {
            guard !range.isEmpty else { return }
            segments.append(HighlightSegment(text: String(decoding: utf16[range], as: UTF16.self), isMatch: isMatch))
        }
        for range in ranges {
            let clamped = range.clamped(to: window)
            guard !clamped.isEmpty, clamped.lowerBound >= position else { continue }
            append(position..<clamped.lowerBound, isMatch: false)
            append(clamped, isMatch: true)
            position = clamped.upperBound
        }
        append(position..<window.upperBound, isMatch: false)
        return segments
    }

    /// Up to `snippetLength` UTF-16 units of `text` from a little before its first matched
    /// word (or from its start), cut at spaces so that words stay whole where possible, and
    /// never inside a character.
    static func snippet(_ text: String, ranges: [Range<Int>]) -> [HighlightSegment] {
        let utf16 = Array(text.utf16)
        guard utf16.count > snippetLength else { return segments(text, ranges: ranges) }
        let space = UInt16(UInt8(ascii: " "))
        var start = 0
        if let first = ranges.first, first.lowerBound > snippetLeadLength {
            start = first.lowerBound - snippetLeadLength
            // Forward to the next word's start, but never past the match.
            // A match near the end still gets a full snippet: the window ends at the text's end.
            start = min(start, utf16.count - snippetLength)
            if let afterSpace = utf16[start..<first.lowerBound].firstIndex(of: space) { start = afterSpace + 1 }
        }
        var end = min(utf16.count, start + snippetLength)
        if end < utf16.count, let lastSpace = utf16[(start + snippetLength / 2)..<end].lastIndex(of: space) { end = lastSpace }
        start = boundary(utf16, start, forward: true)
        end = boundary(utf16, end, forward: false)
        var result = segments(text, ranges: ranges, within: start..<end)
        if start > 0 { result.insert(HighlightSegment(text: "…", isMatch: false), at: 0) }
        if end < utf16.count { result.append(HighlightSegment(text: "…", isMatch: false)) }
        return result
    }

    /// `offset` moved off the second half of a surrogate pair, so no cut splits a character
    /// of the supplementary planes (emoji).
    private static func boundary(_ utf16: [UInt16], _ offset: Int, forward: Bool) -> Int {
        guard offset > 0, offset < utf16.count, UTF16.isTrailSurrogate(utf16[offset]) else { return offset }
        return forward ? offset + 1 : offset - 1
    }
}
