import Foundation
import Testing
@testable import Chat
@testable import Store

/// Quantities and positions in the chat (issue 11, section 1): a number written where a count
/// or a position belongs is used exactly as written or answered with the limit it breaks,
/// never replaced by another number ("add 99999999999999999999 of it" once added 1, "add #0"
/// added the product in focus, "add x99" to a cart of 22 said "Added 99" and added 77).
///
/// Rows as in `ChatMessageTests`: the messages, the intent of the last answer, and a property
/// of it; most start with a search for headphones (4 products) and one of them in the cart,
/// so that a substituted number shows as a changed cart.
@Suite struct ChatCountTests {
    typealias Row = ChatMessageTests.Row
    typealias P = ChatMessageTests.Property
    typealias E = ChatMessageTests.Entities

    /// A listed product in focus and one unit of it in the cart.
    static let focused = ["headphones", "add the first one"]
    /// The same with 22 units, as in the issue.
    static let twentyTwo = ["headphones", "add 22 of the first one"]

    /// Nothing added: the cart holds what it held before the message.
    static func unchanged(_ units: Int) -> P { P.all(.cartUnits(units), .lacks("added 1 ×"), .lacks("added \(units)")) }

    static let quantityRows: [Row] = [
        // The issue's examples: each added 1 without a word about the quantity.
        Row(focused + ["add 99999999999999999999 of the first one"], "cart_add", P.all(unchanged(1), .text("at most 99"))),
        Row(focused + ["add x99999999999999999999"], "cart_add", P.all(unchanged(1), .text("at most 99"))),
        // Above the limit in every spelling a count takes.
        Row(focused + ["add 100 of it"], "cart_add", P.all(unchanged(1), .text("at most 99"), .text("100"))),
        Row(focused + ["add x100"], "cart_add", P.all(unchanged(1), .text("at most 99"))),
        Row(focused + ["add 1,000 of it"], "cart_add", P.all(unchanged(1), .text("at most 99"))),
        Row(focused + ["add 1e3 of it"], "cart_add", P.all(unchanged(1), .text("at most 99"))),
        Row(focused + ["add 2k of them"], "cart_add", P.all(unchanged(1), .text("at most 99"))),
        Row(focused + ["add x1e19 to my cart"], "cart_add", P.all(unchanged(1), .text("at most 99"))),
        Row(focused + ["add " + String(repeating: "9", count: 400) + " of it"], "cart_add", P.all(unchanged(1), .text("at most 99"))),
        Row(focused + ["add 99999999999999999999 units of the first one"], "cart_add", P.all(unchanged(1), .text("at most 99"))),
        Row(focused + ["add 500 x the first one"], "cart_add", P.all(unchanged(1), .text("at most 99"))),
        Row(focused + ["add 123 more"], "cart_add", P.all(unchanged(1), .text("at most 99"))),
        Row(focused + ["add five hundred of it"], "cart_add", P.all(unchanged(1), .text("at most 99"))),
        Row(focused + ["add ten thousand of the first one"], "cart_add", P.all(unchanged(1), .text("at most 99"))),
        Row(focused + ["add a hundred of it"], "cart_add", P.all(unchanged(1), .text("at most 99"))),
        Row(focused + ["add infinity of it"], "cart_add", P.all(unchanged(1), .text("at most 99"))),
        Row(focused + ["add 1e999 of it"], "cart_add", P.all(unchanged(1), .text("at most 99"))),
        Row(focused + ["add １００ of it"], "cart_add", P.all(unchanged(1), .text("at most 99"))),
        Row(focused + ["add #1 x100"], "cart_add", P.all(unchanged(1), .text("at most 99"))),
        // Below 1, signed, not whole.
        Row(focused + ["add 0 of it"], "cart_add", P.all(unchanged(1), .text("1 to 99"))),
        Row(focused + ["add x0"], "cart_add", P.all(unchanged(1), .text("1 to 99"))),
        Row(focused + ["add zero of it"], "cart_add", P.all(unchanged(1), .text("1 to 99"))),
        Row(focused + ["add -3 of it"], "cart_add", P.all(unchanged(1), .text("1 to 99"))),
        Row(focused + ["add x-1"], "cart_add", P.all(unchanged(1), .text("1 to 99"))),
        Row(focused + ["add 2.5 of it"], "cart_add", P.all(unchanged(1), .text("whole"))),
        Row(focused + ["add 1,5 of it"], "cart_add", P.all(unchanged(1), .text("whole"))),
        Row(focused + ["add 1e-3 of it"], "cart_add", P.all(unchanged(1), .text("whole"))),
        Row(focused + ["add nan of it"], "cart_add", P.all(unchanged(1), .text("whole"))),
        Row(focused + ["add 1,,5 of it"], "cart_add", P.all(unchanged(1), .text("whole"))),
        // Two quantities in one message: which is meant for which product is not said.
        Row(focused + ["add 2 of the first one and 3 of the second one"], "cart_add", P.all(unchanged(1), .text("one quantity"))),
        // Valid quantities are added as asked, whatever their spelling.
        Row(focused + ["add 50 of it"], "cart_add", E(quantity: 50), P.all(.cartUnits(51), .text("added 50 ×"))),
        Row(focused + ["add x98"], "cart_add", E(quantity: 98), P.all(.cartUnits(99), .text("added 98 ×"))),
        Row(focused + ["add 21 of the first one"], "cart_add", E(ordinals: [1], quantity: 21), .cartUnits(22)),
        Row(focused + ["add twelve of it"], "cart_add", E(quantity: 12), .cartUnits(13)),
        Row(focused + ["add 3 x it"], "cart_add", E(quantity: 3), .cartUnits(4)),
        Row(focused + ["add 2x the first one"], "cart_add", E(quantity: 2), .cartUnits(3)),
        Row(focused + ["add 4.0 of it"], "cart_add", E(quantity: 4), .cartUnits(5)),
        Row(focused + ["add ٣ of it"], "cart_add", E(quantity: 3), .cartUnits(4)),
        Row(focused + ["add 2 of the second one"], "cart_add", E(ordinals: [2], quantity: 2), .cartUnits(3)),
        Row(focused + ["add two dozen of it"], "cart_add", E(quantity: 24), .cartUnits(25)),
        Row(focused + ["add it 5 times"], "cart_add", E(quantity: 5), .cartUnits(6)),
        Row(focused + ["add 5 more of it"], "cart_add", E(quantity: 5), .cartUnits(6)),
        Row(focused + ["add one more"], "cart_add", E(quantity: 1), .cartUnits(2)),
        // A product word that names nothing listed is not the product in focus.
        Row(focused + ["add the zebra one"], "cart_add", P.all(unchanged(1), .text("which one"))),
        Row(["headphones", "add 99 of the first one"], "cart_add", E(quantity: 99), P.all(.cartUnits(99), .text("added 99 ×"))),
    ]

