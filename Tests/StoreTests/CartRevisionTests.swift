import Foundation
import TestSupport
import Testing
@testable import Store

/// A cart's revision moves with every change that happened and with nothing else, and an order
/// is placed only for the revision reviewed, once per checkout token (issue 15).
@Suite final class CartRevisionTests {
    let directory: TemporaryDirectory
    let database: Database
    let carts: CartStore
    let orders: OrderStore
    let userID: Int64

    init() throws {
        directory = try TemporaryDirectory()
        database = try Database(path: directory.file("shop.db"))
        carts = CartStore(database: database)
        orders = OrderStore(database: database)
        guard case .created(let user) = try UserStore(database: database).create(username: "alice", passwordHash: "hash", now: 100) else {
            throw StoreError(operation: "test", code: 0, message: "user not created")
        }
        userID = user.id
    }

    func revision() throws -> Int64 { try carts.snapshot(userID: userID).revision }

    @Test func everyChangeMovesTheRevisionAndRefusalsDoNot() throws {
        #expect(try revision() == 0)
        try carts.add(userID: userID, productID: "a", quantity: 2, now: 1)
        #expect(try revision() == 1)
        try carts.add(userID: userID, productID: "a", quantity: 1, now: 2)
        #expect(try revision() == 2)
        // Refused whole: the limit, a bad quantity, a stock limit; nothing changed, no move.
        #expect(try carts.add(userID: userID, productID: "a", quantity: 99, now: 3) == .overQuantityLimit(current: .init(productID: "a", quantity: 3, addedAtMilliseconds: 1)))
        #expect(try carts.add(userID: userID, productID: "a", quantity: 1, now: 3, limit: 3) == .overQuantityLimit(current: .init(productID: "a", quantity: 3, addedAtMilliseconds: 1)))
        #expect(try carts.setQuantity(userID: userID, productID: "a", quantity: 0, now: 3) == .overQuantityLimit(limit: 99))
        #expect(try carts.setQuantity(userID: userID, productID: "a", quantity: 5, now: 3, limit: Int.min) == .overQuantityLimit(limit: 0))
        #expect(try revision() == 2)
        // Setting the quantity it already has changes nothing either.
        #expect(try carts.setQuantity(userID: userID, productID: "a", quantity: 3, now: 3) == .set(.init(productID: "a", quantity: 3, addedAtMilliseconds: 1), previousQuantity: 3))
        #expect(try revision() == 2)
        _ = try carts.setQuantity(userID: userID, productID: "a", quantity: 4, now: 4)
        _ = try carts.setQuantity(userID: userID, productID: "b", quantity: 1, now: 5)
        #expect(try revision() == 4)
        #expect(try carts.remove(userID: userID, productID: "b"))
        #expect(try !carts.remove(userID: userID, productID: "b"))
        #expect(try revision() == 5)
        try carts.clear(userID: userID)
        #expect(try revision() == 6)
    }

    @Test func anOrderIsPlacedForTheReviewedRevisionOnce() throws {
        try carts.add(userID: userID, productID: "a", quantity: 2, now: 1)
        let reviewed = try revision()
        let lines = [CartStore.OrderLine(productID: "a", name: "A", priceCents: 150, quantity: 2)]
        // A change after the review, even undone, is a new revision.
        try carts.add(userID: userID, productID: "b", quantity: 1, now: 2)
        #expect(try carts.remove(userID: userID, productID: "b"))
        #expect(try orders.place(userID: userID, lines: lines, totalCents: 300, revision: reviewed, checkoutToken: "t1", now: 3) == .cartChanged)
        let current = try revision()
        guard case .placed(let id) = try orders.place(userID: userID, lines: lines, totalCents: 300, revision: current, checkoutToken: "t2", now: 4) else {
            Issue.record("not placed")
            return
        }
        #expect(try orders.place(userID: userID, lines: lines, totalCents: 300, revision: current, checkoutToken: "t2", now: 5) == .alreadyPlaced(orderID: id))
        #expect(try carts.snapshot(userID: userID).items.isEmpty)
        #expect(try revision() == current + 1)
        #expect(try orders.order(userID: userID, id: id)?.lines == lines)
        #expect(try orders.orders(userID: userID, offset: 0, limit: 10).orders.map(\.itemCount) == [2])
        #expect(try orders.order(userID: userID + 1, id: id) == nil)
    }
}
