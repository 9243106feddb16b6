import Foundation
import HTTPCore
import Query

/// What `GET /api/search/` reads from its query string besides the words and the page:
/// filters, facets and highlights, each checked, so a bad value is a 400
/// `invalid_parameter` naming the parameter and what it takes, never a search for something
/// the shopper did not ask.
///
/// Facet filters take several values (`brand=A&brand=B`: any of them), as the facet lists of
/// a page do; different parameters all apply (brand A or B, and under $50).
enum SearchParameters {
    /// Values of one repeated parameter at most, and the length of each: a page sends the few
    /// a shopper ticked; the bound keeps a request from making the filter's work unbounded.
    static let maximumValues = 50
    static let maximumValueLength = 200

    static let documentation: [QueryParameter] = [
        QueryParameter(name: "category", schema: .array(of: .string)),
        QueryParameter(name: "brand", schema: .array(of: .string)),
        QueryParameter(name: "price", schema: .array(of: .keywords(["type": "string", "pattern": "^[0-9]{1,9}(\\.[0-9]{1,2})?-([0-9]{1,9}(\\.[0-9]{1,2})?)?$"]))),
        QueryParameter(name: "rating_min", schema: .keywords(["type": "number", "minimum": 0, "maximum": 5])),
        QueryParameter(name: "facets", schema: .keywords(["type": "string",
                                                          "description": .string("Comma-separated: " + SearchFacet.allCases.map(\.rawValue).joined(separator: ", "))])),
        QueryParameter(name: "highlight", schema: .boolean),
    ]

    /// Every value of the parameter `name`, empty ones left out (an empty `brand=` from a form
    /// filters nothing, as before several values were taken).
    static func values(_ name: String, in request: HTTPRequest) throws(APIError) -> [String] {
        let values = request.query.filter { $0.name == name && !$0.value.isEmpty }.map(\.value)
        guard values.count <= maximumValues else {
            throw .badRequest("\(name) may be given at most \(maximumValues) times.", code: "invalid_parameter")
        }
        guard values.allSatisfy({ $0.count <= maximumValueLength }) else {
            throw .badRequest("Each \(name) may be at most \(maximumValueLength) characters long.", code: "invalid_parameter")
        }
        return values
    }

    /// The filter's facet parts: categories, brands, price ranges (`PriceRange.name`), the
    /// minimum rating. Prices by bound and stock are read by the route as before.
    static func addFacetFilters(from request: HTTPRequest, to filter: inout SearchFilter) throws(APIError) {
        filter.categories = try values("category", in: request)
        filter.brands = try values("brand", in: request)
        var ranges: [PriceRange] = []
        for name in try values("price", in: request) {
            guard let range = PriceRange(name: name) else {
                throw .badRequest("price must be a range of dollars such as 25-50, or 1000- for no upper bound (got \"\(name)\").",
                                  code: "invalid_parameter")
            }
            ranges.append(range)
        }
        filter.priceRanges = ranges
        if let text = request.queryValue("rating_min"), !text.isEmpty {
            guard CatalogRoutes.isJSONNumber(text), let stars = Double(text), stars >= 0, stars <= 5 else {
                throw .badRequest("rating_min must be a number of stars from 0 to 5.", code: "invalid_parameter")
            }
            filter.minimumRating = stars
        }
    }

    /// The facets named by `facets` (comma-separated, each at most once counted): none when
    /// absent, so a plain search costs what it did.
    static func facets(in request: HTTPRequest) throws(APIError) -> Set<SearchFacet> {
        var facets = Set<SearchFacet>()
        for list in try values("facets", in: request) {
            for name in list.split(separator: ",", omittingEmptySubsequences: true) {
                guard let facet = SearchFacet(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                    throw .badRequest("facets must be a comma-separated list of " + SearchFacet.allCases.map(\.rawValue).joined(separator: ", ")
                                      + " (got \"\(name.prefix(40))\").", code: "invalid_parameter")
                }
                facets.insert(facet)
            }
        }
        return facets
    }

    /// `highlight`: true, false, 1, 0 or absent (false).
    static func highlights(in request: HTTPRequest) throws(APIError) -> Bool {
        guard let text = request.queryValue("highlight"), !text.isEmpty else { return false }
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw .badRequest("highlight must be true or false.", code: "invalid_parameter")
        }
    }
}
