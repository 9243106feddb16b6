import Foundation
import Query

/// `uplyft search INDEX "query" [options]` prints a result table;
/// `uplyft search INDEX --batch QUERIES.tsv --top K` runs a query file for benchmarks and
/// relevance checks: results to stdout, timing summary to stderr.
enum SearchCommand {
    static let usage = """
        usage: uplyft search INDEX "query words" [options]
               uplyft search INDEX --batch QUERIES.tsv [--top K] [filters]
          --top K              results to show (default 10)
          --category C         only this category (repeat for several: --category A --category B)
          --brand B            only this brand (repeat for several)
          --min-price X        price at least X dollars
          --max-price Y        price at most Y dollars
          --in-stock           only products in stock
          --sort S             relevance (default), price_asc, price_desc, rating_desc
          --no-typos           no typo tolerance
          --no-prefix          the last word does not match as a prefix
          --all-words          only products with every word (no top-up with partial matches)
          --k1 X --b Y         BM25 parameters (default: the index's, 1.2 and 0.75)
          --json               one JSON object per hit instead of a table
          --facets LIST        also count these facets (category,brand,price,rating,in_stock), as the API does
          --count-all          count every match in batch runs (they skip it unless asked)
          --count-bound N      count exactly up to N matches, then print "at least N" (default 10000, as the API)
          --products           batch runs read each hit's product and highlights, as the API's page does
          --synonyms FILE      apply this synonyms file (default: $UPLYFT_SYNONYMS if set)
        batch lines are `query_id<TAB>query text`; output lines `query_id<TAB>rank<TAB>product_id<TAB>score`;
        --latency-log FILE writes `query_id<TAB>microseconds` per query (to find the slow ones);
        stderr gets `queries=N median_us=.. p90_us=.. p99_us=.. max_us=.. mean_us=.. open_us=..`.
        """

    static func run(_ arguments: [String]) throws -> Int32 {
        if arguments.contains("--help") {
            print(usage)
            return 0
        }
        let options = try CommandLineArguments(
            arguments,
            valueOptions: ["--top", "--category", "--brand", "--min-price", "--max-price", "--sort", "--k1", "--b", "--batch", "--latency-log", "--synonyms",
                           "--facets", "--count-bound"],
            flagOptions: ["--in-stock", "--no-typos", "--no-prefix", "--all-words", "--json", "--count-all", "--products"])
        guard let indexPath = options.positional.first else { throw UsageError("give an index file\n\(usage)") }
        var request = SearchRequest(query: "")
        request.limit = try options.int("--top", default: 10, range: 1...10_000)
        request.filter = SearchFilter(
            categories: values(options.repeated("--category")), brands: values(options.repeated("--brand")),
            minPrice: try options.double("--min-price"), maxPrice: try options.double("--max-price"),
            inStockOnly: options.flag("--in-stock"))
        if let sortName = options.string("--sort") {
            guard let sort = SearchSort(rawValue: sortName) else {
                throw UsageError("--sort must be one of \(SearchSort.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            request.sort = sort
        }
        request.typoTolerance = !options.flag("--no-typos")
        request.prefixMatching = !options.flag("--no-prefix")
        request.partialMatches = !options.flag("--all-words")
        for name in (options.string("--facets") ?? "").split(separator: ",") {
            guard let facet = SearchFacet(rawValue: String(name)) else {
                throw UsageError("--facets takes a comma-separated list of " + SearchFacet.allCases.map(\.rawValue).joined(separator: ","))
            }
            request.facets.insert(facet)
        }
        request.countBound = try options.int("--count-bound", default: SearchRequest.defaultCountBound, range: 1...Int(Int32.max))
        // Lucene's BM25Similarity accepts the same: k1 finite and not negative, b in 0...1.
        request.ranking = BM25Parameters(k1: try options.float("--k1", range: 0...1000), b: try options.float("--b", range: 0...1))

        let openStart = DispatchTime.now().uptimeNanoseconds
        let synonyms = try SynonymsCommand.table(path: options.string("--synonyms"))
        let index = try SearchIndex(path: indexPath, synonyms: synonyms)
        let openMicroseconds = (DispatchTime.now().uptimeNanoseconds - openStart) / 1000
        let searcher = Searcher(index: index)

        if let batchPath = options.string("--batch") {
            guard options.positional.count == 1 else { throw UsageError("--batch takes no query text\n\(usage)") }
            // The batch output is ids and scores: no products, no totals (as the peers are
            // asked in the benchmarks: Tantivy's count=False).
            request.includeProducts = options.flag("--products")
            request.highlights = request.includeProducts
            request.countsEveryMatch = options.flag("--count-all")
            try BatchSearch.run(searcher: searcher, queriesPath: batchPath, template: request, openMicroseconds: openMicroseconds,
                                latencyLogPath: options.string("--latency-log"))
            return 0
        }
        guard options.positional.count == 2 else { throw UsageError("give the query as one argument (quote it)\n\(usage)") }
        request.query = options.positional[1]
        let started = DispatchTime.now().uptimeNanoseconds
        let response = try searcher.search(request)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1000
        if options.flag("--json") {
            try printJSON(response)
        } else {
            ResultTable.print(response, elapsedMicroseconds: elapsed)
        }
        return 0
    }

    /// The values of a repeatable option, each whole (a category may hold commas), blank
    /// ones left out.
    private static func values(_ given: [String]) -> [String] {
        given.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private static func printJSON(_ response: SearchResponse) throws {
        struct Line: Encodable {
            let rank: Int
            let score: Float
            let matches: [WordMatchExplanation]
            let product: StoredProduct?
            let partialMatch: Bool
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for (rank, hit) in response.hits.enumerated() {
            let data = try encoder.encode(Line(rank: rank + 1, score: hit.score, matches: hit.matches, product: hit.product,
                                               partialMatch: hit.isPartialMatch))
            print(String(decoding: data, as: UTF8.self))
        }
    }
}
