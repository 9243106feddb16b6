/// Why `AuthService` refused or could not finish an account or token operation, in the
/// terms of accounts and tokens only. The application decides how each is answered (the
/// shop's API maps them to a status, a stable code, a message and headers such as
/// Retry-After: `APIError.init(_: AuthError)` in the API target).
public enum AuthError: Error, Equatable, Sendable {
    /// The username breaks `AuthService.usernameRules`.
    case invalidUsername
    /// The password breaks a rule of `PasswordPolicy`; the violation names it.
    case unacceptablePassword(PasswordPolicy.Violation)
    /// Another account has this username (usernames are unique without regard to case).
    case usernameTaken
    /// The client's sign-up allowance is spent (`RegistrationThrottle`): try again after
    /// this many seconds. Nothing was hashed or stored.
    case tooManySignUps(retryAfterSeconds: Int64)
    /// Too many failed sign-ins for this account, device cookie or client (`LoginThrottle`):
    /// try again after this many seconds. The password was not checked.
    case tooManySignIns(retryAfterSeconds: Int64)
    /// No account matches the username and password (unknown names and wrong passwords
    /// are not told apart).
    case invalidCredentials
    /// The token is not one that is accepted now; the reason says which check failed.
    case invalidToken(InvalidTokenReason)
    /// A refresh token was presented again after it had been exchanged, outside the reuse
    /// interval: the whole login it belongs to has been ended.
    case refreshTokenReused
    /// The password-hashing pool had no room for the check (`PasswordHashingPool.Refusal.busy`):
    /// try again after this many seconds. Nothing was hashed.
    case hashingBusy(retryAfterSeconds: Int)
    /// The client disconnected while its password waited to be hashed; the job was dropped.
    case clientGone
    /// The account database failed while doing `action` (a phrase such as "creating an
    /// account"); the details were logged, not put here.
    case databaseFailed(action: String)
    /// The account database could not be reached while doing `action` (PostgreSQL down or
    /// restarting, every pooled connection busy): trying again shortly may work.
    case databaseUnavailable(action: String)

    public enum InvalidTokenReason: Sendable, Equatable {
        /// A refresh token with a bad signature, the wrong type, expired, or unknown,
        /// revoked or expired in the database.
        case refreshInvalidOrExpired
        /// An access token with a bad signature, the wrong type or subject, or expired.
        case accessInvalidOrExpired
        /// The token's account has been removed.
        case accountRemoved
        /// The token was issued before the account's sessions were ended (a password change).
        case sessionEnded
    }
}
