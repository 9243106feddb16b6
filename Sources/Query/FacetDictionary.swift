import Analysis
import IndexFormat

/// One facet value (a category or a brand) as listed in FACETS.
public struct FacetValue: Sendable, Equatable {
    public var ordinal: UInt32
    public var name: String
    public var productCount: Int
}

/// Reader of one of the two dictionaries in the FACETS section, sorted by `FacetKey`, so a
/// name is found by binary search whatever its spelling ("home-kitchen" finds "Home & Kitchen").
struct FacetDictionary {
    private let reader: ByteReader
    let count: Int
    private let offsetsStart: Int
    private let entriesStart: Int
    /// Bytes this dictionary occupies, so the next one can follow.
    let byteLength: Int

    init(section: UnsafeRawBufferPointer, at start: Int, name: String) throws(IndexFormatError) {
        let full = ByteReader(section, section: "FACETS")
        let declared = Int(try full.uint32(at: start))
        guard declared <= section.count / 4 else { throw .corrupt(section: "FACETS", detail: "\(name) count \(declared)") }
        count = declared
        offsetsStart = start + 4
        entriesStart = offsetsStart + 4 * (count + 1)
        let entriesLength = Int(try full.uint32(at: offsetsStart + 4 * count))
        byteLength = 4 + 4 * (count + 1) + entriesLength
        guard start + byteLength <= section.count else {
            throw .truncated(section: "FACETS", expectedBytes: start + byteLength, availableBytes: section.count)
        }
        reader = full
    }

    func value(ordinal: UInt32) -> FacetValue? {
        guard Int(ordinal) < count, let entry = try? entry(Int(ordinal)) else { return nil }
        return FacetValue(ordinal: ordinal, name: String(decoding: entry.display, as: UTF8.self), productCount: entry.productCount)
    }

    /// The values whose key equals `name`'s key (usually one; several spellings share a key).
    func ordinals(matching name: String) -> [UInt32] {
        let key = FacetKey.make(name)
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            guard let entry = try? entry(middle) else { return [] }
            if compare(entry.key, key) < 0 { low = middle + 1 } else { high = middle }
        }
        var result: [UInt32] = []
        while low < count, let entry = try? entry(low), compare(entry.key, key) == 0 {
            result.append(UInt32(low))
            low += 1
        }
        return result
    }

    func allValues() -> [FacetValue] {
        (0..<count).compactMap { value(ordinal: UInt32($0)) }
    }

    private func entry(_ index: Int) throws(IndexFormatError) -> (key: UnsafeRawBufferPointer, display: UnsafeRawBufferPointer, productCount: Int) {
        let start = Int(try reader.uint32(at: offsetsStart + 4 * index))
        var cursor = ByteReader(reader.base, section: "FACETS", offset: entriesStart + start)
        let key = try cursor.readLengthPrefixed()
        let display = try cursor.readLengthPrefixed()
        let productCount = try cursor.readVarInt(atMost: Int(UInt32.max))
        return (key, display, productCount)
    }
}
