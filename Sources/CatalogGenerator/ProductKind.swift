/// One kind of product the generator makes ("Wireless Headphones" in Electronics): its price
/// range, brands, attributes and the patterns its names and descriptions are built from.
///
/// The tables of kinds live in `ProductKindTable+*.swift`, grouped by category.
struct ProductKind: Sendable {
    /// Where an attribute's value comes from.
    enum AttributeSource: Sendable {
        /// One of these values.
        case values([String])
        /// A whole number in `range`, rounded down to a multiple of `step`, then `suffix`.
        case number(ClosedRange<Int>, step: Int, suffix: String)
        /// A person's name (book authors); synthetic surnames join in at large counts.
        case personName
    }

    struct Attribute: Sendable {
        let name: String
        let source: AttributeSource
    }

    let category: String
    /// Singular display name, as it reads in a sentence: "Wireless Headphones", "Mouse".
    let name: String
    let plural: String
    /// Names the placeholder image, one per kind so a web page can serve a drawing per kind.
    let slug: String
    /// `/images/products/<slug>.svg`.
    let imagePath: String
    /// Shelf prices in whole dollars; the generator adds the cents ending.
    let dollars: ClosedRange<Int>
    let brands: [String]
    let attributes: [Attribute]
    /// Selling points that go into names ("Noise Cancelling").
    let features: [String]
    /// Product lines that go into names ("Pegasus", "Inspiron").
    let series: [String]
    /// Title patterns, for kinds whose products have titles (books, games).
    let titles: [TextTemplate]
    let names: [TextTemplate]
    /// Description sentences; the generator uses two to four of these and the category's own.
    let sentences: [TextTemplate]

    init(
        _ category: String, _ name: String, plural: String? = nil, dollars: ClosedRange<Int>, brands: [String],
        attributes: KeyValuePairs<String, AttributeSource>, features: [String] = [], titles: [String] = [],
        names: [String], series: [String] = [], sentences: [String]
    ) {
        self.category = category
        self.name = name
        self.plural = plural ?? name
        self.slug = Self.slug(of: name)
        self.imagePath = "/images/products/\(slug).svg"
        self.dollars = dollars
        self.brands = brands
        self.attributes = attributes.map { Attribute(name: $0.key, source: $0.value) }
        self.features = features
        self.series = series
        self.titles = titles.map(TextTemplate.init)
        self.names = names.map(TextTemplate.init)
        self.sentences = sentences.map(TextTemplate.init)
    }

    /// "Children's Book" -> "childrens-book", "USB-C Cable" -> "usb-c-cable".
    static func slug(of name: String) -> String {
        var slug = ""
        var pendingHyphen = false
        for scalar in name.lowercased().unicodeScalars where scalar != "'" {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingHyphen && !slug.isEmpty { slug += "-" }
                pendingHyphen = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        return slug
    }
}
