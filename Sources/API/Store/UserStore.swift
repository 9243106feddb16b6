/// A shop account as the API shows it (never with its password hash).
public struct User: Sendable, Equatable, Codable {
    public let id: Int64
    public let username: String
    public let createdAt: Int64
}

/// Accounts: usernames are unique without regard to case, passwords stored only as hashes.
public struct UserStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public enum CreateOutcome: Sendable, Equatable {
        case created(User)
        case usernameTaken
    }

    public func create(username: String, passwordHash: String, now: Int64) throws(StoreError) -> CreateOutcome {
        do {
            return try database.transaction { connection throws(StoreError) in
                try connection.query("INSERT INTO users (username, password_hash, created_at) VALUES (?, ?, ?)",
                                     [.text(username), .text(passwordHash), .integer(now)])
                return .created(User(id: connection.lastInsertedRowID, username: username, createdAt: now))
            }
        } catch where error.isUniqueViolation {
            return .usernameTaken
        }
    }

    /// The account and its stored password hash, for checking a login.
    public func credentials(username: String) throws(StoreError) -> (user: User, passwordHash: String)? {
        try database.read { connection throws(StoreError) in
            let rows = try connection.query("SELECT id, username, created_at, password_hash FROM users WHERE username = ?", [.text(username)])
            guard let row = rows.first, let user = Self.user(row), let hash = row[3].text else { return nil }
            return (user, hash)
        }
    }

    public func user(id: Int64) throws(StoreError) -> User? {
        try database.read { connection throws(StoreError) in
            try connection.query("SELECT id, username, created_at FROM users WHERE id = ?", [.integer(id)]).first.flatMap(Self.user)
        }
    }

    /// Replaces a hash, e.g. with one of more iterations after a successful login.
    public func updatePasswordHash(userID: Int64, to hash: String) throws(StoreError) {
        try database.transaction { connection throws(StoreError) in
            try connection.query("UPDATE users SET password_hash = ? WHERE id = ?", [.text(hash), .integer(userID)])
        }
    }

    public func all() throws(StoreError) -> [User] {
        try database.read { connection throws(StoreError) in
            try connection.query("SELECT id, username, created_at FROM users ORDER BY username").compactMap(Self.user)
        }
    }

    public func count() throws(StoreError) -> Int {
        try database.read { connection throws(StoreError) in
            Int(try connection.query("SELECT COUNT(*) FROM users").first?.first?.integer ?? 0)
        }
    }

    /// Deletes the account with everything that belongs to it (tokens, history, cart, orders).
    public func remove(username: String) throws(StoreError) -> Bool {
        try database.transaction { connection throws(StoreError) in
            try connection.query("DELETE FROM users WHERE username = ?", [.text(username)])
            return connection.changes > 0
        }
    }

    private static func user(_ row: [SQLiteValue]) -> User? {
        guard let id = row[0].integer, let name = row[1].text, let created = row[2].integer else { return nil }
        return User(id: id, username: name, createdAt: created)
    }
}
