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
        /// An order by a measure ("lightest first"), instead of `sort`; nil in states stored
        /// before it was kept.
        var measureOrder: MeasureOrder?
        var offset = 0
        /// What the shopper left out ("not black", "except Nike"): kept by refinements,
        /// dropped with the subject (`FollowUpRules`).
        var excludedBrands: [String] = []
        var excludedCategories: [String] = []
        var excludedPhrases: [String] = []
        /// True when the product words were found only with descriptions counted (no product
        /// is named so): later pages search the same way, so a list never changes kind.
        var wordsAnywhere = false
        /// True when no product is named by all the product words and only the last one, the
        /// kind ("dryers" of "hair dryers"), was required in the name, the others found
        /// anywhere (a "Blow Dryer" whose description says it dries hair). Later pages search
        /// the same way. Optional: states stored before it was kept read back as false.
        var kindNamedOnly: Bool?
        /// Only products in stock ("LEGO sets in stock", "only the ones in stock").
        var inStockOnly: Bool?
        /// Products on the page: `ChatAssistant.pageSize`, or 1 for "the cheapest one".
        var pageLimit = ChatAssistant.pageSize
        /// The need a gift or occasion search came from, with the categories it points at.
        var need: ShopperNeed?

        /// The word naming the kind of product: the last product word with a letter
        /// ("backpack" of "Deuter Futura 24 hiking backpack"); nil without one.
        var kindWord: String? { productWords.last { $0.contains(where: \.isLetter) } }

        var isEmpty: Bool { productWords.isEmpty && category == nil && brand == nil && colors.isEmpty && (need?.categories ?? []).isEmpty }
    }

    var plan: Plan?
    /// Product ids of the last list shown, in order: what "the second one" refers to.
    var listed: [String] = []
    /// The product last talked about: what "it" refers to.
    var focus: String?

    /// An order shown by "checkout" and waiting for the shopper's yes (`CheckoutConfirmation`).
    struct PendingCheckout: Codable, Equatable {
        /// `CheckoutConfirmation.digest` of the lines and total shown: the yes confirms these.
        var cartDigest: String
        /// When the order was shown, in milliseconds since 1970.
        var shownAtMilliseconds: Int64
    }

    /// Set by the answer to "checkout", cleared by the next message whatever it is.
    var pendingCheckout: PendingCheckout?

    /// What the last answer asked or offered, for a "yes" or "no" (`SmallTalk`) or a bare
    /// position ("the second") in the very next message; cleared by it whatever it is.
    struct Asked: Codable, Equatable {
        /// The product question waiting for its product ("how much is it?" -> "which one?"),
        /// or the one just answered ("and the last one?" asks it again).
        var question: ProductQuestion?
        /// True when the answer asked which product was meant.
        var whichProduct = false
        /// The message a yes stands for ("show me tent" after "did you mean tent?").
        var offer: String?
        /// Products a yes asks to see ("shall I show you the white one?").
        var offeredProducts: [String] = []
    }

    var asked: Asked?

    /// The stored state, or a fresh conversation when there is none. A stored state that does
    /// not decode (written by a version whose state had another shape) also starts afresh:
    /// the state only says what "it" and "the second one" point at, and a conversation that
    /// forgets them asks again, while one that guessed them could act on the wrong product.
    static func decode(_ json: String?) -> ConversationState {
        guard let json, let data = json.data(using: .utf8),
              let state = try? JSONDecoder().decode(ConversationState.self, from: data) else { return ConversationState() }
        return state
    }

    /// The state as stored JSON.
    func json() throws(ChatFailure) -> String {
        // Sorted keys: the same state is the same text, so answers are deterministic byte for byte.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        do {
            return String(decoding: try encoder.encode(self), as: UTF8.self)
        } catch {
            throw .encoding(error, couldNot: "remember this conversation")
        }
    }
}
