import Foundation
import Testing
@testable import API
import HTTPCore

/// `GET /api/search/` facets, filters and highlights, and `GET /api/suggest/` (issue 15),
/// through the real routes over the catalog of `SearchFillerWordsTests`: several values per
/// facet, counts in the answer, and a 400 with a stable code for every bad value.
@Suite struct SearchFacetsRouteTests {
    /// The answer to `target` through the catalog and suggestion routes.
    private func answer(_ target: String) throws -> (status: Int, body: [String: Any]) {
        var router = Router()
        let indexes = try SearchFillerWordsTests.indexes.get()
        CatalogRoutes(indexes: indexes).register(in: &router)
        SuggestRoutes(indexes: indexes).register(in: &router)
        let response: HTTPResponse
        do {
            response = try router.respond(to: RouteContext(request: HTTPRequest(method: "GET", target: target)))
        } catch let error as APIError {
            // The middleware renders it as `{"error": {"code", "message"}}`.
            return (error.status, ["error": ["code": error.code, "message": error.message]])
        }
        let body = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        return (response.status, body)
    }

    private func facet(_ body: [String: Any], _ name: String) -> [String: Int] {
        let values = ((body["facets"] as? [String: Any])?[name] as? [String: Any])?["values"] as? [[String: Any]] ?? []
        return Dictionary(values.map { ($0["value"] as? String ?? "", $0["count"] as? Int ?? -1) }, uniquingKeysWith: +)
    }

    @Test func facetsAreCountedOnlyWhenAsked() throws {
        let plain = try answer("/api/search/?q=sign")
        #expect(plain.status == 200)
        #expect(plain.body["facets"] == nil)
        let asked = try answer("/api/search/?q=sign&facets=category,price")
        #expect(facet(asked.body, "category") == ["Home": 3])
        #expect(facet(asked.body, "price")["0-25"] == 3)
        #expect(Set((asked.body["facets"] as? [String: Any])?.keys.map { $0 } ?? []) == ["category", "price"])
    }

    /// `category=A&category=B`: products of either; each category's count stays as it was.
    @Test func repeatedValuesSelectAnyOfThem() throws {
        let both = try answer("/api/search/?category=Toys&category=Books&facets=category&page_size=50")
        #expect(both.status == 200)
        #expect(both.body["count"] as? Int == 5)
        let categories = facet(both.body, "category")
        #expect(categories["Toys"] == 3 && categories["Books"] == 2 && categories["Home"] == 9, "\(categories)")
        let oneBrandless = try answer("/api/search/?category=Toys&price=0-10&price=15-20&facets=price")
        #expect(oneBrandless.body["count"] as? Int == 2, "the $9 and the $19.99 games")
    }

    @Test func ratingAndHighlightsOverTheWire() throws {
        let highlighted = try answer("/api/search/?q=waterin&highlight=true")
        let first = try #require((highlighted.body["results"] as? [[String: Any]])?.first)
        let name = try #require((first["highlights"] as? [String: Any])?["name"] as? [[String: Any]])
        #expect(name.compactMap { $0["match"] as? Bool == true ? $0["text"] as? String : nil } == ["Watering"])
        let unrated = try answer("/api/search/?rating_min=1")
        #expect(unrated.status == 200)
        #expect(unrated.body["count"] as? Int == 0, "no product of this catalog has a rating")
    }

    @Test(arguments: [
        "facets=colour", "facets=brand,,nope", "price=cheap", "price=50-25", "price=-5", "price=1e3-", "rating_min=6",
        "rating_min=four", "rating_min=-1", "rating_min=nan", "highlight=maybe",
        "brand=" + String(repeating: "x", count: 201),
        Array(repeating: "brand=a", count: 51).joined(separator: "&"),
    ])
    func badValuesAreRefusedWithACode(query: String) throws {
        let refused = try answer("/api/search/?q=sign&" + query)
        #expect(refused.status == 400)
        let error = try #require(refused.body["error"] as? [String: Any])
        #expect(error["code"] as? String == "invalid_parameter")
        #expect((error["message"] as? String)?.isEmpty == false)
    }

    @Test func suggestionsCompleteTheLastWord() throws {
        let suggestions = try answer("/api/suggest/?q=wall%20mir&limit=3")
        #expect(suggestions.status == 200)
        #expect(suggestions.body["queries"] as? [String] == ["wall mirror"])
        let categories = try answer("/api/suggest/?q=gard").body["categories"] as? [[String: Any]]
        #expect(categories?.first?["name"] as? String == "Garden")
        #expect(try answer("/api/suggest/?q=cook&limit=0").status == 400)
        #expect(try answer("/api/suggest/?q=cook&limit=21").status == 400)
    }

    @Test func theDocumentDescribesTheNewParametersAndRoute() throws {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json(describing: [CatalogRoutes.searchEndpoint, SuggestRoutes.endpoint]).utf8)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: Any])
        #expect(paths["/api/suggest/"] != nil)
        let search = try #require((paths["/api/search/"] as? [String: Any])?["get"] as? [String: Any])
        let names = (search["parameters"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
        #expect(Set(["category", "brand", "price", "rating_min", "facets", "highlight"]).isSubset(of: names))
    }
}
