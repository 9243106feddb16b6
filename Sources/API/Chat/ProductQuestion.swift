import Foundation

/// What a question about a product asks ("how much is the first one?", "is it in stock?",
/// "what colors does it come in?"): one field of the stored product, answered from it
/// (`ChatTurn.answer(_:about:)`).
///
/// The question phrasings are English and listed here; the attribute names a question may
/// ask about ("how much memory", "what's the screen size") are the catalog's own, read from
/// the index by `ChatVocabulary`.
enum ProductQuestion: Codable, Equatable {
    case price, stock, colors, rating, brand, size
    /// One of the catalog's attribute names, lowercased ("memory", "screen").
    case attribute(String)
    /// The first of these attributes a product has, asked by a phrase rather than by the
    /// attribute's name ("how long is it?": its length, blade length, play time or battery).
    case anyAttribute([String])
    /// A yes-or-no question about a feature of the product ("is it wireless?", "does the last
    /// one have a hood?"): the words asked about, answered from its name, attributes and
    /// description.
    case feature([String])

    /// What makes a message a yes-or-no question about a product already shown.
    private static let yesNoOpenings = ["is it", "is that", "is this", "is the", "are they", "are these", "are those", "are the",
                                        "does it", "does that", "does this", "does the", "do they", "do these", "do the"]
    /// Words of such a question that are not the feature asked about.
    private static let yesNoGrammar: Set<String> = [
        "is", "are", "does", "do", "it", "its", "it's", "they", "them", "one", "ones", "this", "that", "these", "those", "the", "a",
        "an", "have", "has", "come", "comes", "with", "in", "made", "of", "any", "also", "too", "really", "still", "and", "or",
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "last", "next", "other",
        "cheapest", "cheaper", "best", "most", "least", "better", "worse", "me", "for", "to", "be", "will", "can", "you",
    ]

    /// Questions that ask for an attribute without naming it, with the attributes they may
    /// mean, likeliest first; only those the catalog has are asked (`asked(in:attributeNames:)`).
    private static let attributePhrases: [(phrase: String, attributes: [String])] = [
        ("who wrote", ["author"]), ("who is the author", ["author"]), ("who's the author", ["author"]),
        ("written by", ["author"]), ("the author", ["author"]), ("writer", ["author"]),
        ("how long", ["length", "blade length", "play time", "battery"]),
        ("how tall", ["height"]), ("how high", ["height"]),
        ("how heavy", ["weight"]), ("weigh", ["weight"]), ("how much weight", ["weight capacity", "weight"]),
        ("how wide", ["width", "diameter"]), ("how thick", ["thickness"]), ("how fast", ["top speed", "speed"]),
        ("how many pages", ["pages"]), ("how many pieces", ["pieces", "count"]), ("how many players", ["players"]),
        ("how many are in", ["count", "pack", "pieces"]), ("how many in a pack", ["count", "pack"]),
        ("what does it smell", ["scent"]), ("smell like", ["scent"]), ("what scent", ["scent"]),
        ("taste like", ["flavor"]), ("what flavour", ["flavor"]), ("what flavor", ["flavor"]),
        ("where is it from", ["origin"]), ("where is it made", ["origin"]), ("made in", ["origin"]), ("where from", ["origin"]),
        ("what format", ["format"]), ("hardcover or paperback", ["format"]), ("paperback or hardcover", ["format"]),
        ("how does it connect", ["connectivity"]), ("what resolution", ["resolution"]),
        ("how many watts", ["wattage", "power"]), ("how powerful", ["wattage", "power"]), ("watts", ["wattage", "power"]),
        ("how much does it hold", ["capacity", "volume"]), ("how big is the battery", ["battery"]),
        // Shoppers' names for what catalogs call otherwise.
        ("ram", ["memory"]), ("battery life", ["battery"]),
    ]

    /// Words of a phrase above that stay in the message: they point at the product.
    private static let referenceWords: Set<String> = ["it", "is", "the", "they", "them", "one", "this", "that"]

    /// Words that make a message a question and name no product: "what's the cheapest tablet"
    /// searches for tablets. Dropped from the product words with the parser's filler.
    static let questionWords: Set<String> = [
        "what's", "whats", "what're", "which", "who", "who's", "whose", "where", "where's", "when", "why", "how's", "hows",
        "is", "isn't", "are", "aren't", "does", "doesn't", "do", "don't", "there", "there's", "got", "carry", "carries",
        "sell", "sells", "selling", "stock", "stocked", "offer", "new", "good", "nice", "decent", "great", "hey",
        "many", "much", "cost", "costs", "you", "guys", "y'all",
    ]

    /// Phrases per kind, longest first where one holds another. A phrase is matched on whole
    /// tokens (`TokenPhrases`).
    private static let phrases: [(ProductQuestion, [String])] = [
        (.colors, ["what colors", "what colours", "which colors", "which colours", "what color", "what colour", "other colors",
                   "other colours", "colors", "colours", "color options", "colour options"]),
        (.size, ["what size", "which size", "what sizes", "which sizes", "sizes", "size", "how big", "how large", "dimensions"]),
        (.rating, ["rating", "ratings", "rated", "stars", "reviews", "reviewed", "any good", "how good", "is it good", "worth it"]),
        (.brand, ["what brand", "which brand", "brand", "who makes", "who made", "made by", "maker", "manufacturer", "who sells"]),
        (.stock, ["in stock", "out of stock", "sold out", "stock", "available", "availability", "how many are left", "how many left",
                  "are left", "is left", "left in stock", "can i get it", "do you have it"]),
        (.price, ["how much", "price", "prices", "cost", "costs", "how expensive", "what does it cost", "pricey",
                  // "is it cheap?" asks the price; "any cheap ones?" narrows the list.
                  "it cheap", "that cheap", "this cheap", "one cheap", "it expensive", "that expensive", "one expensive",
                  "it affordable", "one affordable"]),
        // "does the first one come in black?": the colours, when nothing above was asked.
        (.colors, ["come in", "comes in", "available in"]),
    ]

