import Catalog
import Foundation
import Indexer
import Query
import Search
import TestSupport
@testable import Chat
@testable import Store

/// Plays conversations with the shop assistant over the default catalog
/// (`corpus/catalog.jsonl`, 1,000 products), the way `ChatRoutes` does: each message's
/// state is read from the database, the answer's state is written back with the exchange.
///
/// The index is built once per test process and shared (it is read-only); every
/// conversation gets its own temporary database, account and cart, so conversations are
/// independent and can run in parallel.
enum ChatFixture {
    /// What one message of a conversation produced: how the parser read it, the answer, and
    /// the cart after the answer.
    struct Turn {
        let message: String
        let understanding: MessageUnderstanding
        let answer: ChatAnswer
        let cart: [CartItem]
        /// Orders the shopper has placed so far.
        let orderCount: Int
    }

    struct SetupError: Error, CustomStringConvertible {
        let description: String
    }

    /// The same instant for every message: answers and stored orders must not depend on the clock.
    static let fixedNowMilliseconds: Int64 = 1_750_000_000_000

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The default catalog, indexed into a temporary file and opened through `IndexHolder`
    /// with the default shop's synonyms, as `make run` serves it. Built lazily once; a failure
    /// is kept and rethrown by every user.
    private static let shared: Result<Catalog, SetupError> = {
        let catalogPath = repositoryRoot.appendingPathComponent("corpus/catalog.jsonl").path
        let synonymsPath = repositoryRoot.appendingPathComponent("corpus/synonyms.txt").path
        do {
            return .success(try indexed(catalogPath: catalogPath, synonymsPath: synonymsPath))
        } catch {
            return .failure(SetupError(description: "cannot index \(catalogPath): \(error)"))
        }
    }()

    /// An indexed catalog as the assistant serves it, with the vocabulary it builds.
    struct Catalog {
        let holder: IndexHolder
        let vocabulary: ChatVocabulary
    }

    /// Indexes the catalog file at `catalogPath` (strictly: a bad line is an error) into a
    /// temporary file opened through `IndexHolder`, as the server does.
    static func indexed(catalogPath: String, synonymsPath: String? = nil) throws -> Catalog {
        let indexPath = NSTemporaryDirectory() + "uplyft-chat-tests-\(getpid())-\(UUID().uuidString).uplyft"
        // The open index maps the file, which stays readable once its name is gone: removing
        // the name when this function ends leaves nothing behind in the temp folder.
        defer { unlink(indexPath) }
        var reader = try CatalogReader(path: catalogPath, policy: .strict)
        var builder = IndexBuilder()
        _ = try reader.forEach(onBadLine: { _ in }) { builder.add($0) }
        _ = try builder.write(to: indexPath)
        let holder = try IndexHolder(path: indexPath, synonymsPath: synonymsPath, log: { _ in })
        return Catalog(holder: holder, vocabulary: ChatVocabulary(index: holder.current))
    }

    /// A catalog of the given JSON Lines, for conversations about products the default
    /// catalog does not have (no brand, no price, empty attribute values).
    static func indexed(catalogLines: [String]) throws -> Catalog {
        let catalogPath = NSTemporaryDirectory() + "uplyft-chat-catalog-\(UUID().uuidString).jsonl"
        try Data((catalogLines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: catalogPath))
        defer { unlink(catalogPath) }
        return try indexed(catalogPath: catalogPath)
    }

    static func indexHolder() throws -> IndexHolder { try shared.get().holder }
    static func index() throws -> SearchIndex { try shared.get().holder.current }
    /// The vocabulary the assistant builds for this index; the assistant keeps its own copy
    /// private, and both are built from the same index, so they agree.
    static func vocabulary() throws -> ChatVocabulary { try shared.get().vocabulary }

    /// Sends `messages` in order as one shopper in a fresh database and returns every turn.
    /// Message `n` is sent at `fixedNowMilliseconds + n * millisecondsApart`; `beforeMessage`
    /// runs before each (with its position, the cart store and the shopper's id), to change
    /// the cart the way another tab or client would. `catalog` is the default one unless given.
    static func play(_ messages: [String], millisecondsApart: Int64 = 0, catalog: Catalog? = nil,
                     beforeMessage: (Int, CartStore, Int64) throws -> Void = { _, _, _ in }) throws -> [Turn] {
        let catalog = try catalog ?? shared.get()
        let holder = catalog.holder
        let parser = MessageParser(vocabulary: catalog.vocabulary)
        let directory = NSTemporaryDirectory() + "uplyft-chat-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let database = try Database(path: directory + "/shop.sqlite")
        let carts = CartStore(database: database)
        let history = ChatHistoryStore(database: database)
        guard case .created(let user) = try UserStore(database: database)
            .create(username: "shopper", passwordHash: "not-used", now: fixedNowMilliseconds) else {
            throw SetupError(description: "the test account could not be created")
        }
        let assistant = ChatAssistant(indexes: holder, carts: carts)

        var turns: [Turn] = []
        for (position, message) in messages.enumerated() {
            try beforeMessage(position, carts, user.id)
            let now = fixedNowMilliseconds + Int64(position) * millisecondsApart
            let previousState = try history.state(userID: user.id)
            let answer = try assistant.respond(to: message, userID: user.id, stateJSON: previousState, now: now)
            _ = try history.appendExchange(userID: user.id, question: message, questionAt: now, reply: answer.text,
                                           payload: answer.payloadJSON, replyAt: now, state: answer.stateJSON)
            let orders = try database.read { connection throws(StoreError) in
                try connection.query("SELECT COUNT(*) FROM orders WHERE user_id = ?", [.integer(user.id)]).first?.first?.integer ?? 0
            }
            turns.append(Turn(message: message, understanding: parser.parse(message), answer: answer,
                              cart: try carts.items(userID: user.id), orderCount: Int(orders)))
        }
        return turns
    }

    /// The last turn of `messages`.
    static func last(_ messages: [String]) throws -> Turn {
        guard let turn = try play(messages).last else { throw SetupError(description: "a conversation needs a message") }
        return turn
    }

    /// The stored product behind a summary, for checks on fields the summary leaves out.
    static func product(_ id: String) throws -> StoredProduct? {
        try index().product(id: id)
    }
}
