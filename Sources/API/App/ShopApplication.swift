import Auth
import Chat
import Foundation
import HTTPCore
import Query
import Search
import Store

/// The shop's backend as a function from request to response: routes, auth, database and the
/// shared index, with no sockets in sight (the HTTP server calls `handle`; tests can too).
public final class ShopApplication: Sendable {
    public let configuration: ShopConfiguration
    let database: Database
    let indexes: IndexHolder
    let auth: AuthService
    let users: UserStore
    /// The one place the client of a request is decided (trusted proxies), for every throttle.
    let clientAddresses: ClientAddressResolver
    let refreshTokenPurge: RefreshTokenPurge
    private let router: Router
    /// Every request's way through the application: the middleware chain, then `router`.
    private let responder: Responder
    /// The page's files (HTML, CSS, JS), read once at start.
    let staticFiles: StaticFiles
    /// The OpenAPI description served at `/api/openapi.json`, built from the routes.
    let openAPIDocument: String
    let metrics: ShopMetrics
    /// Finished public catalog answers kept for the next request (`PublicAnswerCache`); nil
    /// when `ShopConfiguration.answerCacheBytes` is 0.
    let answers: PublicAnswerCache?
    /// What `/api/ready/` answers; `uplyft serve` drains through it on SIGTERM.
    public let readiness: Readiness
    private let log: @Sendable (String) -> Void

    public convenience init(configuration: ShopConfiguration, readiness: Readiness = Readiness(),
                            log: @escaping @Sendable (String) -> Void) throws {
        try self.init(configuration: configuration, log: log, clock: { Int64(Date().timeIntervalSince1970) }, readiness: readiness)
    }

