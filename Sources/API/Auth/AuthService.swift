import Crypto
import Foundation
import Store

/// Accounts and tokens: registration, login, refresh with rotation, logout, and checking an
/// access token. It knows nothing of HTTP: it refuses with an `AuthError`, which the
/// application answers as it sees fit; of the client it knows only what `Client` says (its
/// throttle key and whether it is still connected).
///
/// Every password hash and check runs on `hashing` (`PasswordHashingPool`), never on the
/// caller's thread, and only after the throttles have reserved the attempt.
public struct AuthService: Sendable {
    public struct TokenPair: Sendable {
        public let access: String
        public let refresh: String
        public let accessExpiresAt: Int64
        public let refreshExpiresAt: Int64
    }

    /// Who is asking: the key the throttles and the hashing pool count the client under
    /// (the application's client address, e.g. `ClientAddressResolver.throttleKey`) and
    /// whether it is still connected, asked again while its password waits to be hashed.
    public struct Client: Sendable {
        public let key: String
        public let isGone: @Sendable () -> Bool

        public init(key: String, isGone: @escaping @Sendable () -> Bool) {
            self.key = key
            self.isGone = isGone
        }
    }

    public struct Settings: Sendable {
        public var accessLifetimeSeconds: Int64 = 300
        public var refreshLifetimeSeconds: Int64 = 86_400
        /// How long a just-rotated refresh token may be presented again (two tabs at once).
        public var refreshReuseSeconds: Int64 = 5

        public init(accessLifetimeSeconds: Int64 = 300, refreshLifetimeSeconds: Int64 = 86_400, refreshReuseSeconds: Int64 = 5) {
            self.accessLifetimeSeconds = accessLifetimeSeconds
            self.refreshLifetimeSeconds = refreshLifetimeSeconds
            self.refreshReuseSeconds = refreshReuseSeconds
        }
    }

    /// A successful sign-in: the account, a fresh token pair, and a fresh device cookie.
    public struct Login: Sendable {
        public let user: User
        public let tokens: TokenPair
        public let deviceCookie: String
    }

    /// A password check as the hashing pool returns it: the verdict, and a new hash when the
    /// stored one was weaker than today's settings.
    private struct Verification: Sendable {
        let check: PasswordCheck
        let upgradedHash: String?
    }

    let users: UserStore
    let refreshTokens: RefreshTokenStore
    let signer: TokenSigner
    let devices: DeviceCookieSigner
    public let hasher: any PasswordHashing
    public let hashing: PasswordHashingPool
    let throttle: LoginThrottle
    let registrations: RegistrationThrottle
    let settings: Settings
    let log: @Sendable (String) -> Void
    /// A real hash of a random password: unknown usernames are checked against it so that they
    /// take as long as wrong passwords and cannot be told apart by timing.
    let decoyHash: String

    public init(users: UserStore, refreshTokens: RefreshTokenStore, signer: TokenSigner, devices: DeviceCookieSigner,
                hasher: any PasswordHashing, hashing: PasswordHashingPool, throttle: LoginThrottle,
                registrations: RegistrationThrottle, settings: Settings, log: @escaping @Sendable (String) -> Void) {
        self.users = users
        self.refreshTokens = refreshTokens
        self.signer = signer
        self.devices = devices
        self.hasher = hasher
        self.hashing = hashing
        self.throttle = throttle
        self.registrations = registrations
        self.settings = settings
        self.log = log
        // Once, at start-up, before any request: not worth a place in the pool.
        decoyHash = hasher.hash(Self.randomIdentifier())
    }

    public static let usernameRules = "Usernames are 3 to 32 letters, digits, '.', '-' or '_'."

