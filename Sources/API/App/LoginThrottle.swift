import Synchronization

/// Counts failed logins per username and per client address in a sliding window and refuses
/// further attempts once either passes its limit, so a password cannot be guessed faster than
/// a few tries a minute per account, nor by one client across many accounts.
final class LoginThrottle: Sendable {
    struct Limits: Sendable {
        var failuresPerUsername = 5
        var failuresPerAddress = 20
        var windowSeconds: Int64 = 300
    }

    private struct State {
        var byUsername: [String: [Int64]] = [:]
        var byAddress: [String: [Int64]] = [:]
        var lastSweep: Int64 = 0
    }

    private let limits: Limits
    private let state = Mutex(State())

    init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Seconds to wait before `username` may try again from `address`, or nil when it may now.
    func retryAfter(username: String, address: String, now: Int64) -> Int64? {
        let key = username.lowercased()
        return state.withLock { state in
            let waits = [
                wait(state.byUsername[key, default: []], limit: limits.failuresPerUsername, now: now),
                wait(state.byAddress[address, default: []], limit: limits.failuresPerAddress, now: now),
            ].compactMap { $0 }
            return waits.max()
        }
    }

    func recordFailure(username: String, address: String, now: Int64) {
        let key = username.lowercased()
        let cutoff = now - limits.windowSeconds
        state.withLock { state in
            state.byUsername[key, default: []].append(now)
            state.byUsername[key]?.removeAll { $0 <= cutoff }
            state.byAddress[address, default: []].append(now)
            state.byAddress[address]?.removeAll { $0 <= cutoff }
            // Forget stale entries now and then so the maps stay as small as the attack.
            if now - state.lastSweep > limits.windowSeconds {
                state.byUsername = state.byUsername.filter { $0.value.contains { $0 > cutoff } }
                state.byAddress = state.byAddress.filter { $0.value.contains { $0 > cutoff } }
                state.lastSweep = now
            }
        }
    }

    /// A successful login clears the account's failures (not the address's: one good
    /// password must not reset a spray over other accounts).
    func recordSuccess(username: String) {
        _ = state.withLock { state in state.byUsername.removeValue(forKey: username.lowercased()) }
    }

    private func wait(_ failures: [Int64], limit: Int, now: Int64) -> Int64? {
        let recent = failures.filter { $0 > now - limits.windowSeconds }
        guard recent.count >= limit, let oldest = recent.min() else { return nil }
        return max(1, oldest + limits.windowSeconds - now)
    }
}
