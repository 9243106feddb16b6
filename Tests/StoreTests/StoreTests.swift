import Foundation
import TestSupport
import Testing
@testable import Store

/// The stores against a fresh database per test, on each engine (`StoreBackend`).
@Suite struct StoreTests {
    private func makeUser(_ name: String, _ database: Database) throws -> User {
        guard case .created(let user) = try UserStore(database: database).create(username: name, passwordHash: "hash", now: 100) else {
            throw StoreError(operation: "test", code: 0, message: "user not created")
        }
        return user
    }

    @Test(arguments: StoreBackend.all) func migrationsRunOnceAndReopenKeepsData(_ backend: StoreBackend) throws {
        let test = try backend.makeDatabase()
        let database = test.database
        let user = try makeUser("alice", database)
        #expect(try database.schemaVersion() == Migrations.steps.count)
        let reopened = try test.secondNode()
        #expect(try reopened.schemaVersion() == Migrations.steps.count)
        #expect(try UserStore(database: reopened).user(id: user.id) == user)
    }

    @Test(arguments: StoreBackend.all) func usernamesAreUniqueWithoutRegardToCase(_ backend: StoreBackend) throws {
        let test = try backend.makeDatabase()
        let database = test.database
        let users = UserStore(database: database)
        _ = try makeUser("Alice", database)
        #expect(try users.create(username: "alice", passwordHash: "x", now: 1) == .usernameTaken)
        #expect(try users.credentials(username: "ALICE")?.passwordHash == "hash")
        #expect(try users.count() == 1)
    }

    @Test(arguments: StoreBackend.all) func removingAUserRemovesWhatBelongsToIt(_ backend: StoreBackend) throws {
        let test = try backend.makeDatabase()
        let database = test.database
        let user = try makeUser("alice", database)
        _ = try ChatHistoryStore(database: database).appendExchange(userID: user.id, question: "hi", questionAt: 1, reply: "hello",
                                                                     payload: nil, replyAt: 2, state: "{}")
        try CartStore(database: database).add(userID: user.id, productID: "sku-1", quantity: 1, now: 1)
        #expect(try UserStore(database: database).remove(username: "alice"))
        #expect(try ChatHistoryStore(database: database).page(userID: user.id, offset: 0, limit: 10).total == 0)
        #expect(try CartStore(database: database).items(userID: user.id).isEmpty)
        #expect(try UserStore(database: database).remove(username: "alice") == false)
    }

    @Test(arguments: StoreBackend.all) func refreshRotationAndReuseDetection(_ backend: StoreBackend) throws {
        let test = try backend.makeDatabase()
        let database = test.database
        let user = try makeUser("alice", database)
        let tokens = RefreshTokenStore(database: database)
        try tokens.startFamily(id: "fam", userID: user.id, jti: "t1", issuedAt: 10, expiresAt: 1000)
        #expect(try tokens.rotate(jti: "t1", newJTI: "t2", now: 20, newExpiresAt: 1020) == .rotated(userID: user.id, familyID: "fam"))
        #expect(try tokens.rotate(jti: "t2", newJTI: "t3", now: 30, newExpiresAt: 1030) == .rotated(userID: user.id, familyID: "fam"))
        // t1 was already exchanged: presenting it again revokes the login, t3 included.
        #expect(try tokens.rotate(jti: "t1", newJTI: "x", now: 40, newExpiresAt: 1040) == .reuseDetected)
        #expect(try tokens.isFamilyActive("fam", now: 41) == false)
        #expect(try tokens.rotate(jti: "t3", newJTI: "t4", now: 42, newExpiresAt: 1042) == .revoked)
        #expect(try tokens.rotate(jti: "nope", newJTI: "t5", now: 42, newExpiresAt: 1042) == .unknown)
    }