    static let positionRows: [Row] = [
        // The issue's examples: each added the product in focus.
        Row(focused + ["add #0"], "cart_add", P.all(unchanged(1), .text("no #0"), .text("showed 4"))),
        Row(focused + ["add #-1"], "cart_add", P.all(unchanged(1), .text("no #-1"))),
        Row(focused + ["add the 99999999999999999999th one"], "cart_add", P.all(unchanged(1), .text("no #99999999999999999999"))),
        // Beyond the list shown, in every spelling of a position.
        Row(focused + ["add #7"], "cart_add", P.all(unchanged(1), .text("no #7"), .text("showed 4"))),
        Row(focused + ["add #5 to my cart"], "cart_add", P.all(unchanged(1), .text("no #5"))),
        Row(focused + ["add the fifth one"], "cart_add", P.all(unchanged(1), .text("no #5"))),
        Row(focused + ["add the 11th one"], "cart_add", P.all(unchanged(1), .text("no #11"))),
        Row(focused + ["add the twentieth one"], "cart_add", P.all(unchanged(1), .text("no #20"))),
        Row(focused + ["add the 0th one"], "cart_add", P.all(unchanged(1), .text("no #0"))),
        Row(focused + ["add #99999999999999999999"], "cart_add", P.all(unchanged(1), .text("no #99999999999999999999"))),
        Row(focused + ["add number 0"], "cart_add", P.all(unchanged(1), .text("no #0"))),
        Row(focused + ["add item 9 to my cart"], "cart_add", P.all(unchanged(1), .text("no #9"))),
        Row(focused + ["add 9"], "cart_add", P.all(unchanged(1), .text("no #9"))),
        Row(focused + ["add 42"], "cart_add", P.all(unchanged(1), .text("no #42"))),
        Row(focused + ["add #1.5"], "cart_add", P.all(unchanged(1), .text("no #1.5"))),
        Row(focused + ["add 2 of #8"], "cart_add", P.all(unchanged(1), .text("no #8"))),
        Row(focused + ["add the first 7"], "cart_add", P.all(unchanged(1), .text("no #5"))),
        Row(focused + ["add the first 99999999999999999999"], "cart_add", P.all(unchanged(1), .text("showed 4"))),
        Row(focused + ["add #2 and #6"], "cart_add", P.all(unchanged(1), .text("no #6"))),
        Row(focused + ["add # 7"], "cart_add", P.all(unchanged(1), .text("no #7"))),
        Row(focused + ["add no. 7"], "cart_add", P.all(unchanged(1), .text("no #7"))),
        Row(focused + ["add #７"], "cart_add", P.all(unchanged(1), .text("no #7"))),
        Row(focused + ["add 3 of the 7th one"], "cart_add", P.all(unchanged(1), .text("no #7"))),
        Row(focused + ["show me #0"], "details", P.all(.noProducts, .text("no #0"))),
        Row(focused + ["remove the first 99999999999999999999"], "cart_remove", P.all(unchanged(1), .text("showed 4"))),
        Row(["add #0"], "cart_add", P.all(.cartUnits(0), .text("no #0"))),
        // Every intent that takes positions answers the same way.
        Row(focused + ["tell me about #0"], "details", P.all(.noProducts, .text("no #0"))),
        Row(focused + ["tell me about the 7th one"], "details", P.all(.noProducts, .text("no #7"))),
        Row(focused + ["#9"], "details", P.all(.noProducts, .text("no #9"))),
        Row(focused + ["describe number 99999999999999999999"], "details", P.all(.noProducts, .text("showed 4"))),
        Row(focused + ["how much is the seventh one"], "details", P.all(.noProducts, .text("no #7"))),
        Row(focused + ["compare #1 and #9"], "compare", P.all(.noProducts, .text("no #9"))),
        Row(focused + ["compare 0 and 1"], "compare", P.all(.noProducts, .text("no #0"))),
        Row(focused + ["compare the first 99999999999999999999"], "compare", P.all(.noProducts, .text("showed 4"))),
        Row(focused + ["show my cart", "remove #2"], "cart_remove", P.all(unchanged(1), .text("no #2"), .text("showed 1"))),
        Row(focused + ["show my cart", "remove the 0th one"], "cart_remove", P.all(unchanged(1), .text("no #0"))),
        Row(focused + ["remove #-1 from my cart"], "cart_remove", P.all(unchanged(1), .text("no #-1"))),
        // Positions in the list are used as asked.
        Row(focused + ["add #4"], "cart_add", E(ordinals: [4]), .cartUnits(2)),
        Row(focused + ["add the fourth one"], "cart_add", E(ordinals: [4]), .cartUnits(2)),
        Row(focused + ["add 4"], "cart_add", E(ordinals: [4]), .cartUnits(2)),
        Row(focused + ["how much is the third one"], "details", E(ordinals: [3]), P.all(.productCount(1), .text("$39.99"))),
        Row(focused + ["compare 1,3"], "compare", E(ordinals: [1, 3]), .productCount(2)),
    ]

