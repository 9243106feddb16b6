import HTTPCore
import Store

/// A request on its way through the middleware to a route: the values the route captured from
/// the path (`{id}` segments), the client as `ClientAddressResolver` decided it, and the
/// account `AuthenticationMiddleware` signed in. Middleware fills it in, handlers read it (in
/// the manner of Hummingbird's request context).
struct RouteContext {
    let request: HTTPRequest
    var parameters: [String: String] = [:]
    /// Works out the key throttles count this client under (`ClientAddressMiddleware`); nil
    /// before that step.
    var clientKeyResolver: ClientAddressResolver?
    /// The key throttles count this client under, worked out when a route asks: only the
    /// sign-in and sign-up routes do, and parsing addresses showed in every search's profile
    /// (issue 16). Empty before `ClientAddressMiddleware`.
    var clientKey: String { clientKeyResolver?.throttleKey(of: request) ?? "" }
    /// The signed-in account, on routes behind `AuthenticationMiddleware`.
    var user: User?

    /// The signed-in account; 401 on a route registered without `AuthenticationMiddleware`,
    /// so a route that forgot it refuses everyone instead of serving no one in particular.
    func authenticatedUser() throws(APIError) -> User {
        guard let user else { throw .unauthorized("Sign in first: send Authorization: Bearer <access token>.") }
        return user
    }
}

/// Maps method and path to a route: its endpoint (`Endpoint`, what the OpenAPI document says
/// of it), its middleware and its handler. Paths are literal segments or `{name}` captures; a
/// trailing slash is part of the path, as in the Django API this one replaces.
struct Router: Sendable {
    typealias Handler = @Sendable (RouteContext) throws(APIError) -> HTTPResponse

    private struct Route: Sendable {
        let endpoint: Endpoint
        let segments: [Substring]
        /// The route's middleware, then its handler.
        let responder: Responder
    }

    private var routes: [Route] = []
    /// For each path some route spells out whole (no `{name}` segment): the indices of every
    /// route that matches that path, in order, whatever its pattern. A request for one of
    /// these paths (search, chat, health: most requests) is routed from here, without
    /// splitting its path and trying every route in turn, twice (`MetricsMiddleware` asks
    /// for the template too); the answer is the same as the full walk's.
    private var routesByLiteralPath: [String: [Int]] = [:]
    /// The step `.publicCatalog` routes get first (`Endpoint.caching`).
    private let publicCaching: PublicCachingMiddleware

    /// `catalogVersion` names the data public answers come from, for their ETags
    /// (`PublicCachingMiddleware.catalogVersion(of:)`); tests may leave it empty, the body
    /// and the request target still tell answers apart. `answers` keeps finished public answers
    /// for the next request with the same target (nil: none kept).
    init(catalogVersion: @escaping @Sendable () -> String = { "" }, answers: PublicAnswerCache? = nil) {
        publicCaching = PublicCachingMiddleware(catalogVersion: catalogVersion, answers: answers)
    }

    /// Every registered endpoint, as its middleware and body type completed it, in order.
    var endpoints: [Endpoint] { routes.map(\.endpoint) }

    /// Method and path pattern of every route, for the OpenAPI test.
    var patterns: [(method: String, path: String)] { routes.map { ($0.endpoint.method, $0.endpoint.path) } }

    /// Serves `endpoint` with `handler`, behind `middleware` (outermost first).
    mutating func add(_ endpoint: Endpoint, middleware: [any RouterMiddleware] = [], _ handler: @escaping Handler) {
        var endpoint = endpoint
        var middleware = middleware
        if endpoint.caching == .publicCatalog {
            // A shared cache must never hold one shopper's answer for another.
            precondition(endpoint.method == "GET" && !middleware.contains { $0 is AuthenticationMiddleware }
                         && endpoint.security.allSatisfy { $0 == .anonymous },
                         "\(endpoint.path): public caching is for GET routes that take no credentials")
            middleware.insert(publicCaching, at: 0)
        }
        // A path parameter holding U+0000 is refused (`respond`): a JSON error, documented.
        if !endpoint.pathParameters.isEmpty { endpoint.addResponse(400, .shared(.error)) }
        for step in middleware { step.document(&endpoint) }
        let segments = endpoint.path.split(separator: "/", omittingEmptySubsequences: false)
        let index = routes.count
        for (path, _) in routesByLiteralPath
        where match(segments, path.split(separator: "/", omittingEmptySubsequences: false)) != nil {
            routesByLiteralPath[path]?.append(index)
        }
        routes.append(Route(endpoint: endpoint, segments: segments, responder: MiddlewareChain.responder(middleware, then: handler)))
        if !segments.contains(where: { $0.hasPrefix("{") }), routesByLiteralPath[endpoint.path] == nil {
            routesByLiteralPath[endpoint.path] = routes.indices.filter { match(routes[$0].segments, segments) != nil }
        }
    }

