import Foundation

/// Accounts and tokens: registration, login, refresh with rotation, logout, and checking the
/// access token of a request. Routes turn its results into HTTP; it knows nothing of HTTP.
struct AuthService: Sendable {
    struct TokenPair: Sendable {
        let access: String
        let refresh: String
        let accessExpiresAt: Int64
        let refreshExpiresAt: Int64
    }

    let users: UserStore
    let refreshTokens: RefreshTokenStore
    let signer: TokenSigner
    let hasher: PasswordHasher
    let throttle: LoginThrottle
    let accessLifetimeSeconds: Int64
    let refreshLifetimeSeconds: Int64
    /// A real hash of a random password: unknown usernames are checked against it so that they
    /// take as long as wrong passwords and cannot be told apart by timing.
    let decoyHash: String

    init(users: UserStore, refreshTokens: RefreshTokenStore, signer: TokenSigner, hasher: PasswordHasher,
         throttle: LoginThrottle, accessLifetimeSeconds: Int64, refreshLifetimeSeconds: Int64) {
        self.users = users
        self.refreshTokens = refreshTokens
        self.signer = signer
        self.hasher = hasher
        self.throttle = throttle
        self.accessLifetimeSeconds = accessLifetimeSeconds
        self.refreshLifetimeSeconds = refreshLifetimeSeconds
        decoyHash = hasher.hash(Self.randomIdentifier())
    }

    static let passwordRules = "Passwords need at least 8 characters, not all digits, and must differ from the username."
    static let usernameRules = "Usernames are 3 to 32 letters, digits, '.', '-' or '_'."

    func register(username: String, password: String, now: Int64) throws(APIError) -> User {
        try Self.validate(username: username)
        try Self.validate(password: password, username: username)
        let outcome: UserStore.CreateOutcome
        do {
            outcome = try users.create(username: username, passwordHash: hasher.hash(password), now: now)
        } catch {
            throw .internalError()
        }
        switch outcome {
        case .created(let user): return user
        case .usernameTaken: throw APIError(status: 409, code: "username_taken", message: "That username is taken.")
        }
    }

    /// Checks the password (throttled) and starts a new login with a fresh token pair.
    func login(username: String, password: String, address: String, now: Int64) throws(APIError) -> (User, TokenPair) {
        if let wait = throttle.retryAfter(username: username, address: address, now: now) {
            throw APIError(status: 429, code: "throttled", message: "Too many failed sign-ins. Try again in \(wait) seconds.",
                           headers: [("Retry-After", String(wait))])
        }
        let stored: (user: User, passwordHash: String)?
        do {
            stored = try users.credentials(username: username)
        } catch {
            throw .internalError()
        }
        let check = hasher.verify(password, against: stored?.passwordHash ?? decoyHash)
        guard let stored, case .valid(let needsRehash) = check else {
            throttle.recordFailure(username: username, address: address, now: now)
            throw .unauthorized("No account matches that username and password.", code: "invalid_credentials")
        }
        throttle.recordSuccess(username: username)
        if needsRehash {
            // Stored with fewer iterations than today's setting: upgrade while the password is at hand.
            try? users.updatePasswordHash(userID: stored.user.id, to: hasher.hash(password))
        }
        return (stored.user, try startLogin(for: stored.user, now: now))
    }

