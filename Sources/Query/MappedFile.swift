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
        // Queries touch the dictionary and postings in a scattered but dense pattern; the
        // kernel's default read-ahead serves that far better than MADV_RANDOM (PLATFORM.md:
        // 0.7 s against 14.7 s from a cold cache).
        _ = madvise(address, size, MADV_WILLNEED)
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    deinit {
        if let address = bytes.baseAddress {
            munmap(UnsafeMutableRawPointer(mutating: address), bytes.count)
        }
    }
}
