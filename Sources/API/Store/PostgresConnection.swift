import CPostgres
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One connection to a PostgreSQL server: the only type in uplyft that calls libpq.
///
/// Statements run through `PQexecParams` with every value sent as a separate parameter (text
/// format), never spliced into the SQL. Not thread-safe by itself: `PostgresPool` lends each
/// connection to one caller at a time, which is why it is `@unchecked Sendable`.
final class PostgresConnection: StoreConnection, @unchecked Sendable {
    let dialect = SQLDialect.postgres
    private let handle: OpaquePointer
    private(set) var changes = 0
    /// The store SQL with `$n` placeholders, by its `?` text: the same few statements run on
    /// every request.
    private var translated: [String: String] = [:]

    /// Seconds libpq waits for the server to accept a connection, unless the URL says otherwise.
    static let defaultConnectTimeoutSeconds = 5

    /// TCP keepalives, so that a server that vanished (host down, network cut) is noticed
    /// while a request waits on it: the first probe after 10 s of silence, then every 5 s,
    /// given up after 3 unanswered (about 25 s in all), and `tcp_user_timeout` closing a
    /// connection whose sent data stays unacknowledged for 25 s. Both end a wait that would
    /// otherwise last the kernel's default of two hours, well within HAProxy's 30 s server
    /// timeout (deploy/haproxy.cfg). Keywords of the URL override them.
    static let keepaliveSettings = [("keepalives", "1"), ("keepalives_idle", "10"), ("keepalives_interval", "5"),
                                    ("keepalives_count", "3"), ("tcp_user_timeout", "25000")]

