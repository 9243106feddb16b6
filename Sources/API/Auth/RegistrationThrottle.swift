import Store
import Synchronization

/// Sign-ups per client address: each one costs a password hash and a row, so one address
/// gets `perHour` of them at once and then one every `3600 / perHour` seconds (a token
/// bucket, `TokenBuckets`). Checked before the password is hashed; an attempt the server was
/// too busy to run is given back. Keyed by `ClientAddressResolver.throttleKey`, so behind a
/// trusted proxy each shopper has their own allowance.
///
/// In memory on a single node; in the shared database (`ThrottleStore`, scope
/// `signup-address`) when the shop runs on PostgreSQL, so that the allowance is per address
/// across all nodes. There a token is taken at `reserve` and given back by `release`, so
/// `spend` has nothing left to write.
public final class RegistrationThrottle: Sendable {
    let perHour: Int
    private let buckets: Mutex<TokenBuckets>
    private let shared: SharedThrottle?

    public init(perHour: Int, shared store: ThrottleStore? = nil) {
        let perHour = max(1, perHour)
        self.perHour = perHour
        let refillSeconds = max(1, 3600 / Int64(perHour))
        buckets = Mutex(TokenBuckets(capacity: perHour, refillSeconds: refillSeconds))
        shared = store.map { SharedThrottle(store: $0, pruneEverySeconds: refillSeconds * Int64(perHour)) }
    }

    /// Nil when `clientKey` may sign up now (the place is reserved), otherwise the seconds
    /// to wait. Throws when the shared database cannot record it.
    func reserve(clientKey: String, now: Int64) throws(StoreError) -> Int64? {
        if let shared {
            try shared.pruneIfDue(now: now)
            return try shared.store.reserve(attempt: SharedThrottle.newAttemptID(), windows: [], bucket: bucket(clientKey), now: now)
        }
        return buckets.withLock { $0.reserve(clientKey, now: now) }
    }

    /// The sign-up ran (created an account or found the name taken): it counts.
    func spend(clientKey: String, now: Int64) {
        guard shared == nil else { return }
        buckets.withLock { $0.spend(clientKey, now: now) }
    }

    /// The sign-up never ran: the place is free again.
    func release(clientKey: String) throws(StoreError) {
        if let shared {
            return try shared.store.cancel(attempt: "", windows: [], bucket: bucket(clientKey))
        }
        buckets.withLock { $0.release(clientKey) }
    }

    private func bucket(_ clientKey: String) -> ThrottleStore.Bucket {
        ThrottleStore.Bucket(scope: "signup-address", subject: clientKey, capacity: perHour, refillSeconds: max(1, 3600 / Int64(perHour)))
    }
}
