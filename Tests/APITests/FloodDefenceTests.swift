import Dispatch
import Foundation
import HTTPCore
import Synchronization
import TestSupport
import Testing
@testable import API
@testable import Auth

/// What keeps a flood of sign-ups and sign-ins from starving the shop, through the API:
/// the hashing pool answers 503 at once when full and drops the jobs of clients that left;
/// sign-ups are limited per address; one address's slow bodies cannot take the whole body
/// budget; and no JSON endpoint takes a body a cross-site page could send (415 unless
/// `Content-Type: application/json`). Nothing here is timed.
@Suite struct FloodDefenceTests {
    static let password = "correct horse battery"

    static func credentials(_ username: String, _ password: String = FloodDefenceTests.password) -> String {
        ShopServerFixture.jsonBody(["username": username, "password": password])
    }

    // MARK: - The hashing pool over the wire

    @Test func aFullHashingPoolAnswers503AtOnceWithRetryAfter() throws {
        let hasher = GatedHasher()
        let events = EventRecorder<PasswordHashingPool.Event>()
        let shop = try ShopServerFixture({ $0.passwordHashingThreads = 1; $0.passwordHashingQueue = 1; $0.trustedProxies = ["127.0.0.1"] },
                                         hasher: hasher, hashingObserver: events.observer)
        try shop.register("flooded", password: Self.password)
        let port = shop.port
        let body = Self.credentials("flooded")
        let answers = Mutex<[Int]>([])
        let finished = DispatchGroup()
        func signInInBackground(from address: String) {
            finished.enter()
            Thread {
                let response = try? ShopServerFixture.request(port: port, "POST", "/api/login/", json: body,
                                                              headers: [("X-Forwarded-For", address)])
                answers.withLock { $0.append(response?.status ?? 0) }
                finished.leave()
            }.start()
        }
        // One check held in the hasher, one queued behind it: the pool is full.
        signInInBackground(from: "198.51.100.1")
        hasher.arrivals.wait()
        signInInBackground(from: "198.51.100.2")
        #expect(events.wait(for: .admitted(client: "198.51.100.2")))

        // Answered on this thread while both are still held: no waiting for a hash.
        let refused = try shop.post("/api/login/", body, headers: [("X-Forwarded-For", "198.51.100.3")])
        #expect(refused.status == 503 && refused.errorCode == "password_check_busy", "\(refused.text)")
        #expect((1...60).contains(Int(refused.header("Retry-After") ?? "") ?? 0))
        let refusedSignUp = try shop.post("/api/register/", Self.credentials("another-one"), headers: [("X-Forwarded-For", "198.51.100.4")])
        #expect(refusedSignUp.status == 503 && refusedSignUp.header("Retry-After") != nil)
        // Refused work counts against nobody: the sign-up can be made again later.
        hasher.open()
        finished.wait()
        #expect(answers.withLock { $0 }.sorted() == [200, 200])
        #expect(try shop.post("/api/register/", Self.credentials("another-one"), headers: [("X-Forwarded-For", "198.51.100.4")]).status == 201)
        #expect(try shop.post("/api/login/", body, headers: [("X-Forwarded-For", "198.51.100.3")]).status == 200)
    }

    /// The "requests are still hashed after the client hung up": a queued check
    /// whose client has gone is dropped before it is hashed.
    @Test func aQueuedSignInWhoseClientLeftIsNeverHashed() throws {
        let hasher = GatedHasher()
        let events = EventRecorder<PasswordHashingPool.Event>()
        let shop = try ShopServerFixture({ $0.passwordHashingThreads = 1; $0.passwordHashingQueue = 2 },
                                         hasher: hasher, hashingObserver: events.observer)
        try shop.register("patient", password: Self.password)
        let application = shop.application
        let port = shop.port
        let first = DispatchGroup()
        first.enter()
        Thread {
            _ = try? ShopServerFixture.request(port: port, "POST", "/api/login/", json: FloodDefenceTests.credentials("patient"))
            first.leave()
        }.start()
        hasher.arrivals.wait()

        let presence = ClientPresence()
        let leaving = try HTTPRequest(method: "POST", target: "/api/login/", headers: [("Content-Type", "application/json")],
                                      body: Array(Self.credentials("patient", "the password of one who left").utf8),
                                      remoteAddress: "198.51.100.9", client: presence)
        let answer = Mutex<HTTPResponse?>(nil)
        let second = DispatchGroup()
        second.enter()
        Thread {
            let response = application.handle(leaving)
            answer.withLock { $0 = response }
            second.leave()
        }.start()
        #expect(events.wait(for: .admitted(client: "198.51.100.9")))
        presence.markGone()
        hasher.open()
        first.wait()
        second.wait()
        #expect(answer.withLock { $0?.status } == 503)
        #expect(!hasher.checkedPasswords.contains("the password of one who left"))
        #expect(events.all.contains(.dropped(client: "198.51.100.9")))
    }

    // MARK: - Sign-ups per address

