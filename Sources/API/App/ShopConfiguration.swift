import Foundation

/// Everything `uplyft serve` can be told, from flags or the environment, with defaults that
/// make `make run` work on a fresh clone.
public struct ShopConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var indexPath = "data/catalog.uplyft"
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

    public init() {}

    /// Reads `UPLYFT_*` variables over the defaults; flags are applied by the caller after.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ShopConfiguration {
        var configuration = ShopConfiguration()
        if let host = environment["UPLYFT_HOST"] { configuration.host = host }
        if let port = environment["UPLYFT_PORT"] { configuration.port = try integer(port, name: "UPLYFT_PORT", range: 0...65535) }
        if let path = environment["UPLYFT_INDEX"] { configuration.indexPath = path }
        if let directory = environment["UPLYFT_DATA_DIR"] { configuration.dataDirectory = directory }
        if let root = environment["UPLYFT_WEB_ROOT"] { configuration.webRoot = root }
        if let secret = environment["UPLYFT_SECRET"], !secret.isEmpty { configuration.secret = secret }
        if let seconds = environment["UPLYFT_ACCESS_SECONDS"] {
            configuration.accessLifetimeSeconds = Int64(try integer(seconds, name: "UPLYFT_ACCESS_SECONDS", range: 1...86_400))
        }
        if let seconds = environment["UPLYFT_REFRESH_SECONDS"] {
            configuration.refreshLifetimeSeconds = Int64(try integer(seconds, name: "UPLYFT_REFRESH_SECONDS", range: 1...31_536_000))
        }
        if let flag = environment["UPLYFT_REGISTRATION"] { configuration.registrationEnabled = !["0", "false", "off", "no"].contains(flag.lowercased()) }
        if let iterations = environment["UPLYFT_PASSWORD_ITERATIONS"] {
            configuration.passwordIterations = try integer(iterations, name: "UPLYFT_PASSWORD_ITERATIONS", range: 1...100_000_000)
        }
        if let flag = environment["UPLYFT_SECURE_COOKIES"] { configuration.secureCookies = !["0", "false", "off", "no"].contains(flag.lowercased()) }
        return configuration
    }

    var usesSecureCookies: Bool {
        secureCookies ?? !["127.0.0.1", "localhost", "::1"].contains(host)
    }

    public struct InvalidSetting: Error, CustomStringConvertible {
        public let description: String
    }

    static func integer(_ text: String, name: String, range: ClosedRange<Int>) throws -> Int {
        guard let value = Int(text), range.contains(value) else {
            throw InvalidSetting(description: "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \"\(text)\"")
        }
        return value
    }
}
