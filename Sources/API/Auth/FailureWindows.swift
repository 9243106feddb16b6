/// Failed attempts per key (an account, a device cookie) in a sliding window, with
/// reservations: an attempt in progress counts against the limit until it is known to have
/// failed (then it is a failure) or not (then it is released). So a burst of parallel
/// attempts gets no more tries than the limit, however long each takes to check.
/// A value type: the owner keeps it behind its lock.
struct FailureWindows {
    let limit: Int
    let windowSeconds: Int64

    private struct Entry {
        var failures: [Int64] = []
        var reserved = 0
    }

    private var entries: [String: Entry] = [:]
    private var lastSweep: Int64 = 0

    init(limit: Int, windowSeconds: Int64) {
        self.limit = max(1, limit)
        self.windowSeconds = max(1, windowSeconds)
    }

    /// Seconds until `key` may try again, or nil when failures and attempts in progress are
    /// under the limit now.
    mutating func wait(_ key: String, now: Int64) -> Int64? {
        sweep(now: now)
        guard let entry = entries[key] else { return nil }
        let recent = entry.failures.filter { $0 > now - windowSeconds }.sorted()
        let over = recent.count + entry.reserved - limit + 1
        guard over > 0 else { return nil }
        // The `over`-th oldest failure must leave the window; attempts in progress settle
        // within a request, so when they alone are in the way, one second.
        guard over <= recent.count else { return 1 }
        return max(1, recent[over - 1] + windowSeconds - now)
    }

    /// Counts an attempt in progress; call only after `wait` answered nil, under one lock.
    mutating func reserve(_ key: String) {
        entries[key, default: Entry()].reserved += 1
    }

    /// The attempt in progress failed.
    mutating func recordFailure(_ key: String, now: Int64) {
        var entry = entries[key, default: Entry()]
        entry.reserved = max(0, entry.reserved - 1)
        entry.failures.removeAll { $0 <= now - windowSeconds }
        entry.failures.append(now)
        entries[key] = entry
    }

    /// The attempt in progress did not fail (or never ran). A key left with nothing is
    /// forgotten at once, so attempts that never count (refused as busy) leave no trace.
    mutating func release(_ key: String) {
        guard var entry = entries[key] else { return }
        entry.reserved = max(0, entry.reserved - 1)
        entries[key] = entry.reserved == 0 && entry.failures.isEmpty ? nil : entry
    }

    /// Forgets the key's failures (a successful sign-in), keeping other attempts in progress.
    mutating func clearFailures(_ key: String) {
        guard var entry = entries[key] else { return }
        entry.failures.removeAll()
        entries[key] = entry.reserved > 0 ? entry : nil
    }

    /// Keys currently tracked (tests check that idle ones are forgotten).
    var trackedKeys: Int { entries.count }

    /// Drops keys with no recent failure and nothing in progress, once per window, so the
    /// map stays as small as the current attack.
    private mutating func sweep(now: Int64) {
        guard now - lastSweep > windowSeconds else { return }
        lastSweep = now
        let cutoff = now - windowSeconds
        entries = entries.filter { $0.value.reserved > 0 || $0.value.failures.contains { $0 > cutoff } }
    }
}
