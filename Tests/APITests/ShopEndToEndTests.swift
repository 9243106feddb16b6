import Foundation
import Testing
import TestSupport
@testable import API
@testable import Auth

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The shop API as a browser or API client sees it: a real server on loopback, real sockets,
/// every answer checked by status, error code, headers and body. Each test has its own
/// server and database (`ShopServerFixture`), so the tests are independent.
@Suite struct ShopEndToEndTests {
    static let password = "correct horse battery"

    /// `next`/`previous` of a last or first page: DRF sends null; JSONEncoder leaves nil out.
    static func isAbsentOrNull(_ value: Any?) -> Bool {
        value == nil || value is NSNull
    }

    // MARK: - Registration

    @Test func registrationCreatesAnAccountOnceAndRefusesTheSameUsernameAgain() throws {
        let shop = try ShopServerFixture()
        let created = try shop.register("alice", password: Self.password)
        #expect(created.status == 201)
        let user = try #require(try created.jsonObject()["user"] as? [String: Any])
        #expect(user["username"] as? String == "alice")
        #expect(user["id"] is Int)

        let duplicate = try shop.register("alice", password: "another good password")
        #expect(duplicate.status == 409)
        #expect(duplicate.errorCode == "username_taken")
        // Usernames differing only in case would let one shopper pose as another.
        #expect(try shop.register("ALICE", password: "another good password").status == 409)
    }

    /// Each broken rule has its own code and a message that names it (`PasswordPolicyTests`
    /// goes through every rule; these are the ones the page checks for too).
    @Test(arguments: [("short1", "password_too_short", "too short"), ("12345678901", "password_entirely_numeric", "digits"),
                      ("bob-the-shopper", "password_too_similar", "similar to the username"), ("          ", "password_blank", "blank")])
    func weakPasswordsAreRefusedNamingTheRule(password: String, code: String, words: String) throws {
        let shop = try ShopServerFixture()
        let response = try shop.register("bob-the-shopper", password: password)
        #expect(response.status == 400)
        #expect(response.errorCode == code)
        let error = try #require(try response.jsonObject()["error"] as? [String: Any])
        #expect((error["message"] as? String)?.contains(words) == true, "\(error)")
        #expect(try shop.application.users.count() == 0)
    }

    @Test func invalidUsernamesAreRefused() throws {
        let shop = try ShopServerFixture()
        for username in ["ab", "has space", "ünïcode", String(repeating: "x", count: 33)] {
            let response = try shop.register(username, password: Self.password)
            #expect(response.status == 400, "\(username)")
            #expect(response.errorCode == "invalid_username", "\(username)")
        }
    }

    @Test func registrationCanBeSwitchedOff() throws {
        let shop = try ShopServerFixture { $0.registrationEnabled = false }
        let response = try shop.register("carol", password: Self.password)
        #expect(response.status == 403)
        #expect(response.errorCode == "registration_closed")
    }

    // MARK: - Signing in

    @Test func browserLoginSetsAnHttpOnlyRefreshCookieAndAReadableCSRFCookie() throws {
        let shop = try ShopServerFixture()
        let login = try shop.signUpAndLogIn("dave")
        let body = try login.response.jsonObject()
        #expect(body["refresh"] == nil, "the refresh token must only travel in the HttpOnly cookie")
        #expect((body["access_expires_at"] as? Int ?? 0) > Int(Date().timeIntervalSince1970))
        #expect((body["user"] as? [String: Any])?["username"] as? String == "dave")

        let refresh = try #require(login.response.setCookie(named: "uplyft_refresh"))
        #expect(refresh.attributes["httponly"] != nil)
        #expect(refresh.attributes["samesite"] == "Strict")
        #expect(refresh.attributes["path"] == "/api/")
        #expect(Int(refresh.attributes["max-age"] ?? "") == 86_400)
        #expect(refresh.attributes["secure"] == nil, "loopback development serves plain HTTP")

        // The page's script must read this one to echo it in X-CSRF-Token.
        let csrf = try #require(login.response.setCookie(named: "csrftoken"))
        #expect(csrf.attributes["httponly"] == nil)
        #expect(csrf.attributes["samesite"] == "Strict")
        #expect(csrf.attributes["path"] == "/")
        #expect(csrf.value.count == 32)

        let me = try shop.get("/api/me/", bearer: login.access)
        #expect(me.status == 200)
        #expect((try me.jsonObject()["user"] as? [String: Any])?["username"] as? String == "dave")
    }

