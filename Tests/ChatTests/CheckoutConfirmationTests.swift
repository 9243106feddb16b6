import Foundation
import Testing
@testable import Chat
@testable import Store

/// Placing an order takes "checkout" and then an explicit yes in the very next message, for
/// the cart as shown and within the confirmation window (issue 11, section 3: a link from
/// another site sent "checkout" for a signed-in shopper and placed an order). One test per
/// rule, over the default catalog (the same over the wire: `CheckoutOverTheWireTests` in
/// APITests).
@Suite struct CheckoutConfirmationTests {
    /// A cart holding the Bose Q56X ($39.99), then the message(s) under test.
    static let filledCart = ["headphones", "add #3 to cart"]
    static let window = CheckoutConfirmation.windowMilliseconds

    @Test func checkoutShowsTheOrderAndPlacesNothing() throws {
        let turn = try ChatFixture.last(Self.filledCart + ["checkout"])
        #expect(turn.answer.intent == "checkout")
        #expect(turn.answer.text.contains("Your order: 1 × Bose Q56X"))
        #expect(turn.answer.text.contains("total $39.99"))
        #expect(turn.answer.text.contains("Shall I place it?"))
        #expect(turn.answer.suggestions.first == CheckoutConfirmation.confirmationSuggestion)
        #expect(turn.orderCount == 0)
        #expect(turn.cart.map(\.quantity) == [1])
    }

    @Test(arguments: ["yes", "Yes!", "YES, place the order", "yes please", "confirm", "Confirm the order.", "place the order",
                      CheckoutConfirmation.confirmationSuggestion])
    func anExplicitYesRightAfterCheckoutPlacesTheOrder(yes: String) throws {
        let turns = try ChatFixture.play(Self.filledCart + ["checkout", yes])
        let placed = try #require(turns.last)
        #expect(placed.answer.intent == "checkout")
        #expect(placed.answer.text.hasPrefix("Order #1 placed: 1 item, total $39.99"), "\(placed.answer.text)")
        #expect(placed.orderCount == 1)
        #expect(placed.cart.isEmpty)
    }

    @Test(arguments: ["sure", "ok", "yes, show my cart", "yeah whatever", "yes yes", "y"])
    func anythingButAnExplicitYesPlacesNothing(reply: String) throws {
        let turns = try ChatFixture.play(Self.filledCart + ["checkout", reply, "yes"])
        #expect(turns.allSatisfy { $0.orderCount == 0 }, "\(turns.map(\.answer.text))")
        #expect(turns.last?.cart.map(\.quantity) == [1])
        #expect(turns.last?.answer.text.contains("no order waiting") == true)
    }

    @Test func aYesWithNothingPendingSaysSo() throws {
        let turn = try ChatFixture.last(Self.filledCart + ["yes"])
        #expect(turn.answer.text.contains("no order waiting for your confirmation"))
        #expect(turn.answer.suggestions.contains("checkout"))
        #expect(turn.orderCount == 0)
        #expect(turn.cart.count == 1)
    }

    /// Adding an item is a message of its own: it cancels the question, so the yes after it
    /// confirms nothing (and the cart it would confirm is no longer the one shown).
    @Test func aYesAfterAnItemIsAddedInBetweenPlacesNothing() throws {
        let turns = try ChatFixture.play(Self.filledCart + ["checkout", "add #2 to cart", "yes"])
        #expect(turns[3].answer.intent == "cart_add")
        #expect(turns[4].answer.text.contains("no order waiting"))
        #expect(turns[4].orderCount == 0)
        #expect(turns[4].cart.count == 2)
    }

    @Test func aSecondYesPlacesNoSecondOrder() throws {
        let turns = try ChatFixture.play(Self.filledCart + ["checkout", "yes", "yes"])
        #expect(turns[3].orderCount == 1)
        #expect(turns[4].orderCount == 1)
        #expect(turns[4].answer.text.contains("no order waiting"))
    }

    /// The cart changed without a chat message (another client, a concurrent request): the
    /// digest of the lines shown no longer matches, so the yes is refused with the reason.
    @Test(arguments: ["more", "different product"])
    func aYesAfterTheCartChangedElsewherePlacesNothing(change: String) throws {
        let turns = try ChatFixture.play(Self.filledCart + ["checkout", "yes"]) { position, carts, userID in
            guard position == 3 else { return }
            if change == "more" {
                try carts.add(userID: userID, productID: ChatMessageTests.boseQ56X, quantity: 1, now: ChatFixture.fixedNowMilliseconds)
            } else {
                _ = try carts.remove(userID: userID, productID: ChatMessageTests.boseQ56X)
                try carts.add(userID: userID, productID: ChatMessageTests.sonyEarbuds, quantity: 1, now: ChatFixture.fixedNowMilliseconds)
            }
        }
        #expect(turns[3].answer.text.contains("Your cart changed since I showed you the order"))
        #expect(turns[3].orderCount == 0)
        #expect(!turns[3].cart.isEmpty)
    }

