import CSQLite
import Foundation
import Synchronization

/// The shop's database: by default one SQLite file in the data directory, opened in WAL mode
/// with foreign keys on; or a PostgreSQL server shared by several nodes, through a bounded
/// pool (`UPLYFT_DATABASE_URL`, `--database-url`). Either way the numbered migrations are
/// applied at start, and the stores run the same SQL on it (`StoreConnection`).
///
/// SQLite: one connection behind a mutex. Every request's database work is a few indexed
/// statements (tens of microseconds), so serialising them costs less than a pool's
/// bookkeeping, and SQLite allows one writer at a time anyway.
public final class Database: Sendable {
    private enum Backend: Sendable {
        case sqlite(SQLiteHandle)
        case postgres(PostgresPool)
    }

    private final class SQLiteHandle: Sendable {
        let connection: Mutex<SQLiteConnection>
        init(_ connection: SQLiteConnection) { self.connection = Mutex(connection) }
    }

    private let backend: Backend
    /// The SQLite file, or the PostgreSQL URL with its password hidden (safe to log).
    public let path: String

    /// Times a PostgreSQL write transaction is run when the server keeps aborting it as not
    /// serializable (40001) or deadlocked (40P01); each run starts from a fresh snapshot.
    static let serializationAttempts = 10

    /// How long to wait before run `attempt + 1` of a transaction the server aborted: a random
    /// time up to 2^attempt ms, at most 64 ms ("full jitter" backoff). Two nodes retrying the
    /// same cart at once without it collide again on every run; the random spread lets one of
    /// them commit first, as PostgreSQL's manual advises for serialization failures.
    static func retryDelayMicroseconds(afterAttempt attempt: Int) -> UInt32 {
        let ceiling = UInt32(1_000) << UInt32(min(max(attempt, 0), 6))
        return UInt32.random(in: 0...ceiling)
    }

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
        backend = .sqlite(SQLiteHandle(opened))
    }

    /// Connects to PostgreSQL with a libpq connection URI
    /// (`postgresql://USER:PASSWORD@HOST:PORT/DB`) and applies the migrations. Throws
    /// `.unavailable` when the server cannot be reached, `.failed` when a migration fails or
    /// the database's schema is newer than this build.
    public init(postgresURL url: String, pool settings: DatabasePoolSettings = DatabasePoolSettings()) throws(StoreError) {
        let pool = PostgresPool(url: url, settings: settings)
        try pool.withConnection { connection throws(StoreError) in try Migrations.apply(to: connection) }
        path = Self.redactingPassword(url)
        backend = .postgres(pool)
    }

    /// Runs `body` inside one write transaction: committed if it returns, rolled back if it
    /// throws, so no request leaves half its writes behind. SQLite: BEGIN IMMEDIATE under the
    /// connection's lock. PostgreSQL: SERIALIZABLE, run again from the start (so `body` must
    /// do nothing but database work) when the server aborts it as conflicting with another
    /// node's, and once more on a new connection when the pooled one turns out broken before
    /// COMMIT was sent (the server restarted since it was last used).
    @discardableResult
    func transaction<Result>(_ body: (any StoreConnection) throws(StoreError) -> Result) throws(StoreError) -> Result {
        switch backend {
        case .sqlite(let handle):
            return try handle.connection.withLock { connection throws(StoreError) -> Result in
                try Self.runTransaction(on: connection, body)
            }
        case .postgres(let pool):
            var attempt = 0
            var reconnected = false
            while true {
                attempt += 1
                var committing = false
                var lent = false
                do throws(StoreError) {
                    return try pool.withConnection { connection throws(StoreError) -> Result in
                        lent = true
                        return try Self.runTransaction(on: connection, body) { committing = true }
                    }
                } catch where error.isSerializationFailure {
                    guard attempt < Self.serializationAttempts else {
                        throw StoreError(operation: error.operation, code: 0,
                                         message: "\(error.message) (gave up after \(attempt) attempts)", sqlState: error.sqlState, kind: .conflict)
                    }
                    usleep(Self.retryDelayMicroseconds(afterAttempt: attempt))
                } catch where error.isUnavailable && lent && !committing && !reconnected {
                    // Not committed: the server ends a transaction whose connection is gone.
                    reconnected = true
                }
            }
        }
    }

    /// Runs read-only statements without opening a write transaction (PostgreSQL: each one
    /// sees the data committed when it starts). A pooled connection found broken is replaced
    /// once: reads change nothing, so running them again is safe.
    @discardableResult
    func read<Result>(_ body: (any StoreConnection) throws(StoreError) -> Result) throws(StoreError) -> Result {
        switch backend {
        case .sqlite(let handle):
            return try handle.connection.withLock { connection throws(StoreError) -> Result in try body(connection) }
        case .postgres(let pool):
            var lent = false
            do throws(StoreError) {
                return try pool.withConnection { connection throws(StoreError) -> Result in
                    lent = true
                    return try body(connection)
                }
            } catch where error.isUnavailable && lent {
                return try pool.withConnection { connection throws(StoreError) -> Result in try body(connection) }
            }
        }
    }

    /// The schema version the migrations brought the database to.
    public func schemaVersion() throws(StoreError) -> Int {
        try read { connection throws(StoreError) in try connection.dialect.schemaVersion(connection) }
    }

    /// True for a PostgreSQL server, which several nodes may share; false for the node's own
    /// SQLite file. State every node must see the same (the login throttles) goes into a
    /// shared database; a single node may keep it in memory.
    public var isShared: Bool {
        if case .postgres = backend { true } else { false }
    }

    /// The PostgreSQL pool's connections now, lent out and open, and its bound; nil for
    /// SQLite (one connection, no pool).
    public var poolUse: (inUse: Int, open: Int, size: Int)? {
        if case .postgres(let pool) = backend { (pool.connectionsInUse, pool.openConnections, pool.settings.size) } else { nil }
    }

    /// Connections the PostgreSQL pool holds open now; nil for SQLite.
    public var openPoolConnections: Int? {
        if case .postgres(let pool) = backend { pool.openConnections } else { nil }
    }

    private static func runTransaction<Result>(on connection: any StoreConnection,
                                               _ body: (any StoreConnection) throws(StoreError) -> Result,
                                               committing: () -> Void = {}) throws(StoreError) -> Result {
        try connection.execute(connection.dialect.beginWrite)
        do throws(StoreError) {
            let result = try body(connection)
            committing()
            try connection.execute("COMMIT")
            return result
        } catch {
            // The statement's own error is the one to report; a failed rollback adds nothing
            // (a PostgreSQL connection left inside a transaction is closed by its pool).
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// `url` with the password of its user-info part and any `password=` parameter replaced by
    /// `***`, for logs and error messages.
    public static func redactingPassword(_ url: String) -> String {
        var result = url
        if let scheme = result.range(of: "://") {
            let rest = result[scheme.upperBound...]
            let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
            if let at = rest[..<authorityEnd].lastIndex(of: "@"),
               let colon = rest[..<at].firstIndex(of: ":") {
                result.replaceSubrange(result.index(after: colon)..<at, with: "***")
            }
        }
        if let parameter = result.range(of: "password=", options: .caseInsensitive) {
            let end = result[parameter.upperBound...].firstIndex(of: "&") ?? result.endIndex
            result.replaceSubrange(parameter.upperBound..<end, with: "***")
        }
        return result
    }
}

/// The PostgreSQL connection pool of one node: at most `size` connections (at least 1), and
/// how long a request waits for one before it is answered 503.
public struct DatabasePoolSettings: Sendable, Equatable {
    public var size: Int
    public var acquireTimeoutSeconds: Double
    /// PostgreSQL's statement_timeout on every pooled connection: a statement still running
    /// after it (a lock held by a stuck node, an overloaded server) is cancelled and the
    /// request answered instead of held. The shop's statements take milliseconds; 10 s is far
    /// above them and below HAProxy's 30 s server timeout, so the shopper gets uplyft's answer,
    /// not the balancer's 504.
    public var statementTimeoutMilliseconds: Int
    public static let defaultStatementTimeoutMilliseconds = 10_000
    /// How long a node waits for any answer to one statement before it drops the connection
    /// and answers 503: for a server that is stuck itself, whose statement_timeout never fires.
    /// 5 s past the statement timeout, so a working server always cancels first; still under
    /// HAProxy's 30 s.
    public var responseTimeoutMilliseconds: Int
    public static let defaultResponseTimeoutMilliseconds = 15_000

    public init(size: Int = 8, acquireTimeoutSeconds: Double = 5,
                statementTimeoutMilliseconds: Int = DatabasePoolSettings.defaultStatementTimeoutMilliseconds,
                responseTimeoutMilliseconds: Int = DatabasePoolSettings.defaultResponseTimeoutMilliseconds) {
        self.size = max(1, size)
        self.acquireTimeoutSeconds = max(0, acquireTimeoutSeconds)
        self.statementTimeoutMilliseconds = max(0, statementTimeoutMilliseconds)
        self.responseTimeoutMilliseconds = max(0, responseTimeoutMilliseconds)
    }
}