    @Test func unknownUserAndWrongPasswordGetTheSameAnswer() throws {
        let shop = try ShopServerFixture()
        try shop.register("erin", password: Self.password)
        let wrongPassword = try shop.post("/api/login/", ShopServerFixture.jsonBody(["username": "erin", "password": "not the password"]))
        let unknownUser = try shop.post("/api/login/", ShopServerFixture.jsonBody(["username": "nobody", "password": Self.password]))
        #expect(wrongPassword.status == 401 && unknownUser.status == 401)
        #expect(wrongPassword.errorCode == "invalid_credentials")
        #expect(wrongPassword.text == unknownUser.text)
        #expect(wrongPassword.setCookies.isEmpty)
    }

    @Test func fiveFailedLoginsThrottleTheAccountEvenForTheRightPassword() throws {
        let shop = try ShopServerFixture()
        try shop.register("frank", password: Self.password)
        try shop.register("grace", password: Self.password)
        let wrong = ShopServerFixture.jsonBody(["username": "frank", "password": "guess-number-x"])
        for attempt in 1...5 {
            #expect(try shop.post("/api/login/", wrong).status == 401, "attempt \(attempt)")
        }
        let throttled = try shop.post("/api/login/", ShopServerFixture.jsonBody(["username": "frank", "password": Self.password]))
        #expect(throttled.status == 429)
        #expect(throttled.errorCode == "throttled")
        let retryAfter = try #require(throttled.header("Retry-After").flatMap { Int($0) })
        #expect((1...300).contains(retryAfter))
        #expect(try shop.post("/api/token/", ShopServerFixture.jsonBody(["username": "frank", "password": Self.password])).status == 429)

        // The limit is per account: another shopper from the same address still signs in.
        let other = try shop.post("/api/login/", ShopServerFixture.jsonBody(["username": "grace", "password": Self.password]))
        #expect(other.status == 200)
    }

    @Test func tokenEndpointGivesAnAPIClientBothTokensAndNoCookies() throws {
        let shop = try ShopServerFixture()
        try shop.register("heidi", password: Self.password)
        let response = try shop.post("/api/token/", ShopServerFixture.jsonBody(["username": "heidi", "password": Self.password]))
        #expect(response.status == 200)
        #expect(response.setCookies.isEmpty)
        let object = try response.jsonObject()
        let access = try #require(object["access"] as? String)
        let refresh = try #require(object["refresh"] as? String)
        #expect(try shop.get("/api/me/", bearer: access).status == 200)
        #expect(try shop.get("/api/me/", bearer: refresh).status == 401)
    }

    // MARK: - Chat

