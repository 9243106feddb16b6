import Crypto
import Foundation
import Store
import Synchronization

/// A throttle's link to the shared database (`ThrottleStore`): the store, and when this node
/// last pruned expired rows, so that one node prunes at most once per period (every node
/// doing it keeps the tables bounded even when the others are gone).
final class SharedThrottle: Sendable {
    let store: ThrottleStore
    let pruneEverySeconds: Int64
    private let lastPrune = Mutex<Int64>(0)

    init(store: ThrottleStore, pruneEverySeconds: Int64) {
        self.store = store
        self.pruneEverySeconds = max(1, pruneEverySeconds)
    }

    /// Deletes the database's expired throttle rows when this node has not for a period.
    func pruneIfDue(now: Int64) throws(StoreError) {
        let due = lastPrune.withLock { last in
            guard now - last >= pruneEverySeconds else { return false }
            last = now
            return true
        }
        if due { try store.prune(now: now) }
    }

    /// 128 random bits as hex: the id an attempt is settled by, unique across nodes.
    static func newAttemptID() -> String {
        Crypto.randomBytes(16).map { String(format: "%02x", $0) }.joined()
    }
}
