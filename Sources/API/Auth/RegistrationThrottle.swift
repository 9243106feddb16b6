import Synchronization

/// Sign-ups per client address: each one costs a password hash and a row, so one address
/// gets `perHour` of them at once and then one every `3600 / perHour` seconds (a token
/// bucket, `TokenBuckets`). Checked before the password is hashed; an attempt the server was
/// too busy to run is given back. Keyed by `ClientAddressResolver.throttleKey`, so behind a
/// trusted proxy each shopper has their own allowance.
public final class RegistrationThrottle: Sendable {
    let perHour: Int
    private let buckets: Mutex<TokenBuckets>

    public init(perHour: Int) {
        self.perHour = max(1, perHour)
        buckets = Mutex(TokenBuckets(capacity: self.perHour, refillSeconds: max(1, 3600 / Int64(self.perHour))))
    }

    /// Nil when `clientKey` may sign up now (the place is reserved), otherwise the seconds
    /// to wait.
    func reserve(clientKey: String, now: Int64) -> Int64? {
        buckets.withLock { $0.reserve(clientKey, now: now) }
    }

    /// The sign-up ran (created an account or found the name taken): it counts.
    func spend(clientKey: String, now: Int64) {
        buckets.withLock { $0.spend(clientKey, now: now) }
    }

    /// The sign-up never ran: the place is free again.
    func release(clientKey: String) {
        buckets.withLock { $0.release(clientKey) }
    }
}