    /// The routes matching `path`, in order, each with the values it captures.
    private func matches(_ path: String) -> [(route: Route, parameters: [String: String])] {
        if let indices = routesByLiteralPath[path] {
            // A route spelled like the path itself captures nothing; only patterns are matched.
            var split: [Substring]?
            return indices.compactMap { index in
                let route = routes[index]
                if route.endpoint.path == path { return (route, [:]) }
                let segments = split ?? path.split(separator: "/", omittingEmptySubsequences: false)
                split = segments
                return match(route.segments, segments).map { (route, $0) }
            }
        }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        return routes.compactMap { route in match(route.segments, segments).map { (route, $0) } }
    }

    /// Serves `endpoint` with a handler that takes the request body decoded as `Body`
    /// (`RequestBodyDecoder`), after `middleware`: the body type is the one the document
    /// describes, with the 400 and 415 answers decoding can give.
    mutating func add<Body: RequestBody>(_ endpoint: Endpoint, body: Body.Type, middleware: [any RouterMiddleware] = [],
                                         _ handler: @escaping @Sendable (RouteContext, Body) throws(APIError) -> HTTPResponse) {
        var endpoint = endpoint
        endpoint.requestBody = (Body.schemaName.map { .named($0, Body.schema) } ?? Body.schema, Body.isRequired)
        endpoint.addResponse(400, .shared(.error))
        endpoint.addResponse(415, .shared(.unsupportedMediaType))
        add(endpoint, middleware: middleware) { context throws(APIError) in
            try handler(context, try RequestBodyDecoder.decode(Body.self, from: context.request))
        }
    }

    /// The path template of the routes at `path`, whatever their methods, nil when none: what
    /// `/metrics` counts a request under (a 405 too).
    func template(path: String) -> String? {
        if let first = routesByLiteralPath[path]?.first { return routes[first].endpoint.path }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        return routes.first { match($0.segments, segments) != nil }?.endpoint.path
    }

    /// The response of the matching route; 404 when no path matches, 405 (with Allow) when
    /// the path exists for other methods.
    func respond(to context: RouteContext) throws(APIError) -> HTTPResponse {
        let request = context.request
        var allowed: [String] = []
        for (route, parameters) in matches(request.path) {
            let method = request.method == "HEAD" ? "GET" : request.method
            guard route.endpoint.method == method else {
                if !allowed.contains(route.endpoint.method) { allowed.append(route.endpoint.method) }
                continue
            }
            // A path parameter (an id) with U+0000 (%00) names nothing: PostgreSQL's text
            // cannot hold it, so it is refused before any store sees it, on every engine.
            if let name = parameters.first(where: { $0.value.utf8.contains(0) })?.key {
                throw .badRequest("The \"\(name)\" in the path must not contain the NUL character (%00).", code: "invalid_parameter")
            }
            var routed = context
            routed.parameters = parameters
            return try route.responder(routed)
        }
        if !allowed.isEmpty {
            var error = APIError(status: 405, code: "method_not_allowed", message: "\(request.method) is not allowed here.")
            error.headers.append(("Allow", (allowed.contains("GET") ? allowed + ["HEAD"] : allowed).joined(separator: ", ")))
            throw error
        }
        throw .notFound("There is no API route at this address. The routes are listed in /api/openapi.json.")
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
