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
        let live = target + ".tmp-\(getppid())"
        #expect(FileManager.default.createFile(atPath: abandoned, contents: Data([1])))
        #expect(FileManager.default.createFile(atPath: live, contents: Data([2])))

        var writer = try AtomicFileWriter(path: target)
        try writer.write(Array("new contents\n".utf8))
        try writer.commit()

        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == Data("new contents\n".utf8))
        #expect(!FileManager.default.fileExists(atPath: abandoned))
        #expect(FileManager.default.fileExists(atPath: live))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).count == 3000 + 2)
    }
}