    /// Creates an account. Order matters for cost: the cheap checks (rules, the address's
    /// sign-up allowance, a taken name) answer before any hashing.
    public func register(username: String, password: String, client: Client, now: Int64) throws(AuthError) -> User {
        try Self.validate(username: username)
        try Self.validate(password: password, username: username)
        let wait: Int64?
        do {
            wait = try registrations.reserve(clientKey: client.key, now: now)
        } catch where error.kind == .conflict {
            // Other nodes kept winning the same address's count: a burst, so come back soon.
            throw .tooManySignUps(retryAfterSeconds: 1)
        } catch {
            throw storeFailure(error, while: "checking the address's sign-up allowance")
        }
        if let wait { throw .tooManySignUps(retryAfterSeconds: wait) }
        let existing: (user: User, passwordHash: String)?
        do {
            existing = try users.credentials(username: username)
        } catch {
            releaseSignUp(client)
            throw storeFailure(error, while: "looking up a username")
        }
        guard existing == nil else {
            registrations.spend(clientKey: client.key, now: now)
            throw .usernameTaken
        }
        let passwordHash: String
        do {
            passwordHash = try hashing.run(client: client.key, isClientGone: client.isGone) { [hasher] in hasher.hash(password) }
        } catch {
            releaseSignUp(client)
            throw Self.authError(for: error)
        }
        registrations.spend(clientKey: client.key, now: now)
        let outcome: UserStore.CreateOutcome
        do {
            outcome = try users.create(username: username, passwordHash: passwordHash, now: now)
        } catch {
            throw storeFailure(error, while: "creating an account")
        }
        switch outcome {
        case .created(let user): return user
        case .usernameTaken: throw .usernameTaken
        }
    }

    /// Checks the password (throttled, `LoginThrottle`) and starts a new login with a fresh
    /// token pair. `deviceCookie` is the browser's device cookie, if it sent one.
    public func login(username: String, password: String, client: Client, deviceCookie: String?, now: Int64) throws(AuthError) -> Login {
        let device = deviceCookie.flatMap { devices.deviceID(in: $0, username: username, now: now) }
        let reservation: LoginThrottle.Reservation
        let decision: LoginThrottle.Decision
        do {
            decision = try throttle.reserve(username: username, clientKey: client.key, trustedDevice: device, now: now)
        } catch where error.kind == .conflict {
            // Every serializable retry lost to attempts on other nodes for the same account or
            // address: a burst against it, refused like one (never let through).
            throw .tooManySignIns(retryAfterSeconds: 1)
        } catch {
            // Never "allow everything": without the shared counts there is no sign-in.
            throw storeFailure(error, while: "reserving a sign-in attempt")
        }
        switch decision {
        case .wait(let seconds):
            throw .tooManySignIns(retryAfterSeconds: seconds)
        case .proceed(let reserved):
            reservation = reserved
        }
        let stored: (user: User, passwordHash: String)?
        do {
            stored = try users.credentials(username: username)
        } catch {
            settle(reservation, "cancel") { reservation throws(StoreError) in try throttle.cancel(reservation) }
            throw storeFailure(error, while: "reading an account to sign in")
        }
        let verification: Verification
        do {
            verification = try hashing.run(client: client.key, isClientGone: client.isGone) { [hasher, decoyHash] in
                let check = hasher.verify(password, against: stored?.passwordHash ?? decoyHash)
                // Stored with fewer iterations than today's setting: rehash in the same job,
                // while the password is at hand.
                guard stored != nil, check == .valid(needsRehash: true) else { return Verification(check: check, upgradedHash: nil) }
                return Verification(check: check, upgradedHash: hasher.hash(password))
            }
        } catch {
            settle(reservation, "cancel") { reservation throws(StoreError) in try throttle.cancel(reservation) }
            throw Self.authError(for: error)
        }
        guard let stored, case .valid = verification.check else {
            settle(reservation, "record the failure of") { reservation throws(StoreError) in try throttle.recordFailure(reservation, now: now) }
            throw .invalidCredentials
        }
        settle(reservation, "record the success of") { reservation throws(StoreError) in try throttle.recordSuccess(reservation) }
        if let upgraded = verification.upgradedHash {
            do {
                try users.updatePasswordHash(userID: stored.user.id, to: upgraded)
            } catch {
                // The sign-in itself is sound; the stronger hash is stored at the next one.
                log("auth: could not store the upgraded password hash of user \(stored.user.id): \(error)")
            }
        }
        return Login(user: stored.user, tokens: try startLogin(for: stored.user, now: now),
                     deviceCookie: devices.issue(username: stored.user.username, now: now))
    }

