@testable import API
import Foundation
import Testing
@testable import Store

/// Rows are read by column name (`SQLiteRow`) through one mapping per table: the order of a
/// SELECT list does not matter, and a name the statement lacks is an error, not a NULL.
@Suite final class SQLiteRowTests {
    let directory: URL
    let connection: SQLiteConnection

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("uplyft-rows-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        connection = try SQLiteConnection(path: directory.appendingPathComponent("rows.db").path)
        try connection.execute(Migrations.steps.map(\.sql).joined(separator: ";\n"))
        try connection.execute("""
            INSERT INTO users (id, username, password_hash, created_at, sessions_valid_from) VALUES (7, 'ann', 'hash', 100, 150);
            INSERT INTO chat_messages (user_id, role, text, payload, created_at_ms) VALUES (7, 'bot', 'hi', '{"a":1}', 5000);
            INSERT INTO cart_items (user_id, product_id, quantity, added_at_ms) VALUES (7, 'sku-1', 3, 6000);
            """)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    @Test func valuesAreReadByNameWhateverTheOrderOfTheSelectList() throws {
        let expected = User(id: 7, username: "ann", createdAt: 100, sessionsValidFrom: 150)
        for columns in [User.columns, "sessions_valid_from, created_at, username, id", "password_hash, username AS username, *"] {
            let row = try #require(try connection.query("SELECT \(columns) FROM users").first)
            #expect(try User(row: row) == expected, "\(columns)")
        }
        let message = try #require(try connection.query("SELECT created_at_ms, payload, text, role, id FROM chat_messages").first)
        #expect(try ChatMessage(row: message)?.payload == #"{"a":1}"#)
        #expect(try ChatMessage(row: message)?.createdAtMilliseconds == 5000)
        let line = try #require(try connection.query("SELECT added_at_ms, quantity, product_id FROM cart_items").first)
        #expect(try CartItem(row: line) == CartItem(productID: "sku-1", quantity: 3, addedAtMilliseconds: 6000))
    }

    @Test func aColumnTheStatementLacksIsAnErrorNamingIt() throws {
        let row = try #require(try connection.query("SELECT id, username FROM users").first)
        do {
            _ = try User(row: row)
            Issue.record("a row without created_at was read")
        } catch {
            #expect(error.code == StoreError.noSuchColumn)
            #expect(error.message.contains("created_at"), "\(error.message)")
        }
        #expect(throws: StoreError.self) { try row.integer("ID ") }
    }

    @Test func aDamagedRowIsNoValueNotATrap() throws {
        // SQLite keeps what it is given where a column's affinity cannot convert it.
        try connection.execute("UPDATE users SET created_at = 'yesterday'")
        let row = try #require(try connection.query("SELECT \(User.columns) FROM users").first)
        #expect(try User(row: row) == nil)
        try connection.execute("UPDATE cart_items SET quantity = 9223372036854775807")
        let line = try #require(try connection.query("SELECT \(CartItem.columns) FROM cart_items").first)
        #expect(try CartItem(row: line)?.quantity == Int.max)
    }
}
