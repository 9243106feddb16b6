import Query

extension ProductJSON {
    /// Where the page loads a product's picture: the catalog's `image`, with the product's
    /// colour added as `?color=<words>` when the image is one of the generated drawings
    /// (`/images/products/<slug>.svg`), so that a black and a red kettle do not look alike
    /// (`ProductImages` tints the drawing). Any other value is passed on unchanged: the page
    /// decides what it may load (`sameSiteImage`), not this.
    ///
    /// The colour is the `color` (or `colour`) attribute as lowercase ASCII words joined by
    /// hyphens, at most `maximumColorBytes`; a value with nothing of that kind adds nothing.
    public static func imageAddress(of product: StoredProduct) -> String {
        let image = product.image
        guard image.hasPrefix(generatedPrefix), image.hasSuffix(".svg"),
              !image.utf8.contains(UInt8(ascii: "?")), !image.utf8.contains(UInt8(ascii: "#")),
              let color = product.attributes.first(where: { ["color", "colour"].contains($0.name.lowercased()) })?.value,
              let words = colorWords(color) else { return image }
        return image + "?color=" + words
    }

    static let generatedPrefix = "/images/products/"
    public static let maximumColorBytes = 40

    /// "Rose Gold" -> "rose-gold"; nil when no ASCII letter is left or the result is too long.
    public static func colorWords(_ value: String) -> String? {
        var words: [String] = []
        var current = ""
        for scalar in value.unicodeScalars {
            if scalar.isASCII, (scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar))) {
                current.append(Character(scalar).lowercased())
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        let joined = words.joined(separator: "-")
        guard !joined.isEmpty, joined.utf8.count <= maximumColorBytes else { return nil }
        return joined
    }
}
