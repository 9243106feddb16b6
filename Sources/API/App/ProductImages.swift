import HTTPCore

/// Placeholder pictures for the catalog's `image` values (`/images/products/<slug>.svg`, where
/// the slug names a product type such as `wireless-headphones`): a drawing generated from the
/// slug alone, so every product image resolves without files and nothing comes from another
/// host. The same slug always gives the same bytes.
enum ProductImages {
    static let pathPrefix = "/images/products/"
    static let fileExtension = ".svg"
    /// The catalog's slugs are product-type names of a few words; anything longer is not one.
    static let maximumSlugLength = 64
    /// The drawing only changes when this code does; a day keeps chat lists from refetching
    /// the same pictures, and the ETag makes the revalidation after that cheap.
    static let cacheControl = "public, max-age=86400"

    /// The picture for an image path, 404 for a malformed slug, nil for other paths.
    static func respond(to request: HTTPRequest) -> HTTPResponse? {
        guard request.path.hasPrefix(pathPrefix) else { return nil }
        guard request.method == "GET" || request.method == "HEAD" else { return StaticFiles.methodNotAllowed(request) }
        let name = request.path.dropFirst(pathPrefix.count)
        guard name.hasSuffix(fileExtension) else { return StaticFiles.notFound(request) }
        let slug = String(name.dropLast(fileExtension.count))
        guard isValid(slug: slug) else { return StaticFiles.notFound(request) }
        // The colour only tints the drawing; one the palette does not know draws it untinted.
        let color = request.queryValue("color").flatMap(ProductImageColors.swatch(for:))
        let body = Array(svg(for: slug, color: color).utf8)
        let file = StaticFiles.File(body: body, contentType: "image/svg+xml", entityTag: StaticFiles.entityTag(of: body))
        return StaticFiles.response(for: file, request: request, cacheControl: cacheControl)
    }