    @Test func signUpsAreLimitedPerAddressBeforeAnyHashing() throws {
        let clock = ManualClock()
        let events = EventRecorder<PasswordHashingPool.Event>()
        let shop = try ShopServerFixture({ $0.trustedProxies = ["127.0.0.1"] }, clock: clock.function, hashingObserver: events.observer)
        let allowance = shop.application.configuration.registrationsPerAddressPerHour
        // Refused by the rules: costs nothing, counts nothing.
        for number in 0..<15 {
            #expect(try shop.post("/api/register/", Self.credentials("weak\(number)", "12345678"), headers: [("X-Forwarded-For", "203.0.113.1")]).status == 400)
        }
        for number in 0..<allowance {
            let created = try shop.post("/api/register/", Self.credentials("member\(number)"), headers: [("X-Forwarded-For", "203.0.113.1")])
            #expect(created.status == 201, "\(number): \(created.text)")
        }
        let hashedBefore = events.all.count
        let throttled = try shop.post("/api/register/", Self.credentials("one-too-many"), headers: [("X-Forwarded-For", "203.0.113.1")])
        #expect(throttled.status == 429 && throttled.errorCode == "throttled")
        let wait = try #require(Int64(throttled.header("Retry-After") ?? ""))
        #expect((1...3600).contains(wait))
        #expect(events.all.count == hashedBefore, "refused before the hashing pool saw it")
        // Another address is not affected; after the wait, one more from the first.
        #expect(try shop.post("/api/register/", Self.credentials("elsewhere"), headers: [("X-Forwarded-For", "203.0.113.2")]).status == 201)
        clock.advance(by: wait)
        #expect(try shop.post("/api/register/", Self.credentials("one-too-many"), headers: [("X-Forwarded-For", "203.0.113.1")]).status == 201)
        #expect(try shop.post("/api/register/", Self.credentials("and-another"), headers: [("X-Forwarded-For", "203.0.113.1")]).status == 429)
    }

    // MARK: - Slow bodies from one address

    /// The attack on the server-wide body budget: one address opens 70 connections, each
    /// announcing 1 MiB - 1 byte, then tops the budget up to the byte with ever smaller
    /// bodies (each announced with `Expect: 100-continue`, so the server says at once whether
    /// it holds it). Before bodies were limited per address, that left no room at all, and
    /// every shopper's sign-in and chat got 503 for as long as the attacker renewed them.
    @Test func slowBodiesFromOneAddressLeaveRoomForEveryoneElse() throws {
        let shop = try ShopServerFixture()
        let login = try shop.signUpAndLogIn("shopper")
        var held: [RawHTTPClient] = []
        var refused = 0
        var length = 1_048_575, announced = 0
        while length >= 1 {
            let client = try RawHTTPClient(port: shop.port, sourceAddress: "127.0.0.1")
            try client.send("POST /api/login/ HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                            + "Expect: 100-continue\r\nContent-Length: \(length)\r\n\r\n")
            let answer = try client.readResponse()
            announced += 1
            if answer.status == 100 {
                try client.send("{")
                held.append(client)
            } else {
                #expect(answer.status == 503 && answer.header("Retry-After") != nil, "\(answer.status) \(answer.text)")
                refused += 1
                // The 70 of the report first, then halves until even one byte is refused.
                if announced >= 70 { length /= 2 }
            }
        }
        #expect(refused > 0, "the attacker was never refused")

        // Another address signs in and chats while all of that is held.
        let credentials = Self.credentials("shopper")
        let signIn = try shop.request("POST", "/api/login/", json: credentials, sourceAddress: "127.0.0.2")
        #expect(signIn.status == 200, "sign-in from another address: \(signIn.status) \(signIn.text)")
        let chat = try shop.request("POST", "/api/chat/", json: ShopServerFixture.jsonBody(["message": "headphones"]),
                                    headers: [("Authorization", "Bearer \(login.access)")], sourceAddress: "127.0.0.2")
        #expect(chat.status == 200, "chat from another address: \(chat.status) \(chat.text)")
        for client in held { client.close() }
    }

    // MARK: - JSON only

    static let jsonEndpoints = ["/api/register/", "/api/login/", "/api/token/", "/api/token/refresh/", "/api/logout/", "/api/chat/"]

    /// Without `Content-Type: application/json`, a missing one included, every JSON endpoint
    /// answers 415 before doing anything: a cross-site page can send the other forms.
    @Test(arguments: jsonEndpoints)
    func jsonEndpointsRefuseEveryOtherMediaTypeIncludingNone(path: String) throws {
        let shop = try ShopServerFixture()
        let login = try shop.signUpAndLogIn("json-only")
        let body = path == "/api/chat/" ? ShopServerFixture.jsonBody(["message": "headphones"]) : Self.credentials("fresh-name")
        let auth = [("Authorization", "Bearer \(login.access)"), login.cookieHeader, ("X-CSRF-Token", login.csrfToken)]
        let usersBefore = try shop.application.users.count()

        let client = try RawHTTPClient(port: shop.port)
        var head = "POST \(path) HTTP/1.1\r\nHost: a\r\nConnection: close\r\nContent-Length: \(body.utf8.count)\r\n"
        for (name, value) in auth { head += "\(name): \(value)\r\n" }
        try client.send(head + "\r\n" + body)
        let untyped = try client.readResponse()
        #expect(untyped.status == 415 && untyped.errorCode == "unsupported_media_type", "no Content-Type: \(untyped.text)")

        for type in ["text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                     "application/jsonx", "application/json-patch+json", "application/json; charset=latin1", "application/json, text/plain", ""] {
            let response = try shop.request("POST", path, json: body, contentType: type, headers: auth)
            #expect(response.status == 415, "\(path) as \(type): \(response.status)")
        }
        #expect(try shop.application.users.count() == usersBefore, "nothing was created")
        #expect(try shop.get("/api/chat/history/", bearer: login.access).jsonObject()["count"] as? Int == 0, "nothing was said")
        for type in ["application/json", "Application/JSON", "application/json; charset=utf-8", "application/json;charset=\"UTF-8\""] {
            #expect(JSONResponse.isJSON(type), "\(type)")
        }
    }
}
