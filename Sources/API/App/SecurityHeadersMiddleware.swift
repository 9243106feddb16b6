import HTTPCore

/// Headers every response carries, the page's and the API's, errors included; API answers are
/// never cached (they hold tokens and personal history) unless their route set its own
/// Cache-Control (the public catalog, `PublicCachingMiddleware`). A page with inlined style
/// sets its own Content-Security-Policy (`StyleInlining`). The outermost step but for
/// compression: an error thrown below becomes its response here (`APIError.response`), so
/// nothing leaves without them.
struct SecurityHeadersMiddleware: RouterMiddleware {
    static let contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    func handle(_ context: RouteContext, next: Responder) throws(APIError) -> HTTPResponse {
        var response: HTTPResponse
        do {
            response = try next(context)
        } catch {
            response = error.response
        }
        Self.add(to: &response, isAPI: context.request.path.hasPrefix("/api/"))
        return response
    }

    /// Sets each header the response does not set itself.
    static func add(to response: inout HTTPResponse, isAPI: Bool) {
        func set(_ name: String, _ value: String) {
            if !response.headers.contains(where: { HTTPSyntax.namesEqual($0.0, name) }) { response.headers.append((name, value)) }
        }
        set("X-Content-Type-Options", "nosniff")
        set("Referrer-Policy", "same-origin")
        set("X-Frame-Options", "DENY")
        set("Content-Security-Policy", contentSecurityPolicy)
        if isAPI { set("Cache-Control", "no-store") }
    }
}
