import Search

/// `/api/search/`'s answer written by `JSONWriter`: the bytes `JSONResponse.make(page)` would
/// write (keys snake_case and sorted, optionals absent when nil, `next`, `previous`, `notice`
/// and `message` always present), in a tenth of the time. Keys below are in that sorted order;
/// `SearchPageJSONTests` compares both encodings over many pages.
extension CatalogRoutes.SearchPage {
    /// The page as a JSON body.
    func jsonBytes() -> [UInt8] {
        var writer = JSONWriter(capacity: 1024 + 640 * results.count)
        writer.beginObject()
        writer.key("count"); writer.integer(count)
        writer.key("count_relation"); writer.string(countRelation)
        writer.key("did_you_mean"); writer.beginArray()
        for word in didYouMean { writer.string(word) }
        writer.endArray()
        if let facets {
            writer.key("facets"); writer.beginObject()
            for (name, facet) in facets.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                writer.key(name)
                Self.write(facet, to: &writer)
            }
            writer.endObject()
        }
        writer.key("message"); writer.string(orNull: notice?.message)
        writer.key("next"); writer.string(orNull: next)
        writer.key("notice"); writer.string(orNull: notice?.rawValue)
        writer.key("partial_match"); writer.bool(partialMatch)
        writer.key("previous"); writer.string(orNull: previous)
        writer.key("query"); writer.string(query)
        writer.key("results"); writer.beginArray()
        for result in results { Self.write(result, to: &writer) }
        writer.endArray()
        writer.key("used_typo_tolerance"); writer.bool(usedTypoTolerance)
        writer.endObject()
        return writer.bytes
    }

    private static func write(_ facet: FacetJSON, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("omitted_value_count"); writer.integer(facet.omittedValueCount)
        writer.key("values"); writer.beginArray()
        for value in facet.values {
            writer.beginObject()
            writer.key("count"); writer.integer(value.count)
            writer.key("selected"); writer.bool(value.selected)
            writer.key("value"); writer.string(value.value)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }

    /// A result card (`ProductSummaryJSON`'s synthesized encoding: nil members absent).
    static func write(_ product: ProductSummaryJSON, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("brand"); writer.string(product.brand)
        writer.key("category"); writer.string(product.category)
        if let highlights = product.highlights {
            writer.key("highlights"); writer.beginObject()
            writer.key("description"); write(highlights.description, to: &writer)
            writer.key("name"); write(highlights.name, to: &writer)
            writer.endObject()
        }
        writer.key("id"); writer.string(product.id)
        writer.key("image"); writer.string(product.image)
        if let inStock = product.inStock { writer.key("in_stock"); writer.bool(inStock) }
        if let matched = product.matched {
            writer.key("matched"); writer.beginArray()
            for match in matched {
                writer.beginObject()
                writer.key("kind"); writer.string(match.kind)
                writer.key("matched_word"); writer.string(match.matchedWord)
                writer.key("query_word"); writer.string(match.queryWord)
                writer.key("typos"); writer.integer(match.typos)
                writer.endObject()
            }
            writer.endArray()
        }
        writer.key("name"); writer.string(product.name)
        if let partialMatch = product.partialMatch { writer.key("partial_match"); writer.bool(partialMatch) }
        if let price = product.price { writer.key("price"); writer.number(price) }
        if let rating = product.rating { writer.key("rating"); writer.number(rating) }
        writer.key("url"); writer.string(product.url)
        writer.endObject()
    }

    private static func write(_ segments: [HighlightsJSON.Segment], to writer: inout JSONWriter) {
        writer.beginArray()
        for segment in segments {
            writer.beginObject()
            writer.key("match"); writer.bool(segment.match)
            writer.key("text"); writer.string(segment.text)
            writer.endObject()
        }
        writer.endArray()
    }
}