    @Test func aYesAfterTheCartWasEmptiedElsewherePlacesNothing() throws {
        let turns = try ChatFixture.play(Self.filledCart + ["checkout", "yes"]) { position, carts, userID in
            if position == 3 { try carts.clear(userID: userID) }
        }
        #expect(turns[3].answer.text.contains("Your cart changed"))
        #expect(turns[3].orderCount == 0)
    }

    @Test(arguments: [(Self.window / 2, true), (Self.window, true), (Self.window + 1, false), (3_600_000, false)])
    func aYesCountsOnlyWithinTheWindow(millisecondsApart: Int64, places: Bool) throws {
        let turns = try ChatFixture.play(Self.filledCart + ["checkout", "yes"], millisecondsApart: millisecondsApart)
        #expect(turns[3].orderCount == (places ? 1 : 0))
        if !places { #expect(turns[3].answer.text.contains("minutes after I showed the order")) }
    }

    @Test(arguments: ["no", "No thanks", "cancel", "no, keep shopping"])
    func aNoKeepsTheCartAndCancels(no: String) throws {
        let turns = try ChatFixture.play(Self.filledCart + ["checkout", no, "yes"])
        #expect(turns[3].answer.text.contains("did not place the order"))
        #expect(turns[3].cart.map(\.quantity) == [1])
        #expect(turns[4].orderCount == 0)
    }

    /// "place the order" asks for checkout when nothing waits: it shows the order, and a
    /// second "place the order" confirms it.
    @Test func placeTheOrderWithNothingPendingShowsTheOrderFirst() throws {
        let turns = try ChatFixture.play(Self.filledCart + ["place the order", "place the order"])
        #expect(turns[2].answer.text.contains("Shall I place it?"))
        #expect(turns[2].orderCount == 0)
        #expect(turns[3].orderCount == 1)
    }

    /// The chips of an earlier answer stay clickable in the history: replaying the confirming
    /// chip later (after other messages) places no second order.
    @Test func anOldConfirmationChipPlacesNothing() throws {
        let turns = try ChatFixture.play(Self.filledCart + ["checkout", CheckoutConfirmation.confirmationSuggestion]
                                         + Self.filledCart + [CheckoutConfirmation.confirmationSuggestion, "checkout"])
        #expect(turns.map(\.orderCount) == [0, 0, 0, 1, 1, 1, 1, 1])
        #expect(turns[6].answer.text.contains("no order waiting"))
        #expect(turns[7].answer.text.contains("Shall I place it?"))
    }

    @Test func checkoutOfAnEmptyCartAsksNothing() throws {
        let turns = try ChatFixture.play(["checkout", "yes"])
        #expect(turns[0].answer.text.contains("nothing to check out"))
        #expect(turns[1].answer.text.contains("no order waiting"))
        #expect(turns[1].orderCount == 0)
    }

    /// The digest covers every line's product, quantity and price, and the total.
    @Test func theDigestChangesWithEveryLineField() {
        let line = CartStore.OrderLine(productID: "a", name: "A", priceCents: 999, quantity: 2)
        let base = CheckoutConfirmation.digest([line], totalCents: 1998)
        let variants = [
            CheckoutConfirmation.digest([CartStore.OrderLine(productID: "b", name: "A", priceCents: 999, quantity: 2)], totalCents: 1998),
            CheckoutConfirmation.digest([CartStore.OrderLine(productID: "a", name: "A", priceCents: 998, quantity: 2)], totalCents: 1998),
            CheckoutConfirmation.digest([CartStore.OrderLine(productID: "a", name: "A", priceCents: 999, quantity: 3)], totalCents: 1998),
            CheckoutConfirmation.digest([line], totalCents: 1997),
            CheckoutConfirmation.digest([line, line], totalCents: 1998),
            CheckoutConfirmation.digest([], totalCents: 1998),
        ]
        #expect(variants.allSatisfy { $0 != base })
        #expect(CheckoutConfirmation.digest([line], totalCents: 1998) == base)
        #expect(base.count == 64)
    }
}
