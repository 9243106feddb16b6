import Foundation
import HTTPCore
import Indexer
import Testing
import TestSupport
@testable import API
@testable import Auth
@testable import Store

/// Upgrading a database made by the first schema: the users table is rebuilt (SQLite's
/// twelve-step procedure) so that ids are never reused, with every row and every foreign key
/// intact; and a removed account's tokens fail even when its id was freed before the upgrade.
@Suite final class MigrationTests {
    let temporary: TemporaryDirectory
    var directory: String { temporary.path }

    init() throws {
        temporary = try TemporaryDirectory()
    }

    var databasePath: String { directory + "/uplyft.db" }

    /// A database exactly as schema version 1 left it, with two shoppers, a login, a chat
    /// message and a cart line; `extra` runs last (foreign keys are off, as they were by
    /// default for older tools).
    func makeVersionOneDatabase(extra: String = "") throws {
        let connection = try SQLiteConnection(path: databasePath)
        try connection.execute(Migrations.steps[0].sql)
        try connection.execute("""
            PRAGMA user_version = 1;
            INSERT INTO users (id, username, password_hash, created_at) VALUES (1, 'ann', 'hash-a', 100), (2, 'ben', 'hash-b', 200);
            INSERT INTO refresh_families (id, user_id, current_jti, created_at, expires_at) VALUES ('fam-ann', 1, 'j1', 100, 9999999999);
            INSERT INTO refresh_tokens (jti, family_id, issued_at, expires_at) VALUES ('j1', 'fam-ann', 100, 9999999999);
            INSERT INTO chat_messages (user_id, role, text, created_at_ms) VALUES (1, 'user', 'hello', 100000);
            INSERT INTO cart_items (user_id, product_id, quantity, added_at_ms) VALUES (2, 'sku-1', 1, 200000);
            \(extra)
            """)
    }

    @Test func upgradingKeepsEveryRowAndForeignKeyAndNeverReusesIdsAfterwards() throws {
        try makeVersionOneDatabase()
        let database = try Database(path: databasePath)
        #expect(try database.schemaVersion() == Migrations.steps.count)
        let users = UserStore(database: database)
        #expect(try users.all().map(\.username) == ["ann", "ben"])
        #expect(try users.user(id: 1) == User(id: 1, username: "ann", createdAt: 100, sessionsValidFrom: 100))
        #expect(try users.credentials(username: "BEN")?.passwordHash == "hash-b")
        #expect(try ChatHistoryStore(database: database).page(userID: 1, offset: 0, limit: 10).total == 1)
        #expect(try RefreshTokenStore(database: database).isFamilyActive("fam-ann", now: 1000))

        try database.read { connection throws(StoreError) in
            let definition = try connection.query("SELECT sql FROM sqlite_master WHERE name = 'users'").first?.first?.text ?? ""
            #expect(definition.contains("AUTOINCREMENT"))
            #expect(try connection.query("PRAGMA foreign_key_check").isEmpty)
            #expect(try connection.query("PRAGMA foreign_keys").first?.first?.integer == 1, "foreign keys are back on")
        }
        // The child tables still reference the rebuilt table: removing a user cascades.
        #expect(try users.remove(username: "ben"))
        #expect(try CartStore(database: database).items(userID: 2).isEmpty)
        // ben had the highest id; it is not handed out again.
        guard case .created(let next) = try users.create(username: "cat", passwordHash: "hash-c", now: 300) else {
            Issue.record("cat was not created")
            return
        }
        #expect(next.id == 3)
    }

    /// The twelve-step procedure's foreign-key check: a database whose rows already break a
    /// foreign key is not upgraded half-way; it stays at version 1, unchanged, with a clear error.
    @Test func anUpgradeThatWouldBreakForeignKeysLeavesTheDatabaseAsItWas() throws {
        try makeVersionOneDatabase(extra: "INSERT INTO cart_items (user_id, product_id, quantity, added_at_ms) VALUES (77, 'orphan', 1, 1);")
        do {
            _ = try Database(path: databasePath)
            Issue.record("the upgrade went ahead")
        } catch {
            #expect(error.description.contains("foreign key"), "\(error)")
        }
        let connection = try SQLiteConnection(path: databasePath)
        #expect(try connection.query("PRAGMA user_version").first?.first?.integer == 1)
        let definition = try connection.query("SELECT sql FROM sqlite_master WHERE name = 'users'").first?.first?.text ?? ""
        #expect(!definition.contains("AUTOINCREMENT"))
        #expect(try connection.query("SELECT COUNT(*) FROM users").first?.first?.integer == 2)
    }

    /// An id freed before the upgrade may be given out once more (nothing recorded it), but
    /// the removed account's tokens still fail: they were issued before the new account's
    /// sessions began.
    @Test func tokensOfAnAccountRemovedBeforeTheUpgradeFailForTheIdsNextHolder() throws {
        try makeVersionOneDatabase(extra: "PRAGMA foreign_keys = ON; DELETE FROM users WHERE id = 2;")
        let clock = ManualClock(1_800_000_000)
        var configuration = ShopConfiguration()
        configuration.dataDirectory = directory
        configuration.indexPath = directory + "/catalog.uplyft"
        configuration.secret = ShopServerFixture.secret
        configuration.passwordIterations = 1
        var builder = IndexBuilder()
        builder.add(ShopServerFixture.products[0])
        _ = try builder.write(to: configuration.indexPath)
        let shop = try ShopApplication(configuration: configuration, log: { _ in }, clock: clock.function)
        // A token ben received before he was removed (signed with the shop's secret).
        let bensToken = TokenSigner(secret: Array(ShopServerFixture.secret.utf8))
            .sign(TokenClaims(sub: "2", iat: Int(clock.now), exp: Int(clock.now) + 300, jti: "old", type: .access))

        clock.advance(by: 1)
        let body = ShopServerFixture.jsonBody(["username": "dana", "password": "correct horse battery"])
        let registered = shop.handle(try HTTPRequest(method: "POST", target: "/api/register/",
                                                     headers: [("Content-Type", "application/json")], body: Array(body.utf8)))
        #expect(registered.status == 201)
        let me = shop.handle(try HTTPRequest(method: "GET", target: "/api/me/", headers: [("Authorization", "Bearer \(bensToken)")]))
        #expect(me.status == 401, "\(String(decoding: me.body, as: UTF8.self))")
    }
}
