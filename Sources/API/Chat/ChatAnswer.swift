import Foundation
import Search

/// What the assistant answers to one message: the reply text, the products it shows, the
/// next messages it suggests, and the conversation state to remember.
public struct ChatAnswer: Sendable {
    public var text: String
    public var intent: String
    public var products: [ProductSummaryJSON]
    public var suggestions: [String]
    /// The state for the next message, as stored JSON; nil keeps the previous state.
    public var stateJSON: String?

    /// The part of an answer stored with the bot's message, so history can show the cards
    /// and chips again after a reload.
    public struct Payload: Codable {
        public var products: [ProductSummaryJSON]
        public var suggestions: [String]

        public static func decode(_ json: String) -> Payload? {
            try? JSONDecoder().decode(Payload.self, from: Data(json.utf8))
        }
    }

    public var payloadJSON: String? {
        guard !products.isEmpty || !suggestions.isEmpty,
              let data = try? JSONEncoder().encode(Payload(products: products, suggestions: suggestions)) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
