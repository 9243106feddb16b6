import Foundation
import Query
import Synchronization

/// The open search index, swapped for a new one when the operator rebuilds the file.
///
/// `uplyft index` replaces the file by rename, so the old mapping stays valid for searches
/// already running; this holder notices the new file (its inode, size or modification time
/// changed, checked at most once a second) and opens it for the next requests. A file that
/// fails to open is reported once and the old index keeps serving.
public final class IndexHolder: Sendable {
    private struct FileIdentity: Equatable {
        let inode: UInt64
        let size: UInt64
        let modified: Date
    }

    private struct State {
        var index: SearchIndex
        var identity: FileIdentity?
        var lastCheck: Date
        var rejectedIdentity: FileIdentity?
    }

    public let path: String
    private let state: Mutex<State>
    private let log: @Sendable (String) -> Void
    private static let checkIntervalSeconds: TimeInterval = 1

    public init(path: String, log: @escaping @Sendable (String) -> Void) throws {
        self.path = path
        self.log = log
        let index = try SearchIndex(path: path)
        // Opening checks the header only; a server checks every section once before serving
        // (some 0.2 s at a million products) so damage is reported now, not as odd results.
        try index.verify()
        state = Mutex(State(index: index, identity: Self.identity(of: path), lastCheck: Date(), rejectedIdentity: nil))
    }

    /// The index to search now.
    public var current: SearchIndex {
        let now = Date()
        let (index, due) = state.withLock { state -> (SearchIndex, Bool) in
            let due = now.timeIntervalSince(state.lastCheck) >= Self.checkIntervalSeconds
            if due { state.lastCheck = now }
            return (state.index, due)
        }
        guard due else { return index }
        return reloadIfChanged() ?? index
    }

    /// Opens the file again if it is not the one being served; returns the new index.
    @discardableResult
    public func reloadIfChanged() -> SearchIndex? {
        guard let identity = Self.identity(of: path) else { return nil }
        let known = state.withLock { ($0.identity, $0.rejectedIdentity) }
        guard identity != known.0, identity != known.1 else { return nil }
        do {
            let index = try SearchIndex(path: path)
            try index.verify()
            state.withLock { state in
                state.index = index
                state.identity = identity
            }
            log("index reloaded: \(path), \(index.documentCount) products")
            return index
        } catch {
            state.withLock { $0.rejectedIdentity = identity }
            log("index \(path) changed but cannot be opened, still serving the previous one: \(error)")
            return nil
        }
    }

    private static func identity(of path: String) -> FileIdentity? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value,
              let size = (attributes[.size] as? NSNumber)?.uint64Value,
              let modified = attributes[.modificationDate] as? Date else { return nil }
        return FileIdentity(inode: inode, size: size, modified: modified)
    }
}
