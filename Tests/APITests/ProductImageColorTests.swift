import HTTPCore
@testable import Query
@testable import Search
import TestSupport
import Testing
@testable import API

/// Product pictures differ by colour as well as by kind (issue 15): the catalog's colour goes
/// into the picture's address, and the drawing is tinted by it; nothing else in the address
/// can reach the SVG.
@Suite struct ProductImageColorTests {
    static func product(image: String, color: String?) -> StoredProduct {
        StoredProduct(id: "p", name: "Kettle", brand: "B", category: "Home", description: "", image: image,
                      attributes: color.map { [StoredProduct.Attribute(name: "Color", value: $0)] } ?? [], price: 10, rating: nil, stock: 1)
    }

    @Test func theAddressCarriesTheColourOfGeneratedPicturesOnly() {
        #expect(ProductJSON.imageAddress(of: Self.product(image: "/images/products/kettle.svg", color: "Rose Gold"))
            == "/images/products/kettle.svg?color=rose-gold")
        #expect(ProductJSON.imageAddress(of: Self.product(image: "/images/products/kettle.svg", color: nil)) == "/images/products/kettle.svg")
        // Other addresses are the page's to judge: passed on untouched.
        for image in ["//evil.example/a.svg", "/images/products/kettle.svg?v=2", "https://x/images/products/a.svg", "/img/a.png"] {
            #expect(ProductJSON.imageAddress(of: Self.product(image: image, color: "Red")) == image)
        }
        // A colour with no ASCII word, or a very long one, adds nothing.
        #expect(ProductJSON.imageAddress(of: Self.product(image: "/images/products/kettle.svg", color: "——")) == "/images/products/kettle.svg")
        #expect(ProductJSON.imageAddress(of: Self.product(image: "/images/products/kettle.svg", color: String(repeating: "red ", count: 20)))
            == "/images/products/kettle.svg")
    }

    /// The colour words by characters, as first written: the byte-wise `colorWords` (issue 16's
    /// profile) must give the same words for any text.
    static func referenceColorWords(_ value: String) -> String? {
        var words: [String] = []
        var current = ""
        for scalar in value.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar)) {
                current.append(Character(scalar).lowercased())
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        let joined = words.joined(separator: "-")
        return joined.isEmpty || joined.utf8.count > ProductJSON.maximumColorBytes ? nil : joined
    }

    @Test func colourWordsAreTheASCIILettersAndDigitsJoinedByHyphens() {
        var random = SeededRandomGenerator(seed: 16)
        let pieces = ["Rose", " ", "GOLD", "-", "é", "Ｒ", "186C", "/", "\u{0}", "ß", "Z", "a", "9", "  ", "🎈", "ǅ", "İ"]
        var samples = ["Rose Gold", "  Navy-Blue ", "Café Noir", "ＲＥＤ", "Pantone 186C", "", "---", String(repeating: "ab ", count: 14)]
        for _ in 0..<2_000 {
            samples.append((0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined())
        }
        for sample in samples {
            #expect(ProductJSON.colorWords(sample) == Self.referenceColorWords(sample), "\(sample.debugDescription)")
        }
        for name in ["color", "Colour", "COLOR", "colouR"] {
            #expect(ProductJSON.isColorName(name), "\(name)")
        }
        for name in ["colors", "colo", "kolor", "colourful", "", "çolor"] {
            #expect(!ProductJSON.isColorName(name), "\(name)")
        }
    }

    static func picture(_ target: String) throws -> String {
        let response = try #require(ProductImages.respond(to: try HTTPRequest(method: "GET", target: target)))
        #expect(response.status == 200)
        return String(decoding: response.body, as: UTF8.self)
    }

    @Test func theDrawingIsTintedByItsColour() throws {
        let plain = try Self.picture("/images/products/electric-kettle.svg")
        let red = try Self.picture("/images/products/electric-kettle.svg?color=red")
        let navy = try Self.picture("/images/products/electric-kettle.svg?color=midnight-navy")
        #expect(red != plain && navy != plain && red != navy)
        #expect(red.contains(ProductImageColors.palette["red"]!))
        // "sage green" is green: the last word the palette knows decides.
        #expect(try Self.picture("/images/products/electric-kettle.svg?color=sage-green").contains(ProductImageColors.palette["green"]!))
        // Unknown or malformed colours draw the untinted picture, and never reach the markup.
        for value in ["plaid", "RED", "red%22%3E%3Cscript%3E", String(repeating: "a", count: 41), ""] {
            #expect(try Self.picture("/images/products/electric-kettle.svg?color=\(value)") == plain, "\(value)")
        }
    }
}
