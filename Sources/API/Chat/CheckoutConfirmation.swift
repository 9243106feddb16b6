import Crypto
import Foundation
import Store

/// Placing an order takes two messages (issue 11, section 3): "checkout" shows the items,
/// quantities and total and asks; only an explicit yes in the very next message, while the
/// cart is exactly what was shown and within `windowMilliseconds`, places it. Anything else
/// cancels the question (and is answered as usual).
///
/// Why: a page on another site could make the shop page send "checkout" for a signed-in
/// shopper, and old suggestion chips in the history send their text when clicked. The page no
/// longer sends text from a link, and this is the server's second line: no single message,
/// from wherever it came, places an order.
enum CheckoutConfirmation {
    /// How long a shown order waits for its yes: enough to read a short order, short enough
    /// that a yes sent much later (an old chip, a replayed message) finds nothing to confirm.
    static let windowMilliseconds: Int64 = 2 * 60 * 1000

    /// The suggestion chip that confirms; its text is one of `yesPhrases`.
    static let confirmationSuggestion = "yes, place the order"

    /// Messages that confirm, as their tokens joined by spaces (case and punctuation do not
    /// matter). Kept to explicit yeses: "sure" or "ok" answer too many other questions.
    static let yesPhrases: Set<String> = [
        "yes", "yes please", "yes place the order", "yes place my order", "yes place it", "yes confirm",
        "confirm", "confirm the order", "confirm my order", "confirm order",
    ]

    /// Phrases that ask to place the order: a yes while an order waits, otherwise a
    /// checkout request (which shows the order and asks).
    static let orderPhrases: Set<String> = ["place the order", "place my order", "place order"]

    /// Messages that decline while an order waits.
    static let noPhrases: Set<String> = [
        "no", "nope", "no thanks", "no thank you", "cancel", "cancel it", "cancel the order", "cancel order", "not now", "not yet",
        "no keep shopping", "keep shopping", "wait", "stop", "don't", "dont",
    ]

    enum Reply: Equatable {
        /// An explicit yes ("yes", "confirm", the chip's text).
        case yes
        /// "place the order": a yes only while an order waits.
        case placeOrder
        case no
    }

    /// What `message` answers to an order question, if anything.
    static func reply(in message: String) -> Reply? {
        let phrase = MessageParser.tokens(of: message).joined(separator: " ")
        if yesPhrases.contains(phrase) { return .yes }
        if orderPhrases.contains(phrase) { return .placeOrder }
        if noPhrases.contains(phrase) { return .no }
        return nil
    }

    /// A digest of the order as shown: every line's product, quantity and price in cents, and
    /// the total, so that a yes confirms exactly that (SHA-256 of a canonical listing).
    static func digest(_ lines: [CartStore.OrderLine], totalCents: Int64) -> String {
        var text = ""
        for line in lines.sorted(by: { $0.productID < $1.productID }) {
            // Length-prefixed ids: no id can pose as the end of another line.
            text += "\(line.productID.utf8.count):\(line.productID) \(line.quantity) \(line.priceCents)\n"
        }
        text += "total \(totalCents)"
        return Crypto.sha256(Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
