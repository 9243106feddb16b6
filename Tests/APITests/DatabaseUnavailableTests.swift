import Foundation
import Testing
@testable import API
@testable import Store
import TestSupport

/// The shop on PostgreSQL (`UPLYFT_TEST_DATABASE_URL`, started by scripts/postgres.sh): while
/// the database refuses connections and has ended the node's, requests that need it are
/// answered 503 `database_unavailable` with Retry-After, not 500; once it accepts connections
/// again the same server answers them without a restart.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["UPLYFT_TEST_DATABASE_URL"].map { !$0.isEmpty } ?? false))
struct DatabaseUnavailableTests {
    let base = ProcessInfo.processInfo.environment["UPLYFT_TEST_DATABASE_URL"] ?? ""

    private func administer(_ sql: String) throws {
        try PostgresConnection(url: base).execute(sql)
    }

    @Test func answers503WhileTheDatabaseIsDownAndRecoversAfter() throws {
        // A database of its own, so that refusing connections to it disturbs no other test.
        let name = "api_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try administer("CREATE DATABASE \(name)")
        defer { try? administer("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        var components = try #require(URLComponents(string: base))
        components.path = "/\(name)"
        components.queryItems = (components.queryItems ?? []) + [URLQueryItem(name: "application_name", value: String(name))]
        let url = try #require(components.string)
        let shop = try ShopServerFixture { $0.databaseURL = url; $0.databaseAcquireTimeoutSeconds = 1 }
        let login = try shop.signUpAndLogIn("alice")
        #expect(try shop.get("/api/chat/history/", bearer: login.access).status == 200)

        try administer("ALTER DATABASE \(name) ALLOW_CONNECTIONS false")
        try administer("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '\(name)'")
        for response in [try shop.get("/api/chat/history/", bearer: login.access),
                         try shop.post("/api/chat/", ShopServerFixture.jsonBody(["message": "show me headphones"]), bearer: login.access),
                         try shop.post("/api/login/", ShopServerFixture.jsonBody(["username": "alice", "password": "correct horse battery"]))] {
            #expect(response.status == 503, "\(response.text)")
            #expect(try response.jsonObject()["error"].flatMap { ($0 as? [String: Any])?["code"] as? String } == "database_unavailable")
            #expect(response.header("Retry-After") != nil)
        }
        #expect(try shop.get("/api/health/").status == 503)

        try administer("ALTER DATABASE \(name) ALLOW_CONNECTIONS true")
        #expect(try shop.get("/api/chat/history/", bearer: login.access).status == 200)
        #expect(try shop.post("/api/chat/", ShopServerFixture.jsonBody(["message": "show me headphones"]), bearer: login.access).status == 200)
        #expect(try shop.get("/api/chat/history/", bearer: login.access).jsonObject()["count"] as? Int == 2)
    }
}
