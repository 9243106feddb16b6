import HTTPCore

/// Refuses sign-up with 403 `registration_closed` when the shop has switched it off
/// (`ShopConfiguration.registrationEnabled`), before the body is read or a password hashed.
struct RegistrationGateMiddleware: RouterMiddleware {
    let isOpen: Bool

    func handle(_ context: RouteContext, next: Responder) throws(APIError) -> HTTPResponse {
        guard isOpen else { throw .forbidden("Sign-up is switched off on this shop.", code: "registration_closed") }
        return try next(context)
    }

    func document(_ endpoint: inout Endpoint) {
        endpoint.addResponse(403, .shared(.error))
    }
}
