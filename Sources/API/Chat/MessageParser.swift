import Analysis
import Foundation
import Query

/// Reads a shopper's message: intent first (from a few fixed phrasings of each), then the
/// entities, each consuming its words so that what is left names the product.
///
/// Everything catalog-specific (categories, brands, colours) comes from `ChatVocabulary`;
/// this file knows only English shopping phrasing. Deterministic and allocation-light: a
/// message is a few dozen words.
struct MessageParser {
    let vocabulary: ChatVocabulary

    func parse(_ message: String) -> MessageUnderstanding {
        var tokens = Self.tokens(of: message)
        let said = TokenPhrases(tokens)
        var understanding = MessageUnderstanding()
        understanding.speaksOfANeed = ["i", "i'm", "im", "my", "we", "we're", "our", "me", "something", "anything", "stuff", "to"]
            .contains(where: said.words.contains)
        let text = " " + tokens.joined(separator: " ") + " "
        if let talk = SmallTalk.kind(of: tokens) { return Self.understanding(of: talk) }
        understanding.intent = Self.intent(of: text, tokens: tokens)
        // "which is cheaper, the first or the second?", "which holds more, #1 or #2?".
        if let comparison = ProductComparison.asked(in: tokens, attributeNames: vocabulary.attributeNames),
           tokens.contains("or") || tokens.contains("two") || tokens.contains("both")
            || tokens.count(where: { Self.ordinalWords[$0] != nil || $0.hasPrefix("#") || Self.writtenOrdinal($0) != nil }) >= 2 {
            understanding.intent = .compare
            understanding.comparison = comparison
            // "which of those two is cheaper?": "two" counts the products, it is no position.
            var kept: [String] = []
            for token in tokens {
                if token == "two", ["those", "these", "the", "them", "both"].contains(kept.last ?? "") { continue }
                kept.append(token)
            }
            tokens = kept
        } else if let (order, rest, position) = MeasureOrder.read(tokens, attributeNames: vocabulary.attributeNames) {
            // "the lightest tent", "which laptop has the most memory?": an order, not a
            // question about the attribute.
            understanding.measureOrder = order
            understanding.wantsOne = rest.contains("one") && !rest.contains("ones")
            understanding.namesTheFirst = position > 0 && tokens[position - 1] == "the" && !rest.contains("ones")
            tokens = rest
        }
        if understanding.intent == .unknown {
            let question = readQuestion(tokens)
            if let about = question.about { return about }
            understanding.question = question.asked
            // "what's the rating of the Hill's cat litter?": a search with the rating's words
            // consumed. (Other kinds' words may name products: "maker", "cheap".)
            var sorted = MessageUnderstanding(), sortWords = tokens
            Self.takeSort(&sortWords, into: &sorted)
            if question.asked == .rating, sorted.sort == .ratingDescending {
                // "what's your top rated cookbook": an order, not a question about a rating.
                understanding.question = nil
            } else if question.asked == .rating,
               let rest = ProductQuestion.asked(in: tokens, attributeNames: vocabulary.attributeNames)?.rest {
                tokens = rest
            }
        }
        switch understanding.intent {
        case .greeting, .thanks, .help, .reset, .checkout, .cartShow:
            return understanding
        default:
            break
        }
        understanding.clearsCart = understanding.intent == .cartRemove && Self.asksToEmptyCart(TokenPhrases(tokens))
        understanding.setsQuantity = understanding.intent == .cartAdd && Self.setsQuantity(TokenPhrases(tokens))
        Self.readFollowUpForm(tokens, into: &understanding)
        Self.takeNeed(&tokens, into: &understanding)
        Self.writeNumbersAsDigits(&tokens)
        Self.joinPeopleCounts(&tokens)
        Self.takePrices(&tokens, into: &understanding)
        Self.takeStockFilter(&tokens, into: &understanding)
        takeNegations(&tokens, into: &understanding)
        Self.takeSort(&tokens, into: &understanding)
        let beforeReferences = TokenPhrases(tokens)
        Self.takeReferences(&tokens, into: &understanding)
        // "add another one", "one more", "the same again": the product just added or talked about.
        if understanding.intent == .cartAdd, understanding.ordinals.isEmpty, !understanding.refersToFocus,
           ["another", "one more", "same again", "again"].contains(where: beforeReferences.has) {
            understanding.refersToFocus = true
        }
        takePhrases(&tokens, into: &understanding)
        Self.putHeadLast(&tokens, intent: understanding.intent)
        // A word said twice ("shoes and then shoes") names the product once; a negation word
        // left over ("not" alone, "except except") negated nothing and names no product.
        var seen: Set<String> = []
        understanding.productWords = tokens.filter {
            !Self.isGrammar($0, intent: understanding.intent) && !Self.negationWords.contains($0) && seen.insert($0).inserted
        }
        // "how many are there in total?" after a list: how many the list holds.
        if understanding.intent == .search || understanding.intent == .unknown || understanding.intent == .refine,
           said.has("how many"), understanding.category == nil, understanding.brand == nil,
           understanding.colors.isEmpty, understanding.productWords.allSatisfy({ ["total", "altogether", "overall", "all", "left"].contains($0) }) {
            understanding.productWords = []
            understanding.countsList = true
        }
        // "queen size", "size 10", "king-sized": the word "size" names the attribute the other
        // words give, and no product name holds it (catalogs put sizes in attributes), so it
        // would make "queen size" after bed sheets look like another product type.
        if understanding.productWords.count > 1 {
            understanding.productWords.removeAll { ["size", "sizes", "sized"].contains($0) }
        }
        // A message of only a category word ("books", "only electronics") asks for the category.
        if understanding.category == nil, understanding.productWords.count == 1,
           case let word = ChatVocabulary.phrase(understanding.productWords[0]),
           let category = vocabulary.categoryWords[word] ?? vocabulary.categoryWords[Self.singular(word)] {
            understanding.category = category
            understanding.productWords = []
        }
        if understanding.intent == .unknown {
            if !understanding.productWords.isEmpty {
                understanding.intent = text.contains(" what about ") || text.contains(" how about ") || text.hasPrefix(" and ")
                    ? (understanding.hasConstraints ? .refine : .search) : .search
            } else if understanding.hasConstraints {
                understanding.intent = .refine
            } else if text.contains(" how many ") {
                // "how many are there?", "how many do you have?" after a list: the same search
                // again, whose reply gives the count.
                understanding.intent = .refine
            } else if !understanding.ordinals.isEmpty || !understanding.unusablePositions.isEmpty {
                // A bare position ("#3", "the second one") points at a listed product.
                understanding.intent = .details
            }
        }
        return understanding
    }

