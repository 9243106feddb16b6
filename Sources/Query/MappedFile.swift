#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import IndexFormat

/// A read-only memory mapping of a whole file: the only place the query engine calls mmap.
/// Or, for indexes built in memory (tests, fuzzers), a private copy of the bytes read the same
/// way, as Tantivy's RAM directory stands in for its mmap directory.
///
/// The mapping (or copy) lives as long as this object; every view handed out (`bytes`) is
/// derived from it and must not outlive it, which `SearchIndex` guarantees by holding the
/// `MappedFile`. Once made, the memory is never written (PROT_READ for a mapping), so
/// concurrent readers need no locking: that is why the type is `@unchecked Sendable`. An
/// operator replacing the index file renames a new file over the path; this mapping keeps
/// the old inode alive until released.
public final class MappedFile: @unchecked Sendable {
    public let path: String
    public let bytes: UnsafeRawBufferPointer
    /// False for a copy in memory: nothing to advise, freed rather than unmapped.
    private let isMapped: Bool

    public init(path: String) throws(IndexFormatError) {
        self.path = path
        isMapped = true
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
        // Opening touches a handful of scattered pages (header, section table, a few section
        // headers). With normal advice each first touch reads `read_ahead_kb` around it (8 MB
        // on this machine's disk), which made a cold open of a 300 MB index take 35-55 ms;
        // page-at-a-time reads make it under 1 ms. `SearchIndex` restores normal read-ahead
        // once it is open, because queries walk postings and stored blocks in long runs.
        setReadAhead(.pageAtATime)
    }

    /// A copy of `contents` in memory, read exactly as a mapping of a file holding them would
    /// be; `name` stands in for the path in errors. Page-aligned like a mapping, so every
    /// offset keeps the alignment it has in a mapped file.
    public init(copying contents: [UInt8], name: String) {
        path = name
        isMapped = false
        guard !contents.isEmpty else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: contents.count, alignment: 4096)
        copy.copyBytes(from: contents)
        bytes = UnsafeRawBufferPointer(copy)
    }

    enum ReadAhead {
        /// Read only the touched page (MADV_RANDOM).
        case pageAtATime
        /// The kernel's default read-around (MADV_NORMAL).
        case normal
    }

    func setReadAhead(_ policy: ReadAhead) {
        guard isMapped, let base = bytes.baseAddress else { return }
        let advice = policy == .pageAtATime ? MADV_RANDOM : MADV_NORMAL
        _ = madvise(UnsafeMutableRawPointer(mutating: base), bytes.count, advice)
    }

    deinit {
        guard let address = bytes.baseAddress else { return }
        if isMapped {
            munmap(UnsafeMutableRawPointer(mutating: address), bytes.count)
        } else {
            address.deallocate()
        }
    }
}
