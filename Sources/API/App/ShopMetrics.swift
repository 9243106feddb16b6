import Synchronization

/// What `/metrics` reports: answers counted by route, method and status with their latency as
/// histograms, and the search engine's and the assistant's own time, in the Prometheus text
/// exposition format (version 0.0.4: `# HELP`, `# TYPE`, one sample a line; histograms as
/// cumulative `_bucket{le=...}` counts with `_sum` and `_count`).
///
/// Every label value comes from a bounded set, whatever clients send: routes are the router's
/// path templates (`/api/products/{id}/`, never the id), methods outside the standard ones are
/// "other", statuses are three digits. So the number of series stays fixed, and no token, cookie
/// or query text can reach the output.
final class ShopMetrics: Sendable {
    /// One series of requests.
    struct RequestKey: Hashable, Sendable {
        let route: String
        let method: String
        let status: Int
    }

    /// Counts of observations at or below each bound of `bucketBounds`, their number and sum.
    struct Histogram: Sendable {
        var buckets = [UInt64](repeating: 0, count: ShopMetrics.bucketBounds.count)
        var count: UInt64 = 0
        var sumNanoseconds: UInt64 = 0

        mutating func observe(nanoseconds: UInt64) {
            count &+= 1
            sumNanoseconds &+= nanoseconds
            let seconds = Double(nanoseconds) / 1e9
            // Cumulative at render time; here each observation lands in its first bucket only.
            if let bucket = ShopMetrics.bucketBounds.firstIndex(where: { seconds <= $0 }) { buckets[bucket] &+= 1 }
        }
    }

    /// Upper bounds in seconds: from a cached search (tens of microseconds) to a slow chat turn.
    static let bucketBounds: [Double] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]
    static let knownMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    private let requests = Mutex<[RequestKey: Histogram]>([:])
    private let searches = Mutex(Histogram())
    private let chatTurns = Mutex(Histogram())

    /// Counts one answer. `route` must be a template or one of the fixed fallbacks
    /// (`MetricsMiddleware`); an unusual `method` is counted as "other".
    func recordRequest(route: String, method: String, status: Int, nanoseconds: UInt64) {
        let key = RequestKey(route: route, method: Self.knownMethods.contains(method) ? method : "other",
                             status: (100...599).contains(status) ? status : 0)
        requests.withLock { $0[key, default: Histogram()].observe(nanoseconds: nanoseconds) }
    }

    /// The engine's time for one search, without HTTP, JSON or the page's work.
    func recordSearch(nanoseconds: UInt64) {
        searches.withLock { $0.observe(nanoseconds: nanoseconds) }
    }

    /// Runs one search (`body`) and records its time as `recordSearch` does.
    func timingSearch<Result>(_ body: () throws -> Result) rethrows -> Result {
        let start = ContinuousClock.now
        defer { recordSearch(nanoseconds: Self.nanoseconds(since: start)) }
        return try body()
    }

    /// Records the time of one answered chat message, begun at `start`.
    func recordChatTurn(since start: ContinuousClock.Instant) {
        recordChatTurn(nanoseconds: Self.nanoseconds(since: start))
    }

    static func nanoseconds(since start: ContinuousClock.Instant) -> UInt64 {
        let elapsed = ContinuousClock.now - start
        let (seconds, attoseconds) = elapsed.components
        return UInt64(max(0, seconds)) &* 1_000_000_000 &+ UInt64(max(0, attoseconds / 1_000_000_000))
    }

    /// The assistant's time for one message, its database writes included.
    func recordChatTurn(nanoseconds: UInt64) {
        chatTurns.withLock { $0.observe(nanoseconds: nanoseconds) }
    }

    /// A value read when scraped: a gauge with its help text and labels.
    /// A value read when scraped; `type` is "gauge" or, for a total that only grows, "counter".
    struct Gauge {
        let name: String
        let help: String
        var labels: [(String, String)] = []
        let value: Double
        var type = "gauge"
    }

    /// The whole exposition: request series sorted by route, method and status, then the
    /// search and chat histograms, then `gauges` in the order given (one HELP/TYPE per name).
    func render(gauges: [Gauge]) -> String {
        var text = ""
        let snapshot = requests.withLock { $0 }.sorted {
            ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status)
        }
        text += "# HELP uplyft_http_requests_total Answers given, by route template, method and status.\n"
        text += "# TYPE uplyft_http_requests_total counter\n"
        for (key, histogram) in snapshot {
            text += "uplyft_http_requests_total\(Self.labels(key.labels)) \(histogram.count)\n"
        }
        text += "# HELP uplyft_http_request_duration_seconds Time from a request read to its answer ready, by route template, method and status.\n"
        text += "# TYPE uplyft_http_request_duration_seconds histogram\n"
        for (key, histogram) in snapshot {
            Self.append(histogram, name: "uplyft_http_request_duration_seconds", labels: key.labels, to: &text)
        }
        text += "# HELP uplyft_search_duration_seconds The search engine's time per search (no HTTP or JSON).\n"
        text += "# TYPE uplyft_search_duration_seconds histogram\n"
        Self.append(searches.withLock { $0 }, name: "uplyft_search_duration_seconds", labels: [], to: &text)
        text += "# HELP uplyft_chat_turn_duration_seconds The assistant's time per message, storing it included.\n"
        text += "# TYPE uplyft_chat_turn_duration_seconds histogram\n"
        Self.append(chatTurns.withLock { $0 }, name: "uplyft_chat_turn_duration_seconds", labels: [], to: &text)
        var described: Set<String> = []
        for gauge in gauges {
            if described.insert(gauge.name).inserted {
                text += "# HELP \(gauge.name) \(gauge.help)\n# TYPE \(gauge.name) \(gauge.type)\n"
            }
            text += "\(gauge.name)\(Self.labels(gauge.labels)) \(Self.number(gauge.value))\n"
        }
        return text
    }

    private static func append(_ histogram: Histogram, name: String, labels: [(String, String)], to text: inout String) {
        var cumulative: UInt64 = 0
        for (bound, count) in zip(bucketBounds, histogram.buckets) {
            cumulative &+= count
            text += "\(name)_bucket\(Self.labels(labels + [("le", number(bound))])) \(cumulative)\n"
        }
        text += "\(name)_bucket\(Self.labels(labels + [("le", "+Inf")])) \(histogram.count)\n"
        text += "\(name)_sum\(Self.labels(labels)) \(number(Double(histogram.sumNanoseconds) / 1e9))\n"
        text += "\(name)_count\(Self.labels(labels)) \(histogram.count)\n"
    }

    /// `{a="x",b="y"}`, values escaped as the format asks (backslash, quote, newline); empty
    /// for no labels.
    static func labels(_ pairs: [(String, String)]) -> String {
        guard !pairs.isEmpty else { return "" }
        let escaped = pairs.map { name, value in
            var text = ""
            for character in value {
                switch character {
                case "\\": text += "\\\\"
                case "\"": text += "\\\""
                case "\n": text += "\\n"
                default: text.append(character)
                }
            }
            return "\(name)=\"\(text)\""
        }
        return "{" + escaped.joined(separator: ",") + "}"
    }

    /// A sample value: whole numbers without a fraction, others as Swift prints a Double.
    static func number(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}

extension ShopMetrics.RequestKey {
    var labels: [(String, String)] { [("route", route), ("method", method), ("status", String(status))] }
}
