import HTTPCore

/// Times every answer and counts it in `ShopMetrics` under its route template. Outermost in
/// the chain, so it sees the final status of errors turned into answers and of the page's files.
struct MetricsMiddleware: RouterMiddleware {
    let metrics: ShopMetrics
    /// The template of the routes a path matches, nil for none.
    let routeOf: @Sendable (_ path: String) -> String?

    func handle(_ context: RouteContext, next: Responder) throws(APIError) -> HTTPResponse {
        let start = ContinuousClock.now
        let request = context.request
        do {
            let response = try next(context)
            record(response.status, request, since: start)
            return response
        } catch {
            record(error.status, request, since: start)
            throw error
        }
    }

    private func record(_ status: Int, _ request: HTTPRequest, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let nanoseconds = UInt64(max(0, elapsed.components.seconds)) &* 1_000_000_000 &+ UInt64(max(0, elapsed.components.attoseconds / 1_000_000_000))
        metrics.recordRequest(route: route(of: request), method: request.method, status: status, nanoseconds: nanoseconds)
    }

    /// The route template, or one of three fixed names for what no route serves: the page's
    /// static files, other API paths, and other pages.
    private func route(of request: HTTPRequest) -> String {
        if let template = routeOf(request.path) { return template }
        if request.path.hasPrefix("/static/") { return "static" }
        if request.path.hasPrefix("/api/") { return "api-unmatched" }
        return "page"
    }
}