    @Test func chatAnswersFromTheIndexAndStoresBothMessages() throws {
        let shop = try ShopServerFixture()
        let login = try shop.signUpAndLogIn("ivan")
        let question = "wireless noise cancelling headphones"
        let response = try shop.post("/api/chat/", ShopServerFixture.jsonBody(["message": question]), bearer: login.access)
        #expect(response.status == 200)
        let reply = try response.jsonObject()
        let products = try #require(reply["products"] as? [[String: Any]])
        let ids = products.compactMap { $0["id"] as? String }
        #expect(ids.contains("sony-wh1000xm5"))
        #expect(Set(ids).isSubset(of: ShopServerFixture.products.map(\.id)))
        let sony = try #require(products.first { $0["id"] as? String == "sony-wh1000xm5" })
        #expect(sony["name"] as? String == "Sony WH-1000XM5 Wireless Noise Cancelling Headphones")
        #expect(sony["price"] as? Double == 348.0)

        let userMessage = try #require(reply["user_message"] as? [String: Any])
        let botMessage = try #require(reply["bot_message"] as? [String: Any])
        #expect(userMessage["role"] as? String == "user" && userMessage["text"] as? String == question)
        #expect(botMessage["role"] as? String == "bot" && botMessage["text"] as? String == reply["reply"] as? String)

        let history = try shop.get("/api/chat/history/", bearer: login.access)
        #expect(history.status == 200)
        let page = try history.jsonObject()
        #expect(page["count"] as? Int == 2)
        let stored = try #require(page["results"] as? [[String: Any]])
        #expect(stored.map { $0["id"] as? Int } == [userMessage["id"] as? Int, botMessage["id"] as? Int])
        #expect(stored.map { $0["role"] as? String } == ["user", "bot"])
        let storedIDs = (stored.last?["products"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        #expect(storedIDs == ids, "the reply's products are kept with the stored message")
    }

    @Test func chatRefusesRequestsWithoutAValidAccessToken() throws {
        let shop = try ShopServerFixture()
        let login = try shop.signUpAndLogIn("judy")
        let userID = try #require((try login.response.jsonObject()["user"] as? [String: Any])?["id"] as? Int)
        let now = Int(Date().timeIntervalSince1970)
        let body = ShopServerFixture.jsonBody(["message": "headphones"])
        var tampered = login.access.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        try #require(tampered.count == 3)
        tampered[1] = Base64URL.encode(Array(#"{"exp":9999999999,"iat":0,"jti":"x","sub":"1","type":"access"}"#.utf8))

        let refused: [(label: String, headers: [(String, String)], code: String)] = [
            ("no Authorization", [], "not_authenticated"),
            ("not a Bearer scheme", [("Authorization", "Basic anVkeTpwYXNz")], "not_authenticated"),
            ("garbage", [("Authorization", "Bearer not.a.token")], "token_not_valid"),
            ("forged with another secret", [("Authorization", "Bearer " + shop.signToken(
                subject: String(userID), type: .access, issuedAt: now, expiresAt: now + 300,
                secret: "a-different-secret-of-more-than-32-bytes"))], "token_not_valid"),
            ("claims changed after signing", [("Authorization", "Bearer " + tampered.joined(separator: "."))], "token_not_valid"),
            ("expired", [("Authorization", "Bearer " + shop.signToken(
                subject: String(userID), type: .access, issuedAt: now - 600, expiresAt: now - 300))], "token_not_valid"),
            ("refresh token", [("Authorization", "Bearer " + login.refreshCookie)], "token_not_valid"),
            ("unknown user", [("Authorization", "Bearer " + shop.signToken(
                subject: "987654", type: .access, issuedAt: now, expiresAt: now + 300))], "token_not_valid"),
        ]
        for (label, headers, code) in refused {
            let response = try shop.post("/api/chat/", body, headers: headers)
            #expect(response.status == 401, "\(label)")
            #expect(response.errorCode == code, "\(label)")
            // RFC 6750 section 3: the realm always, and invalid_token when a token was sent.
            let challenge = code == "not_authenticated" ? "Bearer realm=\"uplyft\""
                : "Bearer realm=\"uplyft\", error=\"invalid_token\", error_description=\"The access token is invalid or expired.\""
            #expect(response.header("WWW-Authenticate")?.hasPrefix(challenge.prefix(60)) == true, "\(label)")
            if code == "not_authenticated" { #expect(response.header("WWW-Authenticate") == challenge, "\(label)") }
        }
        // Nothing refused was stored.
        let history = try shop.get("/api/chat/history/", bearer: login.access)
        #expect(try history.jsonObject()["count"] as? Int == 0)
    }

    @Test func chatRefusesMissingAndOversizedMessages() throws {
        let shop = try ShopServerFixture()
        let login = try shop.signUpAndLogIn("ken")
        let missing = try shop.post("/api/chat/", "{}", bearer: login.access)
        #expect(missing.status == 400 && missing.errorCode == "missing_field")
        let empty = try shop.post("/api/chat/", ShopServerFixture.jsonBody(["message": ""]), bearer: login.access)
        #expect(empty.status == 400 && empty.errorCode == "missing_field")
        let long = String(repeating: "a", count: ChatRoutes.maximumMessageBytes + 1)
        let oversized = try shop.post("/api/chat/", ShopServerFixture.jsonBody(["message": long]), bearer: login.access)
        #expect(oversized.status == 400 && oversized.errorCode == "invalid_field")
        let notText = try shop.post("/api/chat/", #"{"message": 42}"#, bearer: login.access)
        #expect(notText.status == 400 && notText.errorCode == "invalid_field")
    }

    @Test func historyComesInPagesOldestFirstAndDeleteClearsIt() throws {
        let shop = try ShopServerFixture()
        let login = try shop.signUpAndLogIn("laura")
        let other = try shop.signUpAndLogIn("mallory")
        let questions = ["headphones", "running shoes", "coffee beans"]
        for question in questions {
            #expect(try shop.post("/api/chat/", ShopServerFixture.jsonBody(["message": question]), bearer: login.access).status == 200)
        }
        #expect(try shop.post("/api/chat/", ShopServerFixture.jsonBody(["message": "mugs"]), bearer: other.access).status == 200)

        let first = try shop.get("/api/chat/history/?page_size=4", bearer: login.access).jsonObject()
        #expect(first["count"] as? Int == 6)
        #expect(Self.isAbsentOrNull(first["previous"]))
        #expect(first["next"] as? String == "/api/chat/history/?page_size=4&page=2")
        let firstResults = try #require(first["results"] as? [[String: Any]])
        #expect(firstResults.map { $0["role"] as? String } == ["user", "bot", "user", "bot"])
        #expect(firstResults.compactMap { $0["role"] as? String == "user" ? $0["text"] as? String : nil } == Array(questions.prefix(2)))

        let second = try shop.get("/api/chat/history/?page_size=4&page=2", bearer: login.access).jsonObject()
        #expect(Self.isAbsentOrNull(second["next"]))
        #expect(second["previous"] as? String == "/api/chat/history/?page_size=4&page=1")
        let secondResults = try #require(second["results"] as? [[String: Any]])
        #expect(secondResults.map { $0["text"] as? String }.first == "coffee beans")
        let allIDs = (firstResults + secondResults).compactMap { $0["id"] as? Int }
        #expect(allIDs.count == 6 && allIDs == allIDs.sorted())

        for bad in ["page=0", "page_size=201", "page=x"] {
            let response = try shop.get("/api/chat/history/?\(bad)", bearer: login.access)
            #expect(response.status == 400 && response.errorCode == "invalid_parameter", "\(bad)")
        }

        let reset = try shop.request("DELETE", "/api/chat/history/", headers: [("Authorization", "Bearer \(login.access)")])
        #expect(reset.status == 200)
        #expect(try reset.jsonObject()["deleted"] as? Int == 6)
        #expect(try shop.get("/api/chat/history/", bearer: login.access).jsonObject()["count"] as? Int == 0)
        // Another shopper's conversation is untouched.
        #expect(try shop.get("/api/chat/history/", bearer: other.access).jsonObject()["count"] as? Int == 2)
        #expect(try shop.request("DELETE", "/api/chat/history/").status == 401)
    }

    // MARK: - Refresh and logout

    @Test func cookieRefreshNeedsTheCSRFHeaderAndRotatesTheCookie() throws {
        let shop = try ShopServerFixture()
        let login = try shop.signUpAndLogIn("niaj")

        let withoutHeader = try shop.post("/api/token/refresh/", headers: [login.cookieHeader])
        #expect(withoutHeader.status == 403 && withoutHeader.errorCode == "csrf_failed")
        let wrongHeader = try shop.post("/api/token/refresh/", headers: [login.cookieHeader, ("X-CSRF-Token", "0123456789abcdef")])
        #expect(wrongHeader.status == 403 && wrongHeader.errorCode == "csrf_failed")
        let noCookie = try shop.post("/api/token/refresh/", headers: [("X-CSRF-Token", login.csrfToken)])
        #expect(noCookie.status == 401 && noCookie.errorCode == "token_missing")

        let refreshed = try shop.post("/api/token/refresh/", headers: [login.cookieHeader, ("X-CSRF-Token", login.csrfToken)])
        #expect(refreshed.status == 200)
        let access = try #require(try refreshed.jsonObject()["access"] as? String)
        #expect(try refreshed.jsonObject()["refresh"] == nil)
        let rotated = try #require(refreshed.setCookie(named: "uplyft_refresh"))
        #expect(rotated.value != login.refreshCookie && !rotated.value.isEmpty)
        #expect(rotated.attributes["httponly"] != nil && rotated.attributes["path"] == "/api/")
        #expect(refreshed.setCookie(named: "csrftoken")?.value == login.csrfToken, "the page keeps its CSRF value")
        #expect(try shop.get("/api/me/", bearer: access).status == 200)
    }

    @Test func bodyRefreshNeedsNoCSRFAndRotatesTheToken() throws {
        let shop = try ShopServerFixture()
        let pair = try shop.signUpForTokenPair("olivia")
        let refreshed = try shop.post("/api/token/refresh/", ShopServerFixture.jsonBody(["refresh": pair.refresh]))
        #expect(refreshed.status == 200)
        #expect(refreshed.setCookies.isEmpty)
        let object = try refreshed.jsonObject()
        let access = try #require(object["access"] as? String)
        let refresh = try #require(object["refresh"] as? String)
        #expect(refresh != pair.refresh)
        #expect(try shop.get("/api/me/", bearer: access).status == 200)
        // An access token is not a refresh token.
        let wrongType = try shop.post("/api/token/refresh/", ShopServerFixture.jsonBody(["refresh": access]))
        #expect(wrongType.status == 401 && wrongType.errorCode == "token_not_valid")
    }

    @Test func aReusedRefreshTokenEndsTheWholeLoginButNotOthers() throws {
        let clock = ManualClock()
        let shop = try ShopServerFixture(clock: clock.function)
        let pair = try shop.signUpForTokenPair("peggy")
        let secondLogin = try shop.post("/api/token/", ShopServerFixture.jsonBody(["username": "peggy", "password": Self.password]))
        let otherRefresh = try #require(try secondLogin.jsonObject()["refresh"] as? String)

        let first = try shop.post("/api/token/refresh/", ShopServerFixture.jsonBody(["refresh": pair.refresh]))
        let newer = try #require(try first.jsonObject()["refresh"] as? String)

        // The old token again, after the reuse interval (`SessionTests` covers the interval
        // itself): a copy is in someone else's hands.
        clock.advance(by: shop.application.configuration.refreshReuseSeconds)
        let reused = try shop.post("/api/token/refresh/", ShopServerFixture.jsonBody(["refresh": pair.refresh]))
        #expect(reused.status == 401 && reused.errorCode == "token_reused")
        // The whole family is revoked, so the legitimate newer token is refused too.
        let newerAfterReuse = try shop.post("/api/token/refresh/", ShopServerFixture.jsonBody(["refresh": newer]))
        #expect(newerAfterReuse.status == 401 && newerAfterReuse.errorCode == "token_not_valid")
        // Another login of the same account is another family and keeps working.
        #expect(try shop.post("/api/token/refresh/", ShopServerFixture.jsonBody(["refresh": otherRefresh])).status == 200)
    }

    @Test func aReusedRefreshCookieEndsTheLoginAndClearsTheCookies() throws {
        let clock = ManualClock()
        let shop = try ShopServerFixture(clock: clock.function)
        let login = try shop.signUpAndLogIn("quentin")
        let csrf = ("X-CSRF-Token", login.csrfToken)
        let rotated = try shop.post("/api/token/refresh/", headers: [login.cookieHeader, csrf])
        let newer = try #require(rotated.setCookie(named: "uplyft_refresh")?.value)
        clock.advance(by: shop.application.configuration.refreshReuseSeconds)

        let reused = try shop.post("/api/token/refresh/", headers: [login.cookieHeader, csrf])
        #expect(reused.status == 401 && reused.errorCode == "token_reused")
        #expect(reused.setCookie(named: "uplyft_refresh")?.attributes["max-age"] == "0")
        let newerCookie = ("Cookie", "uplyft_refresh=\(newer); csrftoken=\(login.csrfToken)")
        let refused = try shop.post("/api/token/refresh/", headers: [newerCookie, csrf])
        #expect(refused.status == 401 && refused.errorCode == "token_not_valid")
    }

    @Test func cookieLogoutNeedsCSRFRevokesTheLoginAndClearsTheCookies() throws {
        let shop = try ShopServerFixture()
        let login = try shop.signUpAndLogIn("rupert")
        let withoutHeader = try shop.post("/api/logout/", headers: [login.cookieHeader])
        #expect(withoutHeader.status == 403 && withoutHeader.errorCode == "csrf_failed")

        let loggedOut = try shop.post("/api/logout/", headers: [login.cookieHeader, ("X-CSRF-Token", login.csrfToken)])
        #expect(loggedOut.status == 200)
        for name in ["uplyft_refresh", "csrftoken"] {
            let cleared = try #require(loggedOut.setCookie(named: name), "\(name)")
            #expect(cleared.value.isEmpty && cleared.attributes["max-age"] == "0", "\(name)")
        }
        let refresh = try shop.post("/api/token/refresh/", headers: [login.cookieHeader, ("X-CSRF-Token", login.csrfToken)])
        #expect(refresh.status == 401 && refresh.errorCode == "token_not_valid")
    }

    @Test func bodyLogoutRevokesTheRefreshTokenAndMayBeRepeated() throws {
        let shop = try ShopServerFixture()
        let pair = try shop.signUpForTokenPair("sybil")
        let body = ShopServerFixture.jsonBody(["refresh": pair.refresh])
        #expect(try shop.post("/api/logout/", body).status == 200)
        let refresh = try shop.post("/api/token/refresh/", body)
        #expect(refresh.status == 401 && refresh.errorCode == "token_not_valid")
        #expect(try shop.post("/api/logout/", body).status == 200)
    }

    /// The whole browser journey with Foundation's URLSession, an HTTP client written by
    /// other people: sign in, chat, refresh by cookie, sign out.
    @Test func fullFlowWithURLSession() async throws {
        // The shop's clock stands still: this async test resumes on the test runner's shared
        // threads, which blocking tests beside it can hold for minutes on a loaded 2-core CI
        // machine, and the 5-minute access token then expired between sign-in and chat. What
        // is tested here is the flow, not token lifetimes (other tests cover those).
        let frozenNow = Int64(Date().timeIntervalSince1970)
        let shop = try ShopServerFixture(clock: { frozenNow })
        try shop.register("trent", password: Self.password)
        // No cookie store: the test sends exactly the cookies a browser would hold.
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let base = try #require(URL(string: "http://127.0.0.1:\(shop.port)"))

        func send(_ method: String, _ path: String, json: String?, headers: [String: String] = [:]) async throws -> (HTTPURLResponse, [String: Any]) {
            var request = URLRequest(url: base.appendingPathComponent(path))
            request.httpMethod = method
            // Cookies are sent by hand, as the page's fetch would with credentials: "same-origin".
            request.httpShouldHandleCookies = false
            if let json {
                request.httpBody = Data(json.utf8)
                request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            }
            for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
            let (data, response) = try await session.data(for: request)
            let http = try #require(response as? HTTPURLResponse)
            return (http, (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:])
        }
        func cookies(_ response: HTTPURLResponse) -> [String: String] {
            let fields = response.allHeaderFields.reduce(into: [String: String]()) { fields, field in
                if let name = field.key as? String, let value = field.value as? String { fields[name] = value }
            }
            return HTTPCookie.cookies(withResponseHeaderFields: fields, for: base).reduce(into: [:]) { $0[$1.name] = $1.value }
        }

        let (loginResponse, loginBody) = try await send("POST", "/api/login/", json: ShopServerFixture.jsonBody(["username": "trent", "password": Self.password]))
        #expect(loginResponse.statusCode == 200)
        let access = try #require(loginBody["access"] as? String)
        let loginCookies = cookies(loginResponse)
        let refreshCookie = try #require(loginCookies["uplyft_refresh"])
        let csrf = try #require(loginCookies["csrftoken"])

        let (chatResponse, chatBody) = try await send("POST", "/api/chat/", json: ShopServerFixture.jsonBody(["message": "espresso coffee"]),
                                                      headers: ["Authorization": "Bearer \(access)"])
        #expect(chatResponse.statusCode == 200)
        #expect((chatBody["products"] as? [[String: Any]])?.first?["id"] as? String == "cafe-bustelo-beans")

        let (refreshResponse, refreshBody) = try await send("POST", "/api/token/refresh/", json: "{}",
            headers: ["Cookie": "uplyft_refresh=\(refreshCookie); csrftoken=\(csrf)", "X-CSRF-Token": csrf])
        #expect(refreshResponse.statusCode == 200)
        #expect(refreshBody["access"] is String)
        let rotated = try #require(cookies(refreshResponse)["uplyft_refresh"])
        #expect(rotated != refreshCookie)

        let rotatedCookies = ["Cookie": "uplyft_refresh=\(rotated); csrftoken=\(csrf)", "X-CSRF-Token": csrf]
        let (logoutResponse, _) = try await send("POST", "/api/logout/", json: "{}", headers: rotatedCookies)
        #expect(logoutResponse.statusCode == 200)
        let (afterLogout, afterBody) = try await send("POST", "/api/token/refresh/", json: "{}", headers: rotatedCookies)
        #expect(afterLogout.statusCode == 401)
        #expect((afterBody["error"] as? [String: Any])?["code"] as? String == "token_not_valid")
    }

    // MARK: - Catalog

    @Test func productDetailsComeFromTheIndexAndUnknownIdsAre404() throws {
        let shop = try ShopServerFixture()
        let response = try shop.get("/api/products/sony-wh1000xm5/")
        #expect(response.status == 200)
        let product = try response.jsonObject()
        #expect(product["name"] as? String == "Sony WH-1000XM5 Wireless Noise Cancelling Headphones")
        #expect(product["brand"] as? String == "Sony")
        #expect(product["stock"] as? Int == 12)
        #expect(product["url"] as? String == "/products/sony-wh1000xm5")
        #expect(product["attributes"] as? [String: String] == ["color": "Black", "connectivity": "Bluetooth"])
        #expect(product["attribute_order"] as? [String] == ["color", "connectivity"])

        let missing = try shop.get("/api/products/no-such-product/")
        #expect(missing.status == 404 && missing.errorCode == "not_found")
    }

    @Test func searchFiltersSortsAndPages() throws {
        let shop = try ShopServerFixture()
        func ids(_ target: String) throws -> [String] {
            let response = try shop.get(target)
            #expect(response.status == 200, "\(target)")
            return (try response.jsonObject()["results"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        }
        let headphones = try ids("/api/search/?q=headphones")
        #expect(Set(headphones).isSuperset(of: ["sony-wh1000xm5", "bose-qc45", "jbl-tune-510bt"]))
        #expect(try ids("/api/search/?q=headphones&brand=Sony") == ["sony-wh1000xm5"])
        #expect(!(try ids("/api/search/?q=headphones&in_stock=true")).contains("bose-qc45"))
        #expect(try ids("/api/search/?q=headphones&sort=price_asc") == ["jbl-tune-510bt", "bose-qc45", "sony-wh1000xm5"])
        #expect(try ids("/api/search/?q=headphones&max_price=300&sort=price_desc") == ["bose-qc45", "jbl-tune-510bt"])
        #expect(try ids("/api/search/?q=boots+shoes&category=Shoes&min_price=150") == ["timberland-boots-black"])

        let secondPage = try shop.get("/api/search/?q=wireless&sort=price_asc&page_size=2&page=2").jsonObject()
        #expect(secondPage["count"] as? Int == 4)
        #expect((secondPage["results"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["bose-qc45", "sony-wh1000xm5"])
        #expect(Self.isAbsentOrNull(secondPage["next"]))
        #expect(secondPage["previous"] as? String == "/api/search/?q=wireless&sort=price_asc&page_size=2&page=1")
        let firstPage = try shop.get("/api/search/?q=wireless&sort=price_asc&page_size=2").jsonObject()
        #expect(firstPage["next"] as? String == "/api/search/?q=wireless&sort=price_asc&page_size=2&page=2")

        let typo = try shop.get("/api/search/?q=hedphones").jsonObject()
        #expect(typo["used_typo_tolerance"] as? Bool == true)
        #expect((typo["results"] as? [Any])?.isEmpty == false)
    }

    @Test(arguments: ["sort=cheapest", "page=0", "page=abc", "page_size=0", "page_size=101", "min_price=-1", "max_price=lots", "min_price=nan"])
    func searchRefusesBadParameters(query: String) throws {
        let shop = try ShopServerFixture()
        let response = try shop.get("/api/search/?q=headphones&\(query)")
        #expect(response.status == 400)
        #expect(response.errorCode == "invalid_parameter")
    }

    // MARK: - Service and protocol

    @Test func healthReportsTheIndexAndDatabase() throws {
        let shop = try ShopServerFixture()
        let response = try shop.get("/api/health/")
        #expect(response.status == 200)
        let health = try response.jsonObject()
        #expect(health["status"] as? String == "ok")
        #expect(health["products"] as? Int == ShopServerFixture.products.count)
        #expect((health["index_bytes"] as? Int ?? 0) > 0)
        #expect((health["schema_version"] as? Int ?? 0) >= 1)
    }

    @Test func unknownRoutesAre404AndWrongMethodsAre405WithAllow() throws {
        let shop = try ShopServerFixture()
        for target in ["/api/nothing-here/", "/api/products/", "/api/login"] {
            let response = try shop.get(target)
            #expect(response.status == 404 && response.errorCode == "not_found", "\(target)")
        }
        let cases: [(method: String, target: String, allow: String)] = [
            ("GET", "/api/login/", "POST"),
            ("DELETE", "/api/chat/", "POST"),
            ("PUT", "/api/chat/history/", "GET, DELETE, HEAD"),
            ("POST", "/api/products/sony-wh1000xm5/", "GET, HEAD"),
        ]
        for (method, target, allow) in cases {
            let response = try shop.request(method, target, json: method == "GET" ? nil : "{}")
            #expect(response.status == 405, "\(method) \(target)")
            #expect(response.errorCode == "method_not_allowed", "\(method) \(target)")
            #expect(response.header("Allow") == allow, "\(method) \(target)")
        }
    }

    @Test func malformedBodiesAre400AndOtherMediaTypes415() throws {
        let shop = try ShopServerFixture()
        for body in ["{\"username\": ", "[\"alice\", \"secret\"]", "null", "not json at all"] {
            let response = try shop.post("/api/login/", body)
            #expect(response.status == 400 && response.errorCode == "invalid_json", "\(body)")
        }
        let missing = try shop.post("/api/login/", #"{"username": "alice"}"#)
        #expect(missing.status == 400 && missing.errorCode == "missing_field")
        let form = try shop.request("POST", "/api/login/", json: "username=alice&password=secret",
                                    contentType: "application/x-www-form-urlencoded")
        #expect(form.status == 415 && form.errorCode == "unsupported_media_type")
        let text = try shop.request("POST", "/api/register/", json: #"{"username": "alice"}"#, contentType: "text/plain")
        #expect(text.status == 415)
        let withCharset = try shop.request("POST", "/api/register/", json: ShopServerFixture.jsonBody(["username": "alice", "password": Self.password]),
                                           contentType: "application/json; charset=utf-8")
        #expect(withCharset.status == 201)
    }

    @Test(arguments: ["/api/health/", "/api/nothing-here/", "/api/search/?page=0", "/api/openapi.json"])
    func everyAPIResponseCarriesTheSecurityHeaders(target: String) throws {
        let shop = try ShopServerFixture()
        let response = try shop.get(target)
        #expect(response.header("X-Content-Type-Options") == "nosniff")
        #expect(response.header("X-Frame-Options") == "DENY")
        #expect(response.header("Referrer-Policy") == "same-origin")
        let policy = try #require(response.header("Content-Security-Policy"))
        #expect(policy.contains("default-src 'self'") && policy.contains("frame-ancestors 'none'"))
        #expect(response.header("Cache-Control") == "no-store")
        #expect(response.header("Content-Type") == "application/json")
    }

    @Test func loginAnswersAreNeverCached() throws {
        let shop = try ShopServerFixture()
        let login = try shop.signUpAndLogIn("ursula")
        #expect(login.response.header("Cache-Control") == "no-store")
        #expect(login.response.header("X-Content-Type-Options") == "nosniff")
    }

    @Test func openAPIDocumentIsServed() throws {
        let shop = try ShopServerFixture()
        let response = try shop.get("/api/openapi.json")
        #expect(response.status == 200)
        #expect(response.text == shop.application.openAPIDocument)
    }
}
