import HTTPCore
import Synchronization

/// The public catalog's finished answers (`PublicCachingMiddleware`: 200s of search, suggest
/// and product routes, with their ETag and, for a client taking gzip, compressed), kept in the
/// server for the next request with the same target. A shop's search box sends the same
/// popular queries again and again; answering one from here costs a lookup instead of the
/// search, its products' JSON, the ETag's SHA-256 and gzip (issue 16: on the default catalog
/// these were most of a search request's time). Typesense's `use_cache` and Elasticsearch's
/// shard request cache do the same for whole answers.
///
/// Never stale: every answer belongs to the data it was computed from (`source`, the
/// `SearchIndex` being served, a new object for every reload of the index or the synonyms
/// file). A shard that sees another source than its own empties itself first, so nothing
/// computed from an earlier index is served after a swap.
///
/// Bounded: `slotCount` direct-mapped slots (a target always goes to the same slot, and takes
/// it from whoever held it) spread over shards with a lock each, at most `maximumBytes` of
/// bodies in all (each shard holds its share; an answer that does not fit is not kept), and no
/// answer above `maximumAnswerBytes`.
final class PublicAnswerCache: Sendable {
    private struct Slot {
        let key: Key
        let response: HTTPResponse
    }

    /// A request target and whether the client takes gzip: the two things besides the data
    /// that decide the bytes of a public answer.
    struct Key: Hashable, Sendable {
        let target: String
        let gzip: Bool
    }

    private final class Shard: Sendable {
        let state: Mutex<ShardState>
        init(slotCount: Int) { state = Mutex(ShardState(source: nil, slots: Array(repeating: nil, count: slotCount))) }
    }

    private struct ShardState {
        /// The data the answers in `slots` were computed from; weak, so a swapped-out index is
        /// freed as soon as its last search ends, not when this shard is next asked.
        weak var source: (any AnyObject & Sendable)?
        var slots: [Slot?]
        var bytes = 0
    }

    static let shardCount = 16
    /// 32 MiB: some 8,000 answers of a typical 4 kB page of ten results.
    static let defaultMaximumBytes = 32 << 20
    /// A page of 100 results with every facet stays well below this.
    static let maximumAnswerBytes = 512 << 10

    private let shards: [Shard]
    private let slotsPerShard: Int
    private let bytesPerShard: Int
    /// The data answers are computed from now (`IndexHolder.current`).
    private let currentSource: @Sendable () -> any AnyObject & Sendable
    private let hitCount = Atomic<Int>(0)
    private let missCount = Atomic<Int>(0)

    /// `maximumBytes`: bodies kept at most, in bytes (at least one answer per shard); `slotCount`:
    /// answers kept at most (rounded up to a multiple of `shardCount`).
    init(maximumBytes: Int = defaultMaximumBytes, slotCount: Int = 8192, currentSource: @escaping @Sendable () -> any AnyObject & Sendable) {
        let slotsPerShard = max(1, (slotCount + Self.shardCount - 1) / Self.shardCount)
        self.slotsPerShard = slotsPerShard
        bytesPerShard = max(Self.maximumAnswerBytes, maximumBytes / Self.shardCount)
        self.currentSource = currentSource
        shards = (0..<Self.shardCount).map { _ in Shard(slotCount: slotsPerShard) }
    }

    /// Answers found and not found since start (`/metrics`).
    var hits: Int { hitCount.load(ordering: .relaxed) }
    var misses: Int { missCount.load(ordering: .relaxed) }

    /// Answers held now, and their bodies' bytes.
    var count: Int { shards.reduce(0) { total, shard in total + shard.state.withLock { $0.slots.lazy.filter { $0 != nil }.count } } }
    var bytes: Int { shards.reduce(0) { total, shard in total + shard.state.withLock { $0.bytes } } }

    /// The answer to `key` from the data being served now, or `compute()`'s, kept when it is a
    /// 200 that fits. Computing runs outside the lock; two requests missing the same target at
    /// once both compute it, and the later answer is kept. Errors are passed on, never kept.
    func answer(for key: Key, compute: () throws(APIError) -> HTTPResponse) throws(APIError) -> HTTPResponse {
        let source = currentSource()
        var hasher = Hasher()
        hasher.combine(key)
        let hash = UInt(bitPattern: hasher.finalize())
        let shard = shards[Int(hash % UInt(Self.shardCount))]
        let slot = Int((hash / UInt(Self.shardCount)) % UInt(slotsPerShard))
        let cached: HTTPResponse? = shard.state.withLock { shard in
            guard shard.source === source else { return nil }
            guard let held = shard.slots[slot], held.key == key else { return nil }
            return held.response
        }
        if let cached {
            hitCount.add(1, ordering: .relaxed)
            return cached
        }
        missCount.add(1, ordering: .relaxed)
        let response = try compute()
        guard response.status == 200, response.body.count <= Self.maximumAnswerBytes else { return response }
        shard.state.withLock { shard in
            if shard.source !== source {
                // Answers of another index (or none yet): they must never be served again.
                shard.slots = Array(repeating: nil, count: slotsPerShard)
                shard.bytes = 0
                shard.source = source
            }
            let replaced = shard.slots[slot]?.response.body.count ?? 0
            guard shard.bytes - replaced + response.body.count <= bytesPerShard else { return }
            shard.slots[slot] = Slot(key: key, response: response)
            shard.bytes += response.body.count - replaced
        }
        return response
    }
}
