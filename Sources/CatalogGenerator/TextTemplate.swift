/// A pattern for generated text such as "{brand} {model} Wireless Headphones, {color}", parsed
/// once so that filling it in per product is a walk over ready pieces, not a string scan.
///
/// Slot names resolve, in order, to: a product part the generator fills (`brand`, `model`,
/// `series`, `feature`, `version`, `type`, `types`, `title`), a shared word list of
/// `CatalogVocabulary.wordLists` (one word picked at random), or else an attribute of the
/// product with that name.
struct TextTemplate: Sendable {
    enum Slot: Sendable, Equatable {
        case brand, model, series, feature, version, typeName, typePlural, title
        case words([String])
        case attribute(String)
    }

    enum Piece: Sendable {
        case text(String)
        case slot(Slot)
    }

    let pieces: [Piece]

    init(_ pattern: String) {
        var pieces: [Piece] = []
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { pieces.append(.text(String(rest[..<open]))) }
            let name = String(rest[rest.index(after: open)..<close])
            pieces.append(.slot(Self.slot(named: name)))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        self.pieces = pieces
    }

    /// Names of the attributes this template reads, so tests can check each exists.
    var attributeNames: [String] {
        pieces.compactMap {
            if case .slot(.attribute(let name)) = $0 { return name }
            return nil
        }
    }

    private static func slot(named name: String) -> Slot {
        switch name {
        case "brand": return .brand
        case "model": return .model
        case "series": return .series
        case "feature": return .feature
        case "version": return .version
        case "type": return .typeName
        case "types": return .typePlural
        case "title": return .title
        default:
            if let words = CatalogVocabulary.wordLists[name] { return .words(words) }
            return .attribute(name)
        }
    }
}
