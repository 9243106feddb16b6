import Foundation
import Testing
@testable import Store

/// The edges of the PostgreSQL side: values only ever as parameters, errors with their
/// SQLSTATE, the password kept out of messages, and the database going away and coming back.
@Suite struct PostgresStoreTests {
    @Test func placeholdersAreNumberedOutsideQuotes() {
        let sql = "SELECT '?', \"a?\" FROM t WHERE a = ? AND b = ? AND c = 'it''s ?'"
        #expect(SQLDialect.postgres.placeholders(in: sql) == "SELECT '?', \"a?\" FROM t WHERE a = $1 AND b = $2 AND c = 'it''s ?'")
        #expect(SQLDialect.sqlite.placeholders(in: sql) == sql)
    }

    @Test func passwordsAreHiddenFromWhatIsLogged() {
        #expect(Database.redactingPassword("postgresql://shop:s3cr%40t@db.example:5432/shop") == "postgresql://shop:***@db.example:5432/shop")
        #expect(Database.redactingPassword("postgresql://db/shop?user=shop&password=hunter2&sslmode=require")
            == "postgresql://db/shop?user=shop&password=***&sslmode=require")
        #expect(Database.redactingPassword("postgresql://shop@db/shop") == "postgresql://shop@db/shop")
    }

    /// A server nobody listens on: a clear `.unavailable` error at start, without the password.
    @Test func anUnreachableServerIsUnavailable() throws {
        let port = try closedLoopbackPort()
        let error = #expect(throws: StoreError.self) {
            try Database(postgresURL: "postgresql://shop:topsecret@127.0.0.1:\(port)/shop?connect_timeout=2")
        }
        #expect(error?.kind == .unavailable)
        #expect(error?.description.contains("topsecret") == false)
    }

    /// Quotes, placeholders and SQL in values are stored as the text they are.
    @Test(arguments: StoreBackend.postgresOnly) func valuesAreParametersNeverSQL(_ backend: StoreBackend) throws {
        let test = try backend.makeDatabase()
        let users = UserStore(database: test.database)
        let names = ["o'brien", "a?b", "$1", "x'); DROP TABLE users; --", "émile 🛒"]
        for name in names {
            guard case .created = try users.create(username: name, passwordHash: "h", now: 1) else { Issue.record("\(name)"); continue }
            #expect(try users.credentials(username: name)?.user.username == name)
        }
        #expect(try users.count() == names.count)
    }

    @Test(arguments: StoreBackend.postgresOnly) func textWithNULIsRefusedNotCut(_ backend: StoreBackend) throws {
        let test = try backend.makeDatabase()
        let users = UserStore(database: test.database)
        let error = #expect(throws: StoreError.self) { try users.create(username: "a\u{0}b", passwordHash: "h", now: 1) }
        #expect(error?.sqlState == "22021")
        #expect(try users.count() == 0)
    }

    /// Whole numbers read as integers on both engines, also where PostgreSQL computes them as
    /// numeric (SUM of a bigint column); a fraction stays text rather than being rounded.
    @Test(arguments: StoreBackend.all) func sumsReadAsIntegers(_ backend: StoreBackend) throws {
        let test = try backend.makeDatabase()
        let row = try test.database.read { connection throws(StoreError) in
            try connection.query("SELECT COALESCE(SUM(quantity), 0) AS units, COUNT(*) AS count FROM cart_items").first
        }
        #expect(try row?.integer("units") == 0)
        #expect(try row?.integer("count") == 0)
        if backend == .postgres {
            let fraction = try test.database.read { connection throws(StoreError) in
                try connection.query("SELECT 7.5::numeric AS half, 9223372036854775808::numeric AS big").first
            }
            #expect(try fraction?.text("half") == "7.5")
            #expect(try fraction?.text("big") == "9223372036854775808")
        }
    }

    @Test(arguments: StoreBackend.postgresOnly) func serverErrorsCarryTheirSQLState(_ backend: StoreBackend) throws {
        let test = try backend.makeDatabase()
        let error = #expect(throws: StoreError.self) {
            try test.database.read { connection throws(StoreError) in try connection.query("SELECT * FROM no_such_table") }
        }
        #expect(error?.sqlState == "42P01")
        #expect(error?.kind == .failed)
    }

    /// A database whose schema is newer than the build is refused with a message that says so.
    @Test(arguments: StoreBackend.all) func aNewerSchemaIsRefused(_ backend: StoreBackend) throws {
        let test = try backend.makeDatabase()
        try test.database.transaction { connection throws(StoreError) in
            try connection.dialect.recordSchemaVersion(Migrations.steps.count + 1, connection)
        }
        let error = #expect(throws: StoreError.self) { _ = try test.secondNode() }
        #expect(error?.message.contains("newer than this build") == true)
    }

    /// Every pooled connection busy past the acquire timeout: `.unavailable`, not a wait forever.
    @Test(arguments: StoreBackend.postgresOnly) func aFullPoolAnswersUnavailable(_ backend: StoreBackend) throws {
        let test = try backend.makeDatabase(pool: DatabasePoolSettings(size: 1, acquireTimeoutSeconds: 0.05))
        let users = UserStore(database: test.database)
        let error = try test.database.read { _ throws(StoreError) in
            // The one connection is lent to this closure: another caller finds none.
            #expect(throws: StoreError.self) { _ = try users.count() }
        }
        #expect(error?.kind == .unavailable)
        #expect(try users.count() == 0)
        // The pool never opened a second connection for the waiting caller.
        #expect(test.database.openPoolConnections == 1)
    }

    /// The server ends every connection of the node (a restart) and refuses new ones for a while
    /// (down): calls fail as `.unavailable`; once it takes connections again, the same
    /// `Database` works without being reopened.
    @Test(arguments: StoreBackend.postgresOnly) func aDatabaseDownIsUnavailableThenRecovers(_ backend: StoreBackend) throws {
        let test = try backend.makeDatabase()
        let users = UserStore(database: test.database)
        _ = try users.create(username: "alice", passwordHash: "h", now: 1)
        let name = test.schema!
        // A database of its own, so that refusing connections to it disturbs no other test.
        let down = "\(name)_down"
        try test.administer("CREATE DATABASE \(down)")
        defer { try? test.administer("DROP DATABASE IF EXISTS \(down) WITH (FORCE)") }
        var components = try #require(URLComponents(string: StoreBackend.postgresURL!))
        components.path = "/\(down)"
        components.queryItems = (components.queryItems ?? []) + [URLQueryItem(name: "application_name", value: down)]
        let database = try Database(postgresURL: try #require(components.string))
        let store = UserStore(database: database)
        _ = try store.create(username: "bob", passwordHash: "h", now: 1)

        try test.administer("ALTER DATABASE \(down) ALLOW_CONNECTIONS false")
        try test.administer("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '\(down)'")
        let failure = #expect(throws: StoreError.self) { _ = try store.count() }
        #expect(failure?.kind == .unavailable)
        let writeFailure = #expect(throws: StoreError.self) { _ = try store.create(username: "carol", passwordHash: "h", now: 2) }
        #expect(writeFailure?.kind == .unavailable)

        try test.administer("ALTER DATABASE \(down) ALLOW_CONNECTIONS true")
        #expect(try store.count() == 1)
        #expect(try store.create(username: "carol", passwordHash: "h", now: 2) != .usernameTaken)
        #expect(try store.count() == 2)
    }

    /// The server restarted between two requests: the pooled connection is broken, and the
    /// next call replaces it instead of failing.
    @Test(arguments: StoreBackend.postgresOnly) func aBrokenPooledConnectionIsReplaced(_ backend: StoreBackend) throws {
        let test = try backend.makeDatabase()
        let users = UserStore(database: test.database)
        _ = try users.create(username: "alice", passwordHash: "h", now: 1)
        try test.administer("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '\(test.schema!)'")
        #expect(try users.count() == 1)
        try test.administer("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '\(test.schema!)'")
        #expect(try users.create(username: "bob", passwordHash: "h", now: 1) != .usernameTaken)
        #expect(try users.count() == 2)
    }

    /// A server restart drops every pooled connection at once: the first one found broken
    /// takes the idle rest with it, so the one retry runs on a new connection instead of the
    /// next dead one (three idle connections here, all ended by the server).
    @Test(arguments: StoreBackend.postgresOnly) func aRestartDropsEveryIdleConnection(_ backend: StoreBackend) throws {
        let test = try backend.makeDatabase(pool: DatabasePoolSettings(size: 3))
        let database = test.database
        let inside = DispatchSemaphore(value: 0), go = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        for _ in 0..<3 {
            group.enter()
            Thread.detachNewThread {
                // Each holds a connection until all three are held: three open, then idle.
                _ = try? database.read { connection throws(StoreError) in
                    try connection.query("SELECT 1 AS one")
                    inside.signal()
                    go.wait()
                }
                group.leave()
            }
        }
        for _ in 0..<3 { inside.wait() }
        for _ in 0..<3 { go.signal() }
        group.wait()
        #expect(database.poolUse?.open == 3)
        try test.administer("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '\(test.schema!)'")
        #expect(try UserStore(database: database).count() == 0)
        #expect(database.poolUse?.open == 1)
    }

    /// A loopback port with nothing listening: bound, then closed.
    private func closedLoopbackPort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw StoreError(operation: "test", code: 0, message: "no loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// The migrations give both engines the same tables with the same columns: the PostgreSQL
/// texts of a step (`Migrations.Step.postgresSQL`) may differ in types, never in what exists.
@Suite struct MigrationParityTests {
    /// Table name -> its column names, sorted, of the tables the stores use.
    private func columns(_ database: Database) throws -> [String: [String]] {
        try database.read { connection throws(StoreError) -> [String: [String]] in
            let sql = switch connection.dialect {
            case .sqlite: """
                SELECT m.name AS table_name, p.name AS column_name FROM sqlite_master m JOIN pragma_table_info(m.name) p
                WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
                """
            case .postgres: """
                SELECT table_name::text AS table_name, column_name::text AS column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name <> 'uplyft_schema_version'
                """
            }
            var tables: [String: [String]] = [:]
            for row in try connection.query(sql) {
                guard let table = try row.text("table_name"), let column = try row.text("column_name") else { continue }
                tables[table, default: []].append(column)
            }
            return tables.mapValues { $0.sorted() }
        }
    }

    @Test(.enabled(if: StoreBackend.postgresURL != nil)) func bothEnginesHaveTheSameTablesAndColumns() throws {
        let sqlite = try StoreBackend.sqlite.makeDatabase()
        let postgres = try StoreBackend.postgres.makeDatabase()
        let expected = try columns(sqlite.database)
        #expect(expected["users"]?.contains("sessions_valid_from") == true)
        #expect(try columns(postgres.database) == expected)
        #expect(try postgres.database.schemaVersion() == Migrations.steps.count)
    }
}

/// What the operator's log shows of a store failure.
@Suite struct StoreErrorDescriptionTests {
    @Test func theDescriptionNamesTheEnginesCodeWhenThereIsOne() {
        #expect(StoreError(operation: "run", code: 2067, message: "UNIQUE constraint failed").description
            == "database: run: UNIQUE constraint failed (code 2067)")
        #expect(StoreError(operation: "run", code: 0, message: "duplicate key", sqlState: "23505").description
            == "database: run: duplicate key (SQLSTATE 23505)")
        #expect(StoreError(operation: "connect to PostgreSQL", code: 0, message: "Connection refused", kind: .unavailable).description
            == "database: connect to PostgreSQL: Connection refused")
    }
}