    static let cartLimitRows: [Row] = [
        // The issue's example: "Added 99 ×" while 77 were added.
        Row(twentyTwo + ["add x99 the first one"], "cart_add", P.all(.cartUnits(22), .lacks("added 99"), .text("77 more"), .text("holds 22"))),
        Row(twentyTwo + ["add 78 of it"], "cart_add", P.all(.cartUnits(22), .text("77 more"))),
        Row(twentyTwo + ["add 77 of it"], "cart_add", P.all(.cartUnits(99), .text("added 77 ×"), .text("99 in your cart"))),
        Row(["headphones", "add 99 of the first one", "add it"], "cart_add", P.all(.cartUnits(99), .lacks("added 1"), .text("already holds 99"))),
        Row(["headphones", "add 99 of the first one", "add the first two"], "cart_add",
            P.all(.cartUnits(100), .text("added 1 ×"), .text("already holds 99"))),
        // Removing: what was removed, and what is left.
        Row(["headphones", "add 5 of the first one", "remove 2 of it"], "cart_remove", P.all(.cartUnits(3), .text("removed 2 ×"), .text("3 left"))),
        Row(["headphones", "add 5 of the first one", "remove 9 of it"], "cart_remove", P.all(.cartUnits(0), .text("removed all 5"))),
        Row(["headphones", "add 5 of the first one", "remove it"], "cart_remove", P.all(.cartUnits(0), .text("removed 5 ×"))),
        Row(["headphones", "add 5 of the first one", "remove 0 of it"], "cart_remove", P.all(.cartUnits(5), .text("1 to 99"))),
        Row(["headphones", "add 5 of the first one", "remove 100 of it"], "cart_remove", P.all(.cartUnits(5), .text("at most 99"))),
        Row(["headphones", "add 5 of the first one", "add 3 of the second one", "show my cart"], "cart_show",
            P.all(.text("8 items"), .text("total"))),
    ]

