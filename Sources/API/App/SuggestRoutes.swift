import HTTPCore
import Query
import Search

/// `GET /api/suggest/?q=hea`: as-you-type suggestions for a search box, public like the
/// catalog: completed queries from the catalog's vocabulary and matching categories
/// (`QuerySuggester`). Bounded by `limit` (at most `QuerySuggester.maximumLimit` of each).
struct SuggestRoutes: Sendable {
    let indexes: IndexHolder

    static let limit = WholeNumberParameter(name: "limit", range: 1...QuerySuggester.maximumLimit, defaultValue: 8)
    /// Characters of `q` read, as the search reads them: a suggestion completes a query.
    static let longestQuery = 256

    static let endpoint = Endpoint(
        "GET", "/api/suggest/", summary: "Suggestions while typing: completed queries and categories",
        parameters: [.text("q"), limit.documentation],
        responses: [200: .json("Suggestions", Suggestions.schema), 400: .shared(.error)], caching: .publicCatalog)

    func register(in router: inout Router) {
        router.add(Self.endpoint) { context throws(APIError) in try suggest(context) }
    }

    struct Suggestions: Encodable {
        static let schema = JSONSchema.object(properties: [
            ("query", .string), ("queries", .array(of: .string)),
            ("categories", .array(of: .object(properties: [("name", .string), ("product_count", .integer)],
                                              required: ["name", "product_count"]))),
        ], required: ["query", "queries", "categories"])

        struct Category: Encodable {
            let name: String
            let productCount: Int
        }

        let query: String
        let queries: [String]
        let categories: [Category]
    }

    private func suggest(_ context: RouteContext) throws(APIError) -> HTTPResponse {
        let limit = try Self.limit.value(in: context.request)
        let query = String((context.request.queryValue("q") ?? "").prefix(Self.longestQuery))
        let suggestions: QuerySuggestions
        do {
            suggestions = try QuerySuggester(index: indexes.current).suggest(query, limit: limit)
        } catch {
            throw .internalError("The search index could not be read.")
        }
        return JSONResponse.make(Suggestions(query: query, queries: suggestions.queries,
                                             categories: suggestions.categories.map { Suggestions.Category(name: $0.name, productCount: $0.productCount) }))
    }
}
