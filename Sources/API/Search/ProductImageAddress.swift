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
              !image.utf8.contains(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }),
              let color = product.attributes.first(where: { isColorName($0.name) })?.value,
              let words = colorWords(color) else { return image }
        return image + "?color=" + words
    }

    static let generatedPrefix = "/images/products/"
    public static let maximumColorBytes = 40

    /// "color" or "colour" in any case, compared byte by byte: this runs for every product of
    /// every search answer, where lowercasing each attribute name showed in profiles (issue 16).
    static func isColorName(_ name: String) -> Bool {
        let count = name.utf8.count
        guard count == 5 || count == 6 else { return false }
        var folded: [UInt8] = []
        folded.reserveCapacity(count)
        for byte in name.utf8 { folded.append(byte >= 65 && byte <= 90 ? byte + 32 : byte) }
        return folded == Array("color".utf8) || folded == Array("colour".utf8)
    }

    /// "Rose Gold" -> "rose-gold": the ASCII letters and digits of `value` in lowercase, each
    /// run of anything else between them one hyphen; nil when no ASCII letter or digit is left
    /// or the result is longer than `maximumColorBytes`. Bytes of UTF-8 outside ASCII are never
    /// letters here, as a non-ASCII character is none.
    public static func colorWords(_ value: String) -> String? {
        var bytes: [UInt8] = []
        var separated = false
        for byte in value.utf8 {
            let lower = byte >= 65 && byte <= 90 ? byte + 32 : byte
            guard (lower >= 97 && lower <= 122) || (byte >= 48 && byte <= 57) else {
                separated = !bytes.isEmpty
                continue
            }
            if separated { bytes.append(UInt8(ascii: "-")) }
            separated = false
            bytes.append(lower)
            if bytes.count > maximumColorBytes { return nil }
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}
