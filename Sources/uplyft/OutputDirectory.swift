#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Creates the missing directories above an output file, so that `uplyft index CATALOG -o
/// data/catalog.uplyft` works on a fresh clone where `data/` does not exist yet.
///
/// Each directory is made with mode 0755 and its parent fsync'd after, so a crash right after
/// the build cannot keep the durable index file while losing the directory that names it (the
/// file's own rename is made durable by `AtomicFileWriter`).
enum OutputDirectory {
    struct CreationError: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "cannot create directory \(path): \(reason)" }
    }

    /// Makes every missing directory of `filePath`'s parent path, top down. An existing
    /// directory is left as it is; an existing non-directory in the way is an error.
    static func createParents(of filePath: String) throws(CreationError) {
        var missing: [String] = []
        var directory = parent(of: filePath)
        while !isDirectory(directory) {
            missing.append(directory)
            let above = parent(of: directory)
            if above == directory { break }
            directory = above
        }
        for path in missing.reversed() {
            if mkdir(path, 0o755) != 0 {
                let code = errno
                // Another process may have made it in between: that is as good.
                guard code == EEXIST, isDirectory(path) else {
                    throw CreationError(path: path, reason: String(cString: strerror(code)))
                }
                continue
            }
            let descriptor = open(parent(of: path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if descriptor >= 0 {
                _ = fsync(descriptor)
                close(descriptor)
            }
        }
    }

    /// The directory part of `path`: "." for a bare name, "/" for a file in the root.
    static func parent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        let directory = trimmed[..<slash]
        return directory.isEmpty ? "/" : String(directory)
    }

    private static func isDirectory(_ path: String) -> Bool {
        var information = stat()
        return stat(path, &information) == 0 && (information.st_mode & S_IFMT) == S_IFDIR
    }
}
