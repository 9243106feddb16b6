import Catalog
import Foundation
import HTTPCore
import Indexer
import TestSupport
@testable import API
@testable import Auth

/// The real shop server on 127.0.0.1 and a kernel-chosen port, serving a dozen hand-written
/// products from a freshly built index, with its database in a temporary directory.
/// Each test makes its own, so tests share no accounts, tokens or throttle counters and can
/// run in parallel. Shutdown and clean-up happen when the fixture is released.
final class ShopServerFixture {
    /// 38 bytes, above the 32-byte minimum; the JWT cross-check hands it to PyJWT.
    static let secret = "uplyft-end-to-end-test-secret-0123456789"
    /// Low so that registering and signing in cost about a millisecond instead of a second.
    static let passwordIterations = 1_000

    static let products: [Product] = [
        Product(id: "sony-wh1000xm5", name: "Sony WH-1000XM5 Wireless Noise Cancelling Headphones", brand: "Sony",
                category: "Electronics", description: "Industry-leading noise cancellation and 30 hours of battery life.",
                price: 348.00, image: "/images/sony-wh1000xm5.jpg", attributes: [("color", "Black"), ("connectivity", "Bluetooth")],
                rating: 4.7, stock: 12),
        Product(id: "bose-qc45", name: "Bose QuietComfort 45 Wireless Headphones", brand: "Bose", category: "Electronics",
                description: "Comfortable over-ear headphones with noise cancelling.", price: 279.00,
                attributes: [("color", "White")], rating: 4.5, stock: 0),
        Product(id: "jbl-tune-510bt", name: "JBL Tune 510BT Wireless On-Ear Headphones", brand: "JBL", category: "Electronics",
                description: "Budget headphones with deep bass.", price: 49.95, attributes: [("color", "Blue")], rating: 4.3, stock: 40),
        Product(id: "beats-powerbeats-pro", name: "Beats Powerbeats Pro Wireless Earbuds", brand: "Beats", category: "Electronics",
                description: "Sweat resistant earbuds with ear hooks, made for workouts.", price: 199.99, rating: 4.4, stock: 15),
        Product(id: "anker-usb-c-cable", name: "Anker USB-C to USB-C Cable 6ft", brand: "Anker", category: "Electronics",
                description: "Braided charging cable for phones and laptops.", price: 12.99, rating: 4.6, stock: 100),
        Product(id: "kindle-paperwhite", name: "Kindle Paperwhite 16GB E-Reader", brand: "Amazon", category: "Electronics",
                description: "A glare-free display and weeks of battery.", price: 149.99, rating: 4.6, stock: 8),
        Product(id: "timberland-boots-black", name: "Timberland Men's Black Leather Boots", brand: "Timberland", category: "Shoes",
                description: "Waterproof leather boots for winter.", price: 169.99,
                attributes: [("color", "Black"), ("material", "Leather")], rating: 4.4, stock: 7),
        Product(id: "nike-pegasus-40", name: "Nike Air Zoom Pegasus 40 Running Shoes", brand: "Nike", category: "Shoes",
                description: "Responsive cushioning for daily runs.", price: 129.99, attributes: [("color", "Grey")], rating: 4.5, stock: 22),
        Product(id: "cafe-bustelo-beans", name: "Café Bustelo Espresso Coffee Beans 2lb", brand: "Café Bustelo", category: "Grocery",
                description: "Dark roast whole bean coffee for espresso.", price: 14.49, rating: 4.8, stock: 25),
        Product(id: "ceramic-mug", name: "Ceramic Coffee Mug 12oz", brand: "Home Basics", category: "Home & Kitchen",
                description: "Dishwasher safe mug for the office.", price: 9.99, attributes: [("color", "Black")], rating: 4.1, stock: 50),
        Product(id: "instant-pot-duo", name: "Instant Pot Duo 7-in-1 Electric Pressure Cooker", brand: "Instant Pot",
                category: "Home & Kitchen", description: "Pressure cooker, slow cooker and rice cooker in one.", price: 89.00,
                rating: 4.7, stock: 5),
        Product(id: "atomic-habits", name: "Atomic Habits by James Clear", brand: "Avery", category: "Books",
                description: "Small changes, remarkable results.", price: 16.99, rating: 4.8, stock: 30),
    ]

