import Foundation
import TestSupport
import Testing
@testable import Store

/// A cart's revision moves with every change that happened and with nothing else, and an order
/// is placed only for the revision reviewed, once per checkout token (issue 15).
@Suite struct CartRevisionTests {
    /// One shopper's cart and orders on a fresh database of `backend`.
    final class Shop {
        let database: TestDatabase
        let carts: CartStore
        let orders: OrderStore
        let userID: Int64

        init(_ backend: StoreBackend) throws {
            database = try backend.makeDatabase()
            carts = CartStore(database: database.database)
            orders = OrderStore(database: database.database)
            guard case .created(let user) = try UserStore(database: database.database).create(username: "alice", passwordHash: "hash", now: 100) else {
                throw StoreError(operation: "test", code: 0, message: "user not created")
            }
            userID = user.id
        }

        func revision() throws -> Int64 { try carts.snapshot(userID: userID).revision }
    }

    @Test(arguments: StoreBackend.all) func everyChangeMovesTheRevisionAndRefusalsDoNot(_ backend: StoreBackend) throws {
        let shop = try Shop(backend)
        #expect(try shop.revision() == 0)
        try shop.carts.add(userID: shop.userID, productID: "a", quantity: 2, now: 1)
        #expect(try shop.revision() == 1)
        try shop.carts.add(userID: shop.userID, productID: "a", quantity: 1, now: 2)
        #expect(try shop.revision() == 2)
        // Refused whole: the limit, a bad quantity, a stock limit; nothing changed, no move.
        #expect(try shop.carts.add(userID: shop.userID, productID: "a", quantity: 99, now: 3) == .overQuantityLimit(current: .init(productID: "a", quantity: 3, addedAtMilliseconds: 1)))
        #expect(try shop.carts.add(userID: shop.userID, productID: "a", quantity: 1, now: 3, limit: 3) == .overQuantityLimit(current: .init(productID: "a", quantity: 3, addedAtMilliseconds: 1)))
        #expect(try shop.carts.setQuantity(userID: shop.userID, productID: "a", quantity: 0, now: 3) == .overQuantityLimit(limit: 99))
        #expect(try shop.carts.setQuantity(userID: shop.userID, productID: "a", quantity: 5, now: 3, limit: Int.min) == .overQuantityLimit(limit: 0))
        #expect(try shop.revision() == 2)
        // Setting the quantity it already has changes nothing either.
        #expect(try shop.carts.setQuantity(userID: shop.userID, productID: "a", quantity: 3, now: 3) == .set(.init(productID: "a", quantity: 3, addedAtMilliseconds: 1), previousQuantity: 3))
        #expect(try shop.revision() == 2)
        _ = try shop.carts.setQuantity(userID: shop.userID, productID: "a", quantity: 4, now: 4)
        _ = try shop.carts.setQuantity(userID: shop.userID, productID: "b", quantity: 1, now: 5)
        #expect(try shop.revision() == 4)
        #expect(try shop.carts.remove(userID: shop.userID, productID: "b"))
        #expect(try !shop.carts.remove(userID: shop.userID, productID: "b"))
        #expect(try shop.revision() == 5)
        try shop.carts.clear(userID: shop.userID)
        #expect(try shop.revision() == 6)
    }

    @Test(arguments: StoreBackend.all) func anOrderIsPlacedForTheReviewedRevisionOnce(_ backend: StoreBackend) throws {
        let shop = try Shop(backend)
        try shop.carts.add(userID: shop.userID, productID: "a", quantity: 2, now: 1)
        let reviewed = try shop.revision()
        let lines = [CartStore.OrderLine(productID: "a", name: "A", priceCents: 150, quantity: 2)]
        // A change after the review, even undone, is a new revision.
        try shop.carts.add(userID: shop.userID, productID: "b", quantity: 1, now: 2)
        #expect(try shop.carts.remove(userID: shop.userID, productID: "b"))
        #expect(try shop.orders.place(userID: shop.userID, lines: lines, totalCents: 300, revision: reviewed, checkoutToken: "t1", now: 3) == .cartChanged)
        let current = try shop.revision()
        guard case .placed(let id) = try shop.orders.place(userID: shop.userID, lines: lines, totalCents: 300, revision: current, checkoutToken: "t2", now: 4) else {
            Issue.record("not placed")
            return
        }
        #expect(try shop.orders.place(userID: shop.userID, lines: lines, totalCents: 300, revision: current, checkoutToken: "t2", now: 5) == .alreadyPlaced(orderID: id))
        #expect(try shop.carts.snapshot(userID: shop.userID).items.isEmpty)
        #expect(try shop.revision() == current + 1)
        #expect(try shop.orders.order(userID: shop.userID, id: id)?.lines == lines)
        #expect(try shop.orders.orders(userID: shop.userID, offset: 0, limit: 10).orders.map(\.itemCount) == [2])
        #expect(try shop.orders.order(userID: shop.userID + 1, id: id) == nil)
    }
}