    @Test(arguments: StoreBackend.all) func expiredRefreshTokensAndLogout(_ backend: StoreBackend) throws {
        let test = try backend.makeDatabase()
        let database = test.database
        let user = try makeUser("alice", database)
        let tokens = RefreshTokenStore(database: database)
        try tokens.startFamily(id: "a", userID: user.id, jti: "a1", issuedAt: 0, expiresAt: 50)
        #expect(try tokens.rotate(jti: "a1", newJTI: "a2", now: 50, newExpiresAt: 100) == .expired)
        try tokens.startFamily(id: "b", userID: user.id, jti: "b1", issuedAt: 0, expiresAt: 500)
        #expect(try tokens.revokeFamily(ofToken: "b1", now: 10, reason: "logout"))
        #expect(try tokens.revokeFamily(ofToken: "b1", now: 11, reason: "logout") == false)
        #expect(try tokens.rotate(jti: "b1", newJTI: "b2", now: 12, newExpiresAt: 600) == .revoked)
        #expect(try tokens.purge(endedBefore: 1000).families == 2)
    }

    @Test(arguments: StoreBackend.all) func duplicateTokenIDRollsTheRotationBack(_ backend: StoreBackend) throws {
        let test = try backend.makeDatabase()
        let database = test.database
        let user = try makeUser("alice", database)
        let tokens = RefreshTokenStore(database: database)
        try tokens.startFamily(id: "f", userID: user.id, jti: "j1", issuedAt: 0, expiresAt: 500)
        // The new id collides with an existing token: the insert fails and the whole rotation
        // must roll back, leaving j1 usable.
        #expect(throws: StoreError.self) { try tokens.rotate(jti: "j1", newJTI: "j1", now: 1, newExpiresAt: 600) }
        #expect(try tokens.rotate(jti: "j1", newJTI: "j2", now: 2, newExpiresAt: 600) == .rotated(userID: user.id, familyID: "f"))
    }

    @Test(arguments: StoreBackend.all) func historyPagesOldestFirst(_ backend: StoreBackend) throws {
        let test = try backend.makeDatabase()
        let database = test.database
        let user = try makeUser("alice", database)
        let history = ChatHistoryStore(database: database)
        for turn in 0..<5 {
            _ = try history.appendExchange(userID: user.id, question: "q\(turn)", questionAt: Int64(turn * 10), reply: "a\(turn)",
                                           payload: "{\"n\":\(turn)}", replyAt: Int64(turn * 10 + 1), state: "s\(turn)")
        }
        let page = try history.page(userID: user.id, offset: 2, limit: 3)
        #expect(page.total == 10)
        #expect(page.messages.map(\.text) == ["q1", "a1", "q2"])
        #expect(page.messages.map(\.role) == [.user, .bot, .user])
        #expect(page.messages[1].payload == "{\"n\":1}")
        #expect(try history.state(userID: user.id) == "s4")
        #expect(try history.clear(userID: user.id) == 10)
        #expect(try history.state(userID: user.id) == nil)
    }

    @Test(arguments: StoreBackend.all) func cartQuantitiesAddUpAndOrdersEmptyTheCart(_ backend: StoreBackend) throws {
        let test = try backend.makeDatabase()
        let database = test.database
        let user = try makeUser("alice", database)
        let carts = CartStore(database: database)
        try carts.add(userID: user.id, productID: "sku-1", quantity: 2, now: 1)
        let five = CartItem(productID: "sku-1", quantity: 5, addedAtMilliseconds: 1)
        #expect(try carts.add(userID: user.id, productID: "sku-1", quantity: 3, now: 2) == .added(five, previousQuantity: 2))
        try carts.add(userID: user.id, productID: "sku-2", quantity: 1, now: 4)
        #expect(try carts.items(userID: user.id).map(\.productID) == ["sku-1", "sku-2"])
        #expect(try carts.remove(userID: user.id, productID: "sku-2"))
        let order = try carts.placeOrder(userID: user.id, lines: [.init(productID: "sku-1", name: "Thing", priceCents: 1999, quantity: 5)], now: 5)
        #expect(order > 0)
        #expect(try carts.items(userID: user.id).isEmpty)
    }

