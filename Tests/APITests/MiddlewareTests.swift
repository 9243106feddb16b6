import Foundation
import Synchronization
import Testing
@testable import API
import HTTPCore

/// The application's middleware chain (`ShopApplication`: security headers, the 5xx log, the
/// page's files, the client address) and the routes' own (`AuthenticationMiddleware`,
/// `RegistrationGateMiddleware`) answer as `ShopApplication.handle` did when it did all of it
/// inline: headers on every answer, errors included; sign-in required on the same routes and
/// checked before a body is read.
@Suite struct MiddlewareTests {
    /// A shop whose web root holds a page, so that page answers go through the chain too.
    private static func shop(_ configure: @escaping (inout ShopConfiguration) -> Void = { _ in },
                             log: @escaping @Sendable (String) -> Void = { _ in }) throws -> ShopServerFixture {
        try ShopServerFixture({ configuration in
            let webRoot = (configuration.dataDirectory as NSString).deletingLastPathComponent + "/web"
            try? FileManager.default.createDirectory(atPath: webRoot + "/static", withIntermediateDirectories: true)
            try? Data("<!doctype html><title>shop</title>".utf8).write(to: URL(fileURLWithPath: webRoot + "/index.html"))
            try? Data("body {}".utf8).write(to: URL(fileURLWithPath: webRoot + "/static/shop.css"))
            configuration.webRoot = webRoot
            configure(&configuration)
        }, log: log)
    }

    private func request(_ method: String, _ target: String, headers: [(String, String)] = [], body: String = "") throws -> HTTPRequest {
        try HTTPRequest(method: method, target: target, headers: headers, body: Array(body.utf8))
    }

