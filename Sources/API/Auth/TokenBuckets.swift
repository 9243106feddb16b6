/// Token buckets per key (a client address), with reservations: the rate limit of the
/// throttles that may only ever delay a client by a short, bounded time.
///
/// Each key starts with `capacity` tokens and regains one every `refillSeconds`, up to
/// `capacity`. An attempt first reserves a token (so attempts running at the same time
/// cannot spend the same token twice), then either spends it (the attempt counts) or
/// releases it (the attempt never happened, e.g. the server was too busy to run it).
/// When no token is free the caller waits until one refills: at most `refillSeconds`
/// once nothing is reserved. A value type: the owner keeps it behind its lock.
struct TokenBuckets {
    let capacity: Double
    let refillSeconds: Double

    private struct Bucket {
        var tokens: Double
        var updatedAt: Int64
        var reserved: Int
    }

    private var buckets: [String: Bucket] = [:]
    private var lastSweep: Int64 = 0

    init(capacity: Int, refillSeconds: Int64) {
        self.capacity = Double(max(1, capacity))
        self.refillSeconds = Double(max(1, refillSeconds))
    }

    /// Reserves a token for `key`: nil when reserved, otherwise the whole seconds to wait.
    mutating func reserve(_ key: String, now: Int64) -> Int64? {
        sweep(now: now)
        var bucket = refilled(key, now: now)
        let free = bucket.tokens - Double(bucket.reserved)
        guard free >= 1 else {
            // Reserved tokens resolve within a request; count them as spent for the estimate.
            return max(1, Int64(((1 - free) * refillSeconds).rounded(.up)))
        }
        bucket.reserved += 1
        buckets[key] = bucket
        return nil
    }

    /// The reserved attempt counted: its token is gone.
    mutating func spend(_ key: String, now: Int64) {
        var bucket = refilled(key, now: now)
        bucket.reserved = max(0, bucket.reserved - 1)
        bucket.tokens = max(0, bucket.tokens - 1)
        buckets[key] = bucket
    }

    /// The reserved attempt did not count: its token is free again. A full bucket with
    /// nothing reserved is forgotten at once (it behaves like a new one).
    mutating func release(_ key: String) {
        guard var bucket = buckets[key] else { return }
        bucket.reserved = max(0, bucket.reserved - 1)
        buckets[key] = bucket.reserved == 0 && bucket.tokens >= capacity ? nil : bucket
    }

    /// Keys currently tracked (tests check that idle ones are forgotten).
    var trackedKeys: Int { buckets.count }

    private func refilled(_ key: String, now: Int64) -> Bucket {
        guard var bucket = buckets[key] else { return Bucket(tokens: capacity, updatedAt: now, reserved: 0) }
        let elapsed = Double(max(0, now - bucket.updatedAt))
        bucket.tokens = min(capacity, bucket.tokens + elapsed / refillSeconds)
        bucket.updatedAt = now
        return bucket
    }

    /// Forgets buckets that have refilled completely and hold no reservation (they behave
    /// like new ones), so the map stays as small as the current attack.
    private mutating func sweep(now: Int64) {
        let period = Int64(capacity * refillSeconds)
        guard now - lastSweep >= period else { return }
        lastSweep = now
        buckets = buckets.filter { entry in
            entry.value.reserved > 0
                || entry.value.tokens + Double(max(0, now - entry.value.updatedAt)) / refillSeconds < capacity
        }
    }
}
