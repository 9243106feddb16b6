import Foundation
import Testing
@testable import API
@testable import Auth
@testable import Store
import TestSupport

/// Two shop nodes on one PostgreSQL database (`UPLYFT_TEST_DATABASE_URL`), as behind the load
/// balancer: the sign-in and sign-up throttles count one set of attempts (`ThrottleStore`),
/// so failures split across the nodes lock the account out as the same failures on one node
/// do, instead of each node granting its own allowance. Clocks are moved by hand.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["UPLYFT_TEST_DATABASE_URL"].map { !$0.isEmpty } ?? false))
struct SharedThrottleTests {
    static let base = ProcessInfo.processInfo.environment["UPLYFT_TEST_DATABASE_URL"] ?? ""

    /// A database of the test's own on the test server, dropped when `body` returns: its URL.
    static func withDatabase(_ body: (String) throws -> Void) throws {
        let name = "thr_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try PostgresConnection(url: base).execute("CREATE DATABASE \(name)")
        defer { try? PostgresConnection(url: base).execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        var components = try #require(URLComponents(string: base))
        components.path = "/\(name)"
        try body(try #require(components.string))
    }

    private static func login(_ node: ShopServerFixture, _ username: String, _ password: String) throws -> RawHTTPClient.Response {
        try node.post("/api/login/", ShopServerFixture.jsonBody(["username": username, "password": password]))
    }

    @Test func failuresSplitAcrossTwoNodesLockTheAccountOut() throws {
        try Self.withDatabase { url in
            let clock = ManualClock()
            let nodes = [try ShopServerFixture({ $0.databaseURL = url }, clock: clock.function),
                         try ShopServerFixture({ $0.databaseURL = url }, clock: clock.function)]
            #expect(try nodes[0].register("shared-target", password: "correct horse battery").status == 201)
            let limit = LoginThrottle.Limits().failuresPerAccount
            for number in 0..<limit {
                let response = try Self.login(nodes[number % 2], "shared-target", "wrong guess \(number)")
                #expect(response.status == 401, "guess \(number): \(response.text)")
            }
            // The right password is refused on both nodes until the first failure ages out.
            for node in nodes {
                let refused = try Self.login(node, "shared-target", "correct horse battery")
                #expect(refused.status == 429, "\(refused.text)")
                #expect(refused.header("Retry-After") == String(LoginThrottle.Limits().windowSeconds))
            }
            clock.advance(by: LoginThrottle.Limits().windowSeconds)
            #expect(try Self.login(nodes[1], "shared-target", "correct horse battery").status == 200)
        }
    }

    @Test func signUpsFromOneAddressShareOneAllowance() throws {
        try Self.withDatabase { url in
            let clock = ManualClock()
            let configure: (inout ShopConfiguration) -> Void = { $0.databaseURL = url; $0.registrationsPerAddressPerHour = 2 }
            let nodes = [try ShopServerFixture(configure, clock: clock.function), try ShopServerFixture(configure, clock: clock.function)]
            #expect(try nodes[0].register("first-shopper", password: "correct horse battery").status == 201)
            #expect(try nodes[1].register("second-shopper", password: "correct horse battery").status == 201)
            let third = try nodes[0].register("third-shopper", password: "correct horse battery")
            #expect(third.status == 429, "\(third.text)")
            #expect(try nodes[1].register("fourth-shopper", password: "correct horse battery").status == 429)
        }
    }
}
