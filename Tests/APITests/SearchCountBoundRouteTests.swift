import Foundation
import Testing
@testable import API
import HTTPCore
import Indexer
import Catalog
import Search

/// `GET /api/search/`'s `count` past the count bound (issue 16): exact with
/// `count_relation` "eq" below it; the bound with "gte" from it on, the same on every page;
/// and paging by `next` ends at the bound's last page, never on an empty or repeated page.
/// Over a catalog of 40 lamps and a few other products, with a bound of 5.
@Suite struct SearchCountBoundRouteTests {
    static let catalogLines = (1...40).map { number in
        #"{"id":"lamp-\#(number)","name":"Desk Lamp \#(number)","category":"Lighting","brand":"Brand \#(number % 4)","price":\#(10 + number)}"#
    } + [
        #"{"id":"shade-1","name":"Lamp Shade Linen","category":"Lighting","price":12}"#,
        #"{"id":"mug-1","name":"Coffee Mug","category":"Kitchen","price":8}"#,
        #"{"id":"mug-2","name":"Travel Coffee Mug","category":"Kitchen","price":14}"#,
    ]

    static let indexes = SearchFillerWordsTests.indexHolder(catalogLines: catalogLines, name: "lamp")

    private func page(_ target: String, countBound: Int = 5) throws -> [String: Any] {
        var router = Router()
        CatalogRoutes(indexes: try Self.indexes.get(), countBound: countBound).register(in: &router)
        let response = try router.respond(to: RouteContext(request: HTTPRequest(method: "GET", target: target)))
        #expect(response.status == 200)
        return try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }

    /// Below the bound: the exact count, "eq".
    @Test func aCountBelowTheBoundIsExact() throws {
        let body = try page("/api/search/?q=mug&page_size=1")
        #expect(body["count"] as? Int == 2)
        #expect(body["count_relation"] as? String == "eq")
        #expect(body["next"] is String)
    }

    /// Past the bound: the bound (or a page, when a page is more), "gte", on every page, and
    /// `next` stops at its last page; every page on the way is full and new.
    @Test(arguments: [1, 2, 3, 5, 7, 50])
    func pagingPastTheBoundEndsAtItsLastPage(pageSize: Int) throws {
        var target: String? = "/api/search/?q=lamp&facets=brand&page_size=\(pageSize)"
        var seen: [String] = []
        var counts: Set<Int> = []
        var relations: Set<String> = []
        var pages = 0
        while let current = target, pages < 50 {
            let body = try page(current)
            counts.insert(body["count"] as? Int ?? -1)
            relations.insert(body["count_relation"] as? String ?? "")
            let ids = SearchFillerWordsTests.ids(body)
            #expect(!ids.isEmpty, "page \(pages + 1) is empty")
            seen += ids
            target = body["next"] as? String
            pages += 1
        }
        let expected = pageSize >= 41 ? 41 : max(5, pageSize)
        #expect(counts == [expected], "\(counts)")
        #expect(relations == [pageSize >= 41 ? "eq" : "gte"], "\(relations)")
        #expect(Set(seen).count == seen.count, "repeated: \(seen)")
        #expect(seen.count >= expected && seen.count < expected + pageSize, "\(seen.count) results for a count of \(expected)")
    }

    /// Facets count every match, past the bound too: they are exact, whatever `count` says.
    @Test func facetsCountEveryMatchPastTheBound() throws {
        let body = try page("/api/search/?q=lamp&facets=brand,category")
        #expect(body["count_relation"] as? String == "gte")
        let brands = ((body["facets"] as? [String: Any])?["brand"] as? [String: Any])?["values"] as? [[String: Any]] ?? []
        #expect(brands.reduce(0) { $0 + ($1["count"] as? Int ?? 0) } == 40)
        let categories = ((body["facets"] as? [String: Any])?["category"] as? [String: Any])?["values"] as? [[String: Any]] ?? []
        #expect(categories.first?["count"] as? Int == 41)
    }

    /// A page past the bound's last one, asked for directly, is still served (its products
    /// match), and its `previous` leads back.
    @Test func aPagePastTheBoundIsServed() throws {
        let body = try page("/api/search/?q=lamp&page_size=5&page=3")
        #expect(body["count"] as? Int == 5)
        #expect(SearchFillerWordsTests.ids(body).count == 5)
        #expect(body["next"] is NSNull)
        #expect((body["previous"] as? String)?.contains("page=2") == true)
    }
}
