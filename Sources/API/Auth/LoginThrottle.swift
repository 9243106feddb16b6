import Store
import Synchronization

/// Who may try a password now, after OWASP's "Slow Down Online Guessing Attacks with Device
/// Cookies": failures for other names must not lock a shopper out of their own account for
/// long, even when every shopper shares one address behind a proxy.
///
/// - A *trusted client* presents a valid device cookie for the username it signs in as
///   (issued by a successful browser sign-in, `DeviceCookieSigner`). It is limited only per
///   device cookie: `failuresPerDevice` failures in `windowSeconds` lock that one cookie
///   out until they age out. Failures of anyone else never touch it.
/// - An *untrusted client* (no cookie, another user's, expired, forged) is limited per
///   account, across all untrusted clients: `failuresPerAccount` failures in `windowSeconds`
///   close the account to untrusted clients (its owner's trusted browsers still get in); and
///   per address by a token bucket: `addressBurst` failures, then one more attempt every
///   `addressRefillSeconds`. The address limit only delays, by at most
///   `addressRefillSeconds`, so failures for made-up names from a shared address hold a
///   shopper on a new browser back for seconds, not minutes; and it keeps a password spray
///   from one address to one guess per `addressRefillSeconds`.
///
/// Every attempt is reserved before its password is hashed and counts as a failure until it
/// is known not to be one, so parallel attempts cannot exceed a limit (`reserve` is atomic
/// for all the limits an attempt touches).
///
/// Where the counts live: in memory for a single node (SQLite; a restart clears them), or in
/// the shared database (`ThrottleStore`) when the shop runs on PostgreSQL, so that every node
/// behind the load balancer counts the same attempts. Then a database that cannot be reached
/// refuses the attempt (`reserve` throws, the sign-in answers 503): it never lets every
/// attempt through.
public final class LoginThrottle: Sendable {
    public struct Limits: Sendable {
        public var failuresPerAccount = 5
        public var failuresPerDevice = 5
        public var windowSeconds: Int64 = 300
        /// 20 failures then one per 15 s: about the old 20-per-5-minutes average for a spray.
        public var addressBurst = 20
        public var addressRefillSeconds: Int64 = 15

        public init() {}
    }

    /// The limits one attempt holds a place in, until it is settled.
    struct Reservation: Sendable, Equatable {
        fileprivate let account: String?
        fileprivate let device: String?
        fileprivate let address: String?
        /// The attempt's id in the shared database (`ThrottleStore`); unused in memory.
        fileprivate let attempt: String
    }

    enum Decision: Sendable, Equatable {
        case proceed(Reservation)
        /// Refused: try again in this many seconds.
        case wait(seconds: Int64)
    }

    private struct State {
        var accounts: FailureWindows
        var devices: FailureWindows
        var addresses: TokenBuckets
    }

    let limits: Limits
    private let state: Mutex<State>
    private let shared: SharedThrottle?

    /// A throttle counting in memory, or in `shared`'s database when given.
    public init(limits: Limits = Limits(), shared store: ThrottleStore? = nil) {
        self.limits = limits
        state = Mutex(State(accounts: FailureWindows(limit: limits.failuresPerAccount, windowSeconds: limits.windowSeconds),
                            devices: FailureWindows(limit: limits.failuresPerDevice, windowSeconds: limits.windowSeconds),
                            addresses: TokenBuckets(capacity: limits.addressBurst, refillSeconds: limits.addressRefillSeconds)))
        shared = store.map { SharedThrottle(store: $0, pruneEverySeconds: limits.windowSeconds) }
    }

    /// Reserves an attempt to sign in as `username` from `clientKey`; `trustedDevice` is the
    /// id of a valid device cookie issued for this username, nil for an untrusted client.
    /// Throws when the shared database cannot record it.
    func reserve(username: String, clientKey: String, trustedDevice: String?, now: Int64) throws(StoreError) -> Decision {
        if let shared {
            let reservation = Reservation(account: trustedDevice == nil ? username.lowercased() : nil, device: trustedDevice,
                                          address: trustedDevice == nil ? clientKey : nil, attempt: SharedThrottle.newAttemptID())
            try shared.pruneIfDue(now: now)
            if let wait = try shared.store.reserve(attempt: reservation.attempt, windows: windows(reservation),
                                                   bucket: bucket(reservation), now: now) {
                return .wait(seconds: wait)
            }
            return .proceed(reservation)
        }
        return state.withLock { state in
            if let device = trustedDevice {
                if let wait = state.devices.wait(device, now: now) { return .wait(seconds: wait) }
                state.devices.reserve(device)
                return .proceed(Reservation(account: nil, device: device, address: nil, attempt: ""))
            }
            let account = username.lowercased()
            let accountWait = state.accounts.wait(account, now: now)
            if let accountWait { return .wait(seconds: accountWait) }
            if let addressWait = state.addresses.reserve(clientKey, now: now) { return .wait(seconds: addressWait) }
            state.accounts.reserve(account)
            return .proceed(Reservation(account: account, device: nil, address: clientKey, attempt: ""))
        }
    }

    /// The password was wrong (or the account unknown).
    func recordFailure(_ reservation: Reservation, now: Int64) throws(StoreError) {
        if let shared {
            return try shared.store.recordFailure(attempt: reservation.attempt, windows: windows(reservation), now: now)
        }
        state.withLock { state in
            if let device = reservation.device { state.devices.recordFailure(device, now: now) }
            if let account = reservation.account { state.accounts.recordFailure(account, now: now) }
            if let address = reservation.address { state.addresses.spend(address, now: now) }
        }
    }

    /// The password was right: the account's (or device's) failures are forgotten. The
    /// address keeps its spent tokens, so one good password cannot reset a spray.
    func recordSuccess(_ reservation: Reservation) throws(StoreError) {
        if let shared {
            return try shared.store.recordSuccess(attempt: reservation.attempt, windows: windows(reservation), bucket: bucket(reservation))
        }
        state.withLock { state in
            if let device = reservation.device {
                state.devices.release(device)
                state.devices.clearFailures(device)
            }
            if let account = reservation.account {
                state.accounts.release(account)
                state.accounts.clearFailures(account)
            }
            if let address = reservation.address { state.addresses.release(address) }
        }
    }

    /// The attempt never reached the password check (server busy, client gone, database
    /// error): nothing counts.
    func cancel(_ reservation: Reservation) throws(StoreError) {
        if let shared {
            return try shared.store.cancel(attempt: reservation.attempt, windows: windows(reservation), bucket: bucket(reservation))
        }
        state.withLock { state in
            if let device = reservation.device { state.devices.release(device) }
            if let account = reservation.account { state.accounts.release(account) }
            if let address = reservation.address { state.addresses.release(address) }
        }
    }

    // The shared database's names for this throttle's limits (`ThrottleStore`).
    private func windows(_ reservation: Reservation) -> [ThrottleStore.Window] {
        if let device = reservation.device {
            return [ThrottleStore.Window(scope: "login-device", subject: device, limit: limits.failuresPerDevice, windowSeconds: limits.windowSeconds)]
        }
        guard let account = reservation.account else { return [] }
        return [ThrottleStore.Window(scope: "login-account", subject: account, limit: limits.failuresPerAccount, windowSeconds: limits.windowSeconds)]
    }

    private func bucket(_ reservation: Reservation) -> ThrottleStore.Bucket? {
        reservation.address.map {
            ThrottleStore.Bucket(scope: "login-address", subject: $0, capacity: limits.addressBurst, refillSeconds: limits.addressRefillSeconds)
        }
    }
}