    /// Exchanges a refresh token for a new pair (rotation). A token already exchanged ends the
    /// whole login: whoever presents it second is either the thief or the victim of one. The
    /// exception is the token exchanged last, presented again within `refreshReuseSeconds`
    /// (two tabs refreshing with the same cookie at once): it gets the family's current pair.
    public func refresh(_ token: String, now: Int64) throws(AuthError) -> (User, TokenPair) {
        let claims: TokenClaims
        do {
            claims = try signer.verify(token, expecting: .refresh, now: Int(now))
        } catch {
            throw .invalidToken(.refreshInvalidOrExpired)
        }
        let newJTI = TokenClaims.newTokenID()
        let expiresAt = now + settings.refreshLifetimeSeconds
        let outcome: RefreshTokenStore.RotationOutcome
        do {
            outcome = try refreshTokens.rotate(jti: claims.jti, newJTI: newJTI, now: now, newExpiresAt: expiresAt,
                                               reuseIntervalSeconds: settings.refreshReuseSeconds)
        } catch {
            throw storeFailure(error, while: "rotating a refresh token")
        }
        switch outcome {
        case .rotated(let userID, _):
            let user = try currentUser(id: userID, tokenIssuedAt: claims.iat)
            return (user, pair(for: user, refresh: RefreshTokenStore.IssuedToken(jti: newJTI, issuedAt: now, expiresAt: expiresAt), now: now))
        case .replayed(let userID, _, let current):
            // HS256 is deterministic: the stored id and times sign to the very token the
            // other tab received, so both end up holding the same current refresh token.
            let user = try currentUser(id: userID, tokenIssuedAt: claims.iat)
            return (user, pair(for: user, refresh: current, now: now))
        case .reuseDetected:
            throw .refreshTokenReused
        case .revoked, .expired, .unknown:
            throw .invalidToken(.refreshInvalidOrExpired)
        }
    }

    /// Ends the login of `token`. Succeeds quietly for tokens already ended, so logging out
    /// twice is not an error.
    public func logout(_ token: String, now: Int64) throws(AuthError) {
        // An invalid or expired token has no login left to end: nothing to do, not an error.
        guard let claims = try? signer.verify(token, expecting: .refresh, now: Int(now)) else { return }
        do {
            _ = try refreshTokens.revokeFamily(ofToken: claims.jti, now: now, reason: "logout")
        } catch {
            throw storeFailure(error, while: "revoking a login")
        }
    }

    /// The user an access token was issued to, if the token is valid now and its account's
    /// sessions have not ended since.
    public func user(forAccessToken token: String, now: Int64) throws(AuthError) -> User {
        let claims: TokenClaims
        do {
            claims = try signer.verify(token, expecting: .access, now: Int(now))
        } catch {
            throw .invalidToken(.accessInvalidOrExpired)
        }
        guard let id = Int64(claims.sub) else {
            throw .invalidToken(.accessInvalidOrExpired)
        }
        return try currentUser(id: id, tokenIssuedAt: claims.iat)
    }

    /// The account a token names, if it still exists and the token was issued since its
    /// sessions began: a token of a removed account whose id a later account received
    /// (databases from before migration 2), or one issued before `uplyft user passwd`, is
    /// refused. A database failure is `databaseFailed`, never "no such account".
    private func currentUser(id: Int64, tokenIssuedAt: Int) throws(AuthError) -> User {
        let found: User?
        do {
            found = try users.user(id: id)
        } catch {
            throw storeFailure(error, while: "reading the account of a token")
        }
        guard let user = found else {
            throw .invalidToken(.accountRemoved)
        }
        guard Int64(tokenIssuedAt) >= user.sessionsValidFrom else {
            throw .invalidToken(.sessionEnded)
        }
        return user
    }

