import Foundation

/// Questions about products already shown ("how much is the first one?", "is it in stock?")
/// and small talk, read before the message is taken for a search.
extension MessageParser {
    /// What a message with a product question (`ProductQuestion`) asks. `about` is set when
    /// the question is about a product already shown: it names a position, "it", "that one",
    /// a listed brand, or nothing else at all ("how much?"); its intent is `.details`.
    /// Otherwise the question is a search with a question's words ("how much are the
    /// headphones", "what's the cheapest tablet"): `about` is nil, and `asked` says what the
    /// search should answer.
    func readQuestion(_ tokens: [String]) -> (about: MessageUnderstanding?, asked: ProductQuestion?) {
        guard let (question, rest) = ProductQuestion.asked(in: tokens, attributeNames: vocabulary.attributeNames) else {
            return (nil, nil)
        }
        // "any sunscreen with SPF 50?": an attribute with its value says what to look for; it
        // asks no question about a product shown.
        if case .attribute = question,
           zip(tokens, tokens.dropFirst()).contains(where: { vocabulary.attributeNames.contains($0.0) && Self.writtenCount(Substring($0.1)) != nil }) {
            return (nil, nil)
        }
        // "sort by price", "order them by rating": a sort verb makes the question's word part
        // of a sort, which reorders the list rather than asking about one product ("how
        // expensive is it" has no sort verb and stays a question).
        if tokens.contains(where: Self.sortVerbs.contains) {
            var probe = MessageUnderstanding(), wholeMessage = tokens
            Self.takeSort(&wholeMessage, into: &probe)
            if probe.sort != nil { return (nil, nil) }
        }
        var understanding = MessageUnderstanding()
        understanding.intent = .details
        understanding.asksHowMany = TokenPhrases(tokens).has("how many")
        var words = rest
        Self.takePrices(&words, into: &understanding)
        Self.takeSort(&words, into: &understanding)
        Self.takeReferences(&words, into: &understanding)
        takePhrases(&words, into: &understanding)
        // "is it available in red?" asks which colours it comes in.
        understanding.question = question == .stock && !understanding.colors.isEmpty ? .colors : question
        understanding.productWords = words.filter { !Self.isGrammar($0, intent: .details) }
        // "how big is the bottle?", "how heavy is the bag?": a measure of "the" one thing, in
        // the singular, asks about the product in view (its bottle, its bag), not for bottles.
        if understanding.productWords.count == 1, understanding.brand == nil, case let word = understanding.productWords[0],
           !word.hasSuffix("s"), question.isMeasure,
           zip(tokens, tokens.dropFirst()).contains(where: { ["is", "'s"].contains($0.0) && ["the", "this", "that"].contains($0.1) }),
           tokens.last == word || tokens.dropLast().last == word {
            understanding.productWords = []
            understanding.refersToFocus = true
        }
        let pointsAtListed = !understanding.ordinals.isEmpty || !understanding.unusablePositions.isEmpty || understanding.refersToFocus
            || understanding.refersToList && understanding.productWords.isEmpty
            || understanding.brand != nil && understanding.productWords.isEmpty
            // "is the cheapest one in stock?": the listed product first in that order.
            // ("sort by price, high to low" names no product: it sorts the list.)
            || understanding.sort != nil && understanding.productWords.isEmpty && understanding.category == nil && tokens.contains("one")
        let namesNothing = understanding.productWords.isEmpty && understanding.category == nil && understanding.brand == nil
            && understanding.colors.isEmpty && understanding.sort == nil && understanding.minPrice == nil && understanding.maxPrice == nil
        return pointsAtListed || namesNothing ? (understanding, understanding.question) : (nil, question)
    }

    /// Verbs that ask for the list in another order.
    static let sortVerbs: Set<String> = ["sort", "sorted", "order", "ordered", "rank", "ranked", "arrange", "reorder"]

    /// A word that carries the message's grammar, not the product: the parser's filler, a
    /// question word, or a command word of `intent`.
    static func isGrammar(_ word: String, intent: MessageUnderstanding.Intent) -> Bool {
        word.isEmpty || fillerWords.contains(word) || ProductQuestion.questionWords.contains(word)
            || commandWords[intent]?.contains(word) == true
    }

    /// The understanding of a small-talk message: "how are you?" is a greeting, "great,
    /// thanks!" a thank-you, the rest small talk.
    static func understanding(of talk: SmallTalk) -> MessageUnderstanding {
        var understanding = MessageUnderstanding()
        understanding.intent = switch talk {
        case .wellbeing: .greeting
        case .thanks: .thanks
        default: .smallTalk
        }
        understanding.smallTalk = talk
        return understanding
    }
}
