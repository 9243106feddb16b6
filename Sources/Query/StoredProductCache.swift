import IndexFormat
import Synchronization

/// The products of recent results, decoded and analysed, kept for the next requests: a result
/// page decodes each product from its compressed block (LZ4) and analyses its text to explain
/// the matches, which took a third of a search request's time in a profile (issue 16), while a
/// shop's pages show the same popular products again and again.
///
/// Bounded: `capacity` entries in direct-mapped slots (a document always goes to the same
/// slot, and takes it from whoever held it), spread over shards with a lock each so that
/// requests on other cores seldom wait. Belongs to one `SearchIndex`, whose file never changes
/// under it: a new index file is a new `SearchIndex` with an empty cache, so nothing stale is
/// ever served.
final class StoredProductCache: Sendable {
    /// One cached product; immutable, shared by every request that reads it.
    final class Entry: Sendable {
        let document: UInt32
        /// Where the product was read from (`StoredFields.location(of:)`); nil when the caller
        /// does not check it.
        let location: StoredFields.BlockLocation?
        let product: StoredProduct
        let wordForms: ProductWordForms

        init(document: UInt32, location: StoredFields.BlockLocation?, product: StoredProduct) {
            self.document = document
            self.location = location
            self.product = product
            wordForms = ProductWordForms(product)
        }
    }

    private final class Shard: Sendable {
        let slots: Mutex<[Entry?]>
        init(slotCount: Int) { slots = Mutex(Array(repeating: nil, count: slotCount)) }
    }

    static let shardCount = 16
    /// Products an index keeps: a few pages each of a few thousand popular searches, some
    /// 3-5 kB each (product text, its analysed words), so 10-20 MB at most.
    static let defaultCapacity = 4096
    private let shards: [Shard]
    private let slotsPerShard: Int

    /// `capacity`: products kept at most (rounded up to a multiple of `shardCount`).
    init(capacity: Int) {
        let slotsPerShard = max(1, (capacity + Self.shardCount - 1) / Self.shardCount)
        self.slotsPerShard = slotsPerShard
        shards = (0..<Self.shardCount).map { _ in Shard(slotCount: slotsPerShard) }
    }

    var capacity: Int { slotsPerShard * Self.shardCount }

    /// Products held now.
    var count: Int { shards.reduce(0) { total, shard in total + shard.slots.withLock { $0.lazy.filter { $0 != nil }.count } } }

    /// The entry of `document`: the cached one when it was read from the same `location`, or
    /// `decode(document)` analysed and kept. Decoding and analysis run outside the lock; two
    /// requests missing the same product at once both decode it, and the later one is kept.
    func entry(_ document: UInt32, location: StoredFields.BlockLocation? = nil,
               decode: (UInt32) throws(IndexFormatError) -> StoredProduct) throws(IndexFormatError) -> Entry {
        let shard = shards[Int(document % UInt32(Self.shardCount))]
        let slot = Int(document / UInt32(Self.shardCount)) % slotsPerShard
        if let cached = shard.slots.withLock({ $0[slot] }), cached.document == document, cached.location == location { return cached }
        let entry = Entry(document: document, location: location, product: try decode(document))
        shard.slots.withLock { $0[slot] = entry }
        return entry
    }
}
