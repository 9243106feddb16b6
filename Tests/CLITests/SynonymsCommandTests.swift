import Foundation
import Testing
import TestSupport

/// `uplyft synonyms` lists a synonyms file's rules or names its bad line, and `uplyft search`
/// applies the file given by `--synonyms` or `UPLYFT_SYNONYMS` (issue 13, "Synonyms").
@Suite struct SynonymsCommandTests {
    static let catalog = [
        #"{"id":"tv-1","name":"Samsung 55 inch 4K TV","category":"Electronics","price":499}"#,
        #"{"id":"sweat-1","name":"Fleece Hooded Sweatshirt","category":"Clothing","price":35}"#,
        #"{"id":"sofa-1","name":"Three Seat Sofa","category":"Home","price":899}"#,
        #"{"id":"hoodie-1","name":"Zip Hoodie","category":"Clothing","price":29}"#,
    ]

    /// A directory with the catalog indexed as `catalog.uplyft` and a synonyms file `synonyms.txt`.
    private func workspace(synonyms: String) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try Data((Self.catalog.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: directory.file("catalog.jsonl")))
        try Data(synonyms.utf8).write(to: URL(fileURLWithPath: directory.file("synonyms.txt")))
        let built = try UplyftProcess.run(["index", "catalog.jsonl", "-o", "catalog.uplyft"], in: directory.path)
        #expect(built.status == 0, "\(built.errors)")
        return directory
    }

    @Test func listsEachRuleWithItsLine() throws {
        let directory = try workspace(synonyms: "# ours\ntv, television\n\nhoodie => hooded sweatshirt\n")
        let listed = try UplyftProcess.run(["synonyms", "synonyms.txt"], in: directory.path)
        #expect(listed.status == 0, "\(listed.errors)")
        #expect(listed.output.contains("synonyms.txt: 2 rules"), "\(listed.output)")
        #expect(listed.output.contains("line 2: tv, television"), "\(listed.output)")
        #expect(listed.output.contains("line 4: hoodie => hooded sweatshirt"), "\(listed.output)")

        let json = try UplyftProcess.run(["synonyms", "synonyms.txt", "--json"], in: directory.path)
        #expect(json.status == 0, "\(json.errors)")
        let rules = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
        #expect(rules.count == 2)
    }

    @Test func aBadLineIsNamedAndTheCommandFails() throws {
        let directory = try workspace(synonyms: "tv, television\nsofa =>\n")
        let listed = try UplyftProcess.run(["synonyms", "synonyms.txt"], in: directory.path)
        #expect(listed.status == 1)
        #expect(listed.errors.contains("line 2"), "\(listed.errors)")
        let searched = try UplyftProcess.run(["search", "catalog.uplyft", "tv", "--synonyms", "synonyms.txt"], in: directory.path)
        #expect(searched.status == 1, "a search with a bad synonyms file ran: \(searched.output)")
        #expect(searched.errors.contains("line 2"), "\(searched.errors)")
    }

    @Test func noFileIsAUsageError() throws {
        let directory = try workspace(synonyms: "")
        var environment = ProcessInfo.processInfo.environment
        environment["UPLYFT_SYNONYMS"] = nil
        let listed = try UplyftProcess.run(["synonyms"], in: directory.path, environment: environment)
        #expect(listed.status == 2)
        #expect(listed.errors.contains("give a synonyms file"), "\(listed.errors)")
    }

    @Test func searchAppliesTheFileFromTheFlagOrTheEnvironment() throws {
        let directory = try workspace(synonyms: "tv, television\nhoodie => hooded sweatshirt\n")
        var environment = ProcessInfo.processInfo.environment
        environment["UPLYFT_SYNONYMS"] = nil
        let plain = try UplyftProcess.run(["search", "catalog.uplyft", "television"], in: directory.path, environment: environment)
        #expect(plain.status == 0, "\(plain.errors)")
        #expect(!plain.output.contains("tv-1"), "found without a rule: \(plain.output)")

        let flagged = try UplyftProcess.run(["search", "catalog.uplyft", "television", "--synonyms", "synonyms.txt"],
                                            in: directory.path, environment: environment)
        #expect(flagged.status == 0, "\(flagged.errors)")
        #expect(flagged.output.contains("tv-1"), "\(flagged.output)")

        environment["UPLYFT_SYNONYMS"] = directory.file("synonyms.txt")
        let hoodie = try UplyftProcess.run(["search", "catalog.uplyft", "hoodie"], in: directory.path, environment: environment)
        #expect(hoodie.output.contains("sweat-1") && hoodie.output.contains("hoodie-1"), "\(hoodie.output)")
        // One way: the sweatshirt's words do not find a product by the word "hoodie".
        let reverse = try UplyftProcess.run(["search", "catalog.uplyft", "hooded sweatshirt"], in: directory.path, environment: environment)
        #expect(reverse.output.contains("sweat-1") && !reverse.output.contains("hoodie-1"), "\(reverse.output)")
    }
}
