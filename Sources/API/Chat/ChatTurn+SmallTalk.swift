import Foundation
import Query
import Search

/// Replies to small talk (`SmallTalk`): a fitting sentence and the way back to shopping,
/// never a search. "yes" and "no" answer what the last answer asked (`ConversationState.Asked`).
extension ChatTurn {
    mutating func smallTalk(_ talk: SmallTalk, _ understanding: MessageUnderstanding) throws(ChatFailure) -> ChatAnswer {
        let asked = lastAsked
        let listedSuggestions = state.listed.isEmpty ? starterSuggestions() : ["tell me about the first one", "show me more", "show my cart"]
        switch talk {
        case .wellbeing:
            return reply("I'm doing well, thanks for asking! What can I find for you today?", intent: understanding.intent,
                         suggestions: starterSuggestions())
        case .thanks:
            state.asked = ConversationState.Asked()
            return reply("You're welcome! Anything else I can find for you?", intent: understanding.intent,
                         suggestions: state.listed.isEmpty ? starterSuggestions() : ["show me more", "show my cart"])
        case .identity:
            return reply("I'm the shop's assistant: I search the catalog, answer questions about products (price, stock, colours, ratings) and fill your cart. What are you looking for?",
                         intent: .smallTalk, suggestions: starterSuggestions())
        case .farewell:
            return reply("Goodbye, and thanks for visiting! Your cart stays as it is for when you come back.", intent: .smallTalk,
                         suggestions: ["show my cart"])
        case .hesitation:
            // What was asked stays asked: a yes after thinking still answers it.
            state.asked = asked
            return reply(state.listed.isEmpty ? "Take your time. Tell me what you're looking for whenever you're ready."
                                              : "Take your time. I can narrow these down, compare two of them, or look for something else.",
                         intent: .smallTalk, suggestions: listedSuggestions)
        case .compliment:
            state.asked = asked
            return reply("Thank you, glad I could help! What else can I find for you?", intent: .smallTalk, suggestions: listedSuggestions)
        case .laughter:
            state.asked = asked
            return reply("Glad you're enjoying it! What can I find for you?", intent: .smallTalk,
                         suggestions: listedSuggestions)
        case .acknowledgement, .yes:
            if let asked, !asked.offeredProducts.isEmpty || asked.offer != nil {
                return try accept(asked)
            }
            if let asked, asked.whichProduct {
                state.asked = asked
                let range = state.listed.count > 1 ? " Say \"the first one\" or a number from #1 to #\(state.listed.count)." : ""
                return reply("Which one do you mean?\(range)", intent: .smallTalk, suggestions: listedSuggestions)
            }
            // A yes to "anything else I can find for you?".
            if talk == .yes, let asked, asked.question == nil {
                return reply("Great! What are you looking for?", intent: .smallTalk, suggestions: starterSuggestions())
            }
            return reply(state.listed.isEmpty ? "OK. What are you looking for?"
                                              : "OK. Ask me about one of these, narrow them down, or look for something else.",
                         intent: .smallTalk, suggestions: listedSuggestions)
        case .no:
            return reply(asked == nil ? "OK. What else can I find for you?" : "No problem. Anything else I can help with?",
                         intent: .smallTalk, suggestions: listedSuggestions)
        }
    }

    /// Does what the last answer offered: shows the products it named, or acts on the message
    /// it suggested ("show me tent").
    private mutating func accept(_ asked: ConversationState.Asked) throws(ChatFailure) -> ChatAnswer {
        if let offer = asked.offer {
            return try act(on: MessageParser(vocabulary: vocabulary).parse(offer), message: offer)
        }
        let products = try self.products(ids: asked.offeredProducts)
        guard !products.isEmpty else {
            return reply("Those products are no longer in the catalog. What else can I find for you?", intent: .smallTalk,
                         suggestions: starterSuggestions())
        }
        state.listed = products.map(\.id)
        state.focus = products.count == 1 ? products[0].id : nil
        let text = products.count == 1 ? "Here it is: \(products[0].spokenName)." : "Here they are."
        return ChatAnswer(text: text, intent: MessageUnderstanding.Intent.search.rawValue, products: products.map { ProductSummaryJSON($0) },
                          suggestions: ["how much is it?", "add it to my cart"], stateJSON: nil)
    }
}
