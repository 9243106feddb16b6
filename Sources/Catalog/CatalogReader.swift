#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams a JSON Lines catalog, one `Product` per line, in constant memory.
///
/// The file is read in `chunkBytes` pieces into one buffer and split on `\n` with `memchr`;
/// a line that ends past a chunk's end is moved to the front of the buffer and completed by
/// the next read. The buffer holds at most one line of `maxLineBytes` plus one chunk, so a
/// file without newlines cannot make the reader buffer without bound: a longer line is
/// skipped to its end and reported as bad.
///
/// Tolerated: `\r\n` line ends, a UTF-8 byte order mark at the start of the file, blank or
/// whitespace-only lines (skipped, not errors), a last line without `\n`. Everything else that
/// breaks the catalog format, including a repeated `id` (the first line with it wins), is a
/// bad line handled by the `BadLinePolicy`.
public struct CatalogReader {
    public let path: String
    public let policy: BadLinePolicy
    private let file: OpenFile
    /// Bytes asked of each read(2). 1 MiB amortises the system call to nothing while staying
    /// small enough for the cache.
    let chunkBytes: Int
    /// Longest line accepted. Real product lines are well under 10 KB; 1 MiB allows long
    /// descriptions while bounding the buffer.
    let maxLineBytes: Int
    /// A UTF-8 BOM (3 bytes, first line only) and a CR before the LF.
    private static let strippedBytesPerLine = 4

    public init(path: String, policy: BadLinePolicy) throws(CatalogReadError) {
        try self.init(path: path, policy: policy, chunkBytes: 1 << 20, maxLineBytes: 1 << 20)
    }

    /// With small sizes, tests reach chunk boundaries and the line limit with small files.
    package init(path: String, policy: BadLinePolicy, chunkBytes: Int, maxLineBytes: Int) throws(CatalogReadError) {
        self.path = path
        self.policy = policy
        self.chunkBytes = max(1, chunkBytes)
        self.maxLineBytes = max(1, maxLineBytes)
        file = try OpenFile(path: path)
    }

    /// Calls `body` with each good product in file order and returns what was read.
    ///
    /// Under `.skipBad` each bad line goes to `onBadLine` and reading continues; under
    /// `.strict` the first bad line throws `CatalogReadError.badLine` (and `onBadLine` is not
    /// called). Errors thrown by `body` stop reading and propagate. Each call reads the file
    /// from its start.
    public mutating func forEach(
        onBadLine: (CatalogLineError) -> Void = { _ in },
        _ body: (Product) throws -> Void
    ) throws -> CatalogReadSummary {
        var session = LineSession(policy: policy, maxLineBytes: maxLineBytes)
        // The limit is on a line's content; the raw line may also hold a BOM and a CR, which
        // `handle` strips before its exact check. Carrying up to that much more keeps the verdict
        // on a line at the limit independent of where the chunks happen to split it.
        let rawLineBytes = maxLineBytes + Self.strippedBytesPerLine
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: rawLineBytes + chunkBytes)
        defer { buffer.deallocate() }

        /// Bytes of an unfinished line kept at the front of the buffer.
        var carriedBytes = 0
        /// True while skipping the rest of a line already known to be too long.
        var isSkippingOverlongLine = false
        var fileOffset = 0

        while true {
            let readCount = try file.read(into: buffer + carriedBytes, count: chunkBytes, at: fileOffset)
            if readCount == 0 { break }
            fileOffset += readCount
            let filledBytes = carriedBytes + readCount

            var lineStart = 0
            // The carried bytes hold no newline (they were the tail after the last one).
            var searchStart = carriedBytes
            while searchStart < filledBytes,
                  let newline = memchr(buffer + searchStart, 0x0A, filledBytes - searchStart) {
                let lineEnd = newline.assumingMemoryBound(to: UInt8.self) - buffer
                if isSkippingOverlongLine {
                    isSkippingOverlongLine = false
                    try session.rejectOverlongLine(onBadLine: onBadLine)
                } else {
                    let line = UnsafeBufferPointer(start: buffer + lineStart, count: lineEnd - lineStart)
                    try session.handle(line, onBadLine: onBadLine, body)
                }
                lineStart = lineEnd + 1
                searchStart = lineStart
            }

            let tailBytes = filledBytes - lineStart
            if isSkippingOverlongLine || tailBytes > rawLineBytes {
                isSkippingOverlongLine = true
                carriedBytes = 0
            } else {
                if lineStart > 0 && tailBytes > 0 {
                    memmove(buffer, buffer + lineStart, tailBytes)
                }
                carriedBytes = tailBytes
            }
        }

        if isSkippingOverlongLine {
            try session.rejectOverlongLine(onBadLine: onBadLine)
        } else if carriedBytes > 0 {
            // The last line has no trailing newline.
            try session.handle(UnsafeBufferPointer(start: buffer, count: carriedBytes), onBadLine: onBadLine, body)
        }
        return session.summary
    }
}

/// What happens to a line that breaks the catalog format.
public enum BadLinePolicy: Sendable {
    /// Report the line through `onBadLine`, count it, and go on with the next.
    case skipBad
    /// Stop at the first bad line by throwing `CatalogReadError.badLine`.
    case strict
}

