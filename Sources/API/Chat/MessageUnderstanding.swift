import Foundation
import Query

/// What a shopper's message asks for: the intent and the entities in it. Built by
/// `MessageParser`; the assistant turns it into searches and cart changes.
struct MessageUnderstanding: Equatable {
    enum Intent: String, Equatable, Codable {
        case greeting, thanks, help, reset, search, refine, more, details, compare
        case cartAdd = "cart_add", cartRemove = "cart_remove", cartShow = "cart_show", checkout, unknown
    }

    /// "cheaper ones" and "more expensive ones" are relative to the products on screen.
    enum RelativePrice: String, Equatable, Codable {
        case cheaper, pricier
    }

    var intent: Intent = .unknown
    /// Words naming the product, in message order ("wireless", "headphones").
    var productWords: [String] = []
    var category: String?
    var brand: String?
    /// Colour names as the catalog writes them ("Black", "Rose Gold").
    var colors: [String] = []
    /// Price bounds in dollars, each from 0 to `SearchFilter.maximumPrice` (`ChatMoney`).
    var minPrice: Double?
    var maxPrice: Double?
    /// A price the message named that cannot bound a search: the assistant says why instead.
    var unusablePrice: UnusablePrice?
    var sort: SearchSort?
    var relativePrice: RelativePrice?
    /// 1-based positions in the last list shown; -1 is "the last one".
    var ordinals: [Int] = []
    /// "it", "this one", "that": the product in focus.
    var refersToFocus = false
    var quantity: Int?

    /// A price as written ("$1e19", "$-5") and why it was not used.
    struct UnusablePrice: Equatable {
        enum Reason: Equatable {
            /// Above the highest price the index holds.
            case tooHigh
            /// Written as money but no number ("$inf", "under nan", "$-5").
            case unreadable
        }

        var text: String
        var reason: Reason
    }

    /// True when the message narrows or redirects rather than naming a product of its own.
    var hasConstraints: Bool {
        category != nil || brand != nil || !colors.isEmpty || minPrice != nil || maxPrice != nil || sort != nil || relativePrice != nil
            || unusablePrice != nil
    }
}
