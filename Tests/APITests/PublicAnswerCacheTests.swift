import Foundation
import HTTPCore
import Synchronization
import Testing
@testable import API

/// Issue 16: finished public catalog answers kept in the server (`PublicAnswerCache`), so a
/// repeated search costs a lookup, and never one answer of an index served after a swap.
@Suite struct PublicAnswerCacheTests {
    /// Stands for the index being served: a new object for every swap.
    final class Source: Sendable {}

    final class Counter: Sendable {
        let value = Mutex(0)
        func next() -> Int { value.withLock { $0 += 1; return $0 } }
        var count: Int { value.withLock { $0 } }
    }

    static func answer(_ text: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "application/json")], body: Array(text.utf8))
    }

    static func key(_ target: String, gzip: Bool = false) -> PublicAnswerCache.Key {
        PublicAnswerCache.Key(target: target, gzip: gzip)
    }

    @Test func aRepeatedTargetIsAnsweredWithoutTheRoute() throws {
        let source = Source()
        let cache = PublicAnswerCache(currentSource: { source })
        let routeRuns = Counter()
        for _ in 0..<3 {
            let response = try cache.answer(for: Self.key("/api/search/?q=mug")) { () throws(APIError) in
                Self.answer("mug \(routeRuns.next())")
            }
            #expect(String(decoding: response.body, as: UTF8.self) == "mug 1")
        }
        #expect(routeRuns.count == 1)
        #expect(cache.hits == 2 && cache.misses == 1)
        // Another target, or the same one for a client taking gzip, is another answer.
        _ = try cache.answer(for: Self.key("/api/search/?q=mug&page=2")) { () throws(APIError) in Self.answer("page 2 \(routeRuns.next())") }
        let gzipped = try cache.answer(for: Self.key("/api/search/?q=mug", gzip: true)) { () throws(APIError) in
            Self.answer("gzip \(routeRuns.next())")
        }
        #expect(String(decoding: gzipped.body, as: UTF8.self) == "gzip 3")
        #expect(cache.count == 3)
    }

    @Test func errorsAndOversizedAnswersAreNeverKept() throws {
        let source = Source()
        let cache = PublicAnswerCache(currentSource: { source })
        let routeRuns = Counter()
        for _ in 0..<2 {
            let response = try cache.answer(for: Self.key("/api/search/?page=0")) { () throws(APIError) in
                _ = routeRuns.next()
                return Self.answer("{}", status: 400)
            }
            #expect(response.status == 400)
            #expect(throws: APIError.self) {
                try cache.answer(for: Self.key("/api/products/x/")) { () throws(APIError) in
                    _ = routeRuns.next()
                    throw .notFound("no such product")
                }
            }
            let big = String(repeating: "x", count: PublicAnswerCache.maximumAnswerBytes + 1)
            #expect(try cache.answer(for: Self.key("/big")) { () throws(APIError) in _ = routeRuns.next(); return Self.answer(big) }.body.count == big.utf8.count)
        }
        #expect(routeRuns.count == 6, "every one of them ran its route both times")
        #expect(cache.count == 0 && cache.bytes == 0)
    }

    /// However many different searches arrive, the bodies kept stay within the budget.
    @Test func theBodiesKeptStayWithinTheBudget() throws {
        let source = Source()
        let budget = PublicAnswerCache.shardCount * PublicAnswerCache.maximumAnswerBytes
        let cache = PublicAnswerCache(maximumBytes: budget, slotCount: 4096, currentSource: { source })
        let body = String(repeating: "y", count: 200_000)
        for number in 0..<400 {
            _ = try cache.answer(for: Self.key("/api/search/?q=\(number)")) { () throws(APIError) in Self.answer(body) }
            #expect(cache.bytes <= budget)
        }
        #expect(cache.bytes > 0)
        #expect(cache.bytes == cache.count * 200_000)
    }

    /// After a swap no answer of the old index is served, and the cache does not keep the old
    /// index alive.
    @Test func aNewSourceIsNeverAnsweredFromTheOldOne() throws {
        let current = Mutex<Source>(Source())
        weak var old: Source? = current.withLock { $0 }
        let cache = PublicAnswerCache(currentSource: { current.withLock { $0 } })
        let routeRuns = Counter()
        let first = try cache.answer(for: Self.key("/api/search/?q=kettle")) { () throws(APIError) in Self.answer("old \(routeRuns.next())") }
        #expect(String(decoding: first.body, as: UTF8.self) == "old 1")
        current.withLock { $0 = Source() }
        #expect(old == nil, "the swapped-out source is freed")
        let second = try cache.answer(for: Self.key("/api/search/?q=kettle")) { () throws(APIError) in Self.answer("new \(routeRuns.next())") }
        #expect(String(decoding: second.body, as: UTF8.self) == "new 2")
        let third = try cache.answer(for: Self.key("/api/search/?q=kettle")) { () throws(APIError) in Self.answer("new \(routeRuns.next())") }
        #expect(String(decoding: third.body, as: UTF8.self) == "new 2")
    }

    // MARK: - Through the application

    static func searchCount(_ shop: ShopServerFixture) throws -> Double? {
        try MetricsTests.samples(shop.get("/metrics").text, "uplyft_search_duration_seconds_count ").compactMap(MetricsTests.value).first
    }

    @Test func aRepeatedSearchRunsTheEngineOnceAndGetsTheSameBytesAndTag() throws {
        let shop = try ShopServerFixture()
        for accept in ["identity", "gzip"] {
            let first = try HTTPCachingTests.get(shop, "/api/search/?q=headphones&page_size=3", [("Accept-Encoding", accept)])
            let again = try HTTPCachingTests.get(shop, "/api/search/?q=headphones&page_size=3", [("Accept-Encoding", accept)])
            #expect(first.status == 200 && again.body == first.body)
            #expect(again.header("ETag") == first.header("ETag") && first.header("ETag") != nil)
            #expect(again.header("Content-Encoding") == first.header("Content-Encoding"))
            let notModified = try HTTPCachingTests.get(shop, "/api/search/?q=headphones&page_size=3",
                                                       [("Accept-Encoding", accept), ("If-None-Match", first.header("ETag") ?? "")])
            #expect(notModified.status == 304 && notModified.body.isEmpty)
        }
        #expect(try HTTPCachingTests.get(shop, "/api/search/?q=headphones&page_size=3", [("Accept-Encoding", "gzip")])
            .header("Content-Encoding") == "gzip", "the gzip answer is kept apart from the plain one")
        #expect(try Self.searchCount(shop) == 2, "one search per representation")
        let text = try shop.get("/metrics").text
        #expect(MetricsTests.samples(text, #"uplyft_answer_cache_requests_total{result="hit"}"#).compactMap(MetricsTests.value) == [5])
        #expect(MetricsTests.samples(text, #"uplyft_answer_cache_requests_total{result="miss"}"#).compactMap(MetricsTests.value) == [2])
        #expect(text.contains("# TYPE uplyft_answer_cache_requests_total counter"))
    }

    /// A product added by a rebuilt index is found at once by a search whose old answer was
    /// kept.
    @Test func aRebuiltIndexIsSearchedAtOnce() throws {
        let shop = try ShopServerFixture()
        let target = "/api/search/?q=kettle"
        let before = try shop.get(target).jsonObject()
        #expect((before["count"] as? Int) == 0)
        try HTTPCachingTests.rebuildIndexWithAKettle(shop)
        let after = try shop.get(target).jsonObject()
        #expect((after["count"] as? Int) == 1)
    }

    @Test func operatorsCanSizeOrSwitchOffTheCache() throws {
        #expect(try ShopConfiguration.fromEnvironment([:]).answerCacheBytes == PublicAnswerCache.defaultMaximumBytes)
        #expect(try ShopConfiguration.fromEnvironment(["UPLYFT_ANSWER_CACHE_MB": "64"]).answerCacheBytes == 64 << 20)
        #expect(throws: (any Error).self) { try ShopConfiguration.fromEnvironment(["UPLYFT_ANSWER_CACHE_MB": "-1"]) }
        #expect(throws: (any Error).self) { try ShopConfiguration.fromEnvironment(["UPLYFT_ANSWER_CACHE_MB": "99999999999999999999"]) }
        let shop = try ShopServerFixture { $0.answerCacheBytes = 0 }
        #expect(shop.application.answers == nil)
        for _ in 0..<2 { #expect(try shop.get("/api/search/?q=headphones").status == 200) }
        #expect(try Self.searchCount(shop) == 2, "without the cache every request searches")
        #expect(!(try shop.get("/metrics").text.contains("uplyft_answer_cache")))
    }
}
