import Testing
import TestSupport

/// `uplyft search` refuses numbers it cannot use as given, instead of searching with a
/// different setting (issue 11, section 1: `--k1 1e300` became an infinite k1).
@Suite struct SearchCommandTests {
    /// A directory holding a 50-product catalog and its index, `catalog.uplyft`.
    private func indexedWorkspace() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        let generated = try UplyftProcess.run(["gen", "--seed", "4", "--count", "50", "-o", "catalog.jsonl"], in: directory.path)
        #expect(generated.status == 0, "\(generated.errors)")
        let built = try UplyftProcess.run(["index", "catalog.jsonl", "-o", "catalog.uplyft"], in: directory.path)
        #expect(built.status == 0, "\(built.errors)")
        return directory
    }

    @Test(arguments: [["--k1", "1e300"], ["--k1", "-1"], ["--k1", "nan"], ["--b", "1.5"], ["--b", "-0.1"], ["--b", "inf"]])
    func rankingParametersOutsideBM25sRangeAreUsageErrors(option: [String]) throws {
        let directory = try indexedWorkspace()
        let searched = try UplyftProcess.run(["search", "catalog.uplyft", "shirt"] + option, in: directory.path)
        #expect(searched.status == 2, "\(option): \(searched.output) \(searched.errors)")
        #expect(searched.errors.contains("\(option[0]) must be a number"), "\(searched.errors)")
    }

    @Test func rankingParametersInRangeAreUsed() throws {
        let directory = try indexedWorkspace()
        let searched = try UplyftProcess.run(["search", "catalog.uplyft", "shirt", "--k1", "0", "--b", "1"], in: directory.path)
        #expect(searched.status == 0, "\(searched.errors)")
    }
}

/// `uplyft search` filters and flags (issue 13, "Paging and flags").
@Suite struct SearchCommandFilterTests {
    /// A catalog whose category holds commas, next to categories named by its parts.
    private func workspace() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        let lines = [
            #"{"id":"bag","name":"Leather Travel Bag","category":"Bags, Wallets & Luggage","brand":"Acme, Inc.","price":50}"#,
            #"{"id":"wallet-book","name":"Leather Wallet Book","category":"Wallets","brand":"Acme","price":20}"#,
            #"{"id":"bags-toy","name":"Leather Toy Bags","category":"Bags","brand":"Inc.","price":5}"#,
            #"{"id":"belt","name":"Leather Belt","category":"Belts","brand":"Other","price":15}"#,
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: directory.path + "/catalog.jsonl", atomically: true, encoding: .utf8)
        let built = try UplyftProcess.run(["index", "catalog.jsonl", "-o", "catalog.uplyft"], in: directory.path)
        #expect(built.status == 0, "\(built.errors)")
        return directory
    }

    /// The result rows of a table: the lines after its `#` header.
    private func rows(_ output: String) -> [Substring] {
        Array(output.split(separator: "\n").drop { !$0.hasPrefix("#") }.dropFirst())
    }

    private func ids(_ output: String) -> [String] {
        rows(output).compactMap { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            return fields.count > 1 ? String(fields[1]) : nil
        }
    }

    @Test func aCategoryWithCommasIsOneCategory() throws {
        let directory = try workspace()
        let searched = try UplyftProcess.run(["search", "catalog.uplyft", "leather", "--category", "Bags, Wallets & Luggage"],
                                             in: directory.path)
        #expect(searched.status == 0, "\(searched.errors)")
        #expect(ids(searched.output) == ["bag"], "\(searched.output)")
        let brand = try UplyftProcess.run(["search", "catalog.uplyft", "leather", "--brand", "Acme, Inc."], in: directory.path)
        #expect(ids(brand.output) == ["bag"], "\(brand.output)")
    }

    /// The total is exact below the count bound and "at least" the bound from it on (issue 16).
    @Test func aTotalPastTheCountBoundIsAtLeast() throws {
        let directory = try workspace()
        let bounded = try UplyftProcess.run(["search", "catalog.uplyft", "leather", "--top", "1", "--count-bound", "2"], in: directory.path)
        #expect(bounded.status == 0, "\(bounded.errors)")
        #expect(bounded.output.hasPrefix("at least 2 matching products"), "\(bounded.output)")
        let exact = try UplyftProcess.run(["search", "catalog.uplyft", "leather", "--top", "1", "--count-bound", "5"], in: directory.path)
        #expect(exact.output.hasPrefix("4 matching products"), "\(exact.output)")
        let refused = try UplyftProcess.run(["search", "catalog.uplyft", "leather", "--count-bound", "0"], in: directory.path)
        #expect(refused.status != 0)
    }

    @Test func repeatedCategoriesAreAnyOfThem() throws {
        let directory = try workspace()
        let searched = try UplyftProcess.run(["search", "catalog.uplyft", "leather", "--category", "Belts", "--category=Wallets"],
                                             in: directory.path)
        #expect(Set(ids(searched.output)) == ["belt", "wallet-book"], "\(searched.output)")
    }

    /// Partial matches are marked one by one; the full matches (the wallet, and the bag whose
    /// category says "Wallets") are not.
    @Test func partialResultsAreMarkedEachOnItsOwn() throws {
        let directory = try workspace()
        let searched = try UplyftProcess.run(["search", "catalog.uplyft", "leather wallet"], in: directory.path)
        let rows = rows(searched.output)
        #expect(rows.count == 4, "\(searched.output)")
        #expect(rows.prefix(2).allSatisfy { $0.split(separator: " ").first?.hasSuffix("*") == false }, "\(searched.output)")
        #expect(rows.dropFirst(2).allSatisfy { $0.split(separator: " ").first?.hasSuffix("*") == true }, "\(searched.output)")
        #expect(searched.output.contains("results marked * lack some of the words"))
    }

    @Test func aQueryOfSymbolsSaysWhyItFindsNothing() throws {
        let directory = try workspace()
        let searched = try UplyftProcess.run(["search", "catalog.uplyft", "!!!"], in: directory.path)
        #expect(searched.status == 0)
        #expect(searched.output.hasPrefix("0 matching products"), "\(searched.output)")
        #expect(searched.output.contains("no letters or digits"), "\(searched.output)")
    }

    /// A price an index cannot hold is reported with its line (since issue 11), not dropped
    /// silently.
    @Test func aPriceBeyondTheIndexIsReportedWithItsLine() throws {
        let directory = try TemporaryDirectory()
        let lines = [
            #"{"id":"ok","name":"Fine"}"#,
            #"{"id":"dear","name":"Dear","price":42949673}"#,
            #"{"id":"huge","name":"Huge","price":1e308}"#,
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: directory.path + "/catalog.jsonl", atomically: true, encoding: .utf8)
        let built = try UplyftProcess.run(["index", "catalog.jsonl", "-o", "catalog.uplyft"], in: directory.path)
        #expect(built.status == 0, "\(built.errors)")
        let report = built.output + built.errors
        #expect(report.contains("line 2"), "\(report)")
        #expect(report.contains("line 3"), "\(report)")
        #expect(report.contains("at most 42949672.94"), "\(report)")
    }
}

