import Auth
import Foundation
import Store

/// How the API answers `AuthService`: each `AuthError` as a status, a stable code, a message
/// for people and the headers a client acts on (Retry-After, WWW-Authenticate), and the
/// Bearer scheme (RFC 6750) that carries access tokens. Auth itself knows nothing of HTTP.
extension APIError {
    init(_ error: AuthError) {
        switch error {
        case .invalidUsername:
            self = .badRequest(AuthService.usernameRules, code: "invalid_username")
        case .unacceptablePassword(let violation):
            self = .badRequest(violation.message, code: violation.code)
        case .usernameTaken:
            self = APIError(status: 409, code: "username_taken", message: "That username is taken.")
        case .tooManySignUps(let seconds):
            self = .tooManyRequests("Too many sign-ups from this address. Try again in \(seconds) seconds.", retryAfterSeconds: seconds)
        case .tooManySignIns(let seconds):
            self = .tooManyRequests("Too many failed sign-ins. Try again in \(seconds) seconds.", retryAfterSeconds: seconds)
        case .invalidCredentials:
            self = .unauthorized("No account matches that username and password.", code: "invalid_credentials")
        case .invalidToken(.refreshInvalidOrExpired):
            self = .unauthorized("The refresh token is invalid or expired.", code: "token_not_valid")
        case .invalidToken(.accessInvalidOrExpired):
            self = .unauthorized("The access token is invalid or expired.", code: "token_not_valid")
        case .invalidToken(.accountRemoved):
            self = .unauthorized("The account no longer exists.", code: "token_not_valid")
        case .invalidToken(.sessionEnded):
            self = .unauthorized("This session has ended (the account's password was changed). Sign in again.", code: "token_not_valid")
        case .refreshTokenReused:
            self = .unauthorized("This refresh token was already used; the session has been ended. Sign in again.", code: "token_reused")
        case .hashingBusy(let seconds):
            self = .serviceUnavailable("The server is busy checking other passwords. Try again in \(seconds) seconds.",
                                       code: "password_check_busy", retryAfterSeconds: Int64(seconds))
        case .clientGone:
            // Nobody reads this: the connection is closed. The access log shows it.
            self = .serviceUnavailable("The client disconnected before its password was checked.", code: "client_gone", retryAfterSeconds: 1)
        case .databaseFailed(let action):
            self = .internalError("The account database failed while \(action); try again shortly.")
        case .databaseUnavailable(let action):
            self = .databaseUnavailable("The account database is unavailable while \(action); try again shortly.")
        }
    }

    /// The value of an `AuthService` call, or its `AuthError` as the API answers it.
    static func answering<Value>(_ operation: () throws(AuthError) -> Value) throws(APIError) -> Value {
        do {
            return try operation()
        } catch {
            throw APIError(error)
        }
    }
}

extension AuthService {
    /// The user of a request's `Authorization: Bearer <access token>`.
    /// No credentials (or another scheme) is 401 with the bare `Bearer realm="uplyft"`
    /// challenge; a token that does not hold is 401 `invalid_token` with a description
    /// (RFC 6750 section 3). The scheme name is case-insensitive (RFC 9110 section 11.1).
    func authenticate(authorization: String?, now: Int64) throws(APIError) -> User {
        let scheme = "bearer "
        guard let authorization, authorization.count > scheme.count, authorization.prefix(scheme.count).lowercased() == scheme else {
            throw .unauthorized("Sign in first: send Authorization: Bearer <access token>.")
        }
        let token = String(authorization.dropFirst(scheme.count)).trimmingCharacters(in: .whitespaces)
        do throws(APIError) {
            return try APIError.answering { () throws(AuthError) in try user(forAccessToken: token, now: now) }
        } catch where error.status == 401 {
            throw .invalidBearerToken(error.message, code: error.code)
        }
    }
}
