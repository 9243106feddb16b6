import Foundation
import Testing
import TestSupport
@testable import API

/// `GET /metrics` (issue 17, "Observability"): answers counted by route template, method and
/// status with latency histograms, the served index's generation, in the Prometheus text format,
/// and nothing a client sent beyond the bounded labels.
@Suite struct MetricsTests {
    /// The sample lines of `text` whose name and labels start with `prefix`.
    static func samples(_ text: String, _ prefix: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { $0.hasPrefix(prefix) }
    }

    static func value(_ line: String) -> Double? {
        line.split(separator: " ").last.flatMap { Double($0) }
    }

    @Test func answersAreCountedUnderTheirRouteTemplate() throws {
        let shop = try ShopServerFixture()
        let id = try #require(ShopServerFixture.products.first?.id)
        #expect(try shop.get("/api/search/?q=secret-query-words").status == 200)
        #expect(try shop.get("/api/search/?q=more").status == 200)
        #expect(try shop.get("/api/products/\(id)/").status == 200)
        #expect(try shop.get("/api/products/no-such-product-id/").status == 404)
        #expect(try shop.request("BREW", "/api/health/").status >= 400)
        #expect(try shop.get("/api/nothing-here/").status == 404)

        let scraped = try shop.get("/metrics")
        #expect(scraped.status == 200)
        #expect(scraped.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
        #expect(scraped.header("Cache-Control") == "no-store")
        let text = scraped.text
        #expect(Self.samples(text, #"uplyft_http_requests_total{route="/api/search/",method="GET",status="200"}"#).compactMap(Self.value) == [2])
        #expect(Self.samples(text, #"uplyft_http_requests_total{route="/api/products/{id}/",method="GET",status="200"}"#).compactMap(Self.value) == [1])
        #expect(Self.samples(text, #"uplyft_http_requests_total{route="/api/products/{id}/",method="GET",status="404"}"#).compactMap(Self.value) == [1])
        #expect(Self.samples(text, #"uplyft_http_requests_total{route="api-unmatched",method="GET",status="404"}"#).compactMap(Self.value) == [1])
        #expect(Self.samples(text, #"uplyft_http_requests_total{route="/api/health/",method="other""#).count == 1)
        // What clients sent stays out: ids, query words, unknown methods and paths.
        for sent in [id, "secret-query-words", "no-such-product-id", "BREW", "nothing-here"] {
            #expect(!text.contains(sent), "\(sent) leaked into /metrics")
        }
    }