    /// "for 2 people", "4 person": the catalog's "2-Person", one word, before a number could be
    /// read as a price or a position.
    static func joinPeopleCounts(_ tokens: inout [String]) {
        var joined: [String] = []
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            let next = index + 1 < tokens.count ? tokens[index + 1] : ""
            let count = numberWords[token] ?? (token.count <= 2 ? Int(token) : nil)
            if let count, (1...20).contains(count), ["people", "persons", "person"].contains(next) {
                joined.append("\(count)-person")
                index += 2
            } else {
                joined.append(token)
                index += 1
            }
        }
        tokens = joined
    }

    /// Words after which a noun phrase goes on describing its head: "a water bottle that keeps
    /// drinks cold", "chocolate with caramel", "shampoo for curly hair".
    static let clauseWords: Set<String> = ["that", "which", "with", "for", "featuring", "having"]

    /// Moves what a clause says about the product before the words naming it, so that the
    /// kind is the last product word as in a plain noun phrase ("drinks cold water bottle";
    /// `ConversationState.Plan.kindWord`). Search reads the words in any order.
    static func putHeadLast(_ tokens: inout [String], intent: MessageUnderstanding.Intent) {
        func isContent(_ token: String) -> Bool { !isGrammar(token, intent: intent) && !negationWords.contains(token) && !clauseWords.contains(token) }
        guard let cut = tokens.firstIndex(where: clauseWords.contains), tokens[..<cut].contains(where: isContent),
              tokens[(cut + 1)...].contains(where: isContent) else { return }
        tokens = Array(tokens[(cut + 1)...]) + Array(tokens[..<cut])
    }

    /// "in stock", "in-stock", "available now", "not sold out": a filter, its words consumed.
    static func takeStockFilter(_ tokens: inout [String], into understanding: inout MessageUnderstanding) {
        let phrases: [[String]] = [["in", "stock"], ["in-stock"], ["available", "now"], ["not", "sold", "out"], ["not", "out", "of", "stock"],
                                   ["available", "today"], ["ready", "to", "ship"]]
        for phrase in phrases {
            var start = 0
            while start + phrase.count <= tokens.count {
                if Array(tokens[start..<(start + phrase.count)]) == phrase {
                    understanding.inStockOnly = true
                    tokens.removeSubrange(start..<(start + phrase.count))
                } else {
                    start += 1
                }
            }
        }
    }

    // MARK: - Words

    /// Words that carry the request's grammar, not the product: dropped from product words.
    /// Conversational filler lives here and only here: the shared `StopWords` list holds
    /// function words alone, since it shapes ranking for every client of the search API.
    static let fillerWords: Set<String> = [
        "a", "an", "the", "i", "i'm", "im", "me", "my", "we", "you", "your", "it", "its", "this", "that", "these", "those",
        "them", "they", "one", "ones", "some", "any", "anything", "something", "please", "pls", "can", "could", "would",
        "will", "should", "do", "does", "did", "have", "has", "got", "get", "show", "see", "find", "search", "look",
        "looking", "want", "wanna", "need", "like", "give", "let", "let's", "lets", "to", "for", "of", "in", "on", "with",
        "and", "or", "but", "only", "just", "also", "else", "other", "others", "more", "some", "what", "which", "how",
        "is", "are", "there", "here", "now", "again", "instead", "then", "so", "ok", "okay", "yes", "yeah", "sure",
        "great", "cool", "nice", "hmm", "um", "about", "tell", "much", "product", "products", "item", "items", "stuff", "thing",
        "things", "options", "option", "please", "maybe", "all", "both", "each", "same", "kind", "kinds", "type",
        "types", "color", "colour", "colors", "colours", "brand", "brands", "category", "price", "prices", "priced",
        "cost", "costs", "costing", "dollars", "dollar", "usd", "bucks", "by", "from", "at", "as", "be", "sorted",
        "sort", "order", "ordered", "first", "something", "recommend", "recommendation", "recommendations",
        "suggest", "suggestions", "available", "buy", "shop", "shopping", "need", "am", "was", "were", "if", "than",
        "actually", "perhaps", "really", "rather", "those", "ones", "i'd", "id",
        // A budget's words: "can't spend more than 600", "I can afford 50".
        "spend", "spending", "afford", "can't", "cant", "cannot", "budget",
        "that's", "thats", "it's", "which's",
        // "what do you have in the way of backpacks?", "how many different sunscreens"
        "way", "different", "various",
    ]

    /// Words that name the action of an intent ("add ... to my cart", "compare"). Left among
    /// the product words, they would make "the Sony" lookups look for "add" and "cart" in names.
    /// Per intent, since "bag" or "drop" can name a product in a search.
    static let commandWords: [MessageUnderstanding.Intent: Set<String>] = {
        let cart: Set<String> = ["add", "put", "throw", "cart", "basket", "bag", "into", "i'll", "ill", "take", "buy", "order"]
        return [
            .cartAdd: cart,
            .cartRemove: cart.union(["remove", "delete", "drop", "out", "rid", "off", "pull"]),
            .compare: ["compare", "comparison", "difference", "differences", "between", "better", "versus", "vs"],
            .details: ["details", "detail", "describe", "info", "information", "specs"],
        ]
    }()

    // MARK: - Intent

    /// "make it 3", "change that to 2", "set the quantity to 4".
    static func setsQuantity(_ words: TokenPhrases) -> Bool {
        ["make it", "make that", "make them", "change it to", "change that to", "change the quantity to", "set it to",
         "set the quantity to", "set quantity to", "update it to", "update the quantity to"].contains { words.has($0) }
    }

    static func intent(of text: String, tokens: [String]) -> MessageUnderstanding.Intent {
        let words = TokenPhrases(tokens)
        func has(_ phrases: String...) -> Bool { phrases.contains { words.has($0) } }
        let greetings: Set<String> = ["hi", "hello", "hey", "hiya", "howdy", "yo", "greetings", "good", "morning", "afternoon", "evening", "there"]
        if !tokens.isEmpty, tokens.allSatisfy({ greetings.contains($0) }) { return .greeting }
        let thanks: Set<String> = ["thanks", "thank", "you", "thx", "ty", "cheers", "great", "perfect", "awesome", "much", "so", "a", "lot", "ok", "okay"]
        if !tokens.isEmpty, tokens.contains(where: { ["thanks", "thank", "thx", "ty", "cheers"].contains($0) }), tokens.allSatisfy({ thanks.contains($0) }) {
            return .thanks
        }
        if has("help", "what can you do", "how does this work", "how do you work", "what do you do") && tokens.count <= 6 { return .help }
        if has("reset", "start over", "start again", "clear the chat", "clear chat", "clear the conversation", "new conversation", "forget it", "never mind", "nevermind") {
            return .reset
        }
        // "what's my total?": the cart's total.
        if has("my total", "cart total", "order total", "how much do i owe", "what do i owe", "total so far") { return .cartShow }
        if has("checkout", "check out", "place my order", "place the order", "place order", "pay now", "complete my order", "complete the order") { return .checkout }
        let mentionsCart = has("cart", "basket", "bag")
        if asksToEmptyCart(words) { return .cartRemove }
        // A position of any spelling ("#2", "the 0th", "2") says what to remove, as "it" does.
        let namesPosition = tokens.contains { $0.hasPrefix("#") || ordinalWords[$0] != nil || writtenOrdinal($0) != nil || writtenCount(Substring($0)) != nil }
        if has("remove", "delete", "take out", "drop") && (mentionsCart || namesPosition || has("it", "that", "them")) { return .cartRemove }
        // "take the third one out", "take it out".
        if tokens.first == "take", tokens.contains("out"), namesPosition || has("it", "that", "them") { return .cartRemove }
        // "and 1 of the second", "also two of the fourth": how many of which, said after an
        // addition; a question never takes a quantity.
        if ["and", "also", "plus"].contains(tokens.first ?? ""),
           zip(tokens, tokens.dropFirst()).contains(where: { (writtenCount(Substring($0.0)) != nil || $0.0 == "one") && $0.1 == "of" }),
           tokens.contains(where: { $0.hasPrefix("#") || ordinalWords[$0] != nil || writtenOrdinal($0) != nil }) {
            return .cartAdd
        }
        // "remove the coffee maker": in a shop's chat, a message opening so speaks of the cart.
        if ["remove", "delete"].contains(tokens.first ?? "") { return .cartRemove }
        // "take the stapler out of my cart", "get rid of the pens in my basket".
        if mentionsCart, has("take", "get rid of", "pull"), has("out of", "out", "off", "from", "rid of") { return .cartRemove }
        if mentionsCart, !has("add", "put", "throw") {
            if has("show", "view", "see", "what's in", "whats in", "what is in", "my cart", "open", "check", "cart") { return .cartShow }
        }
        if setsQuantity(words), tokens.contains(where: { writtenCount(Substring($0)) != nil }) { return .cartAdd }
        if has("add", "put", "throw", "i'll take", "ill take", "i will take", "i'll buy", "ill buy", "buy it", "buy this", "buy that", "buy the", "get it", "order it") {
            return .cartAdd
        }
        if has("compare", "comparison", "difference between", "differences between", "which is better", "which one is better", "versus", "vs") { return .compare }
        if has("tell me about", "tell me more", "more about", "details", "detail", "describe", "info on", "info about", "information about",
               "specs", "more info", "what about the first", "what about the second", "what about the third", "what about the last") {
            return .details
        }
        if has("keep going", "go on", "continue", "what else", "more results", "see more", "next ones", "next five") && tokens.count <= 5 { return .more }
        let moreOnly: Set<String> = ["show", "me", "more", "next", "page", "results", "please", "other", "options", "some", "any", "else", "anything", "else?", "different", "ones", "see"]
        if !tokens.isEmpty, tokens.contains(where: { ["more", "next"].contains($0) }), tokens.allSatisfy({ moreOnly.contains($0) }) { return .more }
        return .unknown
    }

    // MARK: - Entities

    /// Sort wishes and relative prices: "cheapest first", "best rated", "cheaper ones".
    static func takeSort(_ tokens: inout [String], into understanding: inout MessageUnderstanding) {
        let words = TokenPhrases(tokens)
        func has(_ phrase: String) -> Bool { words.has(phrase) }
        var consumed: Set<String> = []
        let descending = has("most expensive") || has("highest price") || has("high to low") || has("priciest") || has("price descending")
            || has("highest first") || has("highest to lowest") || has("expensive first") || has("price high")
            // "the more expensive one" of those shown: the first of that order.
            || has("more expensive one") || has("pricier one") || has("dearer one")
        if !descending, has("cheapest") || has("lowest price") || has("cheaper one") || has("less expensive one") || has("low to high") || has("least expensive") || has("price ascending")
            || has("by price") || has("lowest first") || has("cheapest first") || has("lowest priced") || has("lowest-priced")
            || has("most affordable") || has("least pricey") || has("lowest cost") {
            understanding.sort = .priceAscending
            consumed.formUnion(["cheapest", "cheaper", "less", "lowest", "low", "high", "least", "expensive", "ascending", "sort", "sorted", "by", "priced",
                                "lowest-priced", "most", "affordable", "pricey", "cost"])
        } else if descending {
            understanding.sort = .priceDescending
            consumed.formUnion(["most", "more", "expensive", "highest", "high", "low", "lowest", "to", "first", "priciest", "pricier", "dearer",
                                "descending", "sort", "sorted", "by", "price"])
        } else if has("best rated") || has("top rated") || has("highest rated") || has("best reviewed") || has("best reviews")
                    || has("by rating") || has("top-rated") || has("best-rated") || has("best") || has("highest rating") || has("by reviews") {
            understanding.sort = .ratingDescending
            consumed.formUnion(["best", "top", "highest", "rated", "reviewed", "reviews", "rating", "top-rated", "best-rated", "sort", "sorted", "by"])
        }
        // "the cheapest one", "the best rated one": the first of that order, alone.
        if understanding.sort != nil, has("one"), !has("ones") { understanding.wantsOne = true }
        // "the cheapest yoga mat", "the best rated coffee maker": one product is asked for.
        if understanding.sort != nil, !has("ones"),
           ["the cheapest", "the most expensive", "the priciest", "the least expensive", "the best", "the top rated", "the highest rated",
            "the top-rated", "the best-rated"].contains(where: has) {
            understanding.namesTheFirst = true
        }
        if understanding.wantsOne, understanding.sort != nil {
            // "the cheaper one": said of one product, it picks from the list; no relative price.
        } else if has("cheaper") || has("less expensive") || has("lower priced") {
            understanding.relativePrice = .cheaper
            consumed.formUnion(["cheaper", "less", "expensive", "lower", "priced"])
        } else if has("more expensive") || has("pricier") || has("fancier") || has("higher end") {
            understanding.relativePrice = .pricier
            consumed.formUnion(["more", "expensive", "pricier", "fancier", "higher", "end"])
        } else if understanding.sort == nil, has("cheap") || has("budget") || has("affordable") || has("inexpensive") || has("low cost")
                    || has("low-cost") || has("economical") || has("bargain") || has("break the bank") {
            understanding.sort = .priceAscending
            consumed.formUnion(["cheap", "budget", "affordable", "inexpensive", "low", "cost", "low-cost", "economical", "bargain",
                                "won't", "wont", "doesn't", "break", "bank"])
        } else if understanding.sort == nil, has("premium") || has("luxury") || has("high-end") || has("expensive") {
            understanding.sort = .priceDescending
            consumed.formUnion(["premium", "luxury", "high-end", "expensive"])
        }
        // "cheapest first", "best rated first": that "first" belongs to the sort, not a position.
        var kept: [String] = []
        for (position, token) in tokens.enumerated() where !consumed.contains(token) {
            let followsSortWord = position > 0 && consumed.contains(tokens[position - 1])
            if token == "first", understanding.sort != nil, followsSortWord { continue }
            kept.append(token)
        }
        tokens = kept
    }

    /// Brands, colours and categories, longest phrase first so "rose gold" wins over "gold".
    /// Tokens are compared by their words (`ChatVocabulary.phrase`), as the vocabulary keys
    /// names: the token "audio-technica" is the brand "Audio-Technica".
    func takePhrases(_ tokens: inout [String], into understanding: inout MessageUnderstanding) {
        let keys = tokens.map(ChatVocabulary.phrase)
        var index = 0
        var kept: [String] = []
        while index < tokens.count {
            var matched = false
            for length in stride(from: min(vocabulary.longestPhraseWords, tokens.count - index), through: 1, by: -1) {
                let phrase = keys[index..<(index + length)].joined(separator: " ")
                if understanding.brand == nil, let brand = vocabulary.brands[phrase] {
                    understanding.brand = brand
                } else if let color = vocabulary.colors[phrase] {
                    if !understanding.colors.contains(color) { understanding.colors.append(color) }
                } else if understanding.category == nil, let category = vocabulary.categories[phrase], length > 1 || tokens.count == 1 {
                    understanding.category = category
                } else {
                    continue
                }
                index += length
                matched = true
                break
            }
            if !matched {
                kept.append(tokens[index])
                index += 1
            }
        }
        tokens = kept
    }

    /// "empty my cart", "clear the basket", "remove everything", "delete all items": every
    /// line of the cart, not one of them.
    static func asksToEmptyCart(_ words: TokenPhrases) -> Bool {
        let mentionsCart = ["cart", "basket", "bag"].contains { words.has($0) }
        let everything = ["everything", "all"].contains { words.has($0) }
        let removes = ["remove", "delete", "clear", "empty", "drop", "wipe", "erase"].contains { words.has($0) }
        return removes && (everything || (mentionsCart && ["empty", "clear", "wipe", "erase"].contains { words.has($0) }))
            && !words.has("add") && !words.has("put")
    }

    /// "books" -> "book", "shoes" -> "shoe": enough to find a category word.
    static func singular(_ word: String) -> String {
        word.hasSuffix("s") && word.count > 3 ? String(word.dropLast()) : word + "s"
    }
}

/// Whole-word phrase lookup in a message's tokens: a set for single words, a window scan for
/// phrases. (Substring search over the joined text cost a chat message some 100 µs.)
struct TokenPhrases {
    let tokens: [String]
    let words: Set<String>

    init(_ tokens: [String]) {
        self.tokens = tokens
        words = Set(tokens)
    }

    func has(_ phrase: String) -> Bool {
        guard phrase.contains(" ") else { return words.contains(phrase) }
        let parts = phrase.split(separator: " ").map(String.init)
        guard let first = parts.first, words.contains(first), parts.count <= tokens.count else { return false }
        for start in 0...(tokens.count - parts.count) where tokens[start] == first {
            if tokens[start..<(start + parts.count)].elementsEqual(parts) { return true }
        }
        return false
    }
}