    @Test func everyAnswerCarriesTheSecurityHeadersAndAPIAnswersAreNeverCached() throws {
        let shop = try Self.shop()
        let json = [("Content-Type", "application/json")]
        let cases: [(request: HTTPRequest, status: Int, isAPI: Bool)] = [
            (try request("GET", "/"), 200, false),
            (try request("GET", "/static/shop.css"), 200, false),
            (try request("GET", "/images/products/sony-wh1000xm5.svg"), 200, false),
            (try request("GET", "/static/missing.css"), 404, false),
            (try request("POST", "/static/shop.css"), 405, false),
            (try request("GET", "/nothing-here"), 404, false),
            (try request("GET", "/api/health/"), 200, true),
            (try request("GET", "/api/nothing-here/"), 404, true),
            (try request("PUT", "/api/me/"), 405, true),
            (try request("GET", "/api/me/"), 401, true),
            (try request("POST", "/api/login/", body: "{}"), 415, true),
            (try request("POST", "/api/login/", headers: json, body: "{"), 400, true),
            (try request("POST", "/api/login/", headers: json, body: #"{"username": "nobody", "password": "wrong"}"#), 401, true),
            (try request("GET", "/api/search/?page=0"), 400, true),
        ]
        for (request, status, isAPI) in cases {
            let response = shop.application.handle(request)
            let label = "\(request.method) \(request.target)"
            #expect(response.status == status, "\(label): \(response.status)")
            #expect(response.header("X-Content-Type-Options") == "nosniff", "\(label)")
            #expect(response.header("X-Frame-Options") == "DENY", "\(label)")
            #expect(response.header("Referrer-Policy") == "same-origin", "\(label)")
            #expect(response.header("Content-Security-Policy") == SecurityHeadersMiddleware.contentSecurityPolicy, "\(label)")
            if isAPI { #expect(response.header("Cache-Control") == "no-store", "\(label)") }
        }
    }

    @Test func aThrownErrorBecomesItsAnswerWithTheHeaders() throws {
        let failing: Responder = { _ throws(APIError) in throw .serviceUnavailable("busy", code: "busy", retryAfterSeconds: 3) }
        let chain = MiddlewareChain.responder([SecurityHeadersMiddleware()], then: failing)
        let response = try chain(RouteContext(request: request("GET", "/api/anything/")))
        #expect(response.status == 503)
        #expect(response.header("Retry-After") == "3")
        #expect(response.header("Cache-Control") == "no-store" && response.header("X-Frame-Options") == "DENY")
    }

    @Test func serverErrorsAreLoggedWhetherReturnedOrThrownAndNothingElseIs() throws {
        let lines = Mutex<[String]>([])
        let logger = ServerErrorLogMiddleware(log: { line in lines.withLock { $0.append(line) } })
        let answers: [(Responder, String)] = [
            ({ _ throws(APIError) in throw .internalError() }, "/thrown"),
            ({ _ throws(APIError) in HTTPResponse(status: 503, text: "down\n") }, "/returned"),
            ({ _ throws(APIError) in throw .notFound() }, "/missing"),
            ({ _ throws(APIError) in HTTPResponse(status: 200, text: "fine\n") }, "/fine"),
        ]
        for (answer, path) in answers {
            let chain = MiddlewareChain.responder([SecurityHeadersMiddleware(), logger], then: answer)
            _ = try chain(RouteContext(request: request("POST", path)))
        }
        #expect(lines.withLock { $0 } == ["POST /thrown failed with 500", "POST /returned failed with 503"])
    }

    @Test func theChainRunsInOrderAndAStepMayAnswerAlone() throws {
        struct Tag: RouterMiddleware {
            let name: String
            let answers: Bool
            func handle(_ context: RouteContext, next: Responder) throws(APIError) -> HTTPResponse {
                if answers { return HTTPResponse(status: 204, text: "") }
                var response = try next(context)
                response.headers.append(("X-Step", name))
                return response
            }
        }
        let endpoint: Responder = { _ throws(APIError) in HTTPResponse(status: 200, text: "route\n") }
        let through = try MiddlewareChain.responder([Tag(name: "outer", answers: false), Tag(name: "inner", answers: false)],
                                                    then: endpoint)(RouteContext(request: request("GET", "/")))
        #expect(through.status == 200)
        #expect(through.headers.filter { $0.0 == "X-Step" }.map(\.1) == ["inner", "outer"], "the outer step sees the answer last")
        let shortcut = try MiddlewareChain.responder([Tag(name: "outer", answers: false), Tag(name: "gate", answers: true)],
                                                     then: endpoint)(RouteContext(request: request("GET", "/")))
        #expect(shortcut.status == 204)
        #expect(shortcut.headers.filter { $0.0 == "X-Step" }.map(\.1) == ["outer"])
    }

    /// Sign-in is required exactly where it was, the document says so of exactly those
    /// routes, and the token is checked before the body: no token and a bad body is 401.
    @Test func signInIsRequiredWhereItWasAndBeforeTheBodyIsRead() throws {
        let shop = try Self.shop()
        let document = try #require(try JSONSerialization.jsonObject(with: Data(shop.application.openAPIDocument.utf8)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var documented: Set<String> = []
        for (path, operations) in paths {
            for (method, operation) in operations {
                let security = (operation as? [String: Any])?["security"] as? [[String: Any]] ?? []
                if security.count == 1, security[0]["bearer"] != nil { documented.insert("\(method.uppercased()) \(path)") }
            }
        }
        let signedIn: Set<String> = ["GET /api/me/", "POST /api/chat/", "GET /api/chat/history/", "DELETE /api/chat/history/",
                                     // The cart and orders (issue 15).
                                     "GET /api/cart/", "POST /api/cart/items/", "PUT /api/cart/items/{product_id}/",
                                     "DELETE /api/cart/items/{product_id}/", "POST /api/checkout/", "POST /api/orders/",
                                     "GET /api/orders/", "GET /api/orders/{id}/"]
        #expect(documented == signedIn)
        for route in shop.application.routePatterns {
            let target = route.path.replacingOccurrences(of: "{id}", with: "sony-wh1000xm5")
                .replacingOccurrences(of: "{product_id}", with: "sony-wh1000xm5")
            // Not JSON, not even the right media type: only a route that checks the token first answers 401.
            let response = shop.application.handle(try request(route.method, target, headers: [("Content-Type", "text/plain")], body: "{"))
            let key = "\(route.method) \(route.path)"
            #expect((response.status == 401) == signedIn.contains(key), "\(key): \(response.status)")
            if signedIn.contains(key) { #expect(response.header("WWW-Authenticate") == "Bearer realm=\"uplyft\"", "\(key)") }
        }
    }

    @Test func aRouteThatForgetsTheAuthenticationStepRefusesEveryone() throws {
        var router = Router()
        router.add(Endpoint("GET", "/api/mine/", summary: "forgot its middleware", responses: [200: .described("never")])) {
            context throws(APIError) in JSONResponse.make(["user": try context.authenticatedUser().username])
        }
        let context = RouteContext(request: try request("GET", "/api/mine/", headers: [("Authorization", "Bearer x")]))
        do {
            _ = try router.respond(to: context)
            Issue.record("answered without a signed-in account")
        } catch {
            #expect(error.status == 401)
        }
    }

    /// The sign-up switch is checked before the body, as it was: a closed shop answers 403
    /// to every sign-up, however malformed.
    @Test func closedSignUpIsRefusedBeforeTheBodyIsRead() throws {
        let shop = try Self.shop { $0.registrationEnabled = false }
        for (type, body) in [("text/plain", "username=a"), ("application/json", "{"), ("application/json", #"{"username": 5}"#)] {
            let response = shop.application.handle(try request("POST", "/api/register/", headers: [("Content-Type", type)], body: body))
            #expect(response.status == 403, "\(type) \(body): \(response.status)")
        }
        #expect(try shop.application.users.count() == 0)
    }

    /// Paths some route spells out whole are routed from a table (issue 16's profile), and
    /// must be routed exactly as walking every route in order would: the first route of the
    /// method wins whether it is a pattern or not, registered before or after, and 405 lists
    /// every method any matching route takes.
    @Test func routingByWholePathsKeepsTheOrderOfEveryRoute() throws {
        var router = Router()
        func answer(_ name: String) -> Router.Handler {
            { context throws(APIError) in JSONResponse.make(["route": name, "id": context.parameters["id"] ?? ""]) }
        }
        router.add(Endpoint("GET", "/shop/{id}/", summary: "pattern first", responses: [200: .described("x")]), answer("pattern-get"))
        router.add(Endpoint("GET", "/shop/cart/", summary: "literal after", responses: [200: .described("x")]), answer("literal-get"))
        router.add(Endpoint("POST", "/shop/cart/", summary: "literal post", responses: [200: .described("x")]), answer("literal-post"))
        router.add(Endpoint("PUT", "/shop/{id}/", summary: "pattern after", responses: [200: .described("x")]), answer("pattern-put"))
        func routed(_ method: String, _ path: String) throws -> [String: String] {
            let response = try router.respond(to: RouteContext(request: try request(method, path)))
            return try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: String])
        }
        #expect(try routed("GET", "/shop/cart/") == ["route": "pattern-get", "id": "cart"])
        #expect(try routed("HEAD", "/shop/cart/") == ["route": "pattern-get", "id": "cart"])
        #expect(try routed("POST", "/shop/cart/") == ["route": "literal-post", "id": ""])
        #expect(try routed("PUT", "/shop/cart/") == ["route": "pattern-put", "id": "cart"])
        #expect(try routed("GET", "/shop/mug/") == ["route": "pattern-get", "id": "mug"])
        let delete = RouteContext(request: try request("DELETE", "/shop/cart/"))
        do {
            _ = try router.respond(to: delete)
            Issue.record("DELETE answered")
        } catch {
            #expect(error.status == 405)
            #expect(error.headers.first(where: { $0.0 == "Allow" })?.1 == "GET, POST, PUT, HEAD")
        }
        #expect(router.template(path: "/shop/cart/") == "/shop/{id}/")
        #expect(router.template(path: "/shop/mug/") == "/shop/{id}/")
        #expect(router.template(path: "/nowhere/") == nil)
    }
}
