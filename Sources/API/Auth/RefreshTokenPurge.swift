import Dispatch
import Store
import Synchronization

/// Deletes ended logins from the refresh-token tables on a schedule, off the request path:
/// once when started, then every `intervalSeconds` (an hour by default), on a utility queue
/// of its own. Without it every login ever made would stay in the database.
///
/// A family is deleted once it ended (expired or revoked) more than `retentionSeconds` ago;
/// the retention is at least the refresh reuse interval, so a token just rotated keeps its
/// row for as long as it may be presented again. Each run logs how many rows went.
public final class RefreshTokenPurge: Sendable {
    let store: RefreshTokenStore
    let intervalSeconds: Int
    let retentionSeconds: Int64
    private let clock: @Sendable () -> Int64
    private let log: @Sendable (String) -> Void
    private let timer = Mutex<DispatchSourceTimer?>(nil)
    /// Serial: runs the purges one at a time, and `stopAndWait` waits on it.
    private let queue = DispatchQueue(label: "uplyft.refresh-token-purge", qos: .utility)

    public init(store: RefreshTokenStore, intervalSeconds: Int = 3600, retentionSeconds: Int64,
         clock: @escaping @Sendable () -> Int64, log: @escaping @Sendable (String) -> Void) {
        self.store = store
        self.intervalSeconds = max(1, intervalSeconds)
        self.retentionSeconds = max(0, retentionSeconds)
        self.clock = clock
        self.log = log
    }

    deinit { stop() }

    /// One purge now. Nil (and a log line) when the database failed; the next run tries again.
    @discardableResult
    public func runOnce() -> RefreshTokenStore.PurgeCount? {
        do {
            let count = try store.purge(endedBefore: clock() - retentionSeconds)
            log("refresh tokens: purged \(count.families) ended logins and \(count.expiredTokens) expired exchanged tokens")
            return count
        } catch {
            log("refresh tokens: purge failed (retried in \(intervalSeconds) s): \(error)")
            return nil
        }
    }

    /// Runs a purge at once and then every `intervalSeconds`, until `stop` (or deinit).
    /// Calling it again restarts the schedule.
    public func start() {
        let interval = intervalSeconds
        // Made inside the lock: the timer (not Sendable) never leaves the state it lives in.
        timer.withLock { current in
            current?.cancel()
            let source = DispatchSource.makeTimerSource(queue: queue)
            source.schedule(deadline: .now(), repeating: .seconds(interval))
            // Weak: the timer must not keep the purge (and its database) alive on its own.
            source.setEventHandler { [weak self] in self?.runOnce() }
            source.resume()
            current = source
        }
    }

    public func stop() {
        timer.withLock { current in
            current?.cancel()
            current = nil
        }
    }

    /// Stops the schedule and returns once a purge already running has finished, so that a
    /// server shutting down ends its background work (and its log lines) before it says
    /// it stopped. Never call it from a purge itself.
    public func stopAndWait() {
        stop()
        queue.sync {}
    }
}
