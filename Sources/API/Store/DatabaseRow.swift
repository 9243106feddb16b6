/// A value bound to or read from a statement, in either database: SQLite's INTEGER and TEXT,
/// PostgreSQL's BIGINT (and the narrower integers) and TEXT.
enum DatabaseValue: Equatable {
    case integer(Int64)
    case text(String)
    case null
}

extension DatabaseValue {
    var integer: Int64? { if case .integer(let value) = self { value } else { nil } }
    var text: String? { if case .text(let value) = self { value } else { nil } }
}

/// One result row of a statement (SQLite's or PostgreSQL's), its values read by column name: the name the SELECT gives
/// the column, its own or its `AS` alias. Every expression that is not a plain column
/// (`COUNT(*)`, a second table's column of the same name) is given an alias, since SQLite
/// leaves the names of those unspecified (https://www.sqlite.org/c3ref/column_name.html).
///
/// A name the statement does not have is a mistake in the SQL, not a damaged row: it throws
/// (`StoreError`, reported as a failure like any other) instead of reading as NULL, which a
/// caller would take for a row to skip. Each table's rows become values through one mapping,
/// next to its store (`User(row:)`, `ChatMessage(row:)`, `CartItem(row:)`).
///
/// A collection of its values in SELECT order too, for the few places that read a single
/// value (`PRAGMA user_version`).
struct DatabaseRow: RandomAccessCollection {
    /// Column names of one statement, looked up once per statement and shared by its rows.
    final class Columns: Sendable {
        let names: [String]
        /// The statement's first 60 characters, to say which statement lacked a column.
        let statement: String

        init(names: [String], sql: String) {
            self.names = names
            statement = String(sql.prefix(60))
        }

        /// The position of `name`; a statement selects a handful of columns, so a scan is the
        /// cheapest lookup. PostgreSQL folds unquoted names to lower case, so the stores write
        /// theirs in lower case.
        func position(of name: String) throws(StoreError) -> Int {
            guard let position = names.firstIndex(of: name) else {
                throw StoreError(operation: "read \(statement)", code: StoreError.noSuchColumn,
                                 message: "the statement has no column named \(name) (it has \(names.joined(separator: ", ")))")
            }
            return position
        }
    }

    let columns: Columns
    let values: [DatabaseValue]

    var startIndex: Int { values.startIndex }
    var endIndex: Int { values.endIndex }
    subscript(position: Int) -> DatabaseValue { values[position] }

    /// The value of the column `name`.
    func value(_ name: String) throws(StoreError) -> DatabaseValue {
        values[try columns.position(of: name)]
    }

    /// The column's integer; nil when it holds NULL or text.
    func integer(_ name: String) throws(StoreError) -> Int64? {
        try value(name).integer
    }

    /// The column's text; nil when it holds NULL or an integer.
    func text(_ name: String) throws(StoreError) -> String? {
        try value(name).text
    }

    /// Whether the column holds NULL.
    func isNull(_ name: String) throws(StoreError) -> Bool {
        try value(name) == .null
    }
}