    @Test func quantitiesAreAddedAsWrittenOrRefusedWithTheLimit() throws {
        let failures = try ChatMessageTests.failures(of: Self.quantityRows)
        #expect(failures.isEmpty, "\(failures.count) rows fail:\n\(failures.joined(separator: "\n"))")
    }

    @Test func positionsOutsideTheListAreAnsweredNotReplaced() throws {
        let failures = try ChatMessageTests.failures(of: Self.positionRows)
        #expect(failures.isEmpty, "\(failures.count) rows fail:\n\(failures.joined(separator: "\n"))")
    }

    @Test func cartRepliesSayWhatHappened() throws {
        let failures = try ChatMessageTests.failures(of: Self.cartLimitRows)
        #expect(failures.isEmpty, "\(failures.count) rows fail:\n\(failures.joined(separator: "\n"))")
    }

    /// Another tab fills the line between two messages: the reply is built from what the
    /// cart did, not from what the message asked.
    @Test func aCartChangedElsewhereIsReportedAsItIs() throws {
        let turns = try ChatFixture.play(["headphones", "add the first one", "add 20 of it"]) { position, carts, userID in
            guard position == 2, let line = try carts.items(userID: userID).first else { return }
            _ = try carts.add(userID: userID, productID: line.productID, quantity: 89, now: ChatFixture.fixedNowMilliseconds)
        }
        let last = try #require(turns.last)
        #expect(last.cart.reduce(0) { $0 + $1.quantity } == 90)
        #expect(last.answer.text.contains("holds 90"), "\(last.answer.text)")
        #expect(last.answer.text.contains("9 more"), "\(last.answer.text)")
    }

    /// A cart has room for `CartStore.maximumLines` different products; the next is refused
    /// with that limit, so that no list the chat shows is longer (positions past it exist in none).
    @Test func aFullCartRefusesAnotherProduct() throws {
        let index = try ChatFixture.index()
        let turns = try ChatFixture.play(["headphones", "add the first one"]) { position, carts, userID in
            guard position == 1 else { return }
            var document: UInt32 = 0
            var added = 0
            while added < CartStore.maximumLines {
                let product = try index.product(document: document)
                if !product.name.lowercased().contains("headphones") {
                    #expect(try carts.add(userID: userID, productID: product.id, quantity: 1, now: 1).isAdded)
                    added += 1
                }
                document += 1
            }
        }
        let last = try #require(turns.last)
        #expect(last.cart.count == CartStore.maximumLines)
        #expect(last.answer.text.contains("\(CartStore.maximumLines) different products"), "\(last.answer.text)")
    }
}
