import HTTPCore

/// One page of a list as Django REST framework's `PageNumberPagination` answers it: `count`
/// (all results), `next` and `previous` (links with the request's other parameters, always
/// present, null at the ends) and `results`. The chat history and the orders are paged so.
struct ResultPage<Result: Encodable & DocumentedJSON>: Encodable {
    let count: Int
    let next: String?
    let previous: String?
    let results: [Result]

    /// Page `page` (from 1) of `pageSize` results out of `total`, linked from `request`.
    init(request: HTTPRequest, page: Int, pageSize: Int, total: Int, results: [Result]) {
        count = total
        next = page * pageSize < total ? CatalogRoutes.pageLink(request, page: page + 1) : nil
        previous = page > 1 ? CatalogRoutes.pageLink(request, page: page - 1) : nil
        self.results = results
    }

    static var schema: JSONSchema {
        JSONSchema.object(properties: [
            ("count", .integer), ("next", .nullableString), ("previous", .nullableString),
            ("results", .array(of: .reference(Result.self))),
        ], required: ["count", "next", "previous", "results"])
    }

    enum CodingKeys: String, CodingKey { case count, next, previous, results }

    /// Written by hand so that a null `next` or `previous` is written, not left out.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(count, forKey: .count)
        try container.encode(next, forKey: .next)
        try container.encode(previous, forKey: .previous)
        try container.encode(results, forKey: .results)
    }
}
