import Foundation
import Query

/// What the assistant remembers between messages, stored per shopper as JSON with the
/// history: the last search, what was listed, and the product being discussed.
struct ConversationState: Codable, Equatable {
    /// A search as the shopper built it up over messages.
    struct Plan: Codable, Equatable {
        var productWords: [String] = []
        var category: String?
        var brand: String?
        var colors: [String] = []
        var minPrice: Double?
        var maxPrice: Double?
        var sort: SearchSort?
        var offset = 0

        var isEmpty: Bool { productWords.isEmpty && category == nil && brand == nil && colors.isEmpty }
    }

    var plan: Plan?
    /// Product ids of the last list shown, in order: what "the second one" refers to.
    var listed: [String] = []
    /// The product last talked about: what "it" refers to.
    var focus: String?

    static func decode(_ json: String?) -> ConversationState {
        guard let json, let data = json.data(using: .utf8),
              let state = try? JSONDecoder().decode(ConversationState.self, from: data) else { return ConversationState() }
        return state
    }

    var json: String {
        // Sorted keys: the same state is the same text, so answers are deterministic byte for byte.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
