import HTTPCore

/// Lets the routes work out which client the throttles count a request under
/// (`ClientAddressResolver.throttleKey`: the peer, or the client a trusted proxy names),
/// when one asks (`RouteContext.clientKey`).
struct ClientAddressMiddleware: RouterMiddleware {
    let resolver: ClientAddressResolver

    func handle(_ context: RouteContext, next: Responder) throws(APIError) -> HTTPResponse {
        var context = context
        context.clientKeyResolver = resolver
        return try next(context)
    }
}
