import Dispatch
import Foundation
import Synchronization
import Testing
import TestSupport
@testable import Auth
@testable import Store

/// The scheduled purge of ended logins, with a clock the test moves: what goes, what stays
/// (live logins, and a token rotated within the reuse interval), and that a started server
/// purges at once.
@Suite final class RefreshTokenPurgeTests {
    let directory: TemporaryDirectory
    let database: Database
    let tokens: RefreshTokenStore
    let clock = ManualClock(1_000_000)
    let userID: Int64

    init() throws {
        directory = try TemporaryDirectory()
        database = try Database(path: directory.file("shop.db"))
        tokens = RefreshTokenStore(database: database)
        guard case .created(let user) = try UserStore(database: database).create(username: "purger", passwordHash: "x", now: 1) else {
            throw StoreError(operation: "test", code: 0, message: "user not created")
        }
        userID = user.id
    }

    func familyIDs() throws -> [String] {
        try database.read { connection throws(StoreError) in
            try connection.query("SELECT id FROM refresh_families ORDER BY id").compactMap { $0.first?.text }
        }
    }

    func tokenIDs() throws -> [String] {
        try database.read { connection throws(StoreError) in
            try connection.query("SELECT jti FROM refresh_tokens ORDER BY jti").compactMap { $0.first?.text }
        }
    }

    @Test func theJobDeletesEndedLoginsAndKeepsLiveOnes() throws {
        let now = clock.now
        let day: Int64 = 86_400
        try tokens.startFamily(id: "expired", userID: userID, jti: "e1", issuedAt: now - 2 * day, expiresAt: now - day)
        try tokens.startFamily(id: "logged-out", userID: userID, jti: "l1", issuedAt: now - day, expiresAt: now + day)
        _ = try tokens.revokeFamily(ofToken: "l1", now: now - 3600, reason: "logout")
        try tokens.startFamily(id: "just-revoked", userID: userID, jti: "r1", issuedAt: now - 10, expiresAt: now + day)
        _ = try tokens.revokeFamily(ofToken: "r1", now: now - 1, reason: "reuse")
        try tokens.startFamily(id: "live", userID: userID, jti: "v1", issuedAt: now - 2 * day, expiresAt: now - day + 10)
        // The live login was refreshed: v1 expired long ago, v2 and v3 are current.
        #expect(try tokens.rotate(jti: "v1", newJTI: "v2", now: now - day, newExpiresAt: now + 100) == .rotated(userID: userID, familyID: "live"))
        #expect(try tokens.rotate(jti: "v2", newJTI: "v3", now: now - 2, newExpiresAt: now + day) == .rotated(userID: userID, familyID: "live"))

        let logged = Mutex<[String]>([])
        let purge = RefreshTokenPurge(store: tokens, retentionSeconds: 60, clock: clock.function,
                                      log: { line in logged.withLock { $0.append(line) } })
        let count = try #require(purge.runOnce())
        #expect(count == RefreshTokenStore.PurgeCount(families: 2, expiredTokens: 1))
        #expect(try familyIDs() == ["just-revoked", "live"], "ended within the retention, and alive")
        #expect(try tokenIDs() == ["r1", "v2", "v3"])
        #expect(logged.withLock { $0 } == ["refresh tokens: purged 2 ended logins and 1 expired exchanged tokens"])

        // v2 was rotated into v3 two seconds ago: within a 5 s reuse interval it still gets
        // the login's current token after the purge.
        if case .replayed(_, _, let current) = try tokens.rotate(jti: "v2", newJTI: "unused", now: now, newExpiresAt: now + day,
                                                                  reuseIntervalSeconds: 5) {
            #expect(current.jti == "v3")
        } else {
            Issue.record("the token rotated within the interval lost its row")
        }

        clock.advance(by: 61)
        #expect(purge.runOnce() == RefreshTokenStore.PurgeCount(families: 1, expiredTokens: 0))
        #expect(try familyIDs() == ["live"])
    }

    @Test func aFailingPurgeIsLoggedAndTriedAgainLater() throws {
        let logged = Mutex<[String]>([])
        let purge = RefreshTokenPurge(store: tokens, retentionSeconds: 60, clock: clock.function,
                                      log: { line in logged.withLock { $0.append(line) } })
        try database.transaction { connection throws(StoreError) in try connection.execute("DROP TABLE refresh_tokens") }
        #expect(purge.runOnce() == nil)
        #expect(logged.withLock { $0 }.first?.contains("purge failed") == true)
    }

    /// A started server does not wait an hour for its first purge.
    @Test func startingPurgesAtOnce() throws {
        try tokens.startFamily(id: "old", userID: userID, jti: "o1", issuedAt: 0, expiresAt: 10)
        let ran = DispatchSemaphore(value: 0)
        let purge = RefreshTokenPurge(store: tokens, intervalSeconds: 3600, retentionSeconds: 60, clock: clock.function) { _ in
            ran.signal()
        }
        purge.start()
        // A generous bound so a broken schedule fails the test instead of hanging it.
        #expect(ran.wait(timeout: .now() + 30) == .success)
        purge.stop()
        #expect(try familyIDs().isEmpty)
    }
}
