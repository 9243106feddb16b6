/// Constants of the TERMCATS section shared by the writer and the reader (FORMAT.md,
/// "TERMCATS"): for every term of TERMS, in ordinal order, how its products spread over the
/// catalog's categories.
///
/// ```
/// 32-byte header: term count T, block count B, terms per block, category count C,
///                 f32 smoothing pseudo-count, minimum support, two zero u32
/// B × u32         offset of each block's first entry, from the start of the entries
/// entries         per term: varint support n, u8 k, k × (varint category ordinal, u16 share)
/// ```
///
/// The statistic is the share of the term's products in each category, smoothed towards the
/// catalog's own category shares (a Dirichlet prior, as in Zhai and Lafferty, "A Study of
/// Smoothing Methods for Language Models Applied to Information Retrieval", SIGIR 2001):
/// `P(c | t) = (n(c, t) + μ · P(c)) / (n(t) + μ)`, where `n(t)` counts the products with a
/// category that contain term t, `n(c, t)` those of category c, and `P(c) = N(c) / N` over the
/// products with a category. A product counts when a field naming it (name, brand, category,
/// attributes) holds the term; only when fewer than `minimumSupport` do are mentions in
/// descriptions counted too ("runs true to size" is in sweatshirts' descriptions, "running"
/// in shoes' names). A term seen in fewer than `minimumSupport` products says nothing
/// about categories (it is usually one product's name) and stores none.
public enum TermCategoriesFormat {
    public static let headerSize = 32
    /// Terms per block, as in TERMS: a lookup decodes at most 31 entries before its own.
    public static let termsPerBlock = 32
    /// The categories kept per term, the likeliest first: a query categoriser uses the top
    /// few (a word whose fifth category matters is no evidence for any).
    public static let maximumCategoriesPerTerm = 4
    /// μ, in products: a term seen in one product moves its category from the prior share to
    /// (1 + 2 P(c)) / 3, one seen in 30 products almost to its observed share.
    public static let smoothingPseudoCount: Float = 2
    /// Products a term must appear in for its categories to be stored.
    public static let minimumSupport = 2
    /// Shares are stored as `share × 65535`, rounded: steps of 1.5e-5.
    public static let shareScale: Double = 65_535

    /// Blocks for `termCount` terms.
    public static func blockCount(termCount: Int) -> Int {
        (termCount + termsPerBlock - 1) / termsPerBlock
    }
}
