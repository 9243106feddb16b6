/// Why an index file (or one of its sections) could not be read.
///
/// Every case names the section involved so that an operator knows what failed; a corrupt,
/// truncated, foreign or wrong-version file is always reported with one of these, never a crash.
public enum IndexFormatError: Error, Equatable, CustomStringConvertible {
    /// The file does not start with the uplyft magic bytes: not an uplyft index at all.
    case notAnIndex(path: String)
    /// The file was written by a format version this build cannot read.
    case unsupportedVersion(found: UInt32, supported: ClosedRange<UInt32>)
    /// The file is shorter than its header or section table says.
    case truncated(section: String, expectedBytes: Int, availableBytes: Int)
    /// A section's bytes do not match the checksum recorded for it.
    case checksumMismatch(section: String, expected: UInt32, actual: UInt32)
    /// A section's content is inconsistent (an offset out of range, a count that cannot be).
    case corrupt(section: String, detail: String)
    /// A section that this version requires is absent from the section table.
    case missingSection(String)
    /// The operating system refused to open, map or write the file.
    case io(path: String, operation: String, errno: Int32)

    public var description: String {
        switch self {
        case .notAnIndex(let path):
            return "\(path) is not an uplyft index (bad magic bytes)"
        case .unsupportedVersion(let found, let supported):
            return "index format version \(found) is not supported (this build reads \(supported.lowerBound)...\(supported.upperBound)); rebuild the index with `uplyft index`"
        case .truncated(let section, let expected, let available):
            return "section \(section) is truncated: needs \(expected) bytes, \(available) available"
        case .checksumMismatch(let section, let expected, let actual):
            return "section \(section) failed its checksum (expected \(hex(expected)), computed \(hex(actual))): the file is corrupt"
        case .corrupt(let section, let detail):
            return "section \(section) is corrupt: \(detail)"
        case .missingSection(let section):
            return "section \(section) is missing from the index"
        case .io(let path, let operation, let errno):
            return "\(operation) \(path) failed: \(String(cString: strerrorMessage(errno)))"
        }
    }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}

#if canImport(Glibc)
import Glibc
private func strerrorMessage(_ code: Int32) -> UnsafeMutablePointer<CChar> { strerror(code) }
#elseif canImport(Darwin)
import Darwin
private func strerrorMessage(_ code: Int32) -> UnsafeMutablePointer<CChar> { strerror(code) }
#endif
