/// One connection to the shop's database, SQLite's or PostgreSQL's, as the stores use it.
///
/// The stores write their SQL once, with `?` placeholders and the subset both engines share
/// (`INSERT ... RETURNING id`, `ON CONFLICT ... DO UPDATE`); `SQLDialect` holds the rest.
/// A connection is used by one thread at a time: `Database` lends it inside a lock (SQLite)
/// or takes it from its pool (PostgreSQL).
protocol StoreConnection: AnyObject {
    var dialect: SQLDialect { get }

    /// Runs SQL without parameters or results: schema scripts of several statements,
    /// transaction control.
    func execute(_ sql: String) throws(StoreError)

    /// Runs one statement with `parameters` bound to its `?` placeholders in order and returns
    /// its rows, read by column name (`DatabaseRow`).
    @discardableResult
    func query(_ sql: String, _ parameters: [DatabaseValue]) throws(StoreError) -> [DatabaseRow]

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changes: Int { get }
}

extension StoreConnection {
    @discardableResult
    func query(_ sql: String) throws(StoreError) -> [DatabaseRow] {
        try query(sql, [])
    }
}

/// Where the two engines' SQL differs, in one place: placeholders, the schema-version record,
/// how a write transaction starts. Id columns and case-insensitive usernames differ only in
/// the schema, so in `Migrations` (its PostgreSQL texts).
enum SQLDialect: Sendable {
    case sqlite
    case postgres

    /// `sql` with its `?` placeholders as the engine numbers them: unchanged for SQLite, `$1`,
    /// `$2`, ... for PostgreSQL. A `?` inside a quoted literal ('...') or identifier ("...") is
    /// text, not a placeholder, and is left as it is.
    func placeholders(in sql: String) -> String {
        guard self == .postgres else { return sql }
        var result = ""
        result.reserveCapacity(sql.utf8.count + 8)
        var number = 0
        var quote: Character?
        for character in sql {
            if let open = quote {
                if character == open { quote = nil }
                result.append(character)
            } else if character == "'" || character == "\"" {
                quote = character
                result.append(character)
            } else if character == "?" {
                number += 1
                result += "$\(number)"
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// The statement that opens a write transaction. SQLite: IMMEDIATE takes the write lock at
    /// once, so two writers never both read and then fail to upgrade. PostgreSQL: SERIALIZABLE,
    /// so that a read-then-write (a refresh rotation, a cart quantity, an order) run on two
    /// nodes at once commits as if one ran after the other, or fails with 40001 and is run
    /// again (`Database.transaction`).
    var beginWrite: String {
        switch self {
        case .sqlite: "BEGIN IMMEDIATE"
        case .postgres: "BEGIN ISOLATION LEVEL SERIALIZABLE"
        }
    }

    /// The statement that opens a migration step's transaction: PostgreSQL's migrations are
    /// serialised across nodes by a session advisory lock (`Migrations.apply`), so READ
    /// COMMITTED suffices and DDL does not meet serialization failures.
    var beginMigration: String {
        switch self {
        case .sqlite: "BEGIN IMMEDIATE"
        case .postgres: "BEGIN"
        }
    }

    /// The schema version the database records; 0 for a new database.
    func schemaVersion(_ connection: any StoreConnection) throws(StoreError) -> Int {
        switch self {
        case .sqlite:
            return Int(try connection.query("PRAGMA user_version").first?.integer("user_version") ?? 0)
        case .postgres:
            // to_regclass is NULL while the table does not exist (a new database).
            let exists = try connection.query("SELECT to_regclass('uplyft_schema_version') IS NOT NULL AS present").first?.text("present")
            guard exists == "t" else { return 0 }
            return Int(try connection.query("SELECT version FROM uplyft_schema_version").first?.integer("version") ?? 0)
        }
    }

    /// Records `version` as applied, inside the step's transaction.
    func recordSchemaVersion(_ version: Int, _ connection: any StoreConnection) throws(StoreError) {
        switch self {
        case .sqlite:
            try connection.execute("PRAGMA user_version = \(version)")
        case .postgres:
            // One row: the id column allows only 1.
            try connection.execute("CREATE TABLE IF NOT EXISTS uplyft_schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)")
            try connection.query("""
                INSERT INTO uplyft_schema_version (id, version) VALUES (1, ?)
                ON CONFLICT (id) DO UPDATE SET version = excluded.version
                """, [.integer(Int64(version))])
        }
    }
}
