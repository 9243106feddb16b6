import Foundation
import Testing
@testable import API
import HTTPCore

/// `GET /api/search/` pages and flags (issue 13, "Paging and flags", "Typos"): `count`,
/// `next` and the pages agree when partial matches top up the results; each result says
/// whether it is partial; a query without words says why it finds nothing. Over the catalog
/// of `SearchFillerWordsTests`.
@Suite struct SearchPagingFlagsTests {
    /// The page at `target` (a path and query) through the real route, as JSON.
    private func page(_ target: String) throws -> [String: Any] {
        var router = Router()
        CatalogRoutes(indexes: try SearchFillerWordsTests.indexes.get()).register(in: &router)
        let response = try router.respond(to: RouteContext(request: HTTPRequest(method: "GET", target: target)))
        #expect(response.status == 200)
        return try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }

    /// Following `next` from the first page visits every counted product once, and `count`
    /// is the same on every page.
    @Test(arguments: [1, 2, 3])
    func nextVisitsEveryCountedProduct(pageSize: Int) throws {
        var target: String? = "/api/search/?q=watering%20can%20sign&page_size=\(pageSize)"
        var seen: [String] = []
        var counts: Set<Int> = []
        var pages = 0
        while let current = target, pages < 50 {
            let body = try page(current)
            counts.insert(body["count"] as? Int ?? -1)
            seen += SearchFillerWordsTests.ids(body)
            target = body["next"] as? String
            pages += 1
        }
        #expect(counts.count == 1, "\(counts)")
        #expect(seen.count == counts.first, "\(seen)")
        #expect(Set(seen).count == seen.count)
        #expect(seen.count > 3, "partial matches are counted and paged: \(seen)")
    }

    /// The full match first, unflagged; the partial ones after it, each flagged.
    @Test func eachResultSaysWhetherItIsPartial() throws {
        let body = try page("/api/search/?q=watering%20can&page_size=10")
        let results = try #require(body["results"] as? [[String: Any]])
        #expect(results.first?["id"] as? String == "can-1")
        #expect(results.first?["partial_match"] as? Bool == false)
        #expect(results.count > 1)
        #expect(results.dropFirst().allSatisfy { $0["partial_match"] as? Bool == true }, "\(results)")
        #expect(body["partial_match"] as? Bool == true)
        #expect(body["notice"] is NSNull)
    }

    @Test(arguments: ["%F0%9F%8E%88", "!!!", "-"])
    func aQueryWithoutWordsFindsNothingAndSaysWhy(query: String) throws {
        let body = try page("/api/search/?q=\(query)")
        #expect(body["count"] as? Int == 0)
        #expect((body["results"] as? [Any])?.isEmpty == true)
        #expect(body["notice"] as? String == "no_searchable_words")
        #expect((body["message"] as? String)?.isEmpty == false)
    }
}
