import Foundation
import Testing
import TestSupport

/// `uplyft index` as the Makefile and a new user call it: missing output directories are
/// made, and `--if-changed` rebuilds exactly when the catalog's content is not what the index
/// holds (README, "Set-up"; issue 11, section 6).
@Suite struct IndexCommandTests {
    /// A 200-product generated catalog in a fresh directory.
    private func workspace() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        let generated = try UplyftProcess.run(["gen", "--seed", "4", "--count", "200", "-o", "catalog.jsonl"], in: directory.path)
        #expect(generated.status == 0, "\(generated.errors)")
        return directory
    }

    private func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    private func inode(_ path: String) throws -> UInt64? {
        (try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? NSNumber)?.uint64Value
    }

    private func index(_ directory: TemporaryDirectory, catalog: String = "catalog.jsonl", output: String = "data/catalog.uplyft",
                       ifChanged: Bool = true) throws -> UplyftProcess.Outcome {
        try UplyftProcess.run(["index", catalog, "-o", output] + (ifChanged ? ["--if-changed"] : []), in: directory.path)
    }

    private func lines(_ text: String) -> [Substring] { text.split(separator: "\n") }

    @Test func theOutputDirectoryIsCreatedWhenMissing() throws {
        let directory = try workspace()
        let built = try index(directory, output: "data/nested/catalog.uplyft", ifChanged: false)
        #expect(built.status == 0, "\(built.errors)")
        #expect(built.output.contains("indexed 200 products"))
        let verified = try UplyftProcess.run(["index", "--verify", "data/nested/catalog.uplyft"], in: directory.path)
        #expect(verified.status == 0, "\(verified.errors)")
    }

    @Test func theSameCatalogIsSkippedInOneLineAndTheFileLeftAlone() throws {
        let directory = try workspace()
        let first = try index(directory)
        #expect(first.status == 0, "\(first.errors)")
        #expect(lines(first.output).first?.hasPrefix("rebuilding data/catalog.uplyft from catalog.jsonl: it does not exist yet") == true,
                "\(first.output)")
        let before = try bytes(directory.file("data/catalog.uplyft"))
        let inodeBefore = try inode(directory.file("data/catalog.uplyft"))
        // Newer catalog file, same bytes: file times must not matter.
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(3600)],
                                              ofItemAtPath: directory.file("catalog.jsonl"))
        let second = try index(directory)
        #expect(second.status == 0, "\(second.errors)")
        #expect(lines(second.output).count == 1, "\(second.output)")
        #expect(second.output.hasPrefix("data/catalog.uplyft is up to date"), "\(second.output)")
        #expect(try inode(directory.file("data/catalog.uplyft")) == inodeBefore)
        #expect(try bytes(directory.file("data/catalog.uplyft")) == before)
    }

    @Test func oneChangedByteRebuildsEvenWhenTheIndexIsNewer() throws {
        let directory = try workspace()
        #expect(try index(directory).status == 0)
        // One letter of the first product's name changes case: still a good line.
        var catalog = try bytes(directory.file("catalog.jsonl"))
        let key = Array("\"name\":\"".utf8)
        let start = try #require((0...(catalog.count - key.count)).first { Array(catalog[$0..<($0 + key.count)]) == key })
        let position = start + key.count
        #expect(catalog[position] >= UInt8(ascii: "A") && catalog[position] <= UInt8(ascii: "Z"))
        catalog[position] ^= 0x20
        try Data(catalog).write(to: URL(fileURLWithPath: directory.file("catalog.jsonl")))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3600)],
                                              ofItemAtPath: directory.file("catalog.jsonl"))
        let again = try index(directory)
        #expect(again.status == 0, "\(again.errors)")
        #expect(again.output.hasPrefix("rebuilding data/catalog.uplyft from catalog.jsonl: it was built from another catalog"), "\(again.output)")
        #expect(again.output.contains("indexed 200 products"))
        #expect(try index(directory).output.contains("up to date"))
    }

    @Test func anIndexBuiltByHandFromAnotherCatalogIsRebuilt() throws {
        let directory = try workspace()
        let other = try UplyftProcess.run(["gen", "--seed", "5", "--count", "150", "-o", "other.jsonl"], in: directory.path)
        #expect(other.status == 0)
        #expect(try index(directory, catalog: "other.jsonl", ifChanged: false).status == 0)
        // The hand-built index holds other.jsonl: asking for it again changes nothing...
        #expect(try index(directory, catalog: "other.jsonl").output.contains("up to date"))
        // ...asking for catalog.jsonl rebuilds.
        let rebuilt = try index(directory)
        #expect(rebuilt.output.contains("built from another catalog"), "\(rebuilt.output)")
        #expect(rebuilt.output.contains("indexed 200 products"))
    }

    @Test func aDamagedIndexIsRebuilt() throws {
        let directory = try workspace()
        #expect(try index(directory).status == 0)
        var damaged = try bytes(directory.file("data/catalog.uplyft"))
        damaged[damaged.count / 2] ^= 0x40
        try Data(damaged).write(to: URL(fileURLWithPath: directory.file("data/catalog.uplyft")))
        let rebuilt = try index(directory)
        #expect(rebuilt.status == 0, "\(rebuilt.errors)")
        #expect(rebuilt.output.contains("cannot be used as it is"), "\(rebuilt.output)")
        #expect(try UplyftProcess.run(["index", "--verify", "data/catalog.uplyft"], in: directory.path).status == 0)
    }

    /// The checksum `--verify` shows is the catalog's SHA-256 as coreutils computes it.
    @Test func verifyShowsTheCatalogChecksumSha256sumGives() throws {
        let directory = try workspace()
        #expect(try index(directory).status == 0)
        let verified = try UplyftProcess.run(["index", "--verify", "data/catalog.uplyft"], in: directory.path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [directory.file("catalog.jsonl")]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let printed = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let digest = try #require(printed.split(separator: " ").first)
        #expect(digest.count == 64)
        #expect(verified.output.contains("catalog sha256 \(digest)"), "\(verified.output)")
    }

    /// `--threads N` (issue 16): the index of the generated catalog is the same bytes on one
    /// thread and on three (the default, the available cores, too); a count that is not a
    /// whole number from 1 to the maximum is a usage error naming the option.
    @Test func threadsGiveTheSameBytesAndABadCountIsAUsageError() throws {
        let directory = try workspace()
        for (output, threads) in [("one.uplyft", ["--threads", "1"]), ("three.uplyft", ["--threads", "3"]), ("default.uplyft", [])] {
            let built = try UplyftProcess.run(["index", "catalog.jsonl", "-o", output] + threads, in: directory.path)
            #expect(built.status == 0, "\(built.errors)")
        }
        let one = try bytes(directory.file("one.uplyft"))
        #expect(try bytes(directory.file("three.uplyft")) == one)
        #expect(try bytes(directory.file("default.uplyft")) == one)
        for bad in ["0", "-2", "many", "65", "99999999999999999999"] {
            let refused = try UplyftProcess.run(["index", "catalog.jsonl", "-o", "bad.uplyft", "--threads", bad], in: directory.path)
            #expect(refused.status == 2, "--threads \(bad)")
            #expect(refused.errors.contains("--threads takes a whole number from 1 to 64"), "\(refused.errors)")
            #expect(!FileManager.default.fileExists(atPath: directory.file("bad.uplyft")))
        }
    }
}
