/// One analysed token: the word as written (normalised) and the term it is indexed under.
public struct AnalyzedToken: Equatable, Sendable {
    /// The normalised word, unstemmed ("headphones", "wh1000xm5").
    public var surface: [UInt8]
    /// The indexed term: the Porter2 stem for words, the word itself for numbers and models.
    public var term: [UInt8]
    public var flags: Tokenizer.Flags

    public var isStopWord: Bool { StopWords.contains(surface) }
    public var surfaceText: String { String(decoding: surface, as: UTF8.self) }
    public var termText: String { String(decoding: term, as: UTF8.self) }
}

/// The one analysis chain shared by the indexer, the query engine and the chat: normalise,
/// tokenise, map irregular plurals to their singular (`IrregularNouns`), stem. Indexing and querying must agree byte for byte, so nothing else may
/// re-implement any step of it.
public enum TextAnalyzer {
    /// Bumped whenever the chain's output changes; stored in the index so that a reader can
    /// refuse an index whose terms were made by a different chain. 2: quantities (numbers,
    /// units, dimensions) and model-number halves (issue 13). 3: irregular plurals join their
    /// singular ("knives" is "knife"); runs of Han, Kana and Hangul are indexed as overlapping
    /// bigrams.
    public static let version: UInt32 = 3

    /// The indexed term for a surface word: words with digits are kept as they are (stemming
    /// "1000xm5" or "2024" would only merge unrelated models), others are stemmed.
    public static func term(forSurface surface: [UInt8], flags: Tokenizer.Flags) -> [UInt8] {
        var term: [UInt8] = []
        term.reserveCapacity(surface.count)
        surface.withUnsafeBufferPointer { appendTerm(forSurface: $0, flags: flags, into: &term) }
        return term
    }

    /// Appends the indexed term for `surface` to `output`: the allocation-free form of
    /// `term(forSurface:flags:)`, for the indexer's once-per-distinct-word call.
    public static func appendTerm(forSurface surface: UnsafeBufferPointer<UInt8>, flags: Tokenizer.Flags,
                                  into output: inout [UInt8]) {
        if flags.contains(.hasDigit) {
            output.append(contentsOf: surface)
        } else if let singular = IrregularNouns.singular(of: surface) {
            EnglishStemmer.stem(UnsafeBufferPointer(start: singular.utf8Start, count: singular.utf8CodeUnitCount), into: &output)
        } else {
            EnglishStemmer.stem(surface, into: &output)
        }
    }

    /// All tokens of `text`, in order, including joined model-number tokens.
    public static func analyze(_ text: String) -> [AnalyzedToken] {
        Tokenizer.tokens(of: text).map { token in
            AnalyzedToken(
                surface: token.bytes,
                term: term(forSurface: token.bytes, flags: token.flags),
                flags: token.flags)
        }
    }
}
