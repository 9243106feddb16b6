#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a durable write failed: the system call (`operation`: create, write, fsync, close,
/// rename to) the operating system refused, the file it was for, and its `errno`.
///
/// Writers that have an error type of their own convert it (the indexer reports it as
/// `IndexFormatError.io` with the same three fields); others print its description, the
/// strerror text: "fsync data/catalog.uplyft.tmp-412 failed: No space left on device".
public struct FileWriteError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let operation: String
    public let errno: Int32

    public init(path: String, operation: String, errno: Int32) {
        self.path = path
        self.operation = operation
        self.errno = errno
    }

    public var description: String {
        "\(operation) \(path) failed: \(String(cString: strerror(errno)))"
    }
}
