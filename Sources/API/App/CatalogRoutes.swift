import Foundation
import HTTPCore
import Query
import Search

/// Public catalog endpoints: product details and search with filters, sorting and pages.
struct CatalogRoutes: Sendable {
    let indexes: IndexHolder
    /// Where each search's engine time is recorded (`uplyft_search_duration_seconds`).
    var metrics = ShopMetrics()
    /// Matches counted exactly before `count` becomes a lower bound (`SearchRequest.countBound`).
    var countBound = Self.defaultCountBound
    static let maximumPageSize = 100
    /// Elasticsearch's default for `track_total_hits`; on a million products counting past
    /// it cost more than ranking (Benchmarks/results/totals16.md).
    static let defaultCountBound = SearchRequest.defaultCountBound

    func register(in router: inout Router) {
        router.add(Self.productEndpoint) { context throws(APIError) in try product(context) }
        router.add(Self.searchEndpoint) { context throws(APIError) in try search(context) }
    }

    static let page = WholeNumberParameter(name: "page", range: 1...10_000, defaultValue: 1)
    static let pageSize = WholeNumberParameter(name: "page_size", range: 1...maximumPageSize, defaultValue: 10)
    /// A price bound's schema: the range `price(_:name:)` takes.
    static let priceSchema = JSONSchema.keywords(["type": "number", "minimum": 0, "maximum": .number(SearchFilter.maximumPrice)])

    static let productEndpoint = Endpoint("GET", "/api/products/{id}/", summary: "One product with every stored field", responses: [
        200: .json("The product", .reference(ProductDetailJSON.self)), 404: .shared(.error),
    ], caching: .publicCatalog)
    static let searchEndpoint = Endpoint(
        "GET", "/api/search/", summary: "Search the catalog",
        parameters: [.text("q"),
                     QueryParameter(name: "min_price", schema: priceSchema), QueryParameter(name: "max_price", schema: priceSchema),
                     QueryParameter(name: "in_stock", schema: .boolean),
                     QueryParameter(name: "sort", schema: .keywords(["enum": .array(SearchSort.allCases.map { .string($0.rawValue) })])),
                     page.documentation, pageSize.documentation] + SearchParameters.documentation,
        responses: [200: .json("A page of results", SearchPage.schema), 400: .shared(.error)], caching: .publicCatalog)

    private func product(_ context: RouteContext) throws(APIError) -> HTTPResponse {
        let id = context.parameters["id"] ?? ""
        let found: StoredProduct?
        do {
            found = try indexes.current.product(id: id)
        } catch {
            throw .internalError("The product could not be read from the index.")
        }
        guard let found else { throw .notFound("No product has the id \"\(id)\".") }
        return JSONResponse.make(ProductDetailJSON(found))
    }

    struct SearchPage: Encodable {
        static let schema = JSONSchema.object(properties: [
            ("count", .integer), ("count_relation", .keywords(["enum": .array([.string("eq"), .string("gte")])])), ("next", .nullableString), ("previous", .nullableString),
            ("results", .array(of: .reference(ProductSummaryJSON.self))), ("query", .string), ("partial_match", .boolean),
            ("used_typo_tolerance", .boolean), ("did_you_mean", .array(of: .string)),
            ("notice", .keywords(["enum": .array(SearchNotice.allCases.map { .string($0.rawValue) } + [.null])])),
            ("message", .nullableString),
            ("facets", .object(properties: SearchFacet.allCases.map { ($0.rawValue, facetSchema) })),
        ])
        /// One facet of `facets` (`FacetJSON`).
        static let facetSchema = JSONSchema.object(properties: [
            ("values", .array(of: .object(properties: [("value", .string), ("count", .integer), ("selected", .boolean)],
                                          required: ["value", "count", "selected"]))),
            ("omitted_value_count", .integer),
        ], required: ["values", "omitted_value_count"])

        /// Matching products: exact when `countRelation` is "eq"; when "gte", at least this
        /// many (the search stopped counting at its bound), and the page links end there.
        let count: Int
        let countRelation: String
        let next: String?
        let previous: String?
        let results: [ProductSummaryJSON]
        let query: String
        /// True when some result of this page is a partial match (each result says whether it
        /// is one, `ProductSummaryJSON.partialMatch`): products lacking some words rank after
        /// every product that has them all.
        let partialMatch: Bool
        let usedTypoTolerance: Bool
        let didYouMean: [String]
        /// Why the search found nothing without looking (`SearchNotice`), null otherwise.
        let notice: SearchNotice?
        /// The requested facets' counts by facet name; absent when none was requested.
        let facets: [String: FacetJSON]?

        enum CodingKeys: String, CodingKey {
            case count, countRelation, next, previous, results, query, partialMatch, usedTypoTolerance, didYouMean, notice, message, facets
        }

