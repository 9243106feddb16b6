/// The colours product drawings are tinted with (`ProductImages`, `?color=rose-gold`): the
/// catalog's colour names read word by word, the last word the palette knows deciding ("sage
/// green" is green, "midnight blue" blue), since a colour name ends in its base colour far more
/// often than it starts with it. Fills are mid-tone enough that the family's dark outline stays
/// visible on each of them.
enum ProductImageColors {
    struct Swatch: Equatable {
        let fill: String
    }

    /// The swatch of a `?color=` value (lowercase words joined by hyphens, at most 40 bytes);
    /// nil for anything else or a colour the palette does not know.
    static func swatch(for value: String) -> Swatch? {
        guard (1...40).contains(value.utf8.count), value.utf8.allSatisfy({ byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-")
        }) else { return nil }
        for word in value.split(separator: "-").reversed() {
            if let fill = palette[String(word)] { return Swatch(fill: fill) }
        }
        return nil
    }

    static let palette: [String: String] = [
        "black": "#1f2937", "onyx": "#1f2937", "midnight": "#1e293b", "graphite": "#374151", "charcoal": "#4b5563",
        "gray": "#9ca3af", "grey": "#9ca3af", "slate": "#64748b", "silver": "#cbd5e1", "steel": "#94a3b8", "nickel": "#a8a29e",
        "platinum": "#e2e8f0", "white": "#ffffff", "ivory": "#fffbeb", "cream": "#fef3c7", "almond": "#fde68a",
        "beige": "#e7d8b5", "tan": "#d2b48c", "khaki": "#c3b091", "taupe": "#b5a48b", "stone": "#d6d3d1", "champagne": "#f7e7ce",
        "brown": "#92400e", "chestnut": "#9a3412", "red": "#dc2626", "burgundy": "#881337", "watermelon": "#f87171",
        "coral": "#fb7185", "orange": "#f97316", "yellow": "#facc15", "canary": "#fde047", "gold": "#eab308",
        "green": "#16a34a", "sage": "#9caf88", "olive": "#708238", "pistachio": "#a3c585", "blue": "#2563eb",
        "navy": "#1e3a8a", "cobalt": "#1d4ed8", "sapphire": "#1e40af", "pacific": "#0284c7", "purple": "#7e22ce",
        "fuchsia": "#c026d3", "pink": "#f472b6", "rose": "#fb7185", "blush": "#fbcfe8",
        "wash": "#60a5fa", "assorted": "#a78bfa", "colors": "#a78bfa", "pastel": "#c4b5fd", "bright": "#f59e0b",
    ]
}
