import CSQLite

/// A failed database call: what was being done, the engine's code and its message.
///
/// SQLite reports a result code (`code`); PostgreSQL a five-character SQLSTATE (`sqlState`,
/// https://www.postgresql.org/docs/current/errcodes-appendix.html), with `code` 0. `kind`
/// says what a caller can do about it, whichever engine failed.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    /// What a failure means to the caller.
    public enum Kind: Sendable, Equatable {
        /// The statement failed: a mistake, a damaged database, a full disk. Retrying the
        /// request will not help; the details belong in the operator's log.
        case failed
        /// The database server could not be reached, the connection broke, or every pooled
        /// connection stayed busy past the acquire timeout. Nothing was committed unless the
        /// connection broke during COMMIT. Retrying later may succeed (HTTP 503).
        case unavailable
        /// The rows changed under the operation (an order whose cart changed since it was
        /// shown, a transaction that lost every serialization retry): nothing was written.
        case conflict
    }

    public let operation: String
    public let code: Int32
    public let message: String
    /// PostgreSQL's SQLSTATE; nil for SQLite and for failures before the server answered.
    public let sqlState: String?
    public let kind: Kind

    public init(operation: String, code: Int32, message: String, sqlState: String? = nil, kind: Kind = .failed) {
        self.operation = operation
        self.code = code
        self.message = message
        self.sqlState = sqlState
        self.kind = kind
    }

    /// True when a UNIQUE or PRIMARY KEY constraint refused the write.
    public var isUniqueViolation: Bool {
        code == Self.constraintUnique || code == Self.constraintPrimaryKey || sqlState == "23505"
    }

    /// True when the database server is down, unreachable or out of connections.
    public var isUnavailable: Bool { kind == .unavailable }

    /// True when PostgreSQL aborted a transaction that may succeed when run again from the
    /// start: a serialization failure (40001) or a deadlock (40P01).
    var isSerializationFailure: Bool { sqlState == "40001" || sqlState == "40P01" }

    // Extended result codes are C macros built from shifts, which Swift does not import:
    // SQLITE_CONSTRAINT (19) | 8 << 8 and 19 | 6 << 8.
    static let constraintUnique: Int32 = 2067
    static let constraintPrimaryKey: Int32 = 1555
    /// A row read by a column name its statement does not have (`DatabaseRow`).
    static let noSuchColumn: Int32 = SQLITE_RANGE

    /// The operation, the message and the engine's code: SQLite's result code, PostgreSQL's
    /// SQLSTATE, or none for a failure before the server answered (a refused connection).
    public var description: String {
        let engineCode = sqlState.map { " (SQLSTATE \($0))" } ?? (code != 0 || kind == .failed ? " (code \(code))" : "")
        return "database: \(operation): \(message)\(engineCode)"
    }
}
