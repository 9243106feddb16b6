import Testing
@testable import API
@testable import Auth

/// How the API answers each `AuthError` (Auth itself knows nothing of HTTP): the status, the
/// stable code clients branch on, and the headers they act on. The end-to-end tests see the
/// same answers over the wire (`ShopEndToEndTests`, `SignInThrottleTests`, `FloodDefenceTests`).
@Suite struct AuthAnswersTests {
    static let violation = PasswordPolicy.violation(of: "12345678", username: "someone")!

    @Test(arguments: [
        (AuthError.invalidUsername, 400, "invalid_username", nil),
        (.unacceptablePassword(violation), 400, "password_entirely_numeric", nil),
        (.usernameTaken, 409, "username_taken", nil),
        (.tooManySignUps(retryAfterSeconds: 360), 429, "throttled", "360"),
        (.tooManySignIns(retryAfterSeconds: 15), 429, "throttled", "15"),
        (.invalidCredentials, 401, "invalid_credentials", nil),
        (.invalidToken(.refreshInvalidOrExpired), 401, "token_not_valid", nil),
        (.invalidToken(.accessInvalidOrExpired), 401, "token_not_valid", nil),
        (.invalidToken(.accountRemoved), 401, "token_not_valid", nil),
        (.invalidToken(.sessionEnded), 401, "token_not_valid", nil),
        (.refreshTokenReused, 401, "token_reused", nil),
        (.hashingBusy(retryAfterSeconds: 3), 503, "password_check_busy", "3"),
        (.clientGone, 503, "client_gone", "1"),
        (.databaseFailed(action: "creating an account"), 500, "internal_error", nil),
        (.databaseUnavailable(action: "creating an account"), 503, "database_unavailable", "5"),
    ] as [(AuthError, Int, String, String?)])
    func eachRefusalHasItsStatusCodeAndHeaders(error: AuthError, status: Int, code: String, retryAfter: String?) {
        let answer = APIError(error)
        #expect(answer.status == status)
        #expect(answer.code == code)
        #expect(!answer.message.isEmpty)
        #expect(answer.headers.first { $0.0 == "Retry-After" }?.1 == retryAfter)
        // 401s name the scheme to authenticate with (RFC 9110, section 11.6.1).
        #expect(answer.headers.contains { $0 == ("WWW-Authenticate", "Bearer realm=\"uplyft\"") } == (status == 401))
    }

    @Test func theMessageSaysWhatToDo() {
        #expect(APIError(.tooManySignIns(retryAfterSeconds: 15)).message == "Too many failed sign-ins. Try again in 15 seconds.")
        #expect(APIError(.databaseFailed(action: "creating an account")).message
                == "The account database failed while creating an account; try again shortly.")
        #expect(APIError(.unacceptablePassword(Self.violation)).message == Self.violation.message)
        #expect(APIError(.invalidUsername).message == AuthService.usernameRules)
    }
}