    @Test func histogramsAreCumulativeAndEndWithTheirCount() throws {
        let shop = try ShopServerFixture()
        for _ in 0..<3 { #expect(try shop.get("/api/search/?q=shirt").status == 200) }
        let text = try shop.get("/metrics").text
        let series = #"uplyft_http_request_duration_seconds_bucket{route="/api/search/",method="GET",status="200","#
        let buckets = Self.samples(text, series).compactMap(Self.value)
        #expect(buckets.count == ShopMetrics.bucketBounds.count + 1)
        #expect(zip(buckets, buckets.dropFirst()).allSatisfy { $0 <= $1 }, "\(buckets)")
        #expect(buckets.last == 3)
        #expect(Self.samples(text, #"uplyft_http_request_duration_seconds_count{route="/api/search/",method="GET",status="200"}"#).compactMap(Self.value) == [3])
        let sum = try #require(Self.samples(text, #"uplyft_http_request_duration_seconds_sum{route="/api/search/",method="GET",status="200"}"#).first.flatMap(Self.value))
        #expect(sum > 0)
        // Every sample has a HELP and a TYPE before it.
        for name in ["uplyft_http_requests_total", "uplyft_http_request_duration_seconds", "uplyft_index_products", "uplyft_password_hashing_jobs"] {
            #expect(text.contains("# TYPE \(name) "), "\(name)")
            #expect(text.contains("# HELP \(name) "), "\(name)")
        }
    }

    @Test func theIndexGenerationIsTheOneHealthShows() throws {
        let shop = try ShopServerFixture()
        let health = try shop.get("/api/health/").jsonObject()
        let generation = try #require(health["index_generation"] as? String)
        #expect(generation.count == 8 && generation.allSatisfy(\.isHexDigit))
        let text = try shop.get("/metrics").text
        #expect(Self.samples(text, "uplyft_index_info{").first?.contains(#"generation="\#(generation)""#) == true)
        #expect(Self.samples(text, "uplyft_index_products ").compactMap(Self.value) == [Double(ShopServerFixture.products.count)])
    }

    /// The engine's search time and the assistant's time per message are observed: each
    /// search and each answered message moves its histogram's count by one.
    @Test func searchesAndChatTurnsAreTimed() throws {
        let shop = try ShopServerFixture()
        let login = try shop.signUpAndLogIn("metrics-shopper")
        let before = try shop.get("/metrics").text
        #expect(Self.samples(before, "uplyft_search_duration_seconds_count ").compactMap(Self.value) == [0])
        #expect(Self.samples(before, "uplyft_chat_turn_duration_seconds_count ").compactMap(Self.value) == [0])
        for query in ["shirt", "headphones"] { #expect(try shop.get("/api/search/?q=\(query)").status == 200) }
        #expect(try shop.post("/api/chat/", ShopServerFixture.jsonBody(["message": "show me headphones"]), bearer: login.access).status == 200)
        let after = try shop.get("/metrics").text
        #expect(Self.samples(after, "uplyft_search_duration_seconds_count ").compactMap(Self.value) == [2])
        #expect(Self.samples(after, #"uplyft_search_duration_seconds_bucket{le="+Inf"}"#).compactMap(Self.value) == [2])
        #expect(Self.samples(after, "uplyft_chat_turn_duration_seconds_count ").compactMap(Self.value) == [1])
        #expect(try #require(Self.samples(after, "uplyft_chat_turn_duration_seconds_sum ").first.flatMap(Self.value)) > 0)
    }

    /// On PostgreSQL the pool's connections are gauges: lent out, open, and the bound.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["UPLYFT_TEST_DATABASE_URL"].map { !$0.isEmpty } ?? false))
    func thePostgreSQLPoolIsAGauge() throws {
        var text = ""
        try SharedThrottleTests.withDatabase { url in
            let shop = try ShopServerFixture { $0.databaseURL = url; $0.databasePoolSize = 3 }
            text = try shop.get("/metrics").text
        }
        #expect(Self.samples(text, #"uplyft_database_pool_connections{state="size"}"#).compactMap(Self.value) == [3])
        let open = try #require(Self.samples(text, #"uplyft_database_pool_connections{state="open"}"#).first.flatMap(Self.value))
        #expect((1...3).contains(open), "the migrations opened one")
        // Nothing is lent out while /metrics is answered: no request holds a connection.
        #expect(Self.samples(text, #"uplyft_database_pool_connections{state="in_use"}"#).compactMap(Self.value) == [0])
        #expect(text.contains("# TYPE uplyft_database_pool_connections gauge"))
        let sqlite = try ShopServerFixture()
        #expect(!(try sqlite.get("/metrics").text).contains("uplyft_database_pool_connections"), "SQLite has no pool")
    }

    @Test func switchedOffMetricsAreNotServed() throws {
        let shop = try ShopServerFixture { $0.metricsAccess = .off }
        #expect(try shop.get("/metrics").status == 404)
    }

    /// Only the TCP peer decides; loopback in every spelling, nothing else.
    @Test func loopbackAccessAdmitsThisMachineOnly() {
        for peer in ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"] {
            #expect((try? MetricsRoutes.check(.loopback, peer: peer)) != nil, "\(peer)")
        }
        for peer in ["10.0.0.1", "192.168.1.2", "::2", "2001:db8::1", "not an address", ""] {
            #expect(throws: APIError.self, "\(peer)") { try MetricsRoutes.check(.loopback, peer: peer) }
        }
        #expect((try? MetricsRoutes.check(.on, peer: "203.0.113.9")) != nil)
        #expect(throws: APIError.self) { try MetricsRoutes.check(.off, peer: "127.0.0.1") }
    }

    @Test func theSettingIsReadAndCheckedFromTheEnvironment() throws {
        #expect(try ShopConfiguration.fromEnvironment(["UPLYFT_METRICS": "on"]).metricsAccess == .on)
        #expect(try ShopConfiguration.fromEnvironment([:]).metricsAccess == .loopback)
        #expect(throws: (any Error).self) { try ShopConfiguration.fromEnvironment(["UPLYFT_METRICS": "public"]) }
    }
}
