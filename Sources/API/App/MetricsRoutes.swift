import Auth
import HTTPCore
import Search
import Store

/// `GET /metrics`: `ShopMetrics` and the node's gauges (the index it serves, the password
/// hashing pool) for Prometheus. Who may read it is `ShopConfiguration.metricsAccess`; the
/// output holds route templates and numbers only, never a token, cookie or query.
struct MetricsRoutes: Sendable {
    let metrics: ShopMetrics
    let indexes: IndexHolder
    let hashing: PasswordHashingPool
    let database: Database
    /// The kept public answers, nil when the node keeps none.
    let answers: PublicAnswerCache?
    let access: ShopConfiguration.MetricsAccess

    static let endpoint = Endpoint("GET", "/metrics", summary: "Counters, latency histograms and gauges in the Prometheus text format", responses: [
        200: .described("Prometheus text exposition format 0.0.4 (text/plain)"),
        403: .shared(.error),
        404: .shared(.error),
    ])

    func register(in router: inout Router) {
        router.add(Self.endpoint) { context throws(APIError) in
            try Self.check(access, peer: context.request.remoteAddress)
            let body = metrics.render(gauges: gauges())
            return HTTPResponse(status: 200, headers: [("Content-Type", "text/plain; version=0.0.4; charset=utf-8"), ("Cache-Control", "no-store")],
                                body: Array(body.utf8))
        }
    }

    /// Throws the answer for a client `access` does not admit. `peer` is the TCP peer, never a
    /// forwarded address: a proxy on this machine forwarding an outside client must not open
    /// the door.
    static func check(_ access: ShopConfiguration.MetricsAccess, peer: String) throws(APIError) {
        switch access {
        case .off:
            throw .notFound("Metrics are switched off on this node (UPLYFT_METRICS=off).")
        case .loopback:
            guard IPAddress(peer)?.isLoopback == true else {
                throw .forbidden("Metrics are served to this machine only (UPLYFT_METRICS=loopback).", code: "metrics_forbidden")
            }
        case .on:
            break
        }
    }

    private func gauges() -> [ShopMetrics.Gauge] {
        let index = indexes.current
        let load = hashing.load
        var pool: [ShopMetrics.Gauge] = []
        if let use = database.poolUse {
            pool = [
                ShopMetrics.Gauge(name: "uplyft_database_pool_connections", help: "PostgreSQL connections of this node's pool: lent to a request, open, and the pool's bound.",
                                  labels: [("state", "in_use")], value: Double(use.inUse)),
                ShopMetrics.Gauge(name: "uplyft_database_pool_connections", help: "", labels: [("state", "open")], value: Double(use.open)),
                ShopMetrics.Gauge(name: "uplyft_database_pool_connections", help: "", labels: [("state", "size")], value: Double(use.size)),
            ]
        }
        var kept: [ShopMetrics.Gauge] = []
        if let answers {
            kept = [
                ShopMetrics.Gauge(name: "uplyft_answer_cache_requests_total", help: "Public catalog requests answered from the kept answers (hit) or by the route (miss).",
                                  labels: [("result", "hit")], value: Double(answers.hits), type: "counter"),
                ShopMetrics.Gauge(name: "uplyft_answer_cache_requests_total", help: "", labels: [("result", "miss")], value: Double(answers.misses), type: "counter"),
                ShopMetrics.Gauge(name: "uplyft_answer_cache_bytes", help: "Bytes of public catalog answers kept now.", value: Double(answers.bytes)),
            ]
        }
        return pool + kept + [
            ShopMetrics.Gauge(name: "uplyft_index_info", help: "The index being served: its generation (the body checksum, the same file on every node) and format version.",
                              labels: [("generation", index.generation), ("format_version", String(index.header.formatVersion))], value: 1),
            ShopMetrics.Gauge(name: "uplyft_index_products", help: "Products in the index being served.", value: Double(index.documentCount)),
            ShopMetrics.Gauge(name: "uplyft_index_bytes", help: "Size of the index file being served, in bytes.", value: Double(index.fileBytes)),
            ShopMetrics.Gauge(name: "uplyft_password_hashing_jobs", help: "Password hashes running and waiting for a hashing thread.",
                              labels: [("state", "running")], value: Double(load.running)),
            ShopMetrics.Gauge(name: "uplyft_password_hashing_jobs", help: "", labels: [("state", "queued")], value: Double(load.queued)),
            ShopMetrics.Gauge(name: "uplyft_password_hashing_capacity", help: "Hashing threads and queue places.",
                              labels: [("kind", "threads")], value: Double(hashing.threadCount)),
            ShopMetrics.Gauge(name: "uplyft_password_hashing_capacity", help: "", labels: [("kind", "queue")], value: Double(hashing.queueCapacity)),
        ]
    }
}
