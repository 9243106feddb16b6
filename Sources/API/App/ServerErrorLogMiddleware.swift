import HTTPCore

/// Logs every answer of status 500 or above with its method and path, whether a handler
/// returned it or threw it: the access log has the status, this line is what an operator
/// greps for (and `scripts/schemathesis.sh` prints).
struct ServerErrorLogMiddleware: RouterMiddleware {
    let log: @Sendable (String) -> Void

    func handle(_ context: RouteContext, next: Responder) throws(APIError) -> HTTPResponse {
        let response: HTTPResponse
        do {
            response = try next(context)
        } catch {
            record(error.status, context)
            throw error
        }
        record(response.status, context)
        return response
    }

    private func record(_ status: Int, _ context: RouteContext) {
        if status >= 500 { log("\(context.request.method) \(context.request.path) failed with \(status)") }
    }
}
