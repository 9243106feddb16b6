import Foundation

/// A bounded pool of PostgreSQL connections for one node.
///
/// At most `size` connections are open; a caller that finds them all lent out waits up to
/// `acquireTimeout` and then gets `StoreError.Kind.unavailable` (answered as 503), so a slow
/// or stopped database makes requests fail quickly instead of piling up. Connections are
/// opened when first needed, and one that broke (the server restarted) is closed when it comes
/// back instead of being lent again, so the pool recovers without a restart of uplyft.
final class PostgresPool: @unchecked Sendable {
    private let url: String
    let settings: DatabasePoolSettings
    /// Guards `idle` and `open`; waiters sleep on it until a connection comes back.
    private let condition = NSCondition()
    private var idle: [PostgresConnection] = []
    private var open = 0

    init(url: String, settings: DatabasePoolSettings) {
        self.url = url
        self.settings = settings
    }

    /// Connections open now, lent out or idle (for metrics and tests).
    var openConnections: Int {
        condition.lock()
        defer { condition.unlock() }
        return open
    }

    /// Connections lent out now (open minus idle), for metrics.
    var connectionsInUse: Int {
        condition.lock()
        defer { condition.unlock() }
        return open - idle.count
    }

    /// Lends a connection to `body` and takes it back afterwards; a connection left broken or
    /// inside a transaction is closed rather than returned.
    func withConnection<Result>(_ body: (PostgresConnection) throws(StoreError) -> Result) throws(StoreError) -> Result {
        let connection = try acquire()
        defer { release(connection) }
        return try body(connection)
    }

    private func acquire() throws(StoreError) -> PostgresConnection {
        let deadline = Date(timeIntervalSinceNow: settings.acquireTimeoutSeconds)
        condition.lock()
        while true {
            if let connection = idle.popLast() {
                condition.unlock()
                return connection
            }
            if open < settings.size {
                open += 1
                condition.unlock()
                do {
                    return try PostgresConnection(url: url, statementTimeoutMilliseconds: settings.statementTimeoutMilliseconds,
                                                  responseTimeoutMilliseconds: settings.responseTimeoutMilliseconds)
                } catch {
                    condition.lock()
                    open -= 1
                    condition.signal()
                    condition.unlock()
                    throw error
                }
            }
            if !condition.wait(until: deadline) {
                // wait(until:) returns false at the deadline; a connection may have come back
                // at the same moment, so look once more before giving up.
                if let connection = idle.popLast() {
                    condition.unlock()
                    return connection
                }
                condition.unlock()
                throw StoreError(operation: "acquire a database connection", code: 0,
                                 message: "all \(settings.size) connections stayed busy for \(settings.acquireTimeoutSeconds) s",
                                 kind: .unavailable)
            }
        }
    }

    private func release(_ connection: PostgresConnection) {
        let usable = connection.isUsable
        let lost = !connection.isConnected
        condition.lock()
        if usable { idle.append(connection) } else { open -= 1 }
        // A connection the server dropped (a restart, a failover) means the idle ones, opened
        // before it, are dropped too: close them all now, so that the caller's one retry
        // (`Database`) gets a new connection instead of the next dead one from the stack.
        var dropped: [PostgresConnection] = []
        if lost {
            dropped = idle
            idle.removeAll()
            open -= dropped.count
        }
        condition.broadcast()
        condition.unlock()
        _ = dropped  // closed here, outside the lock, as the array goes
    }
}
