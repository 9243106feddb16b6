import Foundation
import Query

/// Answers a shopper's chat message from the catalog. This first version treats every
/// message as a product search; intents, entities and follow-ups arrive with the chat issue.
struct ChatAssistant: Sendable {
    let indexes: IndexHolder
    static let shownProductCount = 5

    func respond(to message: String, userID: Int64, stateJSON: String?, now: Int64) -> ChatAnswer {
        let index = indexes.current
        let response: SearchResponse
        do {
            response = try Searcher(index: index).search(SearchRequest(query: message, limit: Self.shownProductCount))
        } catch {
            return ChatAnswer(text: "Sorry, I cannot reach the catalog right now. Please try again in a moment.",
                              intent: "error", products: [], suggestions: [], stateJSON: nil)
        }
        let products = response.hits.compactMap { hit in hit.product.map { ProductSummaryJSON($0, matches: hit.matches) } }
        guard !products.isEmpty else {
            let hints = QueryWordsHint.suggestions(for: message, index: index)
            let text = hints.isEmpty ? "I found nothing for \"\(message)\". Try other words or a category."
                                     : "I found nothing for \"\(message)\". Did you mean \(hints.map { "\"\($0)\"" }.joined(separator: " or "))?"
            return ChatAnswer(text: text, intent: "search", products: [], suggestions: hints.map { "show me \($0)" }, stateJSON: nil)
        }
        let text = "Here are \(products.count) of \(response.totalMatches) products for \"\(message)\"."
        return ChatAnswer(text: text, intent: "search", products: products, suggestions: [], stateJSON: nil)
    }
}