/// The counts of one pass over a catalog.
public struct CatalogReadSummary: Sendable, Equatable {
    /// Products handed to the body.
    public var productCount: Int
    /// Lines rejected (only ever 0 or 1 under `.strict`, which stops at the first).
    public var badLineCount: Int
    /// Lines seen, including blank lines and bad lines.
    public var lineCount: Int
    /// Fields the catalog format does not define, by name, with how many accepted products
    /// had them.
    public var unknownFieldCounts: [String: Int]

    public init(productCount: Int = 0, badLineCount: Int = 0, lineCount: Int = 0, unknownFieldCounts: [String: Int] = [:]) {
        self.productCount = productCount
        self.badLineCount = badLineCount
        self.lineCount = lineCount
        self.unknownFieldCounts = unknownFieldCounts
    }
}

/// Why a catalog could not be read as a whole.
public enum CatalogReadError: Error, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case readFailed(path: String, reason: String)
    /// A bad line under `.strict`.
    case badLine(CatalogLineError)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): "cannot open catalog \(path): \(reason)"
        case let .readFailed(path, reason): "cannot read catalog \(path): \(reason)"
        case let .badLine(error): "bad catalog line: \(error)"
        }
    }
}

/// The per-line work of one `forEach` pass: line numbers, the byte order mark, blank lines,
/// decoding, duplicate ids, counting, and the bad-line policy.
private struct LineSession {
    let policy: BadLinePolicy
    let maxLineBytes: Int
    var summary = CatalogReadSummary()
    var decoder = CatalogLineDecoder()
    /// Line number of the first line with each id. Holding every id costs memory in
    /// proportion to the catalog (about 50 bytes per product), which the index needs anyway.
    var firstLineByID: [String: Int] = [:]

    init(policy: BadLinePolicy, maxLineBytes: Int) {
        self.policy = policy
        self.maxLineBytes = maxLineBytes
    }

    /// Handles one line, without its `\n`.
    mutating func handle(
        _ rawLine: UnsafeBufferPointer<UInt8>,
        onBadLine: (CatalogLineError) -> Void,
        _ body: (Product) throws -> Void
    ) throws {
        summary.lineCount += 1
        let lineNumber = summary.lineCount
        var line = rawLine[...]
        if lineNumber == 1, line.starts(with: [0xEF, 0xBB, 0xBF]) {
            line = line.dropFirst(3)
        }
        if line.last == 0x0D {
            line = line.dropLast()
        }
        guard line.count <= maxLineBytes else {
            try reject(overlongLineError(lineNumber), onBadLine: onBadLine)
            return
        }
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
            return
        }

        let product: Product
        do throws(CatalogLineError) {
            product = try decoder.decode(UnsafeBufferPointer(rebasing: line), lineNumber: lineNumber)
        } catch {
            try reject(error, onBadLine: onBadLine)
            return
        }
        // One hash per line: insert optimistically and undo on the rare duplicate.
        if let firstLine = firstLineByID.updateValue(lineNumber, forKey: product.id) {
            firstLineByID[product.id] = firstLine
            let duplicate = CatalogLineError(
                line: lineNumber, column: nil, field: "id",
                reason: "duplicate id \"\(product.id)\", first used on line \(firstLine)")
            try reject(duplicate, onBadLine: onBadLine)
            return
        }
        summary.productCount += 1
        for name in decoder.unknownFieldNames {
            summary.unknownFieldCounts[name, default: 0] += 1
        }
        try body(product)
    }

    /// Counts the line that was skipped for its length, now that its end has been found.
    mutating func rejectOverlongLine(onBadLine: (CatalogLineError) -> Void) throws(CatalogReadError) {
        summary.lineCount += 1
        try reject(overlongLineError(summary.lineCount), onBadLine: onBadLine)
    }

    private func overlongLineError(_ lineNumber: Int) -> CatalogLineError {
        CatalogLineError(line: lineNumber, column: nil, field: nil, reason: "line longer than \(maxLineBytes) bytes")
    }

    private mutating func reject(_ error: CatalogLineError, onBadLine: (CatalogLineError) -> Void) throws(CatalogReadError) {
        summary.badLineCount += 1
        switch policy {
        case .skipBad: onBadLine(error)
        case .strict: throw .badLine(error)
        }
    }
}

/// The catalog's file descriptor, closed when the last reader copy holding it goes away.
/// The only place this module calls into the C library for I/O.
private final class OpenFile {
    let path: String
    private let descriptor: Int32

    init(path: String) throws(CatalogReadError) {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: Self.errorText(errno)) }
        // open(2) succeeds on a directory and only read(2) would fail; say so up front.
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            close(descriptor)
            throw .cannotOpen(path: path, reason: Self.errorText(EISDIR))
        }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Reads up to `count` bytes at `offset`; 0 means end of file. Positional reads keep no
    /// shared file offset, so each `forEach` pass starts at the beginning independently.
    func read(into destination: UnsafeMutablePointer<UInt8>, count: Int, at offset: Int) throws(CatalogReadError) -> Int {
        while true {
            let result = pread(descriptor, destination, count, off_t(offset))
            if result >= 0 { return result }
            if errno == EINTR { continue }
            throw .readFailed(path: path, reason: Self.errorText(errno))
        }
    }

    private static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
