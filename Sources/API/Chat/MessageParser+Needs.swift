/// Needs, gifts and occasions: "a cheap gift for my dog", "something for my kitchen", "a
/// present for a 10-year-old", "what can I get my dad who loves coffee".
///
/// Reads the English around the need (occasion words, recipients, ages, "someone who likes")
/// into a `ShopperNeed` and consumes those words, so that what is left names what the
/// recipient likes ("dog", "kitchen", "coffee"). Which categories those words point at is the
/// catalog's to say (`SearchIndex.categoryDistribution(for:)`, asked by `ChatTurn.answerNeed`).
extension MessageParser {
    /// Phrases that make a message a need even without an occasion word.
    static let needPhrases = [
        "for my", "for someone", "for somebody", "someone who", "somebody who", "something for", "anything for",
        "stuff for", "things for", "what can i get", "what should i get", "what to get", "what do i get", "what could i get",
        "what should i buy", "what can i buy", "what to buy", "what would a", "what would my",
        "what should i bring", "what should i take", "what do i need", "what to bring", "what to take", "what will i need",
        "any ideas", "any suggestions", "what do you suggest", "what would you suggest", "what do you recommend",
        "any recommendations", "recommendations",
    ]

    /// Runs before prices are read, so that "a 10-year-old" or "who is 12" is an age and not a
    /// budget or a product word. Leaves a message without need wording untouched.
    static func takeNeed(_ tokens: inout [String], into understanding: inout MessageUnderstanding) {
        guard [.unknown, .search].contains(understanding.intent) else { return }
        let words = TokenPhrases(tokens)
        var need = ShopperNeed()
        var consumed = Set<Int>()
        for (position, token) in tokens.enumerated() {
            if NeedWords.occasions.contains(token) {
                need.isGift = true
                consumed.insert(position)
            }
        }
        let ages = takeAges(tokens, consumed: &consumed)
        var recipientAges: ClosedRange<Int>?
        // "children's books", "kids books", "baby toys": a child named before what is for them.
        var namesChildsThing = false
        for (position, token) in tokens.enumerated() {
            let base = token.hasSuffix("'s") ? String(token.dropLast(2)) : token.hasSuffix("'") ? String(token.dropLast()) : token
            guard let recipient = NeedWords.recipients[token] ?? NeedWords.recipients[base] else { continue }
            if recipient.ages != nil, (recipient.ages?.upperBound ?? 99) <= 12, position + 1 < tokens.count,
               token != base || !fillerWords.contains(tokens[position + 1]) && NeedWords.recipients[tokens[position + 1]] == nil {
                namesChildsThing = true
            }
            consumed.insert(position)
            need.recipientWords.append(token)
            // "a teenage girl": the narrower span says more.
            if let range = recipient.ages, recipientAges.map({ range.count < $0.count }) ?? true { recipientAges = range }
            if let gender = recipient.gender { need.gender = gender }
        }
        let isNeed = need.isGift || ages != nil || !need.recipientWords.isEmpty && (words.has("for") || words.has("get") || words.has("buy") || namesChildsThing)
            || needPhrases.contains { words.has($0) }
        guard isNeed else { return }
        // A said age wins over the span a recipient word implies ("my 8 year old son").
        if let range = ages ?? recipientAges {
            need.minimumAge = range.lowerBound
            need.maximumAge = range.upperBound
        }
        for (position, token) in tokens.enumerated() where NeedWords.liking.contains(token) {
            // "a fan for my office" asks for a fan; "a yoga fan" is a person.
            let previous = position > 0 ? tokens[position - 1] : ""
            if ["fan", "fans", "lover", "lovers", "owner", "owners", "person", "people"].contains(token),
               previous.isEmpty || fillerWords.contains(previous) {
                continue
            }
            consumed.insert(position)
        }
        // "something for my cat to climb on": no thing is named, so no word is one the shop lacks.
        understanding.namesNoThing = ["something", "anything", "stuff", "things", "ideas", "recommendations", "suggestions"].contains(where: words.has)
        tokens = tokens.enumerated().filter { !consumed.contains($0.offset) }.map(\.element)
        understanding.need = need
        if understanding.intent == .unknown { understanding.intent = .search }
    }

    /// The age the message says, in years, consuming its words: "10-year-old", "10 year old",
    /// "8 years", "6 month old", "aged 7", "who is 12", "turning 5", "9yo". Nil when none (or
    /// past `ShopperNeed.maximumAge`).
    static func takeAges(_ tokens: [String], consumed: inout Set<Int>) -> ClosedRange<Int>? {
        func years(_ text: Substring) -> Int? {
            if let word = numberWords[String(text)], word <= ShopperNeed.maximumAge { return word }
            guard !text.isEmpty, text.count <= 3, text.allSatisfy(\.isASCII), let value = Int(text), value <= ShopperNeed.maximumAge else { return nil }
            return value
        }
        let yearWords: Set<Substring> = ["year", "years", "yr", "yrs", "yo"]
        let monthWords: Set<Substring> = ["month", "months", "mo"]
        for (position, token) in tokens.enumerated() {
            // One token: "10-year-old", "ten-years-old", "18-month-old", "9yo".
            let parts = token.split(separator: "-")
            if parts.count >= 2, let value = years(parts[0]), yearWords.contains(parts[1]) || monthWords.contains(parts[1]) {
                consumed.insert(position)
                return monthWords.contains(parts[1]) ? 0...0 : value...value
            }
            if token.hasSuffix("yo"), let value = years(token.dropLast(2)) {
                consumed.insert(position)
                return value...value
            }
            let next = position + 1 < tokens.count ? Substring(tokens[position + 1]) : ""
            // Three tokens: "10 year old", "6 months old" ("3 years warranty" is no age).
            if let value = years(Substring(token)), yearWords.contains(next) || monthWords.contains(next),
               position + 2 < tokens.count, tokens[position + 2] == "old" {
                consumed.formUnion([position, position + 1, position + 2])
                return monthWords.contains(next) ? 0...0 : value...value
            }
            // "aged 7", "who is 12", "turning 5", "she's 9".
            if ["aged", "age", "ages", "turning", "turns", "is", "he's", "she's", "who's"].contains(token), let value = years(next),
               token != "is" || position > 0 && (["who", "he", "she"].contains(tokens[position - 1]) || NeedWords.recipients[tokens[position - 1]] != nil) {
                consumed.formUnion([position, position + 1])
                return value...value
            }
        }
        return nil
    }
}
