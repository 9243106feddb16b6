import HTTPCore
import Auth

/// Signs in the account of `Authorization: Bearer <access token>` for the routes behind it
/// (`RouteContext.user`), or answers 401 before the route reads anything (a body included),
/// after Hummingbird's authenticator middleware. Only access tokens count: cookies alone
/// authorize nothing here.
struct AuthenticationMiddleware: RouterMiddleware {
    let auth: AuthService
    /// Unix seconds, for token expiry.
    let clock: @Sendable () -> Int64

    func handle(_ context: RouteContext, next: Responder) throws(APIError) -> HTTPResponse {
        var context = context
        context.user = try auth.authenticate(authorization: context.request.header("Authorization"), now: clock())
        return try next(context)
    }

    func document(_ endpoint: inout Endpoint) {
        endpoint.security = [.bearer]
        endpoint.addResponse(401, .shared(.error))
    }
}
