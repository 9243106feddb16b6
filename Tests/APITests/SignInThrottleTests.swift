import Dispatch
import Foundation
import HTTPCore
import Synchronization
import TestSupport
import Testing
@testable import API
@testable import Auth

/// The sign-in policy (`LoginThrottle`, SECURITY.md): attempts reserved before hashing;
/// trusted browsers (device cookie) limited only per device; untrusted clients per account
/// and by an address limit that only delays; the client address read through trusted
/// proxies. Clocks are moved by hand, nothing waits.
@Suite struct SignInThrottleTests {
    static let password = "correct horse battery"

    static func login(_ username: String, _ password: String, device: String? = nil, forwardedFor: String? = nil) -> (String, [(String, String)]) {
        var headers: [(String, String)] = []
        if let device { headers.append(("Cookie", "uplyft_device=\(device)")) }
        if let forwardedFor { headers.append(("X-Forwarded-For", forwardedFor)) }
        return (ShopServerFixture.jsonBody(["username": username, "password": password]), headers)
    }

    static func signIn(_ shop: ShopServerFixture, _ username: String, _ password: String = SignInThrottleTests.password,
                       device: String? = nil, forwardedFor: String? = nil) throws -> RawHTTPClient.Response {
        let (body, headers) = login(username, password, device: device, forwardedFor: forwardedFor)
        return try shop.post("/api/login/", body, headers: headers)
    }

    /// A browser that signed in once, and so holds a device cookie for `username`.
    static func knownBrowser(_ shop: ShopServerFixture, _ username: String) throws -> String {
        try shop.register(username, password: password)
        let first = try signIn(shop, username)
        let cookie = try #require(first.setCookie(named: "uplyft_device"), "\(first.status) \(first.text)")
        #expect(cookie.attributes["httponly"] != nil && cookie.attributes["path"] == "/api/" && cookie.attributes["samesite"] == "Strict")
        return cookie.value
    }

    // MARK: - Reserved before hashing

    /// The example: a parallel burst of wrong passwords against one account (from
    /// many addresses, so only the account limit applies). Each check is held inside the
    /// hasher until every attempt has either arrived there or been answered, so the count is
    /// of checks that got past the throttle, not of a race's outcome.
    @Test func aParallelBurstGetsNoMoreGuessesThanTheAccountLimit() throws {
        let progress = DispatchSemaphore(value: 0)
        let hasher = GatedHasher(arrivals: progress)
        let clock = ManualClock()
        let shop = try ShopServerFixture({ $0.passwordHashingThreads = 12; $0.passwordHashingQueue = 12 }, clock: clock.function, hasher: hasher)
        try shop.register("burst-target", password: Self.password)
        let auth = shop.application.auth
        let attempts = 12
        let statuses = Mutex<[Int]>([])
        let finished = DispatchGroup()
        for number in 0..<attempts {
            finished.enter()
            Thread {
                let guess = "wrong guess number \(number)"
                var status = 200
                do throws(AuthError) {
                    _ = try auth.login(username: "burst-target", password: guess,
                                       client: AuthService.Client(key: "198.51.100.\(number)", isGone: { false }),
                                       deviceCookie: nil, now: clock.now)
                } catch {
                    status = APIError(error).status
                }
                statuses.withLock { $0.append(status) }
                // Answered without reaching the hasher: that is this attempt's progress.
                if !hasher.checkedPasswords.contains(guess) { progress.signal() }
                finished.leave()
            }.start()
        }
        for _ in 0..<attempts { progress.wait() }
        let checked = hasher.checkedPasswords.count
        hasher.open()
        finished.wait()
        let limit = LoginThrottle.Limits().failuresPerAccount
        #expect(checked == limit, "\(checked) checks reached the hasher")
        let answered = statuses.withLock { $0 }
        #expect(answered.filter { $0 == 401 }.count == limit)
        #expect(answered.filter { $0 == 429 }.count == attempts - limit)
    }

    // MARK: - Failures for other names

    /// The example: 20 failed sign-ins for made-up names from one address, then the
    /// right password from that address.
    @Test func madeUpNameFailuresCannotLockOutACorrectSignInForLong() throws {
        let clock = ManualClock()
        let shop = try ShopServerFixture(clock: clock.function)
        let device = try Self.knownBrowser(shop, "regular")
        try shop.register("newcomer", password: Self.password)
        for number in 0..<20 {
            #expect(try Self.signIn(shop, "made-up-\(number)", "Summer2024!").status == 401)
        }
        // A browser that signed in before is not held back at all.
        let known = try Self.signIn(shop, "regular", device: device)
        #expect(known.status == 200, "\(known.text)")
        // One on a new browser waits a short, bounded time, then gets in.
        let newBrowser = try Self.signIn(shop, "newcomer")
        #expect(newBrowser.status == 429)
        let wait = try #require(Int64(newBrowser.header("Retry-After") ?? ""))
        #expect((1...LoginThrottle.Limits().addressRefillSeconds).contains(wait))
        clock.advance(by: wait)
        #expect(try Self.signIn(shop, "newcomer").status == 200)
    }

