import Auth
import Foundation
import Store

/// What `uplyft user` does to the accounts in a data directory, with the same rules as
/// sign-up on the page (`PasswordPolicy`).
///
/// Hashing here runs on the calling thread: the CLI is its own process with no HTTP workers
/// to starve, and a running server's `PasswordHashingPool` is not shared across processes.
public struct AccountAdministration {
    let users: UserStore
    let hasher: PasswordHasher
    private let clock: () -> Int64

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// `databaseURL`: the PostgreSQL database the servers share (`UPLYFT_DATABASE_URL`); nil:
    /// the SQLite file in `dataDirectory`.
    public init(dataDirectory: String, passwordIterations: Int = ShopConfiguration().passwordIterations, databaseURL: String? = nil) throws {
        try self.init(dataDirectory: dataDirectory, passwordIterations: passwordIterations, databaseURL: databaseURL,
                      clock: { Int64(Date().timeIntervalSince1970) })
    }

    /// `clock` (Unix seconds) is replaceable for tests.
    init(dataDirectory: String, passwordIterations: Int, databaseURL: String? = nil, clock: @escaping () -> Int64) throws {
        if let databaseURL {
            users = UserStore(database: try Database(postgresURL: databaseURL, pool: DatabasePoolSettings(size: 1)))
        } else {
            try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
            users = UserStore(database: try Database(path: (dataDirectory as NSString).appendingPathComponent("uplyft.db")))
        }
        hasher = PasswordHasher(iterations: passwordIterations)
        self.clock = clock
    }

    public func add(username: String, password: String) throws -> User {
        try Self.check(username: username, password: password)
        switch try users.create(username: username, passwordHash: hasher.hash(password), now: clock()) {
        case .created(let user): return user
        case .usernameTaken: throw Failure(description: "the username \(username) is taken")
        }
    }

    /// Sets a new password (same rules as sign-up) and ends every session of the account:
    /// its refresh tokens are revoked and access tokens issued before now are refused
    /// (`UserStore.changePassword`), so a browser or API client signed in elsewhere must sign
    /// in again. Throws `Failure` for a password the rules refuse or an unknown account.
    public func changePassword(username: String, password: String) throws -> User {
        try Self.check(username: username, password: password)
        guard let user = try users.changePassword(username: username, to: hasher.hash(password), now: clock()) else {
            throw Failure(description: "no user named \(username)")
        }
        return user
    }

    public func list() throws -> [User] { try users.all() }

    public func remove(username: String) throws -> Bool { try users.remove(username: username) }

    private static func check(username: String, password: String) throws {
        do {
            try AuthService.validate(username: username)
            try AuthService.validate(password: password, username: username)
        } catch {
            let answer = APIError(error)
            throw Failure(description: "\(answer.message) (\(answer.code))")
        }
    }
}
