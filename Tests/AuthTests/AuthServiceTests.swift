import Foundation
import TestSupport
import Testing
@testable import Auth
@testable import Store

/// `AuthService` on its own, with no HTTP anywhere: each refusal is an `AuthError` that says
/// what happened in terms of accounts and tokens (the statuses, codes and Retry-After the API
/// answers with are `AuthAnswersTests` in APITests).
@Suite final class AuthServiceTests {
    let directory: TemporaryDirectory
    let database: Database
    let clock = ManualClock()
    let auth: AuthService
    static let password = "correct horse battery"

    init() throws {
        directory = try TemporaryDirectory()
        database = try Database(path: directory.file("shop.db"))
        let secret = Array("auth-service-tests-secret-0123456789abcdef".utf8)
        auth = AuthService(users: UserStore(database: database), refreshTokens: RefreshTokenStore(database: database),
                           signer: TokenSigner(secret: secret), devices: DeviceCookieSigner(secret: secret),
                           hasher: PasswordHasher(iterations: 1), hashing: PasswordHashingPool(threadCount: 1, queueCapacity: 1),
                           throttle: LoginThrottle(), registrations: RegistrationThrottle(perHour: 3),
                           settings: AuthService.Settings(), log: { _ in })
    }

    static func client(_ key: String = "198.51.100.7", isGone: @escaping @Sendable () -> Bool = { false }) -> AuthService.Client {
        AuthService.Client(key: key, isGone: isGone)
    }

    /// The error `operation` throws, or nil when it succeeds.
    static func refusal<Value>(_ operation: () throws(AuthError) -> Value) -> AuthError? {
        do {
            _ = try operation()
            return nil
        } catch {
            return error
        }
    }

    @Test func registrationRefusalsSayWhatIsWrong() throws {
        _ = try auth.register(username: "shopper", password: Self.password, client: Self.client(), now: clock.now)
        #expect(Self.refusal { () throws(AuthError) in
            try auth.register(username: "SHOPPER", password: Self.password, client: Self.client(), now: clock.now)
        } == .usernameTaken)
        #expect(Self.refusal { () throws(AuthError) in
            try auth.register(username: "a b", password: Self.password, client: Self.client(), now: clock.now)
        } == .invalidUsername)
        guard case .unacceptablePassword(let violation) = Self.refusal({ () throws(AuthError) in
            try auth.register(username: "other", password: "12345678", client: Self.client(), now: clock.now)
        }) else {
            Issue.record("an all-digit password was not refused by the policy")
            return
        }
        #expect(violation.code == "password_entirely_numeric")
        // Three sign-ups an hour from one client; the taken name counted as one.
        _ = try auth.register(username: "third", password: Self.password, client: Self.client(), now: clock.now)
        guard case .tooManySignUps(let wait) = Self.refusal({ () throws(AuthError) in
            try auth.register(username: "fourth", password: Self.password, client: Self.client(), now: clock.now)
        }) else {
            Issue.record("a fourth sign-up from one client within the hour was not throttled")
            return
        }
        #expect((1...1200).contains(wait))
    }

    @Test func signInRefusalsSayWhatIsWrong() throws {
        _ = try auth.register(username: "shopper", password: Self.password, client: Self.client(), now: clock.now)
        for guess in 0..<LoginThrottle.Limits().failuresPerAccount {
            #expect(Self.refusal { () throws(AuthError) in
                try auth.login(username: "shopper", password: "wrong \(guess)", client: Self.client("198.51.100.\(guess)"),
                               deviceCookie: nil, now: clock.now)
            } == .invalidCredentials)
        }
        guard case .tooManySignIns(let wait) = Self.refusal({ () throws(AuthError) in
            try auth.login(username: "shopper", password: Self.password, client: Self.client("203.0.113.9"), deviceCookie: nil, now: clock.now)
        }) else {
            Issue.record("the account was not closed to untrusted clients after its failures")
            return
        }
        #expect(wait > 0)
        // A client that left before its password was checked is not checked at all.
        #expect(Self.refusal { () throws(AuthError) in
            try auth.register(username: "leaver", password: Self.password, client: Self.client("203.0.113.5", isGone: { true }), now: clock.now)
        } == .clientGone)
        #expect(try UserStore(database: database).credentials(username: "leaver") == nil)
    }

    @Test func tokenRefusalsSayWhichCheckFailed() throws {
        _ = try auth.register(username: "shopper", password: Self.password, client: Self.client(), now: clock.now)
        let login = try auth.login(username: "shopper", password: Self.password, client: Self.client(), deviceCookie: nil, now: clock.now)
        #expect(try auth.user(forAccessToken: login.tokens.access, now: clock.now).username == "shopper")
        #expect(Self.refusal { () throws(AuthError) in try auth.user(forAccessToken: login.tokens.refresh, now: clock.now) }
                == .invalidToken(.accessInvalidOrExpired))
        #expect(Self.refusal { () throws(AuthError) in try auth.refresh(login.tokens.access, now: clock.now) }
                == .invalidToken(.refreshInvalidOrExpired))
        _ = try auth.refresh(login.tokens.refresh, now: clock.now)
        clock.advance(by: 60)
        // Presented again after the reuse interval: the whole login ends.
        #expect(Self.refusal { () throws(AuthError) in try auth.refresh(login.tokens.refresh, now: clock.now) } == .refreshTokenReused)
        _ = try UserStore(database: database).changePassword(username: "shopper", to: "new hash", now: clock.now + 1)
        #expect(Self.refusal { () throws(AuthError) in try auth.user(forAccessToken: login.tokens.access, now: clock.now + 1) }
                == .invalidToken(.sessionEnded))
        #expect(try UserStore(database: database).remove(username: "shopper"))
        #expect(Self.refusal { () throws(AuthError) in try auth.user(forAccessToken: login.tokens.access, now: clock.now + 1) }
                == .invalidToken(.accountRemoved))
    }
}
