/// The sign-in and sign-up throttles' counts in the database, so that every node behind a load
/// balancer counts the same attempts (issue 17): three nodes with counts in memory would give
/// an attacker three times the guesses. `LoginThrottle` and `RegistrationThrottle` use it when
/// the shop runs on PostgreSQL; a single SQLite node keeps them in memory.
///
/// Two shapes of limit, the same as the in-memory `FailureWindows` and `TokenBuckets`:
/// - A *window*: at most `limit` attempts per subject (an account, a device cookie) that
///   failed in the last `windowSeconds` or are still being checked. One row per attempt in
///   `throttle_attempts`, pending (`failed` = 0) from its reservation until it is settled.
///   A node that dies mid-attempt leaves a pending row; it counts as a failure until it
///   expires with the window, never longer.
/// - A *bucket*: `capacity` attempts at once per subject (a client address), then one every
///   `refillSeconds`. Kept as one number per subject in `throttle_buckets`, the time at which
///   the bucket is full again (the "theoretical arrival time" of the generic cell rate
///   algorithm, ITU-T I.371): taking a token moves it `refillSeconds` later, giving one back
///   moves it earlier, and a bucket whose time has passed is full and its row can go.
///
/// Every reservation reads and writes all the limits one attempt touches in one write
/// transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: SERIALIZABLE, run again when another
/// node's attempt conflicts), so attempts on several nodes at once cannot pass a limit.
/// Rows expire: those of the subjects an attempt touches are pruned by it, and `prune`
/// deletes every expired row (called by the throttles once per window), so the tables stay as
/// large as the attempts of the last window. Times are Unix seconds.
public struct ThrottleStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// A window limit on one subject.
    public struct Window: Sendable, Equatable {
        public let scope: String
        public let subject: String
        public let limit: Int
        public let windowSeconds: Int64

        public init(scope: String, subject: String, limit: Int, windowSeconds: Int64) {
            self.scope = scope
            self.subject = subject
            self.limit = max(1, limit)
            self.windowSeconds = max(1, windowSeconds)
        }
    }

    /// A token bucket on one subject.
    public struct Bucket: Sendable, Equatable {
        public let scope: String
        public let subject: String
        public let capacity: Int64
        public let refillSeconds: Int64

        public init(scope: String, subject: String, capacity: Int, refillSeconds: Int64) {
            self.scope = scope
            self.subject = subject
            self.capacity = Int64(max(1, capacity))
            self.refillSeconds = max(1, refillSeconds)
        }
    }

    /// Reserves attempt `attempt` (a random id the caller settles it by) in every window and
    /// takes a token from `bucket`: nil when reserved, otherwise the whole seconds until the
    /// first limit in the way (windows first, then the bucket) lets it through; nothing is
    /// written then.
    public func reserve(attempt: String, windows: [Window], bucket: Bucket?, now: Int64) throws(StoreError) -> Int64? {
        try database.transaction { connection throws(StoreError) -> Int64? in
            for window in windows {
                try connection.query("DELETE FROM throttle_attempts WHERE scope = ? AND subject = ? AND expires_at <= ?",
                                     [.text(window.scope), .text(window.subject), .integer(now)])
                let rows = try connection.query("SELECT at, failed FROM throttle_attempts WHERE scope = ? AND subject = ?",
                                                [.text(window.scope), .text(window.subject)])
                var failures: [Int64] = []
                var pending = 0
                for row in rows {
                    if try row.integer("failed") == 1 { failures.append(try row.integer("at") ?? now) } else { pending += 1 }
                }
                if let wait = Self.wait(failures: failures.sorted(), pending: pending, window: window, now: now) { return wait }
            }
            var fullAt: Int64?
            if let bucket {
                let stored = try connection.query("SELECT full_at FROM throttle_buckets WHERE scope = ? AND subject = ?",
                                                  [.text(bucket.scope), .text(bucket.subject)]).first
                let taken = max(try stored?.integer("full_at") ?? now, now) + bucket.refillSeconds
                let over = taken - now - bucket.capacity * bucket.refillSeconds
                if over > 0 { return over }
                fullAt = taken
            }
            for window in windows {
                try connection.query("""
                    INSERT INTO throttle_attempts (attempt, scope, subject, at, expires_at, failed) VALUES (?, ?, ?, ?, ?, 0)
                    """, [.text(attempt), .text(window.scope), .text(window.subject), .integer(now), .integer(now + window.windowSeconds)])
            }
            if let bucket, let fullAt {
                try connection.query("""
                    INSERT INTO throttle_buckets (scope, subject, full_at) VALUES (?, ?, ?)
                    ON CONFLICT (scope, subject) DO UPDATE SET full_at = excluded.full_at
                    """, [.text(bucket.scope), .text(bucket.subject), .integer(fullAt)])
            }
            return nil
        }
    }

    /// The attempt failed: in each of its windows it is a failure from `now` on. Its bucket
    /// token stays taken.
    public func recordFailure(attempt: String, windows: [Window], now: Int64) throws(StoreError) {
        try database.transaction { connection throws(StoreError) in
            for window in windows {
                try connection.query("""
                    UPDATE throttle_attempts SET failed = 1, at = ?, expires_at = ? WHERE attempt = ? AND scope = ?
                    """, [.integer(now), .integer(now + window.windowSeconds), .text(attempt), .text(window.scope)])
            }
        }
    }

    /// The attempt succeeded: its windows' failures are forgotten (other attempts still in
    /// progress keep their places) and its bucket token is given back.
    public func recordSuccess(attempt: String, windows: [Window], bucket: Bucket?) throws(StoreError) {
        try database.transaction { connection throws(StoreError) in
            for window in windows {
                try connection.query("DELETE FROM throttle_attempts WHERE scope = ? AND subject = ? AND (failed = 1 OR attempt = ?)",
                                     [.text(window.scope), .text(window.subject), .text(attempt)])
            }
            if let bucket { try Self.giveBack(bucket, connection) }
        }
    }

    /// The attempt never ran (server busy, client gone, database error): it leaves no trace.
    public func cancel(attempt: String, windows: [Window], bucket: Bucket?) throws(StoreError) {
        try database.transaction { connection throws(StoreError) in
            if !windows.isEmpty {
                try connection.query("DELETE FROM throttle_attempts WHERE attempt = ?", [.text(attempt)])
            }
            if let bucket { try Self.giveBack(bucket, connection) }
        }
    }

    /// Deletes every expired row: windows' attempts past their expiry, buckets already full.
    /// Returns the rows deleted.
    @discardableResult
    public func prune(now: Int64) throws(StoreError) -> Int {
        try database.transaction { connection throws(StoreError) -> Int in
            try connection.query("DELETE FROM throttle_attempts WHERE expires_at <= ?", [.integer(now)])
            let attempts = connection.changes
            try connection.query("DELETE FROM throttle_buckets WHERE full_at <= ?", [.integer(now)])
            return attempts + connection.changes
        }
    }

    /// Rows held now, both tables (tests check that they stay bounded).
    public func rowCount() throws(StoreError) -> Int {
        try database.read { connection throws(StoreError) -> Int in
            let row = try connection.query("""
                SELECT (SELECT COUNT(*) FROM throttle_attempts) + (SELECT COUNT(*) FROM throttle_buckets) AS total
                """).first
            return Int(try row?.integer("total") ?? 0)
        }
    }

    /// Seconds until one more attempt fits in `window`, as `FailureWindows.wait` counts: the
    /// failure whose expiry makes room, or one second when attempts still in progress (which
    /// settle within a request) are what stands in the way.
    static func wait(failures sortedFailures: [Int64], pending: Int, window: Window, now: Int64) -> Int64? {
        let recent = sortedFailures.filter { $0 > now - window.windowSeconds }
        let over = recent.count + pending - window.limit + 1
        guard over > 0 else { return nil }
        guard over <= recent.count else { return 1 }
        return max(1, recent[over - 1] + window.windowSeconds - now)
    }

    private static func giveBack(_ bucket: Bucket, _ connection: any StoreConnection) throws(StoreError) {
        try connection.query("UPDATE throttle_buckets SET full_at = full_at - ? WHERE scope = ? AND subject = ?",
                             [.integer(bucket.refillSeconds), .text(bucket.scope), .text(bucket.subject)])
    }
}
