import Foundation

/// Negation: "not black", "no leather", "except Nike", "without a hood", "anything but red",
/// "other than Bose", "I don't want black", "shoes except sandals". What follows a negation
/// word is left out of the search (`MessageUnderstanding.excludedBrands`, `excludedCategories`,
/// `excludedPhrases`), never searched for: "not black" once listed black things under the
/// heading "black not" (issue 14).
///
/// The negation words are English grammar, listed here; what they negate is read with the
/// catalog's own vocabulary (brands, colours, categories) or, failing that, taken as a word
/// products must not have. "not too expensive" is a price wish, not an exclusion: it sorts
/// cheapest first.
extension MessageParser {
    /// Words that start a negation, alone.
    static let negationWords: Set<String> = [
        "not", "no", "without", "except", "excluding", "exclude", "minus", "non", "nothing", "none", "never", "avoid",
        "aren't", "arent", "isn't", "isnt", "don't", "dont", "doesn't", "doesnt", "nor", "w/o", "skip", "ignore", "hide",
    ]

    /// Two-word openers whose words mean no negation alone ("anything but", "other than").
    static let negationPairs: Set<String> = [
        "anything but", "everything but", "but not", "other than", "apart from", "rather than", "except for", "anything except",
        "leave out", "leaving out", "rule out", "filter out", "take away",
    ]

    /// Words between a negation and what it negates: "no black ones", "not in red", "don't
    /// want any leather", "not made of leather", "not from Nike".
    static let negationGlue: Set<String> = [
        "a", "an", "the", "any", "in", "made", "of", "from", "by", "want", "like", "with", "need", "do", "does", "is", "are",
        "be", "wanna", "really", "ones", "one", "brand", "color", "colour", "i", "we", "have", "show", "see", "all",
        // "not for curly hair": what it is for.
        "for",
    ]

    /// Words after "no"/"not" that make it conversation, not a filter: "no thanks", "not sure",
    /// "no problem", "not now", "no more", "no one".
    static let conversationalAfterNegation: Set<String> = [
        "thanks", "thank", "thx", "problem", "problems", "worries", "worry", "idea", "way", "sure", "matter", "now", "yet",
        "more", "less", "longer", "rush", "hurry", "one", "really", "bad", "good", "great", "that", "this", "it", "them",
        "those", "these", "so", "quite", "exactly", "right", "okay", "ok", "please",
    ]

    /// Price words that "not (too) ..." turns into a wish for cheap ones.
    static let expensiveWords: Set<String> = ["expensive", "pricey", "pricy", "costly", "overpriced", "dear", "spendy"]

