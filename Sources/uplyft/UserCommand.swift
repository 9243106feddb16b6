import API
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `uplyft user add|passwd|list|remove`: shop accounts in the server's data directory.
enum UserCommand {
    static let usage = """
        usage: uplyft user add NAME [--data-dir DIR]      password from stdin, or asked for on a terminal
               uplyft user passwd NAME [--data-dir DIR]   new password the same way; ends the account's sessions
               uplyft user list [--data-dir DIR]
               uplyft user remove NAME [--data-dir DIR]

        With UPLYFT_DATABASE_URL set, the accounts of that PostgreSQL database instead.
        """

    static func run(_ arguments: [String]) throws -> Int32 {
        if arguments.contains("--help") {
            print(usage)
            return 0
        }
        let options = try CommandLineArguments(arguments, valueOptions: ["--data-dir"], flagOptions: [])
        guard let action = options.positional.first else { throw UsageError(usage) }
        let environment = try ShopConfiguration.fromEnvironment()
        let accounts = try AccountAdministration(dataDirectory: options.string("--data-dir") ?? environment.dataDirectory,
                                                 passwordIterations: environment.passwordIterations, databaseURL: environment.databaseURL)
        switch (action, options.positional.count) {
        case ("add", 2):
            let password = try readPassword()
            let user = try accounts.add(username: options.positional[1], password: password)
            print("added user \(user.username) (id \(user.id))")
        case ("passwd", 2):
            let password = try readPassword()
            let user = try accounts.changePassword(username: options.positional[1], password: password)
            print("changed the password of \(user.username); every session of the account has ended")
        case ("list", 1):
            for user in try accounts.list() {
                let joined = Date(timeIntervalSince1970: TimeInterval(user.createdAt)).formatted(.iso8601)
                print("\(user.id)\t\(user.username)\t\(joined)")
            }
        case ("remove", 2):
            guard try accounts.remove(username: options.positional[1]) else {
                throw CommandFailure("no user named \(options.positional[1])")
            }
            print("removed user \(options.positional[1]) with their history, cart and sessions")
        default:
            throw UsageError(usage)
        }
        return 0
    }

    /// The password from a terminal prompt (not echoed) or the first line of stdin (scripts).
    private static func readPassword() throws -> String {
        if isatty(STDIN_FILENO) != 0 {
            guard let first = getpass("password: ").map({ String(cString: $0) }),
                  let second = getpass("again: ").map({ String(cString: $0) }) else {
                throw CommandFailure("cannot read a password from the terminal")
            }
            guard first == second else { throw CommandFailure("the passwords differ") }
            return first
        }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw CommandFailure("give the password on stdin")
        }
        return line
    }
}
