#if canImport(Glibc)
import Glibc
#endif
import DurableFiles

/// Buffered text output to stdout or to a file that appears only when complete
/// (`AtomicFileWriter`: temporary file, fsync, rename), so an interrupted `gen -o` never
/// leaves a half catalog under the real name.
final class BufferedOutput {
    /// nil for standard output.
    private var file: AtomicFileWriter?
    private let path: String
    private var buffer: [UInt8] = []
    private let flushThreshold = 1 << 20

    /// Standard output.
    init() {
        file = nil
        path = "standard output"
        buffer.reserveCapacity(flushThreshold + 4096)
    }

    init(path: String) throws {
        file = try AtomicFileWriter(path: path)
        self.path = path
        buffer.reserveCapacity(flushThreshold + 4096)
    }

    func write(_ text: String) throws {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= flushThreshold { try flush() }
    }

    func writeLine(_ text: String) throws {
        try write(text)
        buffer.append(UInt8(ascii: "\n"))
    }

    func flush() throws {
        defer { buffer.removeAll(keepingCapacity: true) }
        if file != nil {
            try file!.write(buffer)
        } else {
            let failure = writeAll(buffer, to: STDOUT_FILENO)
            guard failure == 0 else { throw CommandFailure("write to \(path) failed: \(String(cString: strerror(failure)))") }
        }
    }

    /// Flushes; for a file, makes it durable and moves it into place.
    func close() throws {
        try flush()
        try file.take()?.commit()
    }
}

/// A command that could not do its work; the message says why.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