/// The limits every pooled PostgreSQL connection carries, so that neither a stuck statement
/// nor a vanished server holds a request for long.
@Suite struct PostgresSessionLimitTests {
    /// A statement past the pool's statement_timeout is cancelled by the server (57014), and
    /// the connection serves the next statement.
    @Test(arguments: StoreBackend.postgresOnly) func aStatementPastTheTimeoutIsCancelled(_ backend: StoreBackend) throws {
        let test = try backend.makeDatabase(pool: DatabasePoolSettings(size: 1, statementTimeoutMilliseconds: 200))
        let shown = try test.database.read { connection throws(StoreError) in try connection.query("SHOW statement_timeout").first?.text("statement_timeout") }
        #expect(shown == "200ms")
        let error = #expect(throws: StoreError.self) {
            try test.database.read { connection throws(StoreError) in try connection.query("SELECT pg_sleep(60)") }
        }
        #expect(error?.sqlState == "57014")
        #expect(try test.database.schemaVersion() == Migrations.steps.count)
        let idle = try test.database.read { connection throws(StoreError) in
            try connection.query("SHOW idle_in_transaction_session_timeout").first?.text("idle_in_transaction_session_timeout")
        }
        #expect(idle == "30s")
    }

    /// A server that never answers (here: statement_timeout off and a statement that sleeps,
    /// standing in for a stopped server process) is given up on by the client's own deadline:
    /// `.unavailable`, the connection dropped, and the pool serves the next statement on a
    /// new one.
    @Test(arguments: StoreBackend.postgresOnly) func aServerThatNeverAnswersIsGivenUpOn(_ backend: StoreBackend) throws {
        let test = try backend.makeDatabase(pool: DatabasePoolSettings(size: 1, statementTimeoutMilliseconds: 0, responseTimeoutMilliseconds: 300))
        let error = #expect(throws: StoreError.self) {
            try test.database.read { connection throws(StoreError) in try connection.query("SELECT pg_sleep(20)") }
        }
        #expect(error?.kind == .unavailable)
        #expect(error?.message.contains("no answer within 300 ms") == true)
        #expect(try test.database.schemaVersion() == Migrations.steps.count)
    }

    /// TCP keepalives are on with the documented timings, unless the URL says otherwise.
    @Test(arguments: StoreBackend.postgresOnly) func connectionsUseTCPKeepalives(_ backend: StoreBackend) throws {
        guard let base = StoreBackend.postgresURL else { return }
        let connection = try PostgresConnection(url: base)
        for (keyword, value) in PostgresConnection.keepaliveSettings {
            #expect(connection.connectionOption(keyword) == value, "\(keyword)")
        }
        let separator = base.contains("?") ? "&" : "?"
        #expect(try PostgresConnection(url: base + separator + "keepalives_idle=60").connectionOption("keepalives_idle") == "60")
    }
}