    /// The address limit only delays: after its burst, one attempt per refill period.
    @Test func aSprayFromOneAddressStaysAtOneGuessPerRefill() throws {
        let clock = ManualClock()
        let shop = try ShopServerFixture(clock: clock.function)
        let limits = LoginThrottle.Limits()
        for number in 0..<limits.addressBurst { _ = try Self.signIn(shop, "sprayed-\(number)", "Summer2024!") }
        for round in 0..<3 {
            #expect(try Self.signIn(shop, "sprayed-x\(round)", "Summer2024!").status == 429)
            clock.advance(by: limits.addressRefillSeconds)
            #expect(try Self.signIn(shop, "sprayed-y\(round)", "Summer2024!").status == 401, "one more guess after the refill")
        }
    }

    /// Five failures close an account to untrusted clients, not to its owner's browser.
    @Test func anAccountLockedForStrangersStaysOpenToItsOwnersBrowser() throws {
        let shop = try ShopServerFixture { $0.trustedProxies = ["127.0.0.1"] }
        let device = try Self.knownBrowser(shop, "owner")
        for number in 0..<5 {
            #expect(try Self.signIn(shop, "owner", "guess \(number) wrong", forwardedFor: "203.0.113.\(number)").status == 401)
        }
        #expect(try Self.signIn(shop, "owner", forwardedFor: "203.0.113.99").status == 429, "a new client, right password")
        #expect(try Self.signIn(shop, "owner", device: device, forwardedFor: "198.51.100.1").status == 200)
    }

    @Test func aDeviceCookieVouchesOnlyForItsOwnUsernameAndOnlyUnaltered() throws {
        let clock = ManualClock()
        let shop = try ShopServerFixture(clock: clock.function)
        let device = try Self.knownBrowser(shop, "first-user")
        try shop.register("second-user", password: Self.password)
        for number in 0..<20 { _ = try Self.signIn(shop, "made-up-\(number)", "Summer2024!") }
        #expect(try Self.signIn(shop, "second-user", device: device).status == 429, "another user's cookie is no cookie")
        let parts = device.split(separator: ".").map(String.init)
        let otherName = Base64URL.encode(Array("second-user".utf8))
        for forged in [([otherName] + parts.dropFirst()).joined(separator: "."), device + "x", String(device.dropLast(2)), "garbage",
                       parts.dropLast().joined(separator: ".") + "." + Base64URL.encode(Array(repeating: 0, count: 32))] {
            #expect(try Self.signIn(shop, "second-user", device: forged).status == 429, "\(forged)")
            #expect(try Self.signIn(shop, "first-user", device: forged).status == 429, "\(forged)")
        }
        #expect(try Self.signIn(shop, "FIRST-USER", device: device).status == 200, "usernames are matched without case")
        // An expired cookie is no cookie either.
        clock.advance(by: DeviceCookieSigner.lifetimeSeconds)
        for number in 0..<20 { _ = try Self.signIn(shop, "made-up-again-\(number)", "Summer2024!") }
        #expect(try Self.signIn(shop, "first-user", device: device).status == 429)
    }

    /// A stolen device cookie gets five guesses; the lockout is that cookie's alone.
    @Test func failuresWithADeviceCookieLockOutThatCookieOnly() throws {
        let shop = try ShopServerFixture { $0.trustedProxies = ["127.0.0.1"] }
        let device = try Self.knownBrowser(shop, "guarded")
        for number in 0..<LoginThrottle.Limits().failuresPerDevice {
            #expect(try Self.signIn(shop, "guarded", "wrong \(number) wrong", device: device).status == 401)
        }
        #expect(try Self.signIn(shop, "guarded", device: device).status == 429)
        #expect(try Self.signIn(shop, "guarded", forwardedFor: "198.51.100.4").status == 200, "the account itself is not locked")
    }

    // MARK: - Behind a proxy

    /// With the proxy listed, every shopper behind it has their own address; without it, the
    /// same headers are ignored (a client cannot pick its own address).
    @Test func behindATrustedProxyEachShopperHasTheirOwnLimits() throws {
        let shop = try ShopServerFixture { $0.trustedProxies = ["127.0.0.1"] }
        try shop.register("shopper", password: Self.password)
        for number in 0..<20 { _ = try Self.signIn(shop, "made-up-\(number)", "Summer2024!", forwardedFor: "203.0.113.7") }
        #expect(try Self.signIn(shop, "shopper", forwardedFor: "203.0.113.7").status == 429)
        #expect(try Self.signIn(shop, "shopper", forwardedFor: "203.0.113.8").status == 200)
        // The proxy appends; what the attacker put before it does not move them elsewhere.
        #expect(try Self.signIn(shop, "made-up-x", "Summer2024!", forwardedFor: "198.51.100.1, 203.0.113.7").status == 429)

        let direct = try ShopServerFixture()
        try direct.register("shopper", password: Self.password)
        for number in 0..<20 { _ = try Self.signIn(direct, "made-up-\(number)", "Summer2024!", forwardedFor: "203.0.113.\(number)") }
        #expect(try Self.signIn(direct, "shopper", forwardedFor: "203.0.113.200").status == 429, "spoofed headers change nothing")
    }
}
