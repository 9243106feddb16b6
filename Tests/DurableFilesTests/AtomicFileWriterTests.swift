import DurableFiles
import Foundation
import TestSupport
import Testing

/// `AtomicFileWriter` on its own: what readers see, and what it leaves behind.
@Suite struct AtomicFileWriterTests {
    /// Opening a writer scans its directory for abandoned temporary files. The directory here
    /// is large enough that one `readdir` buffer fills up, as the shared temp folder does on a
    /// busy machine: the scan must read each entry's name only up to its end (the record is
    /// `d_reclen` bytes, not `sizeof(dirent)`). Reading the whole declared 256-byte `d_name`
    /// of the last record ran past the directory buffer, which AddressSanitizer reports and
    /// which crashed a test run once (`swift test --sanitize=address` catches it every time).
    @Test func aWriterInABusyDirectoryReplacesTheFileAndCleansOnlyAbandonedTemporaries() throws {
        let directory = try TemporaryDirectory()
        // Names of varied lengths, so that records of every size end a buffer somewhere.
        for number in 0..<3000 {
            let name = "entry-" + String(repeating: "n", count: number % 23) + "-\(number)"
            #expect(FileManager.default.createFile(atPath: directory.file(name), contents: nil))
        }
        // A temporary of a writer that no longer runs (no process has pid 2^22 + 1 on Linux,
        // whose pid_max is at most 2^22) and one of a live process (this one's parent).
        let target = directory.file("catalog.jsonl")
        let abandoned = target + ".tmp-\((1 << 22) + 1)"
        let abandonedNumbered = target + ".tmp-\((1 << 22) + 1)-7"
        let live = target + ".tmp-\(getppid())-0"
        #expect(FileManager.default.createFile(atPath: abandoned, contents: Data([1])))
        #expect(FileManager.default.createFile(atPath: abandonedNumbered, contents: Data([1])))
        #expect(FileManager.default.createFile(atPath: live, contents: Data([2])))

        var writer = try AtomicFileWriter(path: target)
        try writer.write(Array("new contents\n".utf8))
        try writer.commit()

        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == Data("new contents\n".utf8))
        #expect(!FileManager.default.fileExists(atPath: abandoned))
        #expect(!FileManager.default.fileExists(atPath: abandonedNumbered))
        #expect(FileManager.default.fileExists(atPath: live))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).count == 3000 + 2)
    }

    /// Two writers of one path in one process each have their own temporary file: the second
    /// does not truncate the first's, each commit puts exactly its own bytes in place, and no
    /// temporary is left. (With one temporary per process, the second writer emptied the
    /// first's file and the first then committed the second's half-written bytes.)
    @Test func twoWritersOfOnePathInOneProcessNeverMix() throws {
        let directory = try TemporaryDirectory()
        let target = directory.file("index.uplyft")
        var first = try AtomicFileWriter(path: target)
        try first.write(Array(repeating: 1, count: 4096))
        var second = try AtomicFileWriter(path: target)
        #expect(first.temporaryPath != second.temporaryPath)
        try second.write(Array(repeating: 2, count: 100))
        try first.commit()
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == Data(repeating: 1, count: 4096))
        try second.write(Array(repeating: 2, count: 100))
        try second.commit()
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == Data(repeating: 2, count: 200))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["index.uplyft"])
    }
}
