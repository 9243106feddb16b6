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
    /// `payload()` of the finished answer, stored with the bot's message: set by the turn
    /// once the answer is complete.
    public var payloadJSON: String?

    /// The part of an answer stored with the bot's message, so history can show the cards
    /// and chips again after a reload.
    public struct Payload: Codable {
        public var products: [ProductSummaryJSON]
        public var suggestions: [String]

        /// The cards and chips of a stored message; nil when there are none or when the
        /// payload does not decode. A stored payload this version cannot read (one written
        /// by another version) leaves the message as its text alone, which is the record of
        /// what was said: failing the whole history page for old cards would hide it all.
        public static func decode(_ json: String) -> Payload? {
            try? JSONDecoder().decode(Payload.self, from: Data(json.utf8))
        }
    }

    /// The cards and chips as stored JSON, nil when the answer has neither.
    public func payload() throws(ChatFailure) -> String? {
        guard !products.isEmpty || !suggestions.isEmpty else { return nil }
        do {
            return String(decoding: try JSONEncoder().encode(Payload(products: products, suggestions: suggestions)), as: UTF8.self)
        } catch {
            throw .encoding(error, couldNot: "write down the products of this answer")
        }
    }
}
