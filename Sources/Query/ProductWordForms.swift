import Analysis

/// The words of one stored product as the analysis chain makes them (`TextAnalyzer`): each
/// token's term and the surface form it came from, in text order, over the same text the index
/// holds (name, brand, category, attribute values, description). `MatchExplainer` reads it to
/// tell an exact match ("headphones" found "headphones") from a stem match ("headphone" found
/// "headphones").
///
/// Kept flat (one byte buffer, two offsets a token) because `StoredProductCache` keeps a few
/// thousand of them: some 2-3 bytes per byte of product text.
struct ProductWordForms: Sendable {
    private var bytes: [UInt8] = []
    /// Per token, where its term ends and where its surface ends in `bytes`; its term starts
    /// where the token before it ends.
    private var bounds: [(termEnd: Int32, surfaceEnd: Int32)] = []

    init(_ product: StoredProduct) {
        let text = ([product.name, product.brand, product.category] + product.attributes.map(\.value) + [product.description])
            .joined(separator: " \u{1F} ")
        let tokens = TextAnalyzer.analyze(text)
        bytes.reserveCapacity(tokens.reduce(0) { $0 + $1.term.count + $1.surface.count })
        bounds.reserveCapacity(tokens.count)
        for token in tokens {
            bytes += token.term
            let termEnd = Int32(bytes.count)
            bytes += token.surface
            bounds.append((termEnd, Int32(bytes.count)))
        }
    }

    /// For a query word whose term is `term` and whose surface is `surface`: whether the product
    /// writes the word as typed, and otherwise the first surface it writes the term with (nil
    /// when the product has no word with that term).
    func form(ofTerm term: [UInt8], typed surface: [UInt8]) -> (hasTypedForm: Bool, firstForm: [UInt8]?) {
        var first: [UInt8]?
        var start = 0
        for (termEnd, surfaceEnd) in bounds {
            let termRange = start..<Int(termEnd)
            let surfaceRange = Int(termEnd)..<Int(surfaceEnd)
            start = Int(surfaceEnd)
            guard bytes[termRange].elementsEqual(term) else { continue }
            if bytes[surfaceRange].elementsEqual(surface) { return (true, nil) }
            if first == nil { first = Array(bytes[surfaceRange]) }
        }
        return (false, first)
    }
}
