import Dispatch
import Foundation
import Synchronization
import TestSupport
import Testing
@testable import API
@testable import Store

/// Identity and sessions through the API: ids are never reused and a removed account's
/// tokens stop working; two tabs refreshing at once keep their login; a password change
/// ends every session; a database failure is reported as one.
@Suite struct SessionTests {
    static let password = "correct horse battery"

    static func userID(_ response: RawHTTPClient.Response) throws -> Int {
        try #require((try response.jsonObject()["user"] as? [String: Any])?["id"] as? Int, "\(response.text)")
    }

    // MARK: - Ids never reused

    /// The example: remove the newest account, and the next sign-up must not get
    /// its id, nor may the removed shopper's still-valid tokens read anything.
    @Test func theNextSignUpNeverGetsTheIdOfARemovedAccount() throws {
        let shop = try ShopServerFixture()
        try shop.register("older", password: Self.password)
        let removed = try shop.signUpAndLogIn("newest")
        let removedID = try Self.userID(removed.response)
        #expect(try shop.post("/api/chat/", ShopServerFixture.jsonBody(["message": "espresso"]), bearer: removed.access).status == 200)
        #expect(try shop.application.users.remove(username: "newest"))

        let next = try shop.signUpAndLogIn("next-shopper")
        #expect(try Self.userID(next.response) > removedID)
        let me = try shop.get("/api/me/", bearer: removed.access)
        #expect(me.status == 401 && me.errorCode == "token_not_valid")
        #expect(try shop.get("/api/chat/history/", bearer: removed.access).status == 401)
        let refresh = try shop.post("/api/token/refresh/", headers: [removed.cookieHeader, ("X-CSRF-Token", removed.csrfToken)])
        #expect(refresh.status == 401)
        // The new shopper's own history is theirs alone (and empty).
        #expect(try shop.get("/api/chat/history/", bearer: next.access).jsonObject()["count"] as? Int == 0)
    }

