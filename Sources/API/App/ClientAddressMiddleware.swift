import HTTPCore

/// Decides, once per request, which client the throttles count it under
/// (`ClientAddressResolver.throttleKey`: the peer, or the client a trusted proxy names).
struct ClientAddressMiddleware: RouterMiddleware {
    let resolver: ClientAddressResolver

    func handle(_ context: RouteContext, next: Responder) throws(APIError) -> HTTPResponse {
        var context = context
        context.clientKey = resolver.throttleKey(of: context.request)
        return try next(context)
    }
}
