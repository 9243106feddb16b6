/// Refresh tokens grouped in families, one family per login.
///
/// Each refresh rotates: the presented token is marked used and a new one issued in the same
/// family. A token presented a second time means someone else holds a copy (a stolen cookie or
/// body token), so the whole family is revoked and both holders must log in again.
public struct RefreshTokenStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// A refresh token as issued: its id and the times signed into it.
    public struct IssuedToken: Sendable, Equatable {
        public let jti: String
        public let issuedAt: Int64
        public let expiresAt: Int64

        public init(jti: String, issuedAt: Int64, expiresAt: Int64) {
            self.jti = jti
            self.issuedAt = issuedAt
            self.expiresAt = expiresAt
        }
    }

    public enum RotationOutcome: Sendable, Equatable {
        case rotated(userID: Int64, familyID: String)
        /// The token was rotated less than the reuse interval ago into the family's current
        /// token, which is returned (unchanged) for the caller to hand out again: two tabs
        /// that refreshed with the same cookie at the same moment.
        case replayed(userID: Int64, familyID: String, current: IssuedToken)
        /// The token was already rotated, longer ago or not into the current token: the
        /// family is now revoked.
        case reuseDetected
        case revoked
        case expired
        case unknown
    }

    /// Records the first refresh token of a new login.
    public func startFamily(id familyID: String, userID: Int64, jti: String, issuedAt: Int64, expiresAt: Int64) throws(StoreError) {
        try database.transaction { connection throws(StoreError) in
            try connection.query("INSERT INTO refresh_families (id, user_id, current_jti, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                                 [.text(familyID), .integer(userID), .text(jti), .integer(issuedAt), .integer(expiresAt)])
            try connection.query("INSERT INTO refresh_tokens (jti, family_id, issued_at, expires_at) VALUES (?, ?, ?, ?)",
                                 [.text(jti), .text(familyID), .integer(issuedAt), .integer(expiresAt)])
        }
    }

    /// Exchanges `jti` for `newJTI` in one transaction, or says why it cannot.
    ///
    /// A token already exchanged is normally reuse (someone else holds a copy) and revokes
    /// the family. The one exception, after Auth0's "reuse interval": the token exchanged
    /// most recently, presented again less than `reuseIntervalSeconds` after its exchange
    /// while its successor is still the family's current token, gives `.replayed` with that
    /// successor. After the interval, or once the successor has itself been exchanged, it is
    /// reuse as before.
    public func rotate(jti: String, newJTI: String, now: Int64, newExpiresAt: Int64,
                       reuseIntervalSeconds: Int64 = 0) throws(StoreError) -> RotationOutcome {
        try database.transaction { connection throws(StoreError) in
            guard let row = try connection.query(PresentedToken.select, [.text(jti)]).first, let token = try PresentedToken(row: row) else {
                return .unknown
            }
            let familyID = token.familyID, userID = token.userID
            if token.isFamilyRevoked { return .revoked }
            if let usedAt = token.usedAt {
                if let current = token.familyCurrent, token.replacedBy == current.jti,
                   now - usedAt < reuseIntervalSeconds, current.expiresAt > now {
                    return .replayed(userID: userID, familyID: familyID, current: current)
                }
                try connection.query("UPDATE refresh_families SET revoked_at = ?, revoked_reason = 'reuse' WHERE id = ?",
                                     [.integer(now), .text(familyID)])
                return .reuseDetected
            }
            if token.expiresAt <= now { return .expired }
            try connection.query("UPDATE refresh_tokens SET used_at = ?, replaced_by = ? WHERE jti = ?",
                                 [.integer(now), .text(newJTI), .text(jti)])
            try connection.query("INSERT INTO refresh_tokens (jti, family_id, issued_at, expires_at) VALUES (?, ?, ?, ?)",
                                 [.text(newJTI), .text(familyID), .integer(now), .integer(newExpiresAt)])
            try connection.query("UPDATE refresh_families SET current_jti = ?, expires_at = ? WHERE id = ?",
                                 [.text(newJTI), .integer(newExpiresAt), .text(familyID)])
            return .rotated(userID: userID, familyID: familyID)
        }
    }

    /// Ends the login that `jti` belongs to (logout). False when the token is unknown.
    public func revokeFamily(ofToken jti: String, now: Int64, reason: String) throws(StoreError) -> Bool {
        try database.transaction { connection throws(StoreError) in
            try connection.query("""
                UPDATE refresh_families SET revoked_at = ?, revoked_reason = ?
                WHERE revoked_at IS NULL AND id = (SELECT family_id FROM refresh_tokens WHERE jti = ?)
                """, [.integer(now), .text(reason), .text(jti)])
            return connection.changes > 0
        }
    }

    /// Whether the login `familyID` is still valid (not revoked, not expired).
    public func isFamilyActive(_ familyID: String, now: Int64) throws(StoreError) -> Bool {
        try database.read { connection throws(StoreError) in
            let rows = try connection.query("SELECT revoked_at, expires_at FROM refresh_families WHERE id = ?", [.text(familyID)])
            guard let row = rows.first, try row.isNull("revoked_at"), let expiresAt = try row.integer("expires_at") else { return false }
            return expiresAt > now
        }
    }

    /// What one purge deleted.
    public struct PurgeCount: Sendable, Equatable {
        /// Logins that expired or were revoked before the cutoff, with all their tokens.
        public let families: Int
        /// Exchanged tokens of logins still alive whose own expiry passed before the cutoff:
        /// their signature check refuses them already, so their rows guard nothing.
        public let expiredTokens: Int
    }

    /// Deletes what ended before `cutoff`, so the tables do not grow forever. Families still
    /// alive keep every token that has not expired, which reuse detection and the reuse
    /// interval need.
    public func purge(endedBefore cutoff: Int64) throws(StoreError) -> PurgeCount {
        try database.transaction { connection throws(StoreError) in
            try connection.query("DELETE FROM refresh_families WHERE expires_at < ? OR revoked_at < ?", [.integer(cutoff), .integer(cutoff)])
            let families = connection.changes
            try connection.query("DELETE FROM refresh_tokens WHERE expires_at < ?", [.integer(cutoff)])
            return PurgeCount(families: families, expiredTokens: connection.changes)
        }
    }
}

