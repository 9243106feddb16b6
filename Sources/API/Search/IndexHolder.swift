import Dispatch
import Foundation
import Query
import Synchronization

/// The open search index, swapped for a new one when the operator rebuilds the file or
/// edits the synonyms file (`SynonymTable`, applied at query time, so no rebuild).
///
/// `uplyft index` replaces the file by rename, so the old mapping stays valid for searches
/// already running; this holder notices the new file (its inode, size or modification time
/// changed, checked at most once a second) and opens it for the next requests. The synonyms
/// file is watched the same way and read again when it changes. A file that fails to open,
/// or a synonyms file with a bad line, is reported once and the old index keeps serving.
public final class IndexHolder: Sendable {
    private struct FileIdentity: Equatable {
        let inode: UInt64
        let size: UInt64
        let modified: Date
    }

    private struct State {
        var index: SearchIndex
        var identity: FileIdentity?
        var synonymsIdentity: FileIdentity?
        var rejectedIdentity: FileIdentity?
        var rejectedSynonymsIdentity: FileIdentity?
    }

    public let path: String
    /// The operator's synonyms file, nil for none.
    public let synonymsPath: String?
    private let state: Mutex<State>
    private let log: @Sendable (String) -> Void
    private static let checkIntervalNanoseconds: UInt64 = 1_000_000_000

    /// Throws the index's error, or a `SynonymFileError` naming the line of a bad rule.
    public init(path: String, synonymsPath: String? = nil, log: @escaping @Sendable (String) -> Void) throws {
        self.path = path
        self.synonymsPath = synonymsPath
        self.log = log
        let synonymsIdentity = synonymsPath.flatMap(Self.identity(of:))
        let synonyms = try synonymsPath.map { path throws(SynonymFileError) in try SynonymTable(contentsOf: path) } ?? .empty
        let index = try SearchIndex(path: path, synonyms: synonyms)
        // Opening checks the header only; a server checks every section once before serving
        // (some 0.2 s at a million products) so damage is reported now, not as odd results.
        try index.verify()
        nextCheckNanoseconds = Atomic(DispatchTime.now().uptimeNanoseconds + Self.checkIntervalNanoseconds)
        state = Mutex(State(index: index, identity: Self.identity(of: path), synonymsIdentity: synonymsIdentity,
                            rejectedIdentity: nil, rejectedSynonymsIdentity: nil))
    }

    /// When the files are next looked at, in nanoseconds of the monotonic clock: read on every
    /// request without the lock, which then guards only the index reference (a profile showed
    /// requests waiting on it, issue 16). Of the requests that find it passed, the one that
    /// moves it on looks at the files.
    private let nextCheckNanoseconds: Atomic<UInt64>

    /// The timer of `watchFiles()`, nil until it is called: while it runs, requests never
    /// look at the files themselves.
    private let watcher = Mutex<DispatchSourceTimer?>(nil)
    private let isWatching = Atomic<Bool>(false)

    deinit {
        watcher.withLock { $0?.cancel() }
    }

    /// Looks at the files once a second on a background queue from now on, instead of on
    /// the request that finds a second passed: no request then ever waits for a new index to
    /// open and verify (some 0.2 s at a million products), and an HTTP event loop may run
    /// every search itself (`mayCheckFilesSoon` is then always false). `uplyft serve` calls it.
    public func watchFiles() {
        watcher.withLock { timer in
            guard timer == nil else { return }
            let source = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "uplyft.index-watch", qos: .utility))
            source.schedule(deadline: .now() + .nanoseconds(Int(Self.checkIntervalNanoseconds)),
                            repeating: .nanoseconds(Int(Self.checkIntervalNanoseconds)))
            source.setEventHandler { [weak self] in _ = self?.reloadIfChanged() }
            isWatching.store(true, ordering: .releasing)
            source.resume()
            timer = source
        }
    }

    /// The index to search now.
    public var current: SearchIndex {
        let index = state.withLock { $0.index }
        if isWatching.load(ordering: .acquiring) { return index }
        let now = DispatchTime.now().uptimeNanoseconds
        let due = nextCheckNanoseconds.load(ordering: .relaxed)
        guard now >= due,
              nextCheckNanoseconds.compareExchange(expected: due, desired: now + Self.checkIntervalNanoseconds, ordering: .relaxed).exchanged
        else { return index }
        return reloadIfChanged() ?? index
    }

    /// Whether `current` may, within `marginNanoseconds` from now, look at the files and
    /// possibly open and verify a new index (slow on a large one). A caller that must not
    /// block (an HTTP event loop) sends such requests elsewhere.
    public func mayCheckFilesSoon(marginNanoseconds: UInt64) -> Bool {
        if isWatching.load(ordering: .relaxed) { return false }
        return DispatchTime.now().uptimeNanoseconds &+ marginNanoseconds >= nextCheckNanoseconds.load(ordering: .relaxed)
    }

    /// Opens the file again if it is not the one being served, or the index with the synonyms
    /// file read again if that changed; returns the new index.
    @discardableResult
    public func reloadIfChanged() -> SearchIndex? {
        guard let identity = Self.identity(of: path) else { return nil }
        let synonymsIdentity = synonymsPath.flatMap(Self.identity(of:))
        let known = state.withLock { $0 }
        let indexChanged = identity != known.identity && identity != known.rejectedIdentity
        let synonymsChanged = synonymsIdentity != known.synonymsIdentity && synonymsIdentity != known.rejectedSynonymsIdentity
        guard indexChanged || synonymsChanged else { return nil }
        var synonyms = known.index.synonyms
        var usedSynonymsIdentity = known.synonymsIdentity
        if synonymsChanged, let synonymsPath {
            do {
                synonyms = try SynonymTable(contentsOf: synonymsPath)
                usedSynonymsIdentity = synonymsIdentity
                log("synonyms reloaded: \(synonymsPath), \(synonyms.rules.count) rules")
            } catch {
                state.withLock { $0.rejectedSynonymsIdentity = synonymsIdentity }
                log("\(error); still using the previous synonyms")
                guard indexChanged else { return nil }
            }
        }
        let indexIdentity = indexChanged ? identity : known.identity
        do {
            // Unchanged, the file is the one already verified: opening it again is cheap.
            let index = try SearchIndex(path: path, synonyms: synonyms)
            if indexChanged { try index.verify() }
            state.withLock { state in
                state.index = index
                state.identity = indexIdentity
                state.synonymsIdentity = usedSynonymsIdentity
            }
            if indexChanged { log("index reloaded: \(path), \(index.documentCount) products") }
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