    /// Nothing is clamped: a quantity that does not fit is refused whole and the line is left
    /// as it was, so that a caller can say what happened (issue 11).
    @Test(arguments: StoreBackend.all) func quantitiesPastTheLimitAreRefusedWhole(_ backend: StoreBackend) throws {
        let test = try backend.makeDatabase()
        let database = test.database
        let user = try makeUser("alice", database)
        let carts = CartStore(database: database)
        let limit = CartStore.maximumQuantity
        try carts.add(userID: user.id, productID: "sku-1", quantity: 22, now: 1)
        let line = CartItem(productID: "sku-1", quantity: 22, addedAtMilliseconds: 1)
        for quantity in [limit, limit - 21, 500, 0, -1, Int.max, Int.min] {
            #expect(try carts.add(userID: user.id, productID: "sku-1", quantity: quantity, now: 2) == .overQuantityLimit(current: line), "\(quantity)")
        }
        #expect(try carts.add(userID: user.id, productID: "sku-new", quantity: limit + 1, now: 2) == .overQuantityLimit(current: nil))
        #expect(try carts.add(userID: user.id, productID: "sku-1", quantity: limit - 22, now: 3)
            == .added(CartItem(productID: "sku-1", quantity: limit, addedAtMilliseconds: 1), previousQuantity: 22))
        #expect(try carts.items(userID: user.id).map(\.quantity) == [limit])
    }

    @Test(arguments: StoreBackend.all) func aCartHoldsAtMostItsLimitOfDifferentProducts(_ backend: StoreBackend) throws {
        let test = try backend.makeDatabase()
        let database = test.database
        let user = try makeUser("alice", database)
        let carts = CartStore(database: database)
        for line in 0..<CartStore.maximumLines {
            #expect(try carts.add(userID: user.id, productID: "sku-\(line)", quantity: 1, now: Int64(line)).isAdded)
        }
        #expect(try carts.add(userID: user.id, productID: "sku-one-more", quantity: 1, now: 1000) == .cartFull)
        // A product already in the cart still takes more units.
        #expect(try carts.add(userID: user.id, productID: "sku-0", quantity: 1, now: 1000).isAdded)
        #expect(try carts.items(userID: user.id).count == CartStore.maximumLines)
    }

    /// "empty my cart" in the chat: every line goes, of this shopper's cart only.
    @Test(arguments: StoreBackend.all) func clearingACartEmptiesItAndNoOtherCart(_ backend: StoreBackend) throws {
        let test = try backend.makeDatabase()
        let database = test.database
        let alice = try makeUser("alice", database)
        let bob = try makeUser("bob", database)
        let carts = CartStore(database: database)
        try carts.add(userID: alice.id, productID: "sku-1", quantity: 3, now: 1)
        try carts.add(userID: alice.id, productID: "sku-2", quantity: 1, now: 2)
        try carts.add(userID: bob.id, productID: "sku-1", quantity: 2, now: 3)
        try carts.clear(userID: alice.id)
        #expect(try carts.items(userID: alice.id).isEmpty)
        #expect(try carts.items(userID: bob.id).map(\.quantity) == [2])
        // An empty cart clears without error, and takes products again afterwards.
        try carts.clear(userID: alice.id)
        #expect(try carts.add(userID: alice.id, productID: "sku-3", quantity: 1, now: 4).isAdded)
        #expect(try carts.items(userID: alice.id).map(\.productID) == ["sku-3"])
    }

    @Test(arguments: StoreBackend.all) func removingUnitsLeavesTheRest(_ backend: StoreBackend) throws {
        let test = try backend.makeDatabase()
        let database = test.database
        let user = try makeUser("alice", database)
        let carts = CartStore(database: database)
        try carts.add(userID: user.id, productID: "sku-1", quantity: 5, now: 1)
        #expect(try carts.remove(userID: user.id, productID: "sku-1", quantity: 2) == .init(removed: 2, remaining: 3))
        #expect(try carts.remove(userID: user.id, productID: "sku-1", quantity: 9) == .init(removed: 3, remaining: 0))
        #expect(try carts.remove(userID: user.id, productID: "sku-1", quantity: 1) == nil)
        #expect(try carts.items(userID: user.id).isEmpty)
    }

    @Test func unopenablePathIsAClearError() {
        #expect(throws: StoreError.self) { try Database(path: "/nonexistent-dir/x/shop.db") }
    }
}
