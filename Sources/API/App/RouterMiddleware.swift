import HTTPCore

/// The next step of a request: the rest of the middleware chain, then the route.
typealias Responder = @Sendable (RouteContext) throws(APIError) -> HTTPResponse

/// One step between the server and the handlers, after Hummingbird's `RouterMiddleware`: it
/// sees the request before the next step and the response (or error) after it, and may answer
/// by itself without calling `next` at all. The application's steps run for every request
/// (`ShopApplication`); a route's own steps run once its path and method matched (`Router.add`).
protocol RouterMiddleware: Sendable {
    func handle(_ context: RouteContext, next: Responder) throws(APIError) -> HTTPResponse

    /// What the step adds to the description of a route it guards (credentials it asks for,
    /// answers it can give); nothing by default.
    func document(_ endpoint: inout Endpoint)
}

extension RouterMiddleware {
    func document(_ endpoint: inout Endpoint) {}
}

/// Middleware composed into one responder, the way Hummingbird's `MiddlewareGroup` does it:
/// built once, each step holding the next, so a request costs a call per step.
enum MiddlewareChain {
    /// `middleware` in order (the first sees the request first and the response last), then
    /// `endpoint`.
    static func responder(_ middleware: [any RouterMiddleware], then endpoint: @escaping Responder) -> Responder {
        var responder = endpoint
        for step in middleware.reversed() {
            let next = responder
            responder = { @Sendable (context: RouteContext) throws(APIError) -> HTTPResponse in
                try step.handle(context, next: next)
            }
        }
        return responder
    }
}
