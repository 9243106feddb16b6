import Foundation
import Query

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
    /// The page's files (HTML, CSS, JS), read once at start.
    let staticFiles: StaticFiles
    private let log: @Sendable (String) -> Void

    public convenience init(configuration: ShopConfiguration, log: @escaping @Sendable (String) -> Void) throws {
        try self.init(configuration: configuration, log: log, clock: { Int64(Date().timeIntervalSince1970) })
    }

    /// `clock` (Unix seconds) and `hasher` are replaceable for tests: a clock they move by
    /// hand, a hasher that counts or holds its calls.
    init(configuration: ShopConfiguration, log: @escaping @Sendable (String) -> Void, clock: @escaping @Sendable () -> Int64,
         hasher: (any PasswordHashing)? = nil, hashingObserver: (@Sendable (PasswordHashingPool.Event) -> Void)? = nil) throws {
        self.configuration = configuration
        self.log = log
        try FileManager.default.createDirectory(atPath: configuration.dataDirectory, withIntermediateDirectories: true)
        database = try Database(path: (configuration.dataDirectory as NSString).appendingPathComponent("uplyft.db"))
        indexes = try IndexHolder(path: configuration.indexPath, synonymsPath: configuration.synonymsPath, log: log)
        users = UserStore(database: database)
        clientAddresses = try ClientAddressResolver(trustedProxies: configuration.trustedProxies)
        let secret = try SigningSecret.load(configured: configuration.secret, dataDirectory: configuration.dataDirectory)
        let refreshTokens = RefreshTokenStore(database: database)
        auth = AuthService(users: users, refreshTokens: refreshTokens, signer: TokenSigner(secret: secret),
                           devices: DeviceCookieSigner(secret: secret),
                           hasher: hasher ?? PasswordHasher(iterations: configuration.passwordIterations),
                           hashing: PasswordHashingPool(threadCount: configuration.passwordHashingThreads,
                                                        queueCapacity: configuration.passwordHashingQueue, observer: hashingObserver),
                           throttle: LoginThrottle(), registrations: RegistrationThrottle(perHour: configuration.registrationsPerAddressPerHour),
                           settings: AuthService.Settings(accessLifetimeSeconds: configuration.accessLifetimeSeconds,
                                                          refreshLifetimeSeconds: configuration.refreshLifetimeSeconds,
                                                          refreshReuseSeconds: configuration.refreshReuseSeconds),
                           log: log)
        // Ended logins linger for the reuse interval (a minute at least) before they go.
        refreshTokenPurge = RefreshTokenPurge(store: refreshTokens, retentionSeconds: max(60, configuration.refreshReuseSeconds),
                                              clock: clock, log: log)
        let clockMilliseconds: @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }
        var router = Router()
        AuthRoutes(auth: auth, registrationEnabled: configuration.registrationEnabled,
                   secureCookies: configuration.usesSecureCookies, clock: clock).register(in: &router)
        let assistant = ChatAssistant(indexes: indexes, carts: CartStore(database: database))
        ChatRoutes(auth: auth, history: ChatHistoryStore(database: database), assistant: assistant,
                   clock: clock, clockMilliseconds: clockMilliseconds, log: log).register(in: &router)
        // The chat's vocabulary is read from the index in the background while the server starts.
        DispatchQueue.global(qos: .utility).async { assistant.prepare() }
        CatalogRoutes(indexes: indexes).register(in: &router)
        ServiceRoutes(indexes: indexes, database: database).register(in: &router)
        self.router = router
        staticFiles = StaticFiles(webRoot: configuration.webRoot, log: log)
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

    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        var response: HTTPResponse
        let isAPI = request.path.hasPrefix("/api/")
        // The page and its pictures answer their own paths; everything else is the API's.
        if !isAPI, let page = ProductImages.respond(to: request) ?? staticFiles.respond(to: request) {
            response = page
        } else {
            do {
                response = try router.respond(to: request, clientKey: clientAddresses.throttleKey(of: request))
            } catch {
                response = error.response
            }
        }
        if response.status >= 500 { log("\(request.method) \(request.path) failed with \(response.status)") }
        Self.addSecurityHeaders(to: &response, isAPI: isAPI)
        return response
    }

    /// Headers every response carries; API answers are never cached (they hold tokens and
    /// personal history).
    static func addSecurityHeaders(to response: inout HTTPResponse, isAPI: Bool) {
        func set(_ name: String, _ value: String) {
            if !response.headers.contains(where: { $0.0.lowercased() == name.lowercased() }) { response.headers.append((name, value)) }
        }
        set("X-Content-Type-Options", "nosniff")
        set("Referrer-Policy", "same-origin")
        set("X-Frame-Options", "DENY")
        set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
        if isAPI { set("Cache-Control", "no-store") }
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
        let hash = try auth.hashing.run(client: "start-up", presence: ClientPresence()) { hasher.hash(chosen) }
        _ = try users.create(username: "demo", passwordHash: hash, now: Int64(Date().timeIntervalSince1970))
        return password
    }
}
