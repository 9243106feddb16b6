import CSQLite

/// One open SQLite database: the only type in uplyft that calls the SQLite C API (with
/// `SQLiteStatement`). Not thread-safe by itself: it is `@unchecked Sendable` only so that
/// `Database` can keep it in a mutex and lend it to closures; every use goes through that lock.
final class SQLiteConnection: StoreConnection, @unchecked Sendable {
    let dialect = SQLDialect.sqlite
    private let handle: OpaquePointer
    /// Prepared statements by SQL text: the same few statements run on every request, so
    /// preparing each once saves the parse on the hot path.
    private var statementCache: [String: SQLiteStatement] = [:]

    init(path: String) throws(StoreError) {
        var opened: OpaquePointer?
        // FULLMUTEX costs little and keeps SQLite's own state safe should a connection ever be
        // reached from two threads; `Database` serialises use anyway.
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
        let status = sqlite3_open_v2(path, &opened, flags, nil)
        guard status == SQLITE_OK, let opened else {
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let opened { sqlite3_close_v2(opened) }
            throw StoreError(operation: "open \(path)", code: status, message: message)
        }
        handle = opened
        sqlite3_extended_result_codes(handle, 1)
        // Writers from other processes (the CLI's `user` command) wait instead of failing.
        sqlite3_busy_timeout(handle, 5_000)
        // SQLite falls back to read-only when the file or its directory is; the shop would
        // then start and fail every write. Say so at start instead.
        if sqlite3_db_readonly(handle, "main") == 1 {
            throw StoreError(operation: "open \(path)", code: SQLITE_READONLY,
                             message: "the database or its directory is read-only; the server must be able to write it")
        }
    }

    /// SQLite's own consistency check of every page: "ok", or what is damaged.
    func integrityProblems() throws(StoreError) -> [String] {
        let rows = try query("PRAGMA quick_check")
        var messages: [String] = []
        for row in rows {
            if let message = try row.text("quick_check") { messages.append(message) }
        }
        return messages == ["ok"] ? [] : messages
    }

    deinit {
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs SQL without results (schema, pragmas, transaction control).
    func execute(_ sql: String) throws(StoreError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if status != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? lastErrorMessage
            sqlite3_free(errorMessage)
            throw StoreError(operation: "execute \(sql.prefix(60))", code: status, message: message)
        }
    }

    /// Runs one statement with `parameters` bound in order and returns its rows, whose values
    /// are read by column name (`DatabaseRow`).
    @discardableResult
    func query(_ sql: String, _ parameters: [DatabaseValue] = []) throws(StoreError) -> [DatabaseRow] {
        let statement = try prepared(sql)
        defer { statement.reset() }
        try statement.bind(parameters)
        var rows: [DatabaseRow] = []
        while try statement.step() {
            rows.append(DatabaseRow(columns: statement.columns, values: statement.row()))
        }
        return rows
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changes: Int { Int(sqlite3_changes(handle)) }

    var lastErrorMessage: String { String(cString: sqlite3_errmsg(handle)) }

    private func prepared(_ sql: String) throws(StoreError) -> SQLiteStatement {
        if let cached = statementCache[sql] { return cached }
        var raw: OpaquePointer?
        let status = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &raw, nil)
        guard status == SQLITE_OK, let raw else {
            throw StoreError(operation: "prepare \(sql.prefix(60))", code: status, message: lastErrorMessage)
        }
        let statement = SQLiteStatement(handle: raw, connection: handle, sql: sql)
        statementCache[sql] = statement
        return statement
    }
}

/// A prepared statement owned by its connection's cache.
final class SQLiteStatement {
    private let handle: OpaquePointer
    private let connection: OpaquePointer
    private let sql: String
    /// The name of each result column, as the statement's SELECT gives it; shared by its rows.
    let columns: DatabaseRow.Columns
    /// SQLite copies bound text at bind time with this destructor (the C macro does not import).
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    init(handle: OpaquePointer, connection: OpaquePointer, sql: String) {
        self.handle = handle
        self.connection = connection
        self.sql = sql
        let names = (0..<sqlite3_column_count(handle)).map { column in
            sqlite3_column_name(handle, column).map { String(cString: $0) } ?? ""
        }
        columns = DatabaseRow.Columns(names: names, sql: sql)
    }

    deinit { sqlite3_finalize(handle) }

    func bind(_ parameters: [DatabaseValue]) throws(StoreError) {
        guard parameters.count == Int(sqlite3_bind_parameter_count(handle)) else {
            throw StoreError(operation: "bind \(sql.prefix(60))", code: SQLITE_RANGE,
                             message: "statement takes \(sqlite3_bind_parameter_count(handle)) parameters, got \(parameters.count)")
        }
        for (offset, value) in parameters.enumerated() {
            let position = Int32(offset + 1)
            let status: Int32
            switch value {
            case .integer(let number): status = sqlite3_bind_int64(handle, position, number)
            case .text(let text):
                // With its byte length, so text holding NUL characters is stored whole. The
                // trailing 0 keeps the buffer non-empty: a nil pointer would bind NULL.
                var bytes = Array(text.utf8)
                let length = Int32(bytes.count)
                bytes.append(0)
                status = bytes.withUnsafeBufferPointer { buffer in
                    buffer.withMemoryRebound(to: CChar.self) { characters in
                        sqlite3_bind_text(handle, position, characters.baseAddress, length, Self.transient)
                    }
                }
            case .null: status = sqlite3_bind_null(handle, position)
            }
            guard status == SQLITE_OK else {
                throw StoreError(operation: "bind \(sql.prefix(60))", code: status, message: String(cString: sqlite3_errmsg(connection)))
            }
        }
    }

    /// Advances to the next row; false when the statement is done.
    func step() throws(StoreError) -> Bool {
        let status = sqlite3_step(handle)
        switch status {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            throw StoreError(operation: "run \(sql.prefix(60))", code: sqlite3_extended_errcode(connection),
                             message: String(cString: sqlite3_errmsg(connection)))
        }
    }

    func row() -> [DatabaseValue] {
        (0..<sqlite3_column_count(handle)).map { column in
            switch sqlite3_column_type(handle, column) {
            case SQLITE_NULL: return .null
            case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, column))
            default:
                guard let text = sqlite3_column_text(handle, column) else { return .null }
                let length = Int(sqlite3_column_bytes(handle, column))
                return .text(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self))
            }
        }
    }

    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }
}

