import Auth
import Foundation
import HTTPCore
import Store

/// Everything `uplyft serve` can be told, from flags or the environment, with defaults that
/// make `make run` work on a fresh clone.
public struct ShopConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var indexPath = "data/catalog.uplyft"
    /// The operator's synonyms file (README, "Synonyms"); nil: no synonyms.
    public var synonymsPath: String?
    public var dataDirectory = "data"
    /// Where the page's static files live (HTML, CSS, JS, product images).
    public var webRoot = "web"
    /// The token signing secret; when nil it is read from (or created in) the data directory.
    public var secret: String?
    public var accessLifetimeSeconds: Int64 = 300
    public var refreshLifetimeSeconds: Int64 = 86_400
    public var registrationEnabled = true
    /// Django 5.2's default; tests lower it to keep logins fast.
    public var passwordIterations = 1_000_000
    /// Cookies get `Secure` unless the server only listens on loopback (plain-HTTP development).
    public var secureCookies: Bool?
    /// How long a just-rotated refresh token may be presented again and get the login's
    /// current tokens instead of ending it: two tabs refreshing with one cookie at once.
    /// Auth0 calls it the reuse interval. 0 turns it off.
    public var refreshReuseSeconds: Int64 = 5
    /// Proxies (addresses or CIDR blocks) whose X-Forwarded-For / Forwarded headers name the
    /// client (`ClientAddressResolver`). Empty: the TCP peer is the client.
    public var trustedProxies: [String] = []
    /// Sign-ups one client address may make at once, and then per hour (`RegistrationThrottle`).
    public var registrationsPerAddressPerHour = 10
    /// Threads that hash passwords (`PasswordHashingPool`): half the cores, so that a flood
    /// of sign-ins leaves the other half to search and chat.
    public var passwordHashingThreads = max(1, ProcessInfo.processInfo.activeProcessorCount / 2)
    /// Password checks that may wait for a hashing thread; beyond, 503 with Retry-After.
    /// With the threads, at most half of `HTTPServerConfiguration.workerCount`'s default
    /// (4 per core): hashing threads + queue = 2 per core.
    public var passwordHashingQueue = max(1, 2 * ProcessInfo.processInfo.activeProcessorCount - max(1, ProcessInfo.processInfo.activeProcessorCount / 2))
    /// A libpq connection URI (`postgresql://USER:PASSWORD@HOST:PORT/DB`): accounts, tokens,
    /// chat history and carts in PostgreSQL, shared by every node that names it. Nil: SQLite
    /// in the data directory (`uplyft.db`).
    public var databaseURL: String?
    /// PostgreSQL connections one node keeps open at most, and the seconds a request waits for
    /// one before it is answered 503 (`DatabasePoolSettings`).
    public var databasePoolSize = 8
    public var databaseAcquireTimeoutSeconds = 5

    /// Who may read `/metrics`: `loopback` (the default: a Prometheus or an operator on the
    /// node itself, judged by the TCP peer, never by forwarded headers), `on` (anyone who can
    /// reach the port) or `off`.
    public var metricsAccess: MetricsAccess = .loopback

    public enum MetricsAccess: String, Sendable {
        case loopback, on, off
    }

    /// Seconds `uplyft serve` keeps serving after SIGTERM with `/api/ready/` answering 503, so
    /// that a load balancer's health check moves shoppers away before connections are refused
    /// (a few check intervals); 0, the default, stops at once.
    public var drainSeconds = 0

    /// How `uplyft serve` writes its access log to stderr: `text` (the default: one line of
    /// address, method, path, status, bytes, time), `json` (one JSON object a line, for log
    /// collectors) or `off`. Paths only: no query, header, cookie or token is ever logged.
    public var accessLogFormat: AccessLogFormat = .text

    public enum AccessLogFormat: String, Sendable {
        case text, json, off
    }

    /// How many matches `/api/search/` counts exactly (`SearchRequest.countBound`): past it
    /// `count` is this bound and `count_relation` is "gte". 1,000,000,000 counts every match
    /// of any catalog an index can hold.
    public var searchCountBound = CatalogRoutes.defaultCountBound

    /// Bytes of finished public catalog answers (search, suggest, product) kept in memory for
    /// the next request with the same address (`PublicAnswerCache`); 0 keeps none.
    public var answerCacheBytes = PublicAnswerCache.defaultMaximumBytes

    public init() {}

    /// Reads `UPLYFT_*` variables over the defaults; flags are applied by the caller after.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ShopConfiguration {
        var configuration = ShopConfiguration()
        if let host = environment["UPLYFT_HOST"] { configuration.host = host }
        if let port = environment["UPLYFT_PORT"] { configuration.port = try integer(port, name: "UPLYFT_PORT", range: 0...65535) }
        if let path = environment["UPLYFT_INDEX"] { configuration.indexPath = path }
        if let path = environment["UPLYFT_SYNONYMS"], !path.isEmpty { configuration.synonymsPath = path }
        if let directory = environment["UPLYFT_DATA_DIR"] { configuration.dataDirectory = directory }
        if let root = environment["UPLYFT_WEB_ROOT"] { configuration.webRoot = root }
        if let secret = environment["UPLYFT_SECRET"], !secret.isEmpty { configuration.secret = secret }
        if let seconds = environment["UPLYFT_ACCESS_SECONDS"] {
            configuration.accessLifetimeSeconds = Int64(try integer(seconds, name: "UPLYFT_ACCESS_SECONDS", range: 1...86_400))
        }
        if let seconds = environment["UPLYFT_REFRESH_SECONDS"] {
            configuration.refreshLifetimeSeconds = Int64(try integer(seconds, name: "UPLYFT_REFRESH_SECONDS", range: 1...31_536_000))
        }
        if let flag = environment["UPLYFT_REGISTRATION"] { configuration.registrationEnabled = try boolean(flag, name: "UPLYFT_REGISTRATION") }
        if let iterations = environment["UPLYFT_PASSWORD_ITERATIONS"] {
            configuration.passwordIterations = try integer(iterations, name: "UPLYFT_PASSWORD_ITERATIONS", range: 1...100_000_000)
        }
        if let flag = environment["UPLYFT_SECURE_COOKIES"] { configuration.secureCookies = try boolean(flag, name: "UPLYFT_SECURE_COOKIES") }
        if let seconds = environment["UPLYFT_REFRESH_REUSE_SECONDS"] {
            configuration.refreshReuseSeconds = Int64(try integer(seconds, name: "UPLYFT_REFRESH_REUSE_SECONDS", range: 0...300))
        }
        if let proxies = environment["UPLYFT_TRUSTED_PROXIES"] {
            configuration.trustedProxies = [proxies]
            // Checked here so a typo stops the start with the variable's name in the message.
            do {
                _ = try ClientAddressResolver(trustedProxies: configuration.trustedProxies)
            } catch {
                throw InvalidSetting(description: "UPLYFT_TRUSTED_PROXIES: \(error.description)")
            }
        }
        if let count = environment["UPLYFT_REGISTRATIONS_PER_HOUR"] {
            configuration.registrationsPerAddressPerHour = try integer(count, name: "UPLYFT_REGISTRATIONS_PER_HOUR", range: 1...1_000_000)
        }
        if let threads = environment["UPLYFT_HASHING_THREADS"] {
            configuration.passwordHashingThreads = try integer(threads, name: "UPLYFT_HASHING_THREADS", range: 1...256)
        }
        if let queue = environment["UPLYFT_HASHING_QUEUE"] {
            configuration.passwordHashingQueue = try integer(queue, name: "UPLYFT_HASHING_QUEUE", range: 1...4096)
        }
        if let url = environment["UPLYFT_DATABASE_URL"], !url.isEmpty { configuration.databaseURL = try databaseURL(url, name: "UPLYFT_DATABASE_URL") }
        if let size = environment["UPLYFT_DATABASE_POOL_SIZE"] {
            configuration.databasePoolSize = try integer(size, name: "UPLYFT_DATABASE_POOL_SIZE", range: 1...1_000)
        }
        if let seconds = environment["UPLYFT_DATABASE_ACQUIRE_SECONDS"] {
            configuration.databaseAcquireTimeoutSeconds = try integer(seconds, name: "UPLYFT_DATABASE_ACQUIRE_SECONDS", range: 0...300)
        }
        if let seconds = environment["UPLYFT_DRAIN_SECONDS"] {
            configuration.drainSeconds = try integer(seconds, name: "UPLYFT_DRAIN_SECONDS", range: 0...300)
        }
        if let bound = environment["UPLYFT_SEARCH_COUNT_BOUND"] {
            configuration.searchCountBound = try integer(bound, name: "UPLYFT_SEARCH_COUNT_BOUND", range: 100...1_000_000_000)
        }
        if let megabytes = environment["UPLYFT_ANSWER_CACHE_MB"] {
            configuration.answerCacheBytes = try integer(megabytes, name: "UPLYFT_ANSWER_CACHE_MB", range: 0...4096) << 20
        }
        if let format = environment["UPLYFT_ACCESS_LOG"] {
            guard let parsed = AccessLogFormat(rawValue: format.lowercased()) else {
                throw InvalidSetting(description: "UPLYFT_ACCESS_LOG must be text, json or off, got \(format)")
            }
            configuration.accessLogFormat = parsed
        }
        if let access = environment["UPLYFT_METRICS"] {
            guard let parsed = MetricsAccess(rawValue: access.lowercased()) else {
                throw InvalidSetting(description: "UPLYFT_METRICS must be loopback, on or off, got \(access)")
            }
            configuration.metricsAccess = parsed
        }
        return configuration
    }

    /// `databaseURL` with its password hidden, for the start-up line and logs.
    public var databaseURLForLogs: String? { databaseURL.map(Database.redactingPassword) }

    /// A PostgreSQL URL as libpq takes it; anything else stops the start with the setting's
    /// name (and without the value, which holds a password).
    public static func databaseURL(_ text: String, name: String) throws -> String {
        guard text.hasPrefix("postgresql://") || text.hasPrefix("postgres://") else {
            throw InvalidSetting(description: "\(name) must be a PostgreSQL URL, postgresql://USER:PASSWORD@HOST:PORT/DATABASE")
        }
        return text
    }

    /// The fewest HTTP workers this configuration needs: every hashing thread and queued check
    /// holds a waiting HTTP worker (handlers are synchronous), so twice that many keep at
    /// least half the workers free for search, the page and chat during a sign-in flood.
    /// `uplyft serve` raises `HTTPServerConfiguration.workerCount` to it when it is lower.
    public var minimumHTTPWorkerCount: Int {
        2 * (passwordHashingThreads + passwordHashingQueue)
    }

    var usesSecureCookies: Bool {
        secureCookies ?? !listensOnLoopbackOnly
    }

    /// True when `host` is `localhost` or a loopback address (all of 127.0.0.0/8, `::1`, and
    /// IPv4-mapped forms of those): only this machine can connect, so plain HTTP is expected.
    var listensOnLoopbackOnly: Bool {
        if host.lowercased() == "localhost" { return true }
        return IPAddress(host)?.isLoopback ?? false
    }

    /// `http://HOST:PORT`, with an IPv6 host in brackets (RFC 3986 section 3.2.2).
    public func baseURL(port: Int) -> String {
        "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }

    public struct InvalidSetting: Error, CustomStringConvertible {
        public let description: String
    }

    /// A switch: on/off, true/false, yes/no or 1/0 in any case, surrounding blanks ignored.
    /// Anything else stops the start: a misspelt "off" must not leave sign-up open.
    static func boolean(_ text: String, name: String) throws -> Bool {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "1", "true", "on", "yes": return true
        case "0", "false", "off", "no": return false
        default: throw InvalidSetting(description: "\(name) must be on or off (also true/false, yes/no, 1/0), not \"\(text)\"")
        }
    }

    static func integer(_ text: String, name: String, range: ClosedRange<Int>) throws -> Int {
        guard let value = Int(text), range.contains(value) else {
            throw InvalidSetting(description: "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \"\(text)\"")
        }
        return value
    }
}