    let directory: String
    let application: ShopApplication
    let server: HTTPServer
    let port: Int

    /// `configure` adjusts the shop's settings (registration switch, token lifetimes) before start.
    /// `clock` replaces the wall clock (Unix seconds) for tokens and throttles; `hasher` the
    /// password hasher; `hashingObserver` sees what the hashing pool does with each job; `log`
    /// receives the application's log lines.
    init(_ configure: (inout ShopConfiguration) -> Void = { _ in }, clock: (@Sendable () -> Int64)? = nil,
         hasher: (any PasswordHashing)? = nil, hashingObserver: (@Sendable (PasswordHashingPool.Event) -> Void)? = nil,
         log: @escaping @Sendable (String) -> Void = { _ in }) throws {
        directory = NSTemporaryDirectory() + "uplyft-shop-e2e-" + UUID().uuidString
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let indexPath = directory + "/catalog.uplyft"
            var builder = IndexBuilder()
            for product in Self.products { builder.add(product) }
            _ = try builder.write(to: indexPath)

            var configuration = ShopConfiguration()
            configuration.host = "127.0.0.1"
            configuration.port = 0
            configuration.indexPath = indexPath
            configuration.dataDirectory = directory + "/data"
            configuration.secret = Self.secret
            configuration.passwordIterations = Self.passwordIterations
            configure(&configuration)
            let application = try ShopApplication(configuration: configuration, log: log,
                                                  clock: clock ?? { Int64(Date().timeIntervalSince1970) },
                                                  hasher: hasher, hashingObserver: hashingObserver)
            self.application = application

            var serverConfiguration = HTTPServerConfiguration()
            serverConfiguration.host = "127.0.0.1"
            serverConfiguration.port = 0
            // Small, since every test starts its own server; as `uplyft serve` does, enough
            // workers that password hashing can hold at most half of them.
            serverConfiguration.loops = 1
            serverConfiguration.workerCount = max(4, configuration.minimumHTTPWorkerCount)
            serverConfiguration.isSharedFrontEnd = { application.isTrustedProxy(peerAddress: $0) }
            // Search and suggest answered on the loop (`EventLoopRoutes`), so every
            // over-the-wire test also runs them through that path.
            serverConfiguration.runsOnEventLoop = { application.runsOnEventLoop($0) }
            server = HTTPServer(configuration: serverConfiguration, handler: { application.handle($0) })
            port = try server.start()
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    deinit {
        server.shutdown(timeoutSeconds: 5)
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Tokens the server would issue, made directly: for expired and forged tokens, which
    /// the HTTP flow cannot produce without waiting.
    func signToken(subject: String, type: TokenType, issuedAt: Int, expiresAt: Int, secret: String = ShopServerFixture.secret) -> String {
        TokenSigner(secret: Array(secret.utf8)).sign(TokenClaims(sub: subject, iat: issuedAt, exp: expiresAt,
                                                                  jti: AuthService.randomIdentifier(), type: type))
    }

    // MARK: - Talking to the server

    /// Sends one request on a new connection and reads the answer. `json` sets the body and
    /// `Content-Type: application/json` unless `contentType` says otherwise. `sourceAddress`
    /// (in 127/8) makes the request come from another peer than 127.0.0.1.
    func request(_ method: String, _ target: String, json: String? = nil, contentType: String? = nil,
                 headers: [(String, String)] = [], sourceAddress: String? = nil) throws -> RawHTTPClient.Response {
        try Self.request(port: port, method, target, json: json, contentType: contentType, headers: headers, sourceAddress: sourceAddress)
    }

    /// `request` for code that holds only the port (other threads: the fixture is not Sendable).
    static func request(port: Int, _ method: String, _ target: String, json: String? = nil, contentType: String? = nil,
                        headers: [(String, String)] = [], sourceAddress: String? = nil) throws -> RawHTTPClient.Response {
        let body = Array((json ?? "").utf8)
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if let type = contentType ?? (json == nil ? nil : "application/json") { head += "Content-Type: \(type)\r\n" }
        if json != nil || method == "POST" { head += "Content-Length: \(body.count)\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        let client = try RawHTTPClient(port: port, sourceAddress: sourceAddress)
        try client.send(Array((head + "\r\n").utf8) + body)
        return try client.readResponse(headRequest: method == "HEAD")
    }

    func get(_ target: String, bearer: String? = nil) throws -> RawHTTPClient.Response {
        try request("GET", target, headers: bearer.map { [("Authorization", "Bearer \($0)")] } ?? [])
    }

    /// A JSON POST, as the page sends them: `{}` when there is nothing to say (cookie refresh
    /// and logout), always with `Content-Type: application/json`.
    func post(_ target: String, _ json: String = "{}", bearer: String? = nil, headers: [(String, String)] = []) throws -> RawHTTPClient.Response {
        try request("POST", target, json: json, headers: (bearer.map { [("Authorization", "Bearer \($0)")] } ?? []) + headers)
    }

    /// The body of a JSON request with string fields, escaped by JSONSerialization.
    static func jsonBody(_ fields: [String: String]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    @discardableResult
    func register(_ username: String, password: String) throws -> RawHTTPClient.Response {
        try post("/api/register/", Self.jsonBody(["username": username, "password": password]))
    }

    /// Registers `username` and signs in through the browser endpoint.
    func signUpAndLogIn(_ username: String, password: String = "correct horse battery") throws -> BrowserLogin {
        let registered = try register(username, password: password)
        guard registered.status == 201 else { throw FixtureError("register \(username): \(registered.status) \(registered.text)") }
        let response = try post("/api/login/", Self.jsonBody(["username": username, "password": password]))
        guard response.status == 200, let access = try response.jsonObject()["access"] as? String,
              let refresh = response.setCookie(named: "uplyft_refresh")?.value,
              let csrf = response.setCookie(named: "csrftoken")?.value else {
            throw FixtureError("login \(username): \(response.status) \(response.text)")
        }
        return BrowserLogin(access: access, refreshCookie: refresh, csrfToken: csrf, response: response)
    }

    /// Registers `username` and asks for an API client's token pair.
    func signUpForTokenPair(_ username: String, password: String = "correct horse battery") throws -> (access: String, refresh: String) {
        try register(username, password: password)
        let response = try post("/api/token/", Self.jsonBody(["username": username, "password": password]))
        let object = try response.jsonObject()
        guard response.status == 200, let access = object["access"] as? String, let refresh = object["refresh"] as? String else {
            throw FixtureError("token pair for \(username): \(response.status) \(response.text)")
        }
        return (access, refresh)
    }

    struct BrowserLogin {
        let access: String
        let refreshCookie: String
        let csrfToken: String
        let response: RawHTTPClient.Response

        /// The `Cookie` header a browser would send to /api/ paths.
        var cookieHeader: (String, String) { ("Cookie", "uplyft_refresh=\(refreshCookie); csrftoken=\(csrfToken)") }
    }

    struct FixtureError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}

/// One `Set-Cookie` line: the cookie and its attributes (names lowercased).
struct SetCookie {
    let name: String
    let value: String
    /// `Max-Age=0` gives ("max-age", "0"); flags like `HttpOnly` give ("httponly", "").
    let attributes: [String: String]

    init?(_ line: String) {
        let parts = line.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = parts.first, let equals = first.firstIndex(of: "=") else { return nil }
        name = String(first[..<equals])
        value = String(first[first.index(after: equals)...])
        var attributes: [String: String] = [:]
        for part in parts.dropFirst() {
            let pieces = part.split(separator: "=", maxSplits: 1)
            guard let key = pieces.first else { continue }
            attributes[key.lowercased()] = pieces.count > 1 ? String(pieces[1]) : ""
        }
        self.attributes = attributes
    }
}

extension RawHTTPClient.Response {
    /// The body as a JSON object; throws when it is anything else.
    func jsonObject() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            throw ShopServerFixture.FixtureError("not a JSON object: \(text)")
        }
        return object
    }

    /// `error.code` of an error answer.
    var errorCode: String? {
        ((try? jsonObject())?["error"] as? [String: Any])?["code"] as? String
    }

    var setCookies: [SetCookie] {
        headers.filter { $0.name.lowercased() == "set-cookie" }.compactMap { SetCookie($0.value) }
    }

    func setCookie(named name: String) -> SetCookie? {
        setCookies.first { $0.name == name }
    }
}