    /// Lowercase ASCII letters, digits and single inner hyphens, as `ProductKind.slug` makes them.
    static func isValid(slug: String) -> Bool {
        guard (1...maximumSlugLength).contains(slug.utf8.count), !slug.hasPrefix("-"), !slug.hasSuffix("-"),
              !slug.contains("--") else { return false }
        return slug.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-")
        }
    }

    /// A 400x300 card: a tinted background, a simple shape for the kind of product, and the
    /// product type's words as a caption.
    static func svg(for slug: String, color: ProductImageColors.Swatch? = nil) -> String {
        let family = Family.of(slug: slug)
        let caption = slug.split(separator: "-").map { word in word.prefix(1).uppercased() + word.dropFirst() }.joined(separator: " ")
        // The caption is letters, digits and spaces (the slug was validated), so it needs no
        // XML escaping; the length cap keeps it inside the card.
        let shownCaption = caption.count > 28 ? String(caption.prefix(27)) + "…" : caption
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300" width="400" height="300" role="img" aria-label="\(shownCaption)">\
            <rect width="400" height="300" fill="\(family.background)"/>\
            \(color.map { #"<circle cx="352" cy="48" r="26" fill="\#($0.fill)" stroke="\#(family.ink)" stroke-width="4"/>"# } ?? "")\
            <g fill="\(color?.fill ?? "none")" fill-opacity="\(color == nil ? "0" : "0.9")" stroke="\(family.ink)" stroke-width="10" stroke-linecap="round" stroke-linejoin="round">\(family.shape)</g>\
            <text x="200" y="268" text-anchor="middle" font-family="system-ui, sans-serif" font-size="24" fill="\(family.ink)">\(shownCaption)</text>\
            </svg>
            """
    }

    /// A group of product types drawn alike: one colour pair and one shape, chosen by the words
    /// of the slug (the slug carries no category, and the API does not read the catalog tables).
    struct Family {
        let keywords: [String]
        let background: String
        let ink: String
        /// SVG elements drawn in a 400x230 area above the caption.
        let shape: String

        static func of(slug: String) -> Family {
            let words = slug.split(separator: "-").map(String.init)
            return all.first { family in family.keywords.contains { words.contains($0) } } ?? package
        }

        static let all: [Family] = [audio, screen, peripheral, wearable, cable, footwear, clothing, book, writing, kitchen, pet, food, garden, beauty, sport, toy]

        static let audio = Family(
            keywords: ["headphones", "earbuds", "speaker", "speakers"], background: "#dbeafe", ink: "#1e3a8a",
            shape: #"<path d="M130 160 v-30 a70 70 0 0 1 140 0 v30"/><rect x="112" y="150" width="36" height="60" rx="12"/><rect x="252" y="150" width="36" height="60" rx="12"/>"#)
        static let screen = Family(
            keywords: ["laptop", "laptops", "tablet", "monitor", "webcam", "printer"], background: "#e0e7ff", ink: "#312e81",
            shape: #"<rect x="120" y="60" width="160" height="110" rx="8"/><path d="M100 190 h200"/>"#)
        static let peripheral = Family(
            keywords: ["mouse", "mice", "keyboard", "keyboards"], background: "#e0f2fe", ink: "#0c4a6e",
            shape: #"<rect x="160" y="55" width="80" height="140" rx="40"/><path d="M200 55 v45 M160 100 h80"/>"#)
        static let wearable = Family(
            keywords: ["smartwatch", "watch"], background: "#ede9fe", ink: "#4c1d95",
            shape: #"<rect x="160" y="80" width="80" height="100" rx="18"/><path d="M175 80 v-30 h50 v30 M175 180 v30 h50 v-30"/>"#)
        static let cable = Family(
            keywords: ["charger", "cable", "usb"], background: "#cffafe", ink: "#164e63",
            shape: #"<rect x="170" y="70" width="60" height="70" rx="8"/><path d="M185 70 v-25 M215 70 v-25 M200 140 v30 q0 30 -40 30"/>"#)
        static let footwear = Family(
            keywords: ["shoes", "sneakers", "boots", "sandals", "slippers"], background: "#fee2e2", ink: "#7f1d1d",
            shape: #"<path d="M110 180 v-80 h50 q10 40 60 45 l60 10 q20 5 20 25 z"/>"#)
        static let clothing = Family(
            keywords: ["t", "shirt", "hoodie", "jeans", "jacket", "dress", "socks"], background: "#fce7f3", ink: "#831843",
            shape: #"<path d="M160 55 l-60 35 l20 35 l25 -12 v97 h110 v-97 l25 12 l20 -35 l-60 -35 q-20 20 -40 0 z"/>"#)
        static let book = Family(
            keywords: ["novel", "thriller", "thrillers", "cookbook", "book", "books"], background: "#fef3c7", ink: "#78350f",
            shape: #"<path d="M200 80 q-40 -20 -90 -10 v120 q50 -10 90 10 q40 -20 90 -10 v-120 q-50 -10 -90 10 z M200 80 v120"/>"#)
        static let writing = Family(
            keywords: ["pen", "pens", "notebook", "notes", "stapler", "chair"], background: "#f1f5f9", ink: "#1e293b",
            shape: #"<path d="M140 200 l15 -45 l95 -95 l30 30 l-95 95 z M235 75 l30 30"/>"#)
        static let kitchen = Family(
            keywords: ["coffee", "mixer", "fryer", "skillet", "knife", "knives", "sheet", "tea"], background: "#ffedd5", ink: "#7c2d12",
            shape: #"<path d="M130 90 h120 v70 a40 40 0 0 1 -40 40 h-40 a40 40 0 0 1 -40 -40 z M250 110 h15 a20 20 0 0 1 0 40 h-15"/>"#)
        static let food = Family(
            keywords: ["pasta", "granola", "chocolate", "oil", "food"], background: "#fef9c3", ink: "#713f12",
            shape: #"<rect x="145" y="80" width="110" height="125" rx="16"/><path d="M155 60 h90 v20 h-90 z M165 130 h70"/>"#)
        static let pet = Family(
            keywords: ["dog", "cat", "litter"], background: "#f5f5f4", ink: "#44403c",
            shape: #"<circle cx="200" cy="160" r="35"/><circle cx="150" cy="110" r="15"/><circle cx="185" cy="85" r="15"/><circle cx="225" cy="85" r="15"/><circle cx="255" cy="110" r="15"/>"#)
        static let garden = Family(
            keywords: ["garden", "hose", "hoses", "shears", "grill", "grills", "mower", "mowers", "soil", "seed"], background: "#dcfce7", ink: "#14532d",
            shape: #"<path d="M200 210 v-90 M200 120 q-70 0 -70 -70 q70 0 70 70 q0 -70 70 -70 q0 70 -70 70"/>"#)
        static let beauty = Family(
            keywords: ["moisturizer", "moisturizers", "shampoo", "shampoos", "lipstick", "lipsticks", "serum", "serums", "sunscreen", "sunscreens", "hair"],
            background: "#fae8ff", ink: "#701a75",
            shape: #"<rect x="160" y="95" width="80" height="115" rx="14"/><path d="M180 95 v-25 h40 v25 M185 55 h30"/>"#)
        static let sport = Family(
            keywords: ["yoga", "water", "tent", "tents", "dumbbells", "basketball", "basketballs", "backpack", "backpacks"], background: "#d1fae5", ink: "#064e3b",
            shape: #"<circle cx="200" cy="135" r="75"/><path d="M125 135 h150 M200 60 v150 M150 80 q40 55 0 110 M250 80 q-40 55 0 110"/>"#)
        static let toy = Family(
            keywords: ["building", "game", "games", "puzzle", "puzzles", "car", "cars", "plush", "toy", "toys"], background: "#fef08a", ink: "#713f12",
            shape: #"<path d="M200 55 l22 48 l52 6 l-39 35 l11 52 l-46 -26 l-46 26 l11 -52 l-39 -35 l52 -6 z"/>"#)
        static let package = Family(
            keywords: [], background: "#e5e7eb", ink: "#1f2937",
            shape: #"<path d="M200 55 l85 40 v90 l-85 40 l-85 -40 v-90 z M115 95 l85 40 l85 -40 M200 135 v90"/>"#)
    }
}