/// A presented refresh token as `rotate` reads it: its row in `refresh_tokens`, its family's
/// row in `refresh_families` and the family's current token, in one statement.
private struct PresentedToken {
    static let select = """
        SELECT t.family_id AS family_id, t.expires_at AS expires_at, t.used_at AS used_at, t.replaced_by AS replaced_by,
               f.user_id AS user_id, f.revoked_at AS family_revoked_at, f.current_jti AS current_jti,
               c.issued_at AS current_issued_at, c.expires_at AS current_expires_at
        FROM refresh_tokens t JOIN refresh_families f ON f.id = t.family_id
        LEFT JOIN refresh_tokens c ON c.jti = f.current_jti
        WHERE t.jti = ?
        """

    let familyID: String
    let userID: Int64
    let expiresAt: Int64
    /// When the token was exchanged; nil while it is the family's current one.
    let usedAt: Int64?
    /// The token it was exchanged for.
    let replacedBy: String?
    let isFamilyRevoked: Bool
    /// The family's current token, nil when its row is gone or incomplete.
    let familyCurrent: RefreshTokenStore.IssuedToken?

    /// Nil when a value the token cannot do without is missing (the token is then unknown).
    init?(row: DatabaseRow) throws(StoreError) {
        guard let familyID = try row.text("family_id"), let expiresAt = try row.integer("expires_at"),
              let userID = try row.integer("user_id") else { return nil }
        self.familyID = familyID
        self.userID = userID
        self.expiresAt = expiresAt
        usedAt = try row.integer("used_at")
        replacedBy = try row.text("replaced_by")
        isFamilyRevoked = try !row.isNull("family_revoked_at")
        if let jti = try row.text("current_jti"), let issuedAt = try row.integer("current_issued_at"),
           let currentExpiresAt = try row.integer("current_expires_at") {
            familyCurrent = RefreshTokenStore.IssuedToken(jti: jti, issuedAt: issuedAt, expiresAt: currentExpiresAt)
        } else {
            familyCurrent = nil
        }
    }
}
