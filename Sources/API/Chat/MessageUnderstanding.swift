import Foundation
import Query

/// What a shopper's message asks for: the intent and the entities in it. Built by
/// `MessageParser`; the assistant turns it into searches and cart changes.
struct MessageUnderstanding: Equatable {
    enum Intent: String, Equatable, Codable {
        case greeting, thanks, help, reset, search, refine, more, details, compare
        case cartAdd = "cart_add", cartRemove = "cart_remove", cartShow = "cart_show", checkout, unknown
        case smallTalk = "small_talk"
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
    /// An order by what products measure ("the lightest tent"), instead of `sort`.
    var measureOrder: MeasureOrder?
    /// What "which is cheaper, the first or the second?" compares by (with `.compare`).
    var comparison: ProductComparison?
    /// "how many of those are in stock?": a count over the list, not each product's stock.
    var asksHowMany = false
    /// "how many are there in total?": the last list again, which says how many it holds.
    var countsList = false
    /// A need that names no thing ("something for my cat to climb on"): its words say what
    /// it is for, none the thing wanted.
    var namesNoThing = false
    /// The message speaks of the shopper or of something unnamed ("my cat keeps scratching
    /// the couch", "something to play music by the pool"): words that found no product may
    /// describe a need (`ChatTurn.describedNeed`), not name a product the shop lacks ("gaming
    /// mouse pad").
    var speaksOfANeed = false
    /// "the cheapest yoga mat", "the lightest tent": one product asked for, the first of the
    /// order, which "it" then points at (the list still shows the others).
    var namesTheFirst = false
    var relativePrice: RelativePrice?
    /// 1-based positions in the last list shown, each at most `MessageParser.maximumPosition`;
    /// -1 is "the last one".
    var ordinals: [Int] = []
    /// Positions as written that no list has: zero, negative, not written as a whole number,
    /// or past `MessageParser.maximumPosition` ("0", "-1", "1.5", "99999999999999999999").
    var unusablePositions: [String] = []
    /// "it", "this one", "that": the product in focus.
    var refersToFocus = false
    /// "they", "them", "these", "those": the products of the last list, for a question
    /// ("how much are they?"); other requests keep their own rules.
    var refersToList = false
    /// How many to add or remove, from 1 to `CartStore.maximumQuantity`.
    var quantity: Int?
    /// A quantity the message named that the cart cannot take: the assistant says why.
    var unusableQuantity: UnusableQuantity?
    /// What the message leaves out ("not black", "except Nike", "without a hood",
    /// "anything but books"): brands and categories as the catalog writes them, colours and
    /// other words as phrases (`MessageParser+Negation`).
    var excludedBrands: [String] = []
    var excludedCategories: [String] = []
    var excludedPhrases: [String] = []
    /// "the cheapest one", "the best rated one": one product, the first in the sort.
    var wantsOne = false
    /// "in stock", "available now": only products the shop can sell now.
    var inStockOnly = false
    /// "empty my cart", "remove everything": every line of the cart.
    var clearsCart = false
    /// "make it 3", "change it to 2": the quantity is what the cart line should hold, not
    /// how many to add.
    var setsQuantity = false
    /// The message's follow-up grammar (`FollowUpRules`): a request verb of its own ("show
    /// me ..."), an alternative ("what about ...", "and ..."), words narrowing what is shown
    /// ("only ...", "... ones").
    var namesNewRequest = false
    var asksAlternative = false
    var narrowsShown = false
    /// A need, gift or occasion ("a gift for my dog"), read by `MessageParser.takeNeed`.
    var need: ShopperNeed?
    /// What a question asks about a product ("how much is the first one?"): with `.details`
    /// about a listed product, with `.search` what the results should answer.
    var question: ProductQuestion?
    /// The kind of a `.smallTalk`, `.greeting` or `.thanks` message that is conversation.
    var smallTalk: SmallTalk?

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

    /// A quantity as written ("0", "99999999999999999999", "2.5") and why it was not used.
    struct UnusableQuantity: Equatable {
        enum Reason: Error, Equatable {
            /// Above `CartStore.maximumQuantity`.
            case tooMany
            /// Zero or negative.
            case tooFew
            /// Not a whole number, or number characters out of order ("1,,5").
            case notWhole
            /// Two different quantities in one message ("2 of the first and 3 of the second"):
            /// which is meant for which product is not said. `text` holds both.
            case several
        }

        var text: String
        var reason: Reason
    }

    /// True when the message narrows or redirects rather than naming a product of its own.
    var hasConstraints: Bool {
        category != nil || brand != nil || !colors.isEmpty || minPrice != nil || maxPrice != nil || sort != nil || measureOrder != nil || relativePrice != nil
            || unusablePrice != nil || !excludedBrands.isEmpty || !excludedCategories.isEmpty || !excludedPhrases.isEmpty
            || inStockOnly
    }
}
