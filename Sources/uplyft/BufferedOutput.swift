#if canImport(Glibc)
import Glibc
#endif

/// Buffered text output to stdout or to a file that appears only when complete (written to
/// `<path>.tmp-<pid>`, fsync'd and renamed), so an interrupted `gen -o` never leaves a half
/// catalog under the real name.
final class BufferedOutput {
    private let descriptor: Int32
    private let finalPath: String?
    private let temporaryPath: String?
    private var buffer: [UInt8] = []
    private let flushThreshold = 1 << 20

    /// Standard output.
    init() {
        descriptor = STDOUT_FILENO
        finalPath = nil
        temporaryPath = nil
        buffer.reserveCapacity(flushThreshold + 4096)
    }

    init(path: String) throws {
        let temporary = "\(path).tmp-\(getpid())"
        let opened = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard opened >= 0 else {
            throw CommandFailure("cannot create \(temporary): \(String(cString: strerror(errno)))")
        }
        descriptor = opened
        finalPath = path
        temporaryPath = temporary
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
        let failure = writeAll(descriptor, buffer)
        buffer.removeAll(keepingCapacity: true)
        guard failure == 0 else {
            throw CommandFailure("write to \(temporaryPath ?? "standard output") failed: \(String(cString: strerror(failure)))")
        }
    }

    /// Flushes; for a file, makes it durable and moves it into place.
    func close() throws {
        try flush()
        guard let finalPath, let temporaryPath else { return }
        let synced = fsync(descriptor) == 0
        let syncError = errno
        Glibc.close(descriptor)
        guard synced else { throw CommandFailure("cannot write \(temporaryPath): \(String(cString: strerror(syncError)))") }
        guard rename(temporaryPath, finalPath) == 0 else {
            throw CommandFailure("cannot rename \(temporaryPath) to \(finalPath): \(String(cString: strerror(errno)))")
        }
    }
}

/// Writes all of `bytes` to `descriptor`, retrying short writes and EINTR; 0 or the errno.
func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Int32 {
    bytes.withUnsafeBytes { raw in
        var written = 0
        while written < raw.count {
            let result = Glibc.write(descriptor, raw.baseAddress! + written, raw.count - written)
            if result < 0 {
                if errno == EINTR { continue }
                return errno
            }
            written += result
        }
        return 0
    }
}

/// A command that could not do its work; the message says why.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
