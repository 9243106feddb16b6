import Foundation
import HTTPCore
import Synchronization
import Testing
import TestSupport
@testable import API

/// The operator's synonyms file as the server uses it (issue 13, "Synonyms"): applied to
/// searches, shown by the health endpoint, read again when it changes without a rebuild of
/// the index, and a bad edit keeps the rules that worked.
@Suite struct SynonymsServingTests {
    /// Product ids of `/api/search/?q=query` on `shop`.
    static func ids(_ query: String, on shop: ShopServerFixture) throws -> [String] {
        let escaped = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let page = try shop.get("/api/search/?q=\(escaped)").jsonObject()
        return (page["results"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    /// Replaces the file at `path` the way an editor or a deploy does: a new file renamed over it.
    static func replace(_ path: String, with text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    @Test func rulesApplyShowInHealthAndFollowEditsWithoutARebuild() throws {
        let directory = try TemporaryDirectory()
        let synonyms = directory.path + "/synonyms.txt"
        try Self.replace(synonyms, with: "# shop words\ncuppa => mug\n")
        let lines = Mutex<[String]>([])
        let shop = try ShopServerFixture({ $0.synonymsPath = synonyms }, log: { line in lines.withLock { $0.append(line) } })

        let health = try shop.get("/api/health/").jsonObject()
        #expect(health["synonyms_file"] as? String == synonyms)
        #expect(health["synonym_rules"] as? Int == 1)
        #expect(try Self.ids("cuppa", on: shop) == ["ceramic-mug"])
        #expect(try Self.ids("multicooker", on: shop).isEmpty)

        // An edit is picked up by the next check, with the same index file.
        try Self.replace(synonyms, with: "multicooker => pressure cooker\nfoo, bar\n")
        #expect(shop.application.indexes.reloadIfChanged() != nil)
        #expect(try Self.ids("multicooker", on: shop) == ["instant-pot-duo"])
        #expect(try Self.ids("cuppa", on: shop).isEmpty, "the removed rule still applies")
        #expect(try shop.get("/api/health/").jsonObject()["synonym_rules"] as? Int == 2)

        // A bad edit is reported with its line, and the rules that worked stay.
        try Self.replace(synonyms, with: "multicooker => pressure cooker\nfridge =>\n")
        #expect(shop.application.indexes.reloadIfChanged() == nil)
        let logged = lines.withLock { $0 }
        #expect(logged.contains { $0.contains("line 2") && $0.contains("still using the previous synonyms") }, "\(logged)")
        #expect(try Self.ids("multicooker", on: shop) == ["instant-pot-duo"])
        #expect(try shop.get("/api/health/").jsonObject()["synonym_rules"] as? Int == 2)
        // The rejected file is not read again until it changes.
        #expect(shop.application.indexes.reloadIfChanged() == nil)
        #expect(lines.withLock { $0.count } == logged.count)
    }

    /// As `uplyft serve` runs it: a background timer looks at the files (`watchIndexFiles`), so
    /// an edit reaches searches with no request looking, a search answer kept before the edit
    /// (`PublicAnswerCache`) is not served after it, and no search is sent off the event loop
    /// for fear of a reload.
    @Test func aWatchingServerFollowsAnEditByItself() throws {
        let directory = try TemporaryDirectory()
        let synonyms = directory.path + "/synonyms.txt"
        try Self.replace(synonyms, with: "cuppa => mug\n")
        let shop = try ShopServerFixture { $0.synonymsPath = synonyms }
        let search = try HTTPRequest(method: "GET", target: "/api/search/?q=multicooker")
        let margin: UInt64 = 10_000_000_000
        #expect(shop.application.indexes.mayCheckFilesSoon(marginNanoseconds: margin), "not watching: a request may look")
        shop.application.watchIndexFiles()
        #expect(!shop.application.indexes.mayCheckFilesSoon(marginNanoseconds: margin))
        #expect(shop.application.runsOnEventLoop(search))
        #expect(try Self.ids("multicooker", on: shop).isEmpty)
        try Self.replace(synonyms, with: "multicooker => pressure cooker\n")
        let deadline = Date().addingTimeInterval(30)
        var found: [String] = []
        while found.isEmpty && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            found = try Self.ids("multicooker", on: shop)
        }
        #expect(found == ["instant-pot-duo"], "picked up within 30 s of the edit, by the timer alone")
    }

    @Test func withoutAFileHealthSaysNoneAndSearchUsesNoRules() throws {
        let shop = try ShopServerFixture()
        let health = try shop.get("/api/health/").jsonObject()
        #expect(health["synonyms_file"] == nil)
        #expect(health["synonym_rules"] as? Int == 0)
        #expect(try Self.ids("cuppa", on: shop).isEmpty)
    }

    @Test func aBadFileAtStartIsAnErrorNamingTheLine() throws {
        let directory = try TemporaryDirectory()
        let synonyms = directory.path + "/synonyms.txt"
        try Self.replace(synonyms, with: "tv, television\n\nhoodie => => sweatshirt\n")
        do {
            _ = try ShopServerFixture { $0.synonymsPath = synonyms }
            Issue.record("a synonyms file with a bad line was accepted at start")
        } catch {
            #expect("\(error)".contains("line 3"), "\(error)")
        }
    }
}
