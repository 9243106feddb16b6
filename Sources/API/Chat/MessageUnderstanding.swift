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
    var minPrice: Double?
    var maxPrice: Double?
    var sort: SearchSort?
    var relativePrice: RelativePrice?
    /// 1-based positions in the last list shown; -1 is "the last one".
    var ordinals: [Int] = []
    /// "it", "this one", "that": the product in focus.
    var refersToFocus = false
    var quantity: Int?

    /// True when the message narrows or redirects rather than naming a product of its own.
    var hasConstraints: Bool {
        category != nil || brand != nil || !colors.isEmpty || minPrice != nil || maxPrice != nil || sort != nil || relativePrice != nil
    }
}