    @Test func removingSeveralNewestAccountsStillNeverReusesTheirIds() throws {
        let shop = try ShopServerFixture()
        var highest = 0
        for name in ["first", "second", "third"] { highest = max(highest, try Self.userID(try shop.register(name, password: Self.password))) }
        for name in ["third", "second"] { #expect(try shop.application.users.remove(username: name)) }
        let next = try shop.register("fourth", password: Self.password)
        #expect(try Self.userID(next) == highest + 1)
    }

    // MARK: - Two tabs, one refresh cookie

    @Test func twoTabsRefreshingWithOneCookieWithinTheIntervalBothKeepTheLogin() throws {
        let clock = ManualClock()
        let shop = try ShopServerFixture(clock: clock.function)
        let login = try shop.signUpAndLogIn("two-tabs")
        let csrf = ("X-CSRF-Token", login.csrfToken)
        let tabA = try shop.post("/api/token/refresh/", headers: [login.cookieHeader, csrf])
        #expect(tabA.status == 200)
        let current = try #require(tabA.setCookie(named: "uplyft_refresh")?.value)

        clock.advance(by: shop.application.configuration.refreshReuseSeconds - 1)
        let tabB = try shop.post("/api/token/refresh/", headers: [login.cookieHeader, csrf])
        #expect(tabB.status == 200, "\(tabB.text)")
        #expect(tabB.setCookie(named: "uplyft_refresh")?.value == current, "both tabs hold the login's current token")
        let accessB = try #require(try tabB.jsonObject()["access"] as? String)
        #expect(try shop.get("/api/me/", bearer: accessB).status == 200)

        // The login goes on from the shared current token, which rotates as usual.
        let next = try shop.post("/api/token/refresh/", headers: [("Cookie", "uplyft_refresh=\(current); csrftoken=\(login.csrfToken)"), csrf])
        #expect(next.status == 200)
        #expect(next.setCookie(named: "uplyft_refresh")?.value != current)
    }

    /// The same at one moment: two requests in flight at once, whichever wins.
    @Test func twoSimultaneousRefreshesBothSucceedWithTheSameToken() throws {
        let clock = ManualClock()
        let shop = try ShopServerFixture(clock: clock.function)
        let pair = try shop.signUpForTokenPair("racing-tabs")
        let body = ShopServerFixture.jsonBody(["refresh": pair.refresh])
        let answers = Mutex<[RawHTTPClient.Response]>([])
        let group = DispatchGroup()
        let port = shop.port
        for _ in 0..<2 {
            group.enter()
            Thread {
                if let response = try? ShopServerFixture.request(port: port, "POST", "/api/token/refresh/", json: body) {
                    answers.withLock { $0.append(response) }
                }
                group.leave()
            }.start()
        }
        group.wait()
        let responses = answers.withLock { $0 }
        #expect(responses.count == 2)
        #expect(responses.allSatisfy { $0.status == 200 }, "\(responses.map(\.text))")
        let tokens = Set(try responses.map { try #require(try $0.jsonObject()["refresh"] as? String) })
        #expect(tokens.count == 1, "both get the login's one current refresh token")
    }

    @Test func afterTheIntervalTheRotatedCookieEndsTheWholeLogin() throws {
        let clock = ManualClock()
        let shop = try ShopServerFixture(clock: clock.function)
        let login = try shop.signUpAndLogIn("late-tab")
        let csrf = ("X-CSRF-Token", login.csrfToken)
        let tabA = try shop.post("/api/token/refresh/", headers: [login.cookieHeader, csrf])
        let current = try #require(tabA.setCookie(named: "uplyft_refresh")?.value)
        clock.advance(by: shop.application.configuration.refreshReuseSeconds)
        let replay = try shop.post("/api/token/refresh/", headers: [login.cookieHeader, csrf])
        #expect(replay.status == 401 && replay.errorCode == "token_reused")
        let afterwards = try shop.post("/api/token/refresh/", headers: [("Cookie", "uplyft_refresh=\(current); csrftoken=\(login.csrfToken)"), csrf])
        #expect(afterwards.status == 401 && afterwards.errorCode == "token_not_valid")
    }

    /// Only the token rotated last is forgiven: once its successor has itself been rotated,
    /// presenting the old one is reuse even inside the interval.
    @Test func aTokenTwoRotationsOldIsReuseEvenWithinTheInterval() throws {
        let clock = ManualClock()
        let shop = try ShopServerFixture(clock: clock.function)
        let pair = try shop.signUpForTokenPair("two-steps")
        let first = try shop.post("/api/token/refresh/", ShopServerFixture.jsonBody(["refresh": pair.refresh]))
        let second = try #require(try first.jsonObject()["refresh"] as? String)
        #expect(try shop.post("/api/token/refresh/", ShopServerFixture.jsonBody(["refresh": second])).status == 200)
        let replay = try shop.post("/api/token/refresh/", ShopServerFixture.jsonBody(["refresh": pair.refresh]))
        #expect(replay.status == 401 && replay.errorCode == "token_reused")
    }

    @Test func aZeroIntervalTreatsEveryReplayAsReuse() throws {
        let shop = try ShopServerFixture({ $0.refreshReuseSeconds = 0 }, clock: ManualClock().function)
        let pair = try shop.signUpForTokenPair("strict")
        let body = ShopServerFixture.jsonBody(["refresh": pair.refresh])
        #expect(try shop.post("/api/token/refresh/", body).status == 200)
        #expect(try shop.post("/api/token/refresh/", body).errorCode == "token_reused")
    }

    // MARK: - uplyft user passwd

    @Test func passwdEndsEverySessionAndOnlyTheNewPasswordSignsIn() throws {
        let clock = ManualClock()
        let shop = try ShopServerFixture(clock: clock.function)
        let browser = try shop.signUpAndLogIn("changer")
        let apiClient = try shop.post("/api/token/", ShopServerFixture.jsonBody(["username": "changer", "password": Self.password]))
        let apiRefresh = try #require(try apiClient.jsonObject()["refresh"] as? String)
        let other = try shop.signUpAndLogIn("bystander")

        clock.advance(by: 1)
        let accounts = try AccountAdministration(dataDirectory: shop.application.configuration.dataDirectory,
                                                 passwordIterations: ShopServerFixture.passwordIterations, clock: clock.function)
        let changed = try accounts.changePassword(username: "changer", password: "a brand new secret")
        #expect(changed.username == "changer" && changed.sessionsValidFrom == clock.now)

        #expect(try shop.get("/api/me/", bearer: browser.access).status == 401, "access tokens from before the change")
        #expect(try shop.post("/api/token/refresh/", headers: [browser.cookieHeader, ("X-CSRF-Token", browser.csrfToken)]).status == 401)
        #expect(try shop.post("/api/token/refresh/", ShopServerFixture.jsonBody(["refresh": apiRefresh])).status == 401)
        #expect(try shop.post("/api/login/", ShopServerFixture.jsonBody(["username": "changer", "password": Self.password])).status == 401)
        #expect(try shop.post("/api/login/", ShopServerFixture.jsonBody(["username": "changer", "password": "a brand new secret"])).status == 200)
        // Another account's session is untouched.
        #expect(try shop.get("/api/me/", bearer: other.access).status == 200)
        #expect(throws: AccountAdministration.Failure.self) { try accounts.changePassword(username: "nobody-here", password: "a brand new secret") }
    }

    // MARK: - Database failures are failures

    /// A database that cannot be read is a server error (500, logged), never "this account
    /// no longer exists" (401), which would sign the shopper out for the server's fault.
    @Test func aDatabaseFailureIsA500NotASignOut() throws {
        let log = Mutex<[String]>([])
        let shop = try ShopServerFixture(log: { line in log.withLock { $0.append(line) } })
        let login = try shop.signUpAndLogIn("unlucky")
        try shop.application.database.transaction { connection throws(StoreError) in
            try connection.execute("ALTER TABLE users RENAME TO users_gone")
        }
        let me = try shop.get("/api/me/", bearer: login.access)
        #expect(me.status == 500 && me.errorCode == "internal_error", "\(me.text)")
        let refreshed = try shop.post("/api/token/refresh/", headers: [login.cookieHeader, ("X-CSRF-Token", login.csrfToken)])
        #expect(refreshed.status == 500, "\(refreshed.text)")
        let signIn = try shop.post("/api/login/", ShopServerFixture.jsonBody(["username": "unlucky", "password": Self.password]))
        #expect(signIn.status == 500, "\(signIn.text)")
        let lines = log.withLock { $0 }
        #expect(lines.contains { $0.contains("reading the account of a token failed") && $0.contains("users") }, "\(lines)")
    }
}