    /// The words each kind's phrases consume, so that they do not stay product words.
    private static let consumedWords: Set<String> = Set(phrases.flatMap { $0.1.flatMap { $0.split(separator: " ").map(String.init) } })
        .subtracting(["it", "i", "get", "can", "do", "you", "have", "is", "are", "in", "of", "other", "what", "which", "who", "how", "one"])

    /// The question `tokens` ask about a product and the tokens without its words; nil when
    /// they ask none. An attribute name of the catalog (`attributeNames`) wins over the
    /// generic kinds ("how much memory" asks for the memory, not the price), except colour
    /// and size attributes, which have kinds of their own.
    static func asked(in tokens: [String], attributeNames: Set<String>) -> (question: ProductQuestion, rest: [String])? {
        let words = TokenPhrases(tokens)
        let asks = ["how", "what", "what's", "whats", "which", "who", "is", "are", "does", "do", "any", "and", "price", "cost",
                    "where", "written", "made"]
            .contains(where: words.has)
        guard asks else { return nil }
        // "what's its refresh rate?": an attribute name of two words.
        for index in tokens.indices.dropLast() {
            let name = tokens[index] + " " + tokens[index + 1]
            guard attributeNames.contains(name), !Self.isColorOrSize(name) else { continue }
            var rest = tokens
            rest[index] = "of"
            rest.remove(at: index + 1)
            return (.attribute(name), rest.filter { !["how", "much", "many"].contains($0) })
        }
        for (index, token) in tokens.enumerated() where attributeNames.contains(token) && !Self.isColorOrSize(token) {
            // "screen size" names the attribute "screen".
            var rest = tokens
            // The name's place is kept by a grammar word, so that what follows keeps its
            // neighbour: "the battery last" must not become "the last" (a position).
            rest[index] = "of"
            if index + 1 < rest.count, ["size", "sizes"].contains(rest[index + 1]) { rest.remove(at: index + 1) }
            // "how long is the blade": the measure word after "how" is the question's too.
            let measures: Set<String> = ["long", "big", "heavy", "tall", "wide", "high", "thick", "large", "fast", "old"]
            rest = rest.enumerated().filter { position, word in !(measures.contains(word) && position > 0 && rest[position - 1] == "how") }.map(\.element)
            // "how long does the battery last?": "last" is the question's verb.
            let verbs: Set<String> = token == "battery" || token == "play time" ? ["last", "lasts"] : []
            return (.attribute(token), rest.filter { !["how", "much", "many"].contains($0) && !verbs.contains($0) })
        }
        // "who wrote it?", "how long is it?": an attribute asked without its name.
        for entry in attributePhrases where words.has(entry.phrase) {
            let known = entry.attributes.filter(attributeNames.contains)
            guard !known.isEmpty else { continue }
            var phraseWords = Set(entry.phrase.split(separator: " ").map(String.init)).subtracting(referenceWords)
            // "how long does it last?": "last" is the question's verb, no position.
            if known.contains("battery") || known.contains("play time") { phraseWords.formUnion(["last", "lasts"]) }
            return (known.count == 1 ? .attribute(known[0]) : .anyAttribute(known), tokens.filter { !phraseWords.contains($0) })
        }
        // "where is the first one from?", "where was it made?": the origin.
        if words.has("where"), tokens.contains("from") || tokens.contains("made"), attributeNames.contains("origin") {
            return (.attribute("origin"), tokens.filter { !["where", "from", "made", "was", "were"].contains($0) })
        }
        // "what is it made of?" asks for the material, where the catalog has one.
        if words.has("made of") || words.has("made from"), attributeNames.contains("material") {
            return (.attribute("material"), tokens.filter { !["made", "of", "from"].contains($0) })
        }
        // In this order: "is the second one available in red?" asks for colours, not stock.
        for (question, phrases) in Self.phrases where phrases.contains(where: words.has) {
            return (question, tokens.filter { !consumedWords.contains($0) })
        }
        // "is it wireless?", "the last one, is it wireless?", "does it have a hood?": a feature
        // of one shown product, when nothing above was asked. Its words are the question's,
        // not product words, so the product is the one pointed at.
        if yesNoOpenings.contains(where: words.has) {
            let feature = tokens.filter { token in
                !yesNoGrammar.contains(token) && !questionWords.contains(token) && !token.contains(where: \.isNumber) && !token.hasPrefix("#")
            }
            if !feature.isEmpty, feature.count <= 3 {
                return (.feature(feature), tokens.filter { !feature.contains($0) })
            }
        }
        return nil
    }

    /// Whether every product of one model answers it alike or together: the colours and
    /// sizes it comes in, its brand, its other attributes; not price, stock or rating, which
    /// differ from colour to colour.
    var isAboutModel: Bool {
        switch self {
        case .colors, .size, .brand, .attribute, .anyAttribute, .feature: true
        case .price, .stock, .rating: false
        }
    }

    /// A question of how big, long or heavy something is: the size or an attribute.
    var isMeasure: Bool {
        switch self {
        case .size, .attribute, .anyAttribute: true
        default: false
        }
    }

    static func isColorOrSize(_ attributeName: String) -> Bool {
        ChatVocabulary.isColorAttribute(attributeName) || attributeName == "size" || attributeName.hasSuffix(" size")
    }
}
