/// A shop account as the API shows it (never with its password hash).
public struct User: Sendable, Equatable, Codable {
    public let id: Int64
    public let username: String
    public let createdAt: Int64
    /// Tokens issued before this second (Unix seconds) are refused: the account's creation,
    /// moved forward when its password is changed so that every earlier session ends.
    public let sessionsValidFrom: Int64
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
                let inserted = try connection.query("""
                    INSERT INTO users (username, password_hash, created_at, sessions_valid_from) VALUES (?, ?, ?, ?) RETURNING id
                    """, [.text(username), .text(passwordHash), .integer(now), .integer(now)])
                guard let id = try inserted.first?.integer("id") else {
                    throw StoreError(operation: "create user", code: 0, message: "the insert returned no id")
                }
                return .created(User(id: id, username: username, createdAt: now, sessionsValidFrom: now))
            }
        } catch where error.isUniqueViolation {
            return .usernameTaken
        }
    }

    /// The account and its stored password hash, for checking a login.
    public func credentials(username: String) throws(StoreError) -> (user: User, passwordHash: String)? {
        try database.read { connection throws(StoreError) in
            let rows = try connection.query("SELECT \(User.columns), password_hash FROM users WHERE username = ?", [.text(username)])
            guard let row = rows.first, let user = try User(row: row), let hash = try row.text("password_hash") else { return nil }
            return (user, hash)
        }
    }

    public func user(id: Int64) throws(StoreError) -> User? {
        try database.read { connection throws(StoreError) in
            guard let row = try connection.query("SELECT \(User.columns) FROM users WHERE id = ?", [.integer(id)]).first else { return nil }
            return try User(row: row)
        }
    }

    /// Replaces a hash, e.g. with one of more iterations after a successful login.
    public func updatePasswordHash(userID: Int64, to hash: String) throws(StoreError) {
        try database.transaction { connection throws(StoreError) in
            try connection.query("UPDATE users SET password_hash = ? WHERE id = ?", [.text(hash), .integer(userID)])
        }
    }

    /// Sets a new password for `username` and ends every session of the account in one
    /// transaction: its refresh-token families are revoked and tokens issued before `now`
    /// are refused from then on (`sessionsValidFrom`). Nil when there is no such account.
    /// Touches `refresh_families` too, so that a crash cannot leave the new password with
    /// the old sessions still alive.
    public func changePassword(username: String, to hash: String, now: Int64) throws(StoreError) -> User? {
        try database.transaction { connection throws(StoreError) -> User? in
            try connection.query("UPDATE users SET password_hash = ?, sessions_valid_from = ? WHERE username = ?",
                                 [.text(hash), .integer(now), .text(username)])
            guard connection.changes > 0,
                  let row = try connection.query("SELECT \(User.columns) FROM users WHERE username = ?", [.text(username)]).first,
                  let user = try User(row: row) else { return nil }
            try connection.query("""
                UPDATE refresh_families SET revoked_at = ?, revoked_reason = 'password_changed'
                WHERE user_id = ? AND revoked_at IS NULL
                """, [.integer(now), .integer(user.id)])
            return user
        }
    }

    public func all() throws(StoreError) -> [User] {
        try database.read { connection throws(StoreError) in
            var users: [User] = []
            for row in try connection.query("SELECT \(User.columns) FROM users ORDER BY username") {
                if let user = try User(row: row) { users.append(user) }
            }
            return users
        }
    }

    public func count() throws(StoreError) -> Int {
        try database.read { connection throws(StoreError) in
            Int(try connection.query("SELECT COUNT(*) AS count FROM users").first?.integer("count") ?? 0)
        }
    }

    /// Deletes the account with everything that belongs to it (tokens, history, cart, orders).
    public func remove(username: String) throws(StoreError) -> Bool {
        try database.transaction { connection throws(StoreError) in
            try connection.query("DELETE FROM users WHERE username = ?", [.text(username)])
            return connection.changes > 0
        }
    }
}

extension User {
    /// The columns of `users` a `User` is read from, for SELECT lists.
    static let columns = "id, username, created_at, sessions_valid_from"

    /// The account in a row that selected `columns`; nil when a value is missing or of
    /// another type (a damaged row is no account).
    init?(row: DatabaseRow) throws(StoreError) {
        guard let id = try row.integer("id"), let name = try row.text("username"), let created = try row.integer("created_at"),
              let validFrom = try row.integer("sessions_valid_from") else { return nil }
        self.init(id: id, username: name, createdAt: created, sessionsValidFrom: validFrom)
    }
}
