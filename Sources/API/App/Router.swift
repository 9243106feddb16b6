import HTTPCore

/// A request with the values its route captured from the path (`{id}` segments), and the
/// client as `ClientAddressResolver` decided it.
struct RouteContext {
    let request: HTTPRequest
    let parameters: [String: String]
    /// The key throttles count this client under (`ClientAddressResolver.throttleKey`).
    var clientKey: String = ""
}

/// Maps method and path to a handler. Paths are literal segments or `{name}` captures; a
/// trailing slash is part of the path, as in the Django API this one replaces.
struct Router {
    typealias Handler = @Sendable (RouteContext) throws(APIError) -> HTTPResponse

    private struct Route {
        let method: String
        let segments: [Substring]
        let pattern: String
        let handler: Handler
    }

    private var routes: [Route] = []

    /// Method and path pattern of every route, for the OpenAPI test.
    var patterns: [(method: String, path: String)] { routes.map { ($0.method, $0.pattern) } }

    mutating func add(_ method: String, _ pattern: String, _ handler: @escaping Handler) {
        routes.append(Route(method: method, segments: pattern.split(separator: "/", omittingEmptySubsequences: false),
                            pattern: pattern, handler: handler))
    }

    /// The response of the matching route; 404 when no path matches, 405 (with Allow) when
    /// the path exists for other methods.
    func respond(to request: HTTPRequest, clientKey: String = "") throws(APIError) -> HTTPResponse {
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: false)
        var allowed: [String] = []
        for route in routes {
            guard let parameters = match(route.segments, segments) else { continue }
            let method = request.method == "HEAD" ? "GET" : request.method
            guard route.method == method else {
                allowed.append(route.method)
                continue
            }
            return try route.handler(RouteContext(request: request, parameters: parameters, clientKey: clientKey))
        }
        if !allowed.isEmpty {
            var error = APIError(status: 405, code: "method_not_allowed", message: "\(request.method) is not allowed here.")
            error.headers.append(("Allow", (allowed.contains("GET") ? allowed + ["HEAD"] : allowed).joined(separator: ", ")))
            throw error
        }
        throw .notFound()
    }

    private func match(_ pattern: [Substring], _ path: [Substring]) -> [String: String]? {
        guard pattern.count == path.count else { return nil }
        var parameters: [String: String] = [:]
        for (expected, actual) in zip(pattern, path) {
            if expected.hasPrefix("{") && expected.hasSuffix("}") {
                guard !actual.isEmpty else { return nil }
                parameters[String(expected.dropFirst().dropLast())] = String(actual)
            } else if expected != actual {
                return nil
            }
        }
        return parameters
    }
}