    private func startLogin(for user: User, now: Int64) throws(AuthError) -> TokenPair {
        let refresh = RefreshTokenStore.IssuedToken(jti: TokenClaims.newTokenID(), issuedAt: now, expiresAt: now + settings.refreshLifetimeSeconds)
        do {
            try refreshTokens.startFamily(id: Self.randomIdentifier(), userID: user.id, jti: refresh.jti, issuedAt: refresh.issuedAt,
                                          expiresAt: refresh.expiresAt)
        } catch {
            throw storeFailure(error, while: "starting a login")
        }
        return pair(for: user, refresh: refresh, now: now)
    }

    private func pair(for user: User, refresh: RefreshTokenStore.IssuedToken, now: Int64) -> TokenPair {
        let accessExpiresAt = now + settings.accessLifetimeSeconds
        let access = signer.sign(TokenClaims(sub: String(user.id), iat: Int(now), exp: Int(accessExpiresAt), nbf: nil,
                                             jti: TokenClaims.newTokenID(), type: .access))
        let refreshToken = signer.sign(TokenClaims(sub: String(user.id), iat: Int(refresh.issuedAt), exp: Int(refresh.expiresAt), nbf: nil,
                                                   jti: refresh.jti, type: .refresh))
        return TokenPair(access: access, refresh: refreshToken, accessExpiresAt: accessExpiresAt, refreshExpiresAt: refresh.expiresAt)
    }

    /// Settles a sign-in attempt in the throttle. When the shared database cannot, the attempt
    /// stays reserved and counts as a failure until its window ends (never as allowed), so
    /// the answer the attempt earned stands; the failure is logged.
    private func settle(_ reservation: LoginThrottle.Reservation, _ action: String,
                        _ body: (LoginThrottle.Reservation) throws(StoreError) -> Void) {
        do {
            try body(reservation)
        } catch {
            log("auth: could not \(action) a sign-in attempt in the throttle: \(error)")
        }
    }

    /// Gives back a sign-up place the attempt did not use. When the shared database cannot,
    /// the place stays taken until it refills (the safe side); the failure is logged.
    private func releaseSignUp(_ client: Client) {
        do {
            try registrations.release(clientKey: client.key)
        } catch {
            log("auth: could not give back a sign-up place: \(error)")
        }
    }

    /// Logs a database failure with its details and says what failed, without them.
    private func storeFailure(_ error: StoreError, while action: String) -> AuthError {
        log("auth: \(action) failed: \(error)")
        return error.isUnavailable ? .databaseUnavailable(action: action) : .databaseFailed(action: action)
    }

    /// The refusal of a job the hashing pool would not run.
    static func authError(for refusal: PasswordHashingPool.Refusal) -> AuthError {
        switch refusal {
        case .busy(let seconds): .hashingBusy(retryAfterSeconds: seconds)
        case .clientGone: .clientGone
        }
    }

    /// 128 random bits as 32 hex digits: login family ids, CSRF tokens.
    public static func randomIdentifier() -> String {
        Crypto.randomBytes(16).map { String(format: "%02x", $0) }.joined()
    }

    /// Refuses a username that breaks `usernameRules`.
    public static func validate(username: String) throws(AuthError) {
        let allowed = username.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) }
        guard (3...32).contains(username.count), allowed else { throw .invalidUsername }
    }

    /// Refuses a password that breaks a rule of `PasswordPolicy`, naming the rule.
    public static func validate(password: String, username: String) throws(AuthError) {
        if let violation = PasswordPolicy.violation(of: password, username: username) {
            throw .unacceptablePassword(violation)
        }
    }
}
