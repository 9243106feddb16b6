import IndexFormat
import Query
import Store

/// A chat turn the shop could not complete: the cart database or the product index failed.
///
/// The turn stops at the failure and the chat route answers with an error status and
/// `message`; the exchange and the conversation state are not saved, so the next message
/// starts from the state before this one. A failure is never turned into a reply: a failed
/// search once read "I found nothing", a failed cart read "your cart changed since I showed
/// you the order", and a failed checkout "your cart is unchanged" in a 200 (issue 12).
///
/// `message` says what was already done (a cart change made before the failure stays made:
/// each is its own transaction), what could not be done, and why, e.g. "Added 1 × Sony
/// WH-1000XM5. Sorry, I could not add the JBL Tune 510BT to your cart: the shop's database
/// failed. Please try again."
public struct ChatFailure: Error, CustomStringConvertible {
    /// Sentences of what the turn did before the failure ("Added 1 × Sony WH-1000XM5.").
    var done: [String] = []
    /// What could not be done, as the rest of "Sorry, I could not ..." ("read your cart").
    var couldNot: String
    /// Why, for people: "the shop's database failed", "the shop's product data could not be read".
    let reason: String
    /// What the failure leaves as it was, when that is known ("The order was not placed.").
    var outcome: String?
    /// The failed operation and its error, for the operator's log.
    let cause: String
    /// The database could not be reached (down, restarting, out of connections): the chat
    /// route answers 503 instead of 500, since trying again shortly may work.
    public var isDatabaseUnavailable = false

    /// For the shopper.
    public var message: String {
        (done + ["Sorry, I could not \(couldNot): \(reason)."] + (outcome.map { [$0] } ?? []) + ["Please try again."])
            .joined(separator: " ")
    }

    public var description: String { "chat: could not \(couldNot): \(cause)" }

    /// The cart database failed; every store call is one transaction, so nothing of it was done.
    static func store(_ error: StoreError, couldNot action: String, done: [String] = []) -> ChatFailure {
        ChatFailure(done: done, couldNot: action, reason: error.isUnavailable ? "the shop's database is unavailable" : "the shop's database failed",
                    cause: error.description, isDatabaseUnavailable: error.isUnavailable)
    }

    /// The index could not be read (a damaged file under the server's mapping).
    static func index(_ error: IndexFormatError, couldNot action: String, done: [String] = []) -> ChatFailure {
        ChatFailure(done: done, couldNot: action, reason: "the shop's product data could not be read", cause: error.description)
    }

    /// What the turn made could not be written as JSON (a value JSON has no number for).
    static func encoding(_ error: any Error, couldNot action: String) -> ChatFailure {
        ChatFailure(couldNot: action, reason: "the answer could not be written down", cause: "\(error)")
    }
}

extension ChatTurn {
    /// The stored product `id`, nil when the index no longer holds it (a product removed from
    /// the catalog since it was listed or put in a cart); a read that fails is a failure.
    func product(id: String) throws(ChatFailure) -> StoredProduct? {
        do {
            return try index.product(id: id)
        } catch {
            throw .index(error, couldNot: "look up the products")
        }
    }

    /// The products of `ids` the index still holds, in order.
    func products(ids: some Sequence<String>) throws(ChatFailure) -> [StoredProduct] {
        var products: [StoredProduct] = []
        for id in ids {
            if let product = try product(id: id) { products.append(product) }
        }
        return products
    }
}
