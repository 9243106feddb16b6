#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import IndexFormat

/// A read-only memory mapping of a whole file: the only place the query engine calls mmap.
///
/// The mapping lives as long as this object; every view handed out (`bytes`) is derived from
/// it and must not outlive it, which `SearchIndex` guarantees by holding the `MappedFile`.
/// Once mapped, the memory is immutable (PROT_READ), so concurrent readers need no locking:
/// that is why the type is `@unchecked Sendable`. An operator replacing the index file
/// renames a new file over the path; this mapping keeps the old inode alive until released.
public final class MappedFile: @unchecked Sendable {
    public let path: String
    public let bytes: UnsafeRawBufferPointer

    public init(path: String) throws(IndexFormatError) {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .io(path: path, operation: "open", errno: errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .io(path: path, operation: "stat", errno: errno) }
        let size = Int(status.st_size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            throw .io(path: path, operation: "mmap", errno: errno)
        }
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    /// Asks the kernel to read `range` ahead, for sections that every query touches densely.
    /// Not for the whole file: on a cold cache that queues hundreds of megabytes of reads and
    /// made opening a 300 MB index take 30 ms instead of a few.
    func willNeed(_ range: Range<Int>) {
        guard let base = bytes.baseAddress, range.lowerBound >= 0, range.upperBound <= bytes.count, !range.isEmpty else { return }
        // madvise wants a page-aligned start.
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = range.lowerBound - range.lowerBound % pageSize
        _ = madvise(UnsafeMutableRawPointer(mutating: base + start), range.upperBound - start, MADV_WILLNEED)
    }

    deinit {
        if let address = bytes.baseAddress {
            munmap(UnsafeMutableRawPointer(mutating: address), bytes.count)
        }
    }
}
