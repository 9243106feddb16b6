/// The comparison key of a category or brand name: its word tokens, normalised, joined by one
/// space. "Home & Kitchen", "home-kitchen" and "HOME KITCHEN" share the key "home kitchen",
/// so a filter finds the facet however it is written.
public enum FacetKey {
    public static func make(_ display: String) -> [UInt8] {
        var key: [UInt8] = []
        for token in Tokenizer.tokens(of: display) where !token.flags.contains(.joined) {
            if !key.isEmpty { key.append(UInt8(ascii: " ")) }
            key.append(contentsOf: token.bytes)
        }
        return key
    }
}
