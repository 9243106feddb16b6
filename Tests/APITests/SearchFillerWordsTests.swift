import Foundation
import Testing
@testable import API
import Catalog
import HTTPCore
import Indexer
import Search

/// The chat's conversational filler ("please", "show", "find", "can", ...) is the chat's
/// business (issue 12): the search API treats such words as the product words they are in a
/// search box, so they are required like any other word and complete as prefixes.
@Suite struct SearchFillerWordsTests {
    static let catalogLines = [
        #"{"id":"show-1","name":"Show Stopper Party Game","category":"Toys","price":19.99}"#,
        #"{"id":"door-1","name":"Rubber Door Stopper","category":"Home","price":4.99}"#,
        #"{"id":"shower-1","name":"Shower Curtain Liner","category":"Home","price":9.99}"#,
        #"{"id":"can-1","name":"Metal Watering Can","category":"Garden","price":14.99}"#,
        #"{"id":"hose-1","name":"Garden Watering Hose","category":"Garden","price":29.99}"#,
        #"{"id":"find-1","name":"Find It Travel Game","category":"Toys","price":12}"#,
        #"{"id":"memory-1","name":"Memory Travel Game","category":"Toys","price":9}"#,
        #"{"id":"get-1","name":"Get Well Soon Card","category":"Office","price":3}"#,
        #"{"id":"birthday-1","name":"Birthday Card","category":"Office","price":3}"#,
        #"{"id":"give-1","name":"Give Thanks Wall Sign","category":"Home","price":15}"#,
        #"{"id":"please-1","name":"Please Knock Door Sign","category":"Home","price":8}"#,
        #"{"id":"welcome-1","name":"Welcome Wall Sign","category":"Home","price":15}"#,
        #"{"id":"need-1","name":"Everything You Need Cookbook","category":"Books","price":25}"#,
        #"{"id":"basic-1","name":"Basic Cookbook","category":"Books","price":20}"#,
        #"{"id":"want-1","name":"Wanted Poster Print","category":"Home","price":6}"#,
        #"{"id":"movie-1","name":"Movie Poster Print","category":"Home","price":6}"#,
        #"{"id":"looking-1","name":"Looking Glass Mirror","category":"Home","price":40}"#,
        #"{"id":"wall-1","name":"Round Wall Mirror","category":"Home","price":35}"#,
    ]

    struct SetupError: Error, CustomStringConvertible {
        let description: String
    }

    /// The catalog indexed in memory, served through an `IndexHolder` as the server does.
    static let indexes = indexHolder(catalogLines: catalogLines, name: "filler")

    /// `catalogLines` indexed into a temporary file and served through an `IndexHolder`, as the
    /// server does; `name` says which catalog in the error.
    static func indexHolder(catalogLines: [String], name: String) -> Result<IndexHolder, SetupError> {
        let base = NSTemporaryDirectory() + "uplyft-\(name)-\(UUID().uuidString)"
        // The open index maps the file, which stays readable once its name is gone.
        defer { unlink(base + ".jsonl"); unlink(base + ".uplyft") }
        do {
            try Data((catalogLines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: base + ".jsonl"))
            var reader = try CatalogReader(path: base + ".jsonl", policy: .strict)
            var builder = IndexBuilder()
            _ = try reader.forEach(onBadLine: { _ in }) { builder.add($0) }
            _ = try builder.write(to: base + ".uplyft")
            return .success(try IndexHolder(path: base + ".uplyft", log: { _ in }))
        } catch {
            return .failure(SetupError(description: "cannot index the \(name) catalog: \(error)"))
        }
    }

    /// `GET /api/search/` through the real route; the page as JSON.
    static func search(_ query: String, pageSize: Int = 10) throws -> [String: Any] {
        var router = Router()
        CatalogRoutes(indexes: try indexes.get()).register(in: &router)
        let escaped = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let response = try router.respond(to: RouteContext(request: HTTPRequest(method: "GET", target: "/api/search/?q=\(escaped)&page_size=\(pageSize)")))
        #expect(response.status == 200)
        return try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }

    static func ids(_ page: [String: Any]) -> [String] {
        (page["results"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    /// Every word of the query is required, filler or not: only the product with all of them
    /// is a full match, so a page of one counts one (when "show" was optional, every stopper
    /// counted and "Rubber Door Stopper" was as much a match as "Show Stopper").
    @Test(arguments: [
        ("show stopper", "show-1"), ("watering can", "can-1"), ("find travel game", "find-1"), ("get card", "get-1"),
        ("give sign", "give-1"), ("please sign", "please-1"), ("need cookbook", "need-1"), ("want poster", "want-1"),
        ("looking mirror", "looking-1"),
    ])
    func fillerWordsAreRequiredLikeAnyOtherWord(query: String, productID: String) throws {
        let page = try Self.search(query, pageSize: 1)
        #expect(Self.ids(page) == [productID], "\(query)")
        #expect(page["count"] as? Int == 1, "\(query): \(page["count"] ?? "no count")")
        #expect(page["partial_match"] as? Bool == false, "\(query)")
    }

    /// A last word is a prefix while the shopper types: "show" finds the shower curtain too.
    @Test func aFillerWordCompletesAsAPrefix() throws {
        let ids = Self.ids(try Self.search("show"))
        #expect(ids.contains("show-1"))
        #expect(ids.contains("shower-1"), "\(ids)")
    }
}
