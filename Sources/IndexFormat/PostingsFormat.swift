/// Constants of the postings encoding shared by the writer and the reader (FORMAT.md,
/// "POSTINGS").
///
/// A term's postings are one stream of documents in increasing id order, each as
/// `varint docDelta, fieldByte, [varint tf per field]`. Every `docsPerBlock` documents form a
/// block; a skip table before the stream lists each block's last document and byte length, so
/// an intersection can jump over whole blocks without decoding them.
public enum PostingsFormat {
    /// 128 documents a block: skip entries stay under 1% of the postings size, and skipping a
    /// block saves decoding up to 128 entries.
    public static let docsPerBlock = 128
    /// Set in the field byte when every listed field has term frequency 1, which is most
    /// postings in product text: their frequencies are then not written.
    public static let allFrequenciesOneFlag: UInt8 = 0x80
    /// The low bits of the field byte: which fields (bit i = field i) contain the term.
    public static let fieldMaskBits: UInt8 = 0x1F
    /// At most 5 indexed fields fit the field mask.
    public static let maxFieldCount = 5
}

/// The indexed fields, in field-id order, with the default weight of each in BM25F scoring.
///
/// Weights say how much a word found in that field says about the product: the name is what a
/// shopper searches for; brand and category name the product exactly but briefly; attributes
/// (colour, material) qualify it; the description mentions many things the product is not.
public enum IndexedField: Int, CaseIterable, Sendable {
    case name = 0
    case brand = 1
    case category = 2
    case attributes = 3
    case description = 4

    public var label: String {
        switch self {
        case .name: "name"
        case .brand: "brand"
        case .category: "category"
        case .attributes: "attributes"
        case .description: "description"
        }
    }

    public var defaultWeight: Float {
        switch self {
        case .name: 3.0
        case .brand: 2.0
        case .category: 2.0
        case .attributes: 1.5
        case .description: 1.0
        }
    }
}

/// Constants of the STORED and VALUES sections.
public enum StoredFormat {
    /// Uncompressed size at which a stored block is closed: big enough for LZ4 to find the
    /// repetition between products, small enough that showing one product decompresses little.
    public static let targetBlockBytes = 16 * 1024
    public static let noPrice = UInt32.max
    public static let noRating = UInt8.max
    public static let noStock = UInt32.max
    public static let noOrdinal = UInt32.max
}

/// Defaults of the ranking function, stored in META so a reader uses what the index was built
/// for unless the caller overrides them.
public enum RankingDefaults {
    /// Term-frequency saturation. Product text repeats words rarely, so saturation comes early.
    public static let k1: Float = 1.2
    /// Length normalisation: 0.75 is the usual value; long descriptions are penalised as usual.
    public static let b: Float = 0.75
}
