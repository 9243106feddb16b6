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
