import Foundation
import Query

/// Runs `query_id<TAB>query` lines through the searcher, writing ranked product ids to stdout
/// and the latency distribution to stderr. Each query is timed around `search` only (not
/// reading or printing), the same way the peer scripts time their engines; a first pass over
/// all queries warms the page cache and is not counted.
enum BatchSearch {
    static func run(searcher: Searcher, queriesPath: String, template: SearchRequest, openMicroseconds: UInt64,
                    latencyLogPath: String? = nil) throws {
        let text: String
        do {
            text = try String(contentsOfFile: queriesPath, encoding: .utf8)
        } catch {
            throw CommandFailure("cannot read \(queriesPath): \(error.localizedDescription)")
        }
        var queries: [(id: String, text: String)] = []
        for (lineNumber, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let tab = trimmed.firstIndex(of: "\t") else {
                throw CommandFailure("\(queriesPath):\(lineNumber + 1): expected query_id<TAB>query text")
            }
            queries.append((String(trimmed[..<tab]), String(trimmed[trimmed.index(after: tab)...])))
        }
        for query in queries {
            var request = template
            request.query = query.text
            _ = try searcher.search(request)
        }
        let output = BufferedOutput()
        var latencies: [Double] = []
        latencies.reserveCapacity(queries.count)
        for query in queries {
            var request = template
            request.query = query.text
            let start = DispatchTime.now().uptimeNanoseconds
            let response = try searcher.search(request)
            latencies.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1000)
            for (rank, hit) in response.hits.enumerated() {
                try output.writeLine("\(query.id)\t\(rank + 1)\t\(hit.productID)\t\(String(format: "%.4f", hit.score))")
            }
        }
        try output.close()
        if let latencyLogPath {
            let log = try BufferedOutput(path: latencyLogPath)
            for (query, microseconds) in zip(queries, latencies) {
                try log.writeLine("\(query.id)\t\(String(format: "%.1f", microseconds))")
            }
            try log.close()
        }
        printError(LatencySummary(latencies).line + " open_us=\(openMicroseconds)")
    }
}

/// Median, p90, p99, max and mean of a set of latencies in microseconds.
struct LatencySummary {
    let count: Int
    let median: Double
    let p90: Double
    let p99: Double
    let max: Double
    let mean: Double

    init(_ values: [Double]) {
        let sorted = values.sorted()
        count = sorted.count
        func percentile(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            // Nearest-rank percentile: the smallest value with at least p of the values at or below it.
            let rank = Int((p * Double(sorted.count)).rounded(.up))
            return sorted[Swift.max(0, Swift.min(sorted.count - 1, rank - 1))]
        }
        median = percentile(0.5)
        p90 = percentile(0.9)
        p99 = percentile(0.99)
        max = sorted.last ?? 0
        mean = sorted.isEmpty ? 0 : sorted.reduce(0, +) / Double(sorted.count)
    }

    var line: String {
        String(format: "queries=%d median_us=%.1f p90_us=%.1f p99_us=%.1f max_us=%.1f mean_us=%.1f", count, median, p90, p99, max, mean)
    }
}
