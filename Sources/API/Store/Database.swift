import CSQLite
import Foundation
import Synchronization

/// The shop's database: one SQLite file in the data directory, opened in WAL mode with
/// foreign keys on and the numbered migrations applied.
///
/// One connection behind a mutex: every request's database work is a few indexed statements
/// (tens of microseconds), so serialising them costs less than a connection pool's
/// bookkeeping, and SQLite allows one writer at a time anyway.
public final class Database: Sendable {
    private let connection: Mutex<SQLiteConnection>
    public let path: String

    public init(path: String) throws(StoreError) {
        // An existing but empty file is a database that lost its contents (SQLite would take
        // it for a new one and start over): refuse it rather than silently replace the shop.
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber, size.intValue == 0 {
            throw StoreError(operation: "open \(path)", code: SQLITE_CORRUPT,
                             message: "the database file is empty, so it was truncated or is corrupt: restore it from a backup, or remove it to start a new shop")
        }
        let opened = try SQLiteConnection(path: path)
        try opened.execute("PRAGMA journal_mode = WAL")
        // FULL syncs the WAL on every commit: a committed refresh-token rotation or order must
        // survive power loss, not only a process crash (which NORMAL already covers).
        try opened.execute("PRAGMA synchronous = FULL")
        try opened.execute("PRAGMA foreign_keys = ON")
        let problems = try opened.integrityProblems()
        guard problems.isEmpty else {
            throw StoreError(operation: "check \(path)", code: SQLITE_CORRUPT,
                             message: "the database is corrupt (\(problems.prefix(3).joined(separator: "; "))): restore it from a backup")
        }
        try Migrations.apply(to: opened)
        self.path = path
        connection = Mutex(opened)
    }

    /// Runs `body` inside one IMMEDIATE transaction: committed if it returns, rolled back if
    /// it throws, so no request leaves half its writes behind.
    @discardableResult
    func transaction<Result>(_ body: (SQLiteConnection) throws(StoreError) -> Result) throws(StoreError) -> Result {
        try connection.withLock { connection throws(StoreError) -> Result in
            try connection.execute("BEGIN IMMEDIATE")
            do throws(StoreError) {
                let result = try body(connection)
                try connection.execute("COMMIT")
                return result
            } catch {
                try? connection.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// Runs read-only statements without opening a write transaction.
    @discardableResult
    func read<Result>(_ body: (SQLiteConnection) throws(StoreError) -> Result) throws(StoreError) -> Result {
        try connection.withLock { connection throws(StoreError) -> Result in try body(connection) }
    }

    /// The schema version the migrations brought the file to.
    public func schemaVersion() throws(StoreError) -> Int {
        try read { connection throws(StoreError) in
            Int(try connection.query("PRAGMA user_version").first?.integer("user_version") ?? 0)
        }
    }
}
