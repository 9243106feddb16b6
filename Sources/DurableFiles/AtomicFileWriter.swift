#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Writes a file so that readers see either the old file or the complete new one, never a
/// mix: the bytes go to a temporary file in the same directory, which is fsync'd, renamed over
/// the target, and the directory fsync'd so the rename itself survives a crash. An interrupted
/// build leaves at most a stray `.tmp-` file, and the index in use untouched.
///
/// Shared by the indexer (index files), the server (its signing secret, mode 0600, which the
/// temporary file has from creation so the secret is never briefly readable by others) and
/// the CLI (`uplyft gen -o`). Failures are `FileWriteError`s naming the call and the file.
///
/// The temporary file is `<path>.tmp-<pid>-<n>`, `n` counting writers in this process, and is
/// created exclusively: two writers of one path in one process never share (and truncate)
/// each other's temporary file; the last to commit wins whole.
public struct AtomicFileWriter: ~Copyable {
    public let path: String
    public let temporaryPath: String
    private var descriptor: Int32
    private var committed = false

    /// Numbers this process's writers, so each has its own temporary file.
    private static let writerCount = Atomic<UInt64>(0)

    public init(path: String, permissions: mode_t = 0o644) throws(FileWriteError) {
        self.path = path
        temporaryPath = "\(path).tmp-\(getpid())-\(Self.writerCount.add(1, ordering: .relaxed).oldValue)"
        Self.removeAbandonedTemporaries(of: path)
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard descriptor >= 0 else { throw FileWriteError(path: temporaryPath, operation: "create", errno: errno) }
    }

    /// Appends `bytes`, retrying short writes and EINTR.
    public mutating func write(_ bytes: [UInt8]) throws(FileWriteError) {
        let failure = writeAll(bytes, to: descriptor)
        guard failure == 0 else { throw FileWriteError(path: temporaryPath, operation: "write", errno: failure) }
    }

    /// Makes the file durable and puts it in place of `path`.
    public consuming func commit() throws(FileWriteError) {
        guard fsync(descriptor) == 0 else { throw FileWriteError(path: temporaryPath, operation: "fsync", errno: errno) }
        let closeResult = close(descriptor)
        descriptor = -1
        guard closeResult == 0 else { throw FileWriteError(path: temporaryPath, operation: "close", errno: errno) }
        guard rename(temporaryPath, path) == 0 else { throw FileWriteError(path: path, operation: "rename to", errno: errno) }
        committed = true
        let directory = Self.directory(of: path)
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        if !committed { unlink(temporaryPath) }
    }

    /// Deletes `<path>.tmp-<pid>[-<n>]` files of writers that no longer run (killed mid-write), so
    /// repeated interrupted builds do not fill the disk. A live writer's file is left alone.
    static func removeAbandonedTemporaries(of path: String) {
        let directory = Self.directory(of: path)
        let prefix = String(path.split(separator: "/").last ?? "") + ".tmp-"
        guard let handle = opendir(directory) else { return }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let name = Self.name(of: entry)
            let owner = name.dropFirst(prefix.count).prefix { $0 != "-" }
            guard name.hasPrefix(prefix), let pid = pid_t(owner), pid != getpid() else { continue }
            // kill(pid, 0) fails with ESRCH when no such process exists.
            if kill(pid, 0) != 0 && errno == ESRCH {
                unlink(directory + "/" + name)
            }
        }
    }

    /// The file name of a `readdir` entry. `d_name` is declared as 256 bytes, but the record
    /// `readdir` returns is only `d_reclen` bytes long, its name ending at the first NUL; the
    /// last record of a full directory buffer ends at the buffer's end. So the name is read in
    /// place up to its NUL, never as the whole declared field (copying `entry.pointee.d_name`
    /// read past the buffer: the crash in a test run writing into a busy temp folder).
    private static func name(of entry: UnsafeMutablePointer<dirent>) -> String {
        let name = UnsafeRawPointer(entry) + MemoryLayout<dirent>.offset(of: \.d_name)!
        return String(decoding: UnsafeRawBufferPointer(start: name, count: strlen(name)), as: UTF8.self)
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }
}