    /// `clock` (Unix seconds) and `hasher` are replaceable for tests: a clock they move by
    /// hand, a hasher that counts or holds its calls.
    init(configuration: ShopConfiguration, log: @escaping @Sendable (String) -> Void, clock: @escaping @Sendable () -> Int64,
         hasher: (any PasswordHashing)? = nil, hashingObserver: (@Sendable (PasswordHashingPool.Event) -> Void)? = nil,
         readiness: Readiness = Readiness()) throws {
        self.configuration = configuration
        self.readiness = readiness
        self.log = log
        try FileManager.default.createDirectory(atPath: configuration.dataDirectory, withIntermediateDirectories: true)
        if let url = configuration.databaseURL {
            database = try Database(postgresURL: url, pool: DatabasePoolSettings(size: configuration.databasePoolSize,
                                                                                 acquireTimeoutSeconds: Double(configuration.databaseAcquireTimeoutSeconds)))
        } else {
            database = try Database(path: (configuration.dataDirectory as NSString).appendingPathComponent("uplyft.db"))
        }
        indexes = try IndexHolder(path: configuration.indexPath, synonymsPath: configuration.synonymsPath, log: log)
        users = UserStore(database: database)
        clientAddresses = try ClientAddressResolver(trustedProxies: configuration.trustedProxies)
        let secret = try SigningSecret.load(configured: configuration.secret, dataDirectory: configuration.dataDirectory)
        let refreshTokens = RefreshTokenStore(database: database)
        // Nodes sharing a PostgreSQL database share the throttles' counts; a single SQLite
        // node keeps them in memory (no one to share with, and a guessing attack should not
        // turn into synced writes competing with orders for SQLite's one writer).
        let sharedThrottle = database.isShared ? ThrottleStore(database: database) : nil
        auth = AuthService(users: users, refreshTokens: refreshTokens, signer: TokenSigner(secret: secret),
                           devices: DeviceCookieSigner(secret: secret),
                           hasher: hasher ?? PasswordHasher(iterations: configuration.passwordIterations),
                           hashing: PasswordHashingPool(threadCount: configuration.passwordHashingThreads,
                                                        queueCapacity: configuration.passwordHashingQueue, observer: hashingObserver),
                           throttle: LoginThrottle(shared: sharedThrottle),
                           registrations: RegistrationThrottle(perHour: configuration.registrationsPerAddressPerHour, shared: sharedThrottle),
                           settings: AuthService.Settings(accessLifetimeSeconds: configuration.accessLifetimeSeconds,
                                                          refreshLifetimeSeconds: configuration.refreshLifetimeSeconds,
                                                          refreshReuseSeconds: configuration.refreshReuseSeconds),
                           log: log)
        // Ended logins linger for the reuse interval (a minute at least) before they go.
        refreshTokenPurge = RefreshTokenPurge(store: refreshTokens, retentionSeconds: max(60, configuration.refreshReuseSeconds),
                                              clock: clock, log: log)
        let clockMilliseconds: @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }
        // Public catalog answers are tagged with the index they come from (a swap changes them).
        let metrics = ShopMetrics()
        self.metrics = metrics
        let answers = configuration.answerCacheBytes > 0
            ? PublicAnswerCache(maximumBytes: configuration.answerCacheBytes, currentSource: { [indexes] in indexes.current }) : nil
        self.answers = answers
        var router = Router(catalogVersion: { [indexes] in PublicCachingMiddleware.catalogVersion(of: indexes.current) }, answers: answers)
        AuthRoutes(auth: auth, registrationEnabled: configuration.registrationEnabled,
                   secureCookies: configuration.usesSecureCookies, clock: clock).register(in: &router)
        let assistant = ChatAssistant(indexes: indexes, carts: CartStore(database: database))
        ChatRoutes(auth: auth, history: ChatHistoryStore(database: database), assistant: assistant,
                   clock: clock, clockMilliseconds: clockMilliseconds, log: log, metrics: metrics).register(in: &router)
        // The chat's vocabulary is read from the index in the background while the server starts.
        DispatchQueue.global(qos: .utility).async { assistant.prepare() }
        CatalogRoutes(indexes: indexes, metrics: metrics, countBound: configuration.searchCountBound).register(in: &router)
        // The page's cart and orders: the same store as the assistant's, so both show one cart.
        let carts = CartStore(database: database)
        CartRoutes(auth: auth, carts: carts, indexes: indexes, clock: clock, clockMilliseconds: clockMilliseconds).register(in: &router)
        OrderRoutes(auth: auth, carts: carts, orders: OrderStore(database: database), indexes: indexes,
                    clock: clock, clockMilliseconds: clockMilliseconds).register(in: &router)
        SuggestRoutes(indexes: indexes).register(in: &router)
        let service = ServiceRoutes(indexes: indexes, database: database, readiness: readiness)
        service.register(in: &router)
        MetricsRoutes(metrics: metrics, indexes: indexes, hashing: auth.hashing, database: database, answers: answers,
                      access: configuration.metricsAccess).register(in: &router)
        // Last: the document describes every route registered before it, and itself.
        let document = OpenAPIDocument.json(describing: router.endpoints + [ServiceRoutes.openAPI])
        service.registerOpenAPI(document, in: &router)
        openAPIDocument = document
        self.router = router
        let staticFiles = StaticFiles(webRoot: configuration.webRoot, log: log)
        self.staticFiles = staticFiles
        // Every request, outermost first: counted and timed for /metrics, compression of the
        // final answer, headers on every answer (errors turned into answers there), 5xx logged,
        // the page's files, the client for the throttles, then the routes.
        let productExists: @Sendable (String) throws(APIError) -> Bool = { [indexes] id throws(APIError) in
            do {
                return try indexes.current.product(id: id) != nil
            } catch {
                throw .internalError("The product could not be read from the index.")
            }
        }
        let routes = router
        responder = MiddlewareChain.responder([
            MetricsMiddleware(metrics: metrics, routeOf: { path in routes.template(path: path) }),
            CompressionMiddleware(),
            SecurityHeadersMiddleware(),
            ServerErrorLogMiddleware(log: log),
            PageFilesMiddleware(staticFiles: staticFiles, productExists: productExists),
            ClientAddressMiddleware(resolver: clientAddresses),
        ], then: { [router] context throws(APIError) in try router.respond(to: context) })
    }

    /// Starts the work a running server does on a schedule: the refresh-token purge (now,
    /// then hourly). `uplyft serve` calls it; tests call the jobs directly.
    public func startMaintenance() {
        refreshTokenPurge.start()
    }

    /// Stops the scheduled jobs and waits for one that is running; call after the server
    /// has shut down.
    public func stopMaintenance() {
        refreshTokenPurge.stopAndWait()
    }

    /// Whether a TCP peer's address is one of the shop's trusted proxies: what `uplyft serve`
    /// gives the HTTP server as `HTTPServerConfiguration.isSharedFrontEnd`, so that a proxy
    /// carrying every shopper's requests is not held to one client's share of the body budget.
    public func isTrustedProxy(peerAddress: String) -> Bool {
        clientAddresses.isTrustedProxy(peerAddress: peerAddress)
    }

    /// Method and path of every API route (the OpenAPI test checks them all are described).
    var routePatterns: [(method: String, path: String)] { router.patterns }

    /// Every route's endpoint, as registered (caching and security tests read them).
    var routeEndpoints: [Endpoint] { router.endpoints }

    /// The response to one request, through the middleware chain built at start.
    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        do {
            return try responder(RouteContext(request: request))
        } catch {
            // `SecurityHeadersMiddleware` turns errors into responses; this is only what the
            // types require should the chain ever start without it.
            var response = error.response
            SecurityHeadersMiddleware.add(to: &response, isAPI: request.path.hasPrefix("/api/"))
            return response
        }
    }

    /// On a first start with no accounts, creates `demo` with a random password and returns
    /// the password (printed once by `serve`); nil when any account exists.
    public func createDemoAccountIfNoUsers() throws -> String? {
        guard try users.count() == 0 else { return nil }
        // 16 characters of [0-9a-f]: drawn again in the rare case the rules refuse one
        // (all digits, for one).
        var password = String(AuthService.randomIdentifier().prefix(16))
        while PasswordPolicy.violation(of: password, username: "demo") != nil {
            password = String(AuthService.randomIdentifier().prefix(16))
        }
        let hasher = auth.hasher
        let chosen = password
        let hash = try auth.hashing.run(client: "start-up", isClientGone: { false }) { hasher.hash(chosen) }
        _ = try users.create(username: "demo", passwordHash: hash, now: Int64(Date().timeIntervalSince1970))
        return password
    }
}