/// Words of a query that start with "-" (issue 14's attack pass: `uplyft search index "-0"`
/// answered "unknown option -0").
@Suite struct SearchCommandDashWordTests {
    private func indexedWorkspace() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        let lines = [
            #"{"id":"zero","name":"Zero Gravity Chair 0 Degree","category":"Garden","brand":"Acme","price":50}"#,
            #"{"id":"lamp","name":"Desk Lamp","category":"Home","brand":"Acme","price":20}"#,
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: directory.path + "/catalog.jsonl", atomically: true, encoding: .utf8)
        let built = try UplyftProcess.run(["index", "catalog.jsonl", "-o", "catalog.uplyft"], in: directory.path)
        #expect(built.status == 0, "\(built.errors)")
        return directory
    }

    /// A word that is a negative number or starts with a symbol is a query word, not an option.
    @Test(arguments: ["-0", "-5", "-1.5", "-🎈", "-"])
    func aDashBeforeANumberOrSymbolIsQueryText(word: String) throws {
        let directory = try indexedWorkspace()
        let searched = try UplyftProcess.run(["search", "catalog.uplyft", word], in: directory.path)
        #expect(searched.status != 2, "\(word): \(searched.errors)")
        #expect(!searched.errors.contains("unknown option"), "\(word): \(searched.errors)")
    }

    /// A word that looks like an option is searched after "--", and the error says so.
    @Test func anUnknownOptionSaysHowToSearchForIt() throws {
        let directory = try indexedWorkspace()
        let refused = try UplyftProcess.run(["search", "catalog.uplyft", "-lamp"], in: directory.path)
        #expect(refused.status == 2)
        #expect(refused.errors.contains("--"), "\(refused.errors)")
        let searched = try UplyftProcess.run(["search", "catalog.uplyft", "--", "-lamp"], in: directory.path)
        #expect(searched.status == 0, "\(searched.errors)")
    }
}
