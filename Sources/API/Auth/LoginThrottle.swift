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
/// for all the limits an attempt touches). State is in memory: a restart clears it.
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

    public init(limits: Limits = Limits()) {
        self.limits = limits
        state = Mutex(State(accounts: FailureWindows(limit: limits.failuresPerAccount, windowSeconds: limits.windowSeconds),
                            devices: FailureWindows(limit: limits.failuresPerDevice, windowSeconds: limits.windowSeconds),
                            addresses: TokenBuckets(capacity: limits.addressBurst, refillSeconds: limits.addressRefillSeconds)))
    }

    /// Reserves an attempt to sign in as `username` from `clientKey`; `trustedDevice` is the
    /// id of a valid device cookie issued for this username, nil for an untrusted client.
    func reserve(username: String, clientKey: String, trustedDevice: String?, now: Int64) -> Decision {
        state.withLock { state in
            if let device = trustedDevice {
                if let wait = state.devices.wait(device, now: now) { return .wait(seconds: wait) }
                state.devices.reserve(device)
                return .proceed(Reservation(account: nil, device: device, address: nil))
            }
            let account = username.lowercased()
            let accountWait = state.accounts.wait(account, now: now)
            if let accountWait { return .wait(seconds: accountWait) }
            if let addressWait = state.addresses.reserve(clientKey, now: now) { return .wait(seconds: addressWait) }
            state.accounts.reserve(account)
            return .proceed(Reservation(account: account, device: nil, address: clientKey))
        }
    }

    /// The password was wrong (or the account unknown).
    func recordFailure(_ reservation: Reservation, now: Int64) {
        state.withLock { state in
            if let device = reservation.device { state.devices.recordFailure(device, now: now) }
            if let account = reservation.account { state.accounts.recordFailure(account, now: now) }
            if let address = reservation.address { state.addresses.spend(address, now: now) }
        }
    }

    /// The password was right: the account's (or device's) failures are forgotten. The
    /// address keeps its spent tokens, so one good password cannot reset a spray.
    func recordSuccess(_ reservation: Reservation) {
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
    func cancel(_ reservation: Reservation) {
        state.withLock { state in
            if let device = reservation.device { state.devices.release(device) }
            if let account = reservation.account { state.accounts.release(account) }
            if let address = reservation.address { state.addresses.release(address) }
        }
    }
}
