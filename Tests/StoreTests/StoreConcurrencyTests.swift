import Foundation
import Testing
@testable import Store

/// Two nodes (two `Database` values on the same data: two SQLite connections to one file, or
/// two PostgreSQL pools) doing the same thing at the same moment, as shoppers' tabs behind a
/// load balancer do. Each test asserts what must hold whatever the interleaving, over several
/// rounds so that the operations do overlap; none depends on timing to pass.
@Suite struct StoreConcurrencyTests {
    static let rounds = 12

    /// Runs `left` and `right` on two threads released together.
    private func together<T: Sendable>(_ left: @escaping @Sendable () -> T, _ right: @escaping @Sendable () -> T) -> (T, T) {
        let start = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        let results = ResultsBox<T>()
        for (slot, work) in [left, right].enumerated() {
            group.enter()
            Thread.detachNewThread {
                start.wait()
                results.set(slot, work())
                group.leave()
            }
        }
        start.signal()
        start.signal()
        group.wait()
        return results.pair()
    }

    private func makeUser(_ name: String, _ database: Database) throws -> User {
        guard case .created(let user) = try UserStore(database: database).create(username: name, passwordHash: "hash", now: 1) else {
            throw StoreError(operation: "test", code: 0, message: "user not created")
        }
        return user
    }

    /// Exactly one of two rotations of the same refresh token wins; the other is reuse, and
    /// the login is revoked, whichever node sees which.
    @Test(arguments: StoreBackend.all) func concurrentRotationsOfOneTokenRotateOnce(_ backend: StoreBackend) throws {
        let test = try backend.makeDatabase()
        let nodes = [RefreshTokenStore(database: test.database), RefreshTokenStore(database: try test.secondNode())]
        let user = try makeUser("alice", test.database)
        for round in 0..<Self.rounds {
            let family = "family-\(round)", jti = "token-\(round)"
            try nodes[0].startFamily(id: family, userID: user.id, jti: jti, issuedAt: 1, expiresAt: 10_000)
            let (first, second) = together({ Result { () throws(StoreError) in try nodes[0].rotate(jti: jti, newJTI: "\(jti)-a", now: 5, newExpiresAt: 9_000) } },
                                           { Result { () throws(StoreError) in try nodes[1].rotate(jti: jti, newJTI: "\(jti)-b", now: 5, newExpiresAt: 9_000) } })
            let outcomes = [try first.get(), try second.get()]
            #expect(outcomes.filter { $0 == .rotated(userID: user.id, familyID: family) }.count == 1, "round \(round): \(outcomes)")
            #expect(outcomes.filter { $0 == .reuseDetected }.count == 1, "round \(round): \(outcomes)")
            #expect(try nodes[1].isFamilyActive(family, now: 6) == false)
        }
    }

    /// Two confirmations of the same order place one order; the other is refused as a conflict.
    @Test(arguments: StoreBackend.all) func concurrentConfirmationsPlaceOneOrder(_ backend: StoreBackend) throws {
        let test = try backend.makeDatabase()
        let second = try test.secondNode()
        let nodes = [CartStore(database: test.database), CartStore(database: second)]
        let user = try makeUser("alice", test.database)
        let lines = [CartStore.OrderLine(productID: "sku-1", name: "Lamp", priceCents: 1_500, quantity: 2)]
        for round in 0..<Self.rounds {
            try nodes[0].add(userID: user.id, productID: "sku-1", quantity: 2, now: Int64(round))
            let (first, other) = together({ Result { () throws(StoreError) in try nodes[0].placeOrder(userID: user.id, lines: lines, now: 10) } },
                                          { Result { () throws(StoreError) in try nodes[1].placeOrder(userID: user.id, lines: lines, now: 10) } })
            let placed = [first, other].compactMap { try? $0.get() }
            let refused = [first, other].compactMap { result -> StoreError? in if case .failure(let error) = result { error } else { nil } }
            #expect(placed.count == 1, "round \(round): \(refused)")
            #expect(refused.map(\.kind) == [.conflict], "round \(round): \(refused)")
        }
        let orders = try second.read { connection throws(StoreError) in
            try connection.query("SELECT COUNT(*) AS count FROM orders WHERE user_id = ?", [.integer(user.id)]).first?.integer("count")
        }
        #expect(orders == Int64(Self.rounds))
    }

    /// Units added to the same cart line from two nodes at once all count.
    @Test(arguments: StoreBackend.all) func concurrentCartAdditionsAreNotLost(_ backend: StoreBackend) throws {
        let test = try backend.makeDatabase()
        let nodes = [CartStore(database: test.database), CartStore(database: try test.secondNode())]
        let user = try makeUser("alice", test.database)
        let perNode = 20
        let (first, second) = together({
            Result { () throws(StoreError) in for _ in 0..<perNode { try nodes[0].add(userID: user.id, productID: "sku-1", quantity: 1, now: 1) } }
        }, {
            Result { () throws(StoreError) in for _ in 0..<perNode { try nodes[1].add(userID: user.id, productID: "sku-1", quantity: 1, now: 2) } }
        })
        try first.get()
        try second.get()
        #expect(try nodes[0].items(userID: user.id).map(\.quantity) == [2 * perNode])
    }
}

/// Two results written by two threads, read after both finished.
private final class ResultsBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int: T] = [:]

    func set(_ slot: Int, _ value: T) {
        lock.lock()
        values[slot] = value
        lock.unlock()
    }

    func pair() -> (T, T) {
        lock.lock()
        defer { lock.unlock() }
        return (values[0]!, values[1]!)
    }
}