    /// Exchanges a refresh token for a new pair (rotation). A token already exchanged ends the
    /// whole login: whoever presents it second is either the thief or the victim of one.
    func refresh(_ token: String, now: Int64) throws(APIError) -> (User, TokenPair) {
        let claims: TokenClaims
        do {
            claims = try signer.verify(token, expecting: .refresh, now: Int(now))
        } catch {
            throw .unauthorized("The refresh token is invalid or expired.", code: "token_not_valid")
        }
        let newJTI = TokenClaims.newTokenID()
        let expiresAt = now + refreshLifetimeSeconds
        let outcome: RefreshTokenStore.RotationOutcome
        do {
            outcome = try refreshTokens.rotate(jti: claims.jti, newJTI: newJTI, now: now, newExpiresAt: expiresAt)
        } catch {
            throw .internalError()
        }
        switch outcome {
        case .rotated(let userID, _):
            guard let user = try? users.user(id: userID) else {
                throw .unauthorized("The account no longer exists.", code: "token_not_valid")
            }
            return (user, pair(for: user, refreshJTI: newJTI, now: now, refreshExpiresAt: expiresAt))
        case .reuseDetected:
            throw .unauthorized("This refresh token was already used; the session has been ended. Sign in again.", code: "token_reused")
        case .revoked, .expired, .unknown:
            throw .unauthorized("The refresh token is invalid or expired.", code: "token_not_valid")
        }
    }

    /// Ends the login of `token`. Succeeds quietly for tokens already ended, so logging out
    /// twice is not an error.
    func logout(_ token: String, now: Int64) throws(APIError) {
        guard let claims = try? signer.verify(token, expecting: .refresh, now: Int(now)) else { return }
        do {
            _ = try refreshTokens.revokeFamily(ofToken: claims.jti, now: now, reason: "logout")
        } catch {
            throw .internalError()
        }
    }

    /// The user of a request's `Authorization: Bearer <access token>`.
    func authenticate(authorization: String?, now: Int64) throws(APIError) -> User {
        guard let authorization, authorization.hasPrefix("Bearer ") else {
            throw .unauthorized("Sign in first: send Authorization: Bearer <access token>.")
        }
        let token = String(authorization.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
        let claims: TokenClaims
        do {
            claims = try signer.verify(token, expecting: .access, now: Int(now))
        } catch {
            throw .unauthorized("The access token is invalid or expired.", code: "token_not_valid")
        }
        guard let id = Int64(claims.sub), let user = try? users.user(id: id) else {
            throw .unauthorized("The account no longer exists.", code: "token_not_valid")
        }
        return user
    }

    private func startLogin(for user: User, now: Int64) throws(APIError) -> TokenPair {
        let jti = TokenClaims.newTokenID()
        let expiresAt = now + refreshLifetimeSeconds
        do {
            try refreshTokens.startFamily(id: Self.randomIdentifier(), userID: user.id, jti: jti, issuedAt: now, expiresAt: expiresAt)
        } catch {
            throw .internalError()
        }
        return pair(for: user, refreshJTI: jti, now: now, refreshExpiresAt: expiresAt)
    }

    private func pair(for user: User, refreshJTI: String, now: Int64, refreshExpiresAt: Int64) -> TokenPair {
        let accessExpiresAt = now + accessLifetimeSeconds
        let access = signer.sign(TokenClaims(sub: String(user.id), iat: Int(now), exp: Int(accessExpiresAt), nbf: nil,
                                             jti: TokenClaims.newTokenID(), type: .access))
        let refresh = signer.sign(TokenClaims(sub: String(user.id), iat: Int(now), exp: Int(refreshExpiresAt), nbf: nil,
                                              jti: refreshJTI, type: .refresh))
        return TokenPair(access: access, refresh: refresh, accessExpiresAt: accessExpiresAt, refreshExpiresAt: refreshExpiresAt)
    }

    /// 128 random bits as 32 hex digits: login family ids, CSRF tokens.
    static func randomIdentifier() -> String {
        Crypto.randomBytes(16).map { String(format: "%02x", $0) }.joined()
    }

    static func validate(username: String) throws(APIError) {
        let allowed = username.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) }
        guard (3...32).contains(username.count), allowed else { throw .badRequest(usernameRules, code: "invalid_username") }
    }

    static func validate(password: String, username: String) throws(APIError) {
        guard password.count >= 8, password.utf8.count <= 1024, !password.allSatisfy(\.isNumber),
              password.lowercased() != username.lowercased() else {
            throw .badRequest(passwordRules, code: "weak_password")
        }
    }
}
