import Foundation

/// What the assistant answers to one message: the reply text, the products it shows, the
/// next messages it suggests, and the conversation state to remember.
struct ChatAnswer: Sendable {
    var text: String
    var intent: String
    var products: [ProductSummaryJSON]
    var suggestions: [String]
    /// The state for the next message, as stored JSON; nil keeps the previous state.
    var stateJSON: String?

    /// The part of an answer stored with the bot's message, so history can show the cards
    /// and chips again after a reload.
    struct Payload: Codable {
        var products: [ProductSummaryJSON]
        var suggestions: [String]

        static func decode(_ json: String) -> Payload? {
            try? JSONDecoder().decode(Payload.self, from: Data(json.utf8))
        }
    }

    var payloadJSON: String? {
        guard !products.isEmpty || !suggestions.isEmpty,
              let data = try? JSONEncoder().encode(Payload(products: products, suggestions: suggestions)) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