    /// Connects with a libpq connection URI (`postgresql://USER:PASSWORD@HOST:PORT/DB?...`)
    /// and sets the session's limits (`DatabasePoolSettings.statementTimeoutMilliseconds`: a
    /// statement running longer is cancelled by the server, SQLSTATE 57014; a transaction
    /// left idle by a stuck node is ended after 30 s so its row locks do not stall the
    /// others). Throws `.unavailable` when the server cannot be reached or refuses the login;
    /// the error never contains the URL, so never its password.
    init(url: String, statementTimeoutMilliseconds: Int = DatabasePoolSettings.defaultStatementTimeoutMilliseconds,
         responseTimeoutMilliseconds: Int = DatabasePoolSettings.defaultResponseTimeoutMilliseconds) throws(StoreError) {
        // Later keywords override earlier ones, and `dbname` expands the URI: a
        // connect_timeout or keepalive setting in the URL wins over these defaults.
        let keywords = ["connect_timeout", "application_name"] + Self.keepaliveSettings.map(\.0) + ["dbname"]
        let values = [String(Self.defaultConnectTimeoutSeconds), "uplyft"] + Self.keepaliveSettings.map(\.1) + [url]
        let connection = withCStrings(keywords) { keywordPointers in
            withCStrings(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let connection else {
            throw StoreError(operation: "connect to PostgreSQL", code: 0, message: "out of memory", kind: .unavailable)
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.trimmed(PQerrorMessage(connection))
            PQfinish(connection)
            throw StoreError(operation: "connect to PostgreSQL", code: 0, message: message, kind: .unavailable)
        }
        handle = connection
        self.statementTimeoutMilliseconds = max(0, statementTimeoutMilliseconds)
        self.responseTimeoutMilliseconds = max(0, responseTimeoutMilliseconds)
        // Notices ("relation already exists, skipping") would go to stderr; the outcome of
        // every statement is checked, so they add nothing.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        // SET rather than the `options` keyword, which a URL's own `options` would replace.
        try execute("SET statement_timeout = \(self.statementTimeoutMilliseconds); SET idle_in_transaction_session_timeout = 30000")
    }

    /// The session's statement_timeout, in milliseconds (0: none); migrations lift it while
    /// they run and put it back (`Migrations.apply`).
    let statementTimeoutMilliseconds: Int

    /// How long this side waits for the server's answer to one statement before it gives up
    /// on the connection (0: forever). statement_timeout is the server's own clock and stops
    /// nothing when the server itself is stuck (a stopped process still has its kernel
    /// acknowledge packets, so keepalives pass too); this is the client's. Migrations lift it.
    var responseTimeoutMilliseconds: Int

    deinit { PQfinish(handle) }

    /// The value libpq uses for connection keyword `keyword` (`keepalives_idle`, ...), nil
    /// when unset: what the connection was really opened with, for tests.
    func connectionOption(_ keyword: String) -> String? {
        guard let options = PQconninfo(handle) else { return nil }
        defer { PQconninfoFree(options) }
        var option = options
        while let name = option.pointee.keyword {
            if String(cString: name) == keyword { return option.pointee.val.map { String(cString: $0) } }
            option += 1
        }
        return nil
    }

    /// False once the connection broke: the server restarted, went away, or was not heard from
    /// in time.
    var isConnected: Bool { PQstatus(handle) == CONNECTION_OK }

    /// False once the connection broke (the server restarted or went away): the pool closes it
    /// instead of lending it again.
    var isUsable: Bool { PQstatus(handle) == CONNECTION_OK && PQtransactionStatus(handle) == PQTRANS_IDLE }

    func execute(_ sql: String) throws(StoreError) {
        guard PQsendQuery(handle, sql) == 1 else { try check(nil, sql: sql); return }
        let result = try awaitResult(sql: sql)
        defer { PQclear(result) }
        try check(result, sql: sql)
        changes = Self.affectedRows(result)
    }

    @discardableResult
    func query(_ sql: String, _ parameters: [DatabaseValue]) throws(StoreError) -> [DatabaseRow] {
        let text: String
        if let cached = translated[sql] {
            text = cached
        } else {
            text = dialect.placeholders(in: sql)
            translated[sql] = text
        }
        // Integers are typed int8 (OID 20) so that `LIMIT $1` or a comparison never reads them
        // as text; text is left untyped (0) for the server to infer, which lets a `citext`
        // column compare without regard to case.
        var types: [UInt32] = []
        var values: [String?] = []
        for parameter in parameters {
            switch parameter {
            case .integer(let number):
                types.append(20)
                values.append(String(number))
            case .text(let string):
                // libpq takes text parameters as C strings and PostgreSQL's text cannot hold
                // NUL: refuse instead of storing the part before it.
                guard !string.utf8.contains(0) else {
                    throw StoreError(operation: "bind \(sql.prefix(60))", code: 0,
                                     message: "text holding a NUL character cannot be stored in PostgreSQL", sqlState: "22021")
                }
                types.append(0)
                values.append(string)
            case .null:
                types.append(0)
                values.append(nil)
            }
        }
        let sent = withOptionalCStrings(values) { valuePointers in
            PQsendQueryParams(handle, text, Int32(parameters.count), types, valuePointers, nil, nil, 0)
        }
        guard sent == 1 else { try check(nil, sql: sql); return [] }
        let result = try awaitResult(sql: sql)
        defer { PQclear(result) }
        try check(result, sql: sql)
        changes = Self.affectedRows(result)
        return Self.rows(of: result!, sql: sql)
    }

    /// Waits for the results of the statement just sent, at most `responseTimeoutMilliseconds`
    /// in all, and returns the one to report: the first that failed, else the last (as PQexec
    /// does). Past the deadline the connection is left mid-statement, so the pool closes it
    /// (`isUsable`), and the caller gets `.unavailable`.
    private func awaitResult(sql: String) throws(StoreError) -> OpaquePointer? {
        let deadline = responseTimeoutMilliseconds > 0 ? ContinuousClock.now + .milliseconds(responseTimeoutMilliseconds) : nil
        var kept: OpaquePointer?
        while true {
            while PQisBusy(handle) == 1 {
                var waitMilliseconds: Int32 = -1
                if let deadline {
                    let (seconds, attoseconds) = (deadline - ContinuousClock.now).components
                    let remaining = seconds * 1000 + attoseconds / 1_000_000_000_000_000
                    guard remaining > 0 else {
                        PQclear(kept)
                        throw StoreError(operation: "run \(sql.prefix(60))", code: 0,
                                         message: "PostgreSQL gave no answer within \(responseTimeoutMilliseconds) ms; the connection is dropped",
                                         kind: .unavailable)
                    }
                    waitMilliseconds = Int32(clamping: remaining)
                }
                var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
                let ready = poll(&descriptor, 1, waitMilliseconds)
                if ready < 0 && errno == EINTR { continue }
                // A failed poll or read leaves the connection broken: PQgetResult reports it.
                if ready != 0 && PQconsumeInput(handle) == 0 { break }
            }
            guard let result = PQgetResult(handle) else { break }
            if let previous = kept, !Self.succeeded(previous) {
                PQclear(result)
            } else {
                PQclear(kept)
                kept = result
            }
            if PQstatus(handle) != CONNECTION_OK { break }
        }
        return kept
    }

    private static func succeeded(_ result: OpaquePointer) -> Bool {
        let status = PQresultStatus(result)
        return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY
    }

    /// Throws the result's error, with its SQLSTATE, unless the statement succeeded.
    private func check(_ result: OpaquePointer?, sql: String) throws(StoreError) {
        if let result, Self.succeeded(result) { return }
        let sqlState = result.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "C"))) }.map { String(cString: $0) }
        let message = result.map { Self.trimmed(PQresultErrorMessage($0)) }.flatMap { $0.isEmpty ? nil : $0 }
            ?? Self.trimmed(PQerrorMessage(handle))
        // Class 08 is a connection exception; 57P01-57P03 the server shutting down or starting.
        let lost = PQstatus(handle) != CONNECTION_OK || sqlState.map { $0.hasPrefix("08") || $0.hasPrefix("57P0") } == true
        throw StoreError(operation: "run \(sql.prefix(60))", code: 0, message: message, sqlState: sqlState,
                         kind: lost ? .unavailable : .failed)
    }

    private static func affectedRows(_ result: OpaquePointer?) -> Int {
        guard let result, let count = PQcmdTuples(result) else { return 0 }
        return Int(String(cString: count)) ?? 0
    }

    /// The result's rows: int2, int4 and int8 columns (OIDs 21, 23, 20) as integers, and
    /// numeric ones (1700: what SUM of a bigint gives) when they hold a whole number that
    /// fits; NULL as null; everything else as its text.
    private static func rows(of result: OpaquePointer, sql: String) -> [DatabaseRow] {
        let fieldCount = PQnfields(result)
        let names = (0..<fieldCount).map { String(cString: PQfname(result, $0)) }
        let isInteger = (0..<fieldCount).map { [20, 21, 23, 1700].contains(PQftype(result, $0)) }
        let columns = DatabaseRow.Columns(names: names, sql: sql)
        return (0..<PQntuples(result)).map { row in
            let values = (0..<fieldCount).map { field -> DatabaseValue in
                if PQgetisnull(result, row, field) == 1 { return .null }
                let length = Int(PQgetlength(result, row, field))
                let text = PQgetvalue(result, row, field).withMemoryRebound(to: UInt8.self, capacity: length) {
                    String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
                }
                if isInteger[Int(field)] { return Int64(text).map(DatabaseValue.integer) ?? .text(text) }
                return .text(text)
            }
            return DatabaseRow(columns: columns, values: values)
        }
    }

    private static func trimmed(_ message: UnsafePointer<CChar>?) -> String {
        message.map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }
}

/// `strings` as a NULL-terminated array of C strings, valid during `body`.
private func withCStrings<Result>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> Result) -> Result {
    withOptionalCStrings(strings.map(Optional.some)) { pointers in body(pointers + [nil]) }
}

/// `strings` as C strings (nil as a null pointer), valid during `body`.
private func withOptionalCStrings<Result>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> Result) -> Result {
    let copies = strings.map { string in string.map { strdup($0)! } }
    defer { copies.forEach { free($0) } }
    return body(copies.map { $0.map { UnsafePointer($0) } })
}
