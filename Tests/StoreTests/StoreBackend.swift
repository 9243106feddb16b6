import Foundation
import TestSupport
import Testing
@testable import Store

/// The database engines the store tests run on: SQLite always; PostgreSQL when
/// `UPLYFT_TEST_DATABASE_URL` names a server (scripts/test.sh starts one with
/// scripts/postgres.sh). Each test gets a database of its own: a new SQLite file, or a new
/// schema in the PostgreSQL database, dropped when the test lets go of it.
enum StoreBackend: String, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    static let postgresURL: String? = ProcessInfo.processInfo.environment["UPLYFT_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }

    static var all: [StoreBackend] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }
    static var postgresOnly: [StoreBackend] { postgresURL == nil ? [] : [.postgres] }

    /// Opens a fresh database on this engine.
    func makeDatabase(pool: DatabasePoolSettings = DatabasePoolSettings()) throws -> TestDatabase {
        try TestDatabase(backend: self, pool: pool)
    }
}

/// A database for one test, and a second "node" on the same data when a test asks for one.
final class TestDatabase {
    let backend: StoreBackend
    let database: Database
    private let directory: TemporaryDirectory?
    /// The PostgreSQL schema holding this test's tables.
    let schema: String?
    /// The URL the test's pools connect with (its schema first on the search path, and an
    /// application name that names its connections in pg_stat_activity).
    let url: String?

    init(backend: StoreBackend, pool: DatabasePoolSettings) throws {
        self.backend = backend
        switch backend {
        case .sqlite:
            let directory = try TemporaryDirectory()
            self.directory = directory
            schema = nil
            url = nil
            database = try Database(path: directory.file("shop.db"))
        case .postgres:
            guard let base = StoreBackend.postgresURL else { throw StoreError(operation: "test", code: 0, message: "no PostgreSQL URL") }
            try Self.preparedOnce.get()
            let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            let admin = try PostgresConnection(url: base)
            try admin.execute("CREATE SCHEMA \(schema)")
            let separator = base.contains("?") ? "&" : "?"
            let url = base + separator + "options=-c%20search_path%3D\(schema)%2Cpublic&application_name=\(schema)"
            self.directory = nil
            self.schema = String(schema)
            self.url = url
            database = try Database(postgresURL: url, pool: pool)
        }
    }

    /// Another `Database` on the same data: a second node with its own connection or pool.
    func secondNode(pool: DatabasePoolSettings = DatabasePoolSettings()) throws -> Database {
        switch backend {
        case .sqlite: try Database(path: database.path)
        case .postgres: try Database(postgresURL: url!, pool: pool)
        }
    }

    /// Runs `sql` on a connection of its own (PostgreSQL): what an operator or the server does
    /// behind the shop's back.
    func administer(_ sql: String) throws {
        guard let base = StoreBackend.postgresURL else { return }
        try PostgresConnection(url: base).execute(sql)
    }

    /// citext is installed once, in `public`, before any test's migrations run: two tests
    /// creating it at the same moment would collide in the catalog.
    private static let preparedOnce: Result<Void, StoreError> = Result { () throws(StoreError) in
        guard let base = StoreBackend.postgresURL else { return }
        try PostgresConnection(url: base).execute("CREATE EXTENSION IF NOT EXISTS citext SCHEMA public")
    }

    deinit {
        if let schema, let base = StoreBackend.postgresURL {
            // Cleanup of a throwaway cluster: a schema left behind harms no later test.
            try? PostgresConnection(url: base).execute("DROP SCHEMA \(schema) CASCADE")
        }
    }
}