        /// `next` and `previous` are always present, null at the ends, as Django REST
        /// framework pages them (the synthesized encoding would leave them out).
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(count, forKey: .count)
            try container.encode(countRelation, forKey: .countRelation)
            try container.encode(next, forKey: .next)
            try container.encode(previous, forKey: .previous)
            try container.encode(results, forKey: .results)
            try container.encode(query, forKey: .query)
            try container.encode(partialMatch, forKey: .partialMatch)
            try container.encode(usedTypoTolerance, forKey: .usedTypoTolerance)
            try container.encode(didYouMean, forKey: .didYouMean)
            try container.encode(notice, forKey: .notice)
            try container.encode(notice?.message, forKey: .message)
            try container.encodeIfPresent(facets, forKey: .facets)
        }
    }

    private func search(_ context: RouteContext) throws(APIError) -> HTTPResponse {
        let request = context.request
        let page = try Self.page.value(in: request)
        let pageSize = try Self.pageSize.value(in: request)
        var filter = SearchFilter()
        try SearchParameters.addFacetFilters(from: request, to: &filter)
        let facets = try SearchParameters.facets(in: request)
        let highlights = try SearchParameters.highlights(in: request)
        filter.minPrice = try Self.price(request.queryValue("min_price"), name: "min_price")
        filter.maxPrice = try Self.price(request.queryValue("max_price"), name: "max_price")
        filter.inStockOnly = ["1", "true", "yes"].contains(request.queryValue("in_stock")?.lowercased() ?? "")
        var sort = SearchSort.relevance
        if let text = request.queryValue("sort"), !text.isEmpty {
            guard let parsed = SearchSort(rawValue: text) else {
                throw .badRequest("sort must be one of \(SearchSort.allCases.map(\.rawValue).joined(separator: ", ")).", code: "invalid_parameter")
            }
            sort = parsed
        }
        let query = String((request.queryValue("q") ?? "").prefix(256))
        let index = indexes.current
        let response: SearchResponse
        do {
            var searchRequest = SearchRequest(query: query, limit: pageSize, offset: (page - 1) * pageSize, filter: filter, sort: sort)
            searchRequest.facets = facets
            searchRequest.highlights = highlights
            searchRequest.countBound = countBound
            response = try metrics.timingSearch { try Searcher(index: index).search(searchRequest) }
        } catch {
            throw .internalError("The search index could not be read.")
        }
        let results = response.hits.compactMap { hit in
            hit.product.map { ProductSummaryJSON($0, matches: hit.matches, partialMatch: hit.isPartialMatch, highlights: hit.highlights) }
        }
        let didYouMean = response.hits.isEmpty ? QueryWordsHint.suggestions(for: query, index: index) : []
        // Past the bound `count` is the bound, so the links lead to its last page: paging by
        // `next` stops there, without an empty page; a later page asked for is still served.
        let hasNext = page * pageSize < response.totalMatches
        return JSONResponse.make(json: SearchPage(
            count: response.totalMatches, countRelation: response.totalIsLowerBound ? "gte" : "eq",
            next: hasNext ? Self.pageLink(request, page: page + 1) : nil,
            previous: page > 1 ? Self.pageLink(request, page: page - 1) : nil,
            results: results, query: query, partialMatch: response.isPartialMatch,
            usedTypoTolerance: response.usedTypoTolerance, didYouMean: didYouMean, notice: response.notice,
            facets: facets.isEmpty ? nil : FacetJSON.byName(response.facets)).jsonBytes())
    }

    /// The same search URL with another page number (Django REST framework's next/previous).
    static func pageLink(_ request: HTTPRequest, page: Int) -> String {
        var components = URLComponents()
        components.path = request.path
        components.queryItems = request.query.filter { $0.name != "page" }.map { URLQueryItem(name: $0.name, value: $0.value) }
            + [URLQueryItem(name: "page", value: String(page))]
        return components.string ?? request.path
    }

    /// A price bound in dollars: a JSON number (`-?digits[.digits][e[+-]digits]`, nothing
    /// else, so no "nan", "inf", "0x10", "1,000" or spaces, which `Double(_:)` would take in
    /// part) from 0 to `SearchFilter.maximumPrice`. Above that no product costs anything.
    static func price(_ text: String?, name: String) throws(APIError) -> Double? {
        guard let text, !text.isEmpty else { return nil }
        guard isJSONNumber(text), let number = Double(text), number.isFinite, number >= 0, number <= SearchFilter.maximumPrice else {
            throw .badRequest("\(name) must be a number of dollars from 0 to \(String(format: "%.2f", SearchFilter.maximumPrice)).",
                              code: "invalid_parameter")
        }
        return number
    }

    /// Whether `text` has the shape of a JSON number (RFC 8259, section 6) in ASCII:
    /// `-?digits[.digits][(e|E)[+-]digits]` (leading zeros are let through).
    static func isJSONNumber(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        func digits() -> Int {
            let count = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        guard digits() > 0 else { return false }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard digits() > 0 else { return false }
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }
}