    /// Reads every negation of the message into `understanding` and removes its words, so
    /// that neither the negation word nor what it negates is searched for.
    func takeNegations(_ tokens: inout [String], into understanding: inout MessageUnderstanding) {
        var kept: [String] = []
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            let pair = index + 1 < tokens.count ? token + " " + tokens[index + 1] : ""
            let openerLength = Self.negationPairs.contains(pair) ? 2 : Self.negationWords.contains(token) ? 1 : 0
            // "non-leather": one token, the negated word after the prefix.
            if openerLength == 0, token.hasPrefix("non-"), case let word = String(token.dropFirst(4)), word.contains(where: \.isLetter),
               !ChatVocabulary.isGrammar(word) {
                if !understanding.excludedPhrases.contains(word) { understanding.excludedPhrases.append(word) }
                index += 1
                continue
            }
            guard openerLength > 0 else {
                kept.append(token)
                index += 1
                continue
            }
            var position = index + openerLength
            // "not too expensive", "not very pricey", "aren't expensive": cheapest first.
            var look = position
            while look < tokens.count, ["too", "very", "so", "that", "overly", "super", "crazy", "all", "be", "is"].contains(tokens[look]) { look += 1 }
            if look < tokens.count, Self.expensiveWords.contains(tokens[look]) {
                if understanding.sort == nil { understanding.sort = .priceAscending }
                index = look + 1
                continue
            }
            // "doesn't break the bank": the same wish, said as an idiom.
            if look + 2 < tokens.count, tokens[look] == "break", tokens[look + 2] == "bank" {
                if understanding.sort == nil { understanding.sort = .priceAscending }
                index = look + 3
                continue
            }
            while position < tokens.count, Self.negationGlue.contains(tokens[position]) { position += 1 }
            // "no thanks", "no problem": conversation, neither a filter nor product words.
            if ["no", "not", "nope"].contains(token), openerLength == 1, index + 1 < tokens.count,
               ["thanks", "thank", "thx", "problem", "worries", "need"].contains(tokens[index + 1]) {
                index += 2
                continue
            }
            guard position < tokens.count, !Self.conversationalAfterNegation.contains(tokens[position]),
                  Self.writtenCount(Substring(tokens[position])) == nil, !tokens[position].hasPrefix("$"), !tokens[position].hasPrefix("#") else {
                kept.append(token)
                index += 1
                continue
            }
            // One or more negated items: "not cream or red", "not black, silver or platinum".
            var negatedAny = false
            while position < tokens.count {
                while position < tokens.count, ["or", "nor", "and", "no", "not"].contains(tokens[position]) || Self.negationGlue.contains(tokens[position]) {
                    position += 1
                }
                guard position < tokens.count, let length = negate(tokens, at: position, into: &understanding, vocabularyOnly: negatedAny) else { break }
                negatedAny = true
                position += length
            }
            if negatedAny {
                index = position
            } else {
                kept.append(token)
                index += 1
            }
        }
        tokens = kept
    }

    /// Reads the negated item at `position` (a brand, colour or category phrase of the
    /// catalog, longest first, else one word) into `understanding`; its length in tokens, or
    /// nil when nothing there can be negated. After a first item only catalog phrases
    /// continue a list ("not black, silver or platinum"), so "not black sneakers" leaves
    /// "sneakers" as the product.
    private func negate(_ tokens: [String], at position: Int, into understanding: inout MessageUnderstanding,
                        vocabularyOnly: Bool) -> Int? {
        let keys = tokens.map(ChatVocabulary.phrase)
        for length in stride(from: min(vocabulary.longestPhraseWords, tokens.count - position), through: 1, by: -1) {
            let phrase = keys[position..<(position + length)].joined(separator: " ")
            if let brand = vocabulary.brands[phrase] {
                if !understanding.excludedBrands.contains(brand) { understanding.excludedBrands.append(brand) }
                return length
            }
            if let color = vocabulary.colors[phrase] {
                if !understanding.excludedPhrases.contains(color) { understanding.excludedPhrases.append(color) }
                return length
            }
            if let category = vocabulary.categories[phrase] ?? (length == 1 ? vocabulary.categoryWords[phrase] : nil) {
                if !understanding.excludedCategories.contains(category) { understanding.excludedCategories.append(category) }
                return length
            }
        }
        guard !vocabularyOnly else { return nil }
        let word = tokens[position]
        guard !ChatVocabulary.isGrammar(word), !Self.conversationalAfterNegation.contains(word), word.contains(where: \.isLetter) else { return nil }
        // "except except", "not not black": a negation word stuttered negates nothing itself;
        // it is consumed, and what follows it is read as the negated thing.
        if Self.negationWords.contains(word) { return 1 }
        // "not flip flops": the words after it up to a boundary are one thing (at most three,
        // none of them grammar, a number or the catalog's vocabulary), left out whole and in
        // its one-word spelling too ("Flip-Flop" is indexed as "flipflop").
        var end = position + 1
        while end < tokens.count, end - position < 3, isPlainWord(tokens[end], key: keys[end]) { end += 1 }
        let phrase = tokens[position..<end].joined(separator: " ")
        var phrases = [phrase]
        if end - position > 1 { phrases.append(tokens[position..<end].joined()) }
        for phrase in phrases where !understanding.excludedPhrases.contains(phrase) { understanding.excludedPhrases.append(phrase) }
        return end - position
    }

    /// A word that may continue a negated phrase: letters only, not grammar, a negation or
    /// price word, nor a brand, colour or category of the catalog.
    private func isPlainWord(_ word: String, key: String) -> Bool {
        word.allSatisfy(\.isLetter) && !ChatVocabulary.isGrammar(word) && !Self.negationWords.contains(word)
            && !Self.conversationalAfterNegation.contains(word) && !Self.negationGlue.contains(word)
            && !["or", "nor", "and", "but", "under", "over", "below", "above", "between", "less", "cheaper", "than", "please"].contains(word)
            && vocabulary.brands[key] == nil && vocabulary.colors[key] == nil && vocabulary.categories[key] == nil
            && vocabulary.categoryWords[key] == nil
    }
}
