import Foundation

/// What `uplyft user` does to the accounts in a data directory, with the same rules as
/// sign-up on the page.
public struct AccountAdministration {
    let users: UserStore
    let hasher: PasswordHasher

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public init(dataDirectory: String, passwordIterations: Int = ShopConfiguration().passwordIterations) throws {
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        users = UserStore(database: try Database(path: (dataDirectory as NSString).appendingPathComponent("uplyft.db")))
        hasher = PasswordHasher(iterations: passwordIterations)
    }

    public func add(username: String, password: String) throws -> User {
        do {
            try AuthService.validate(username: username)
            try AuthService.validate(password: password, username: username)
        } catch {
            throw Failure(description: error.message)
        }
        switch try users.create(username: username, passwordHash: hasher.hash(password), now: Int64(Date().timeIntervalSince1970)) {
        case .created(let user): return user
        case .usernameTaken: throw Failure(description: "the username \(username) is taken")
        }
    }

    public func list() throws -> [User] { try users.all() }

    public func remove(username: String) throws -> Bool { try users.remove(username: username) }
}
