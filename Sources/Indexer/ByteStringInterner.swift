/// Maps byte strings to dense ids 0, 1, 2... without allocating per lookup.
///
/// Indexing a million products looks up tens of millions of tokens; a `[ [UInt8]: Int ]`
/// dictionary would allocate an array per lookup. Here keys live once in one arena and the
/// table is open addressing with linear probing over (hash, id) pairs, grown at 50% load.
struct ByteStringInterner {
    private var arena: [UInt8] = []
    private var keyStarts: [UInt32] = [0]
    /// Each slot: high 32 bits hash, low 32 bits id + 1 (0 = empty).
    private var slots: [UInt64]
    private var mask: Int

    init(initialCapacity: Int = 1 << 16) {
        var capacity = 16
        while capacity < initialCapacity * 2 { capacity <<= 1 }
        slots = Array(repeating: 0, count: capacity)
        mask = capacity - 1
        arena.reserveCapacity(initialCapacity * 8)
    }

    var count: Int { keyStarts.count - 1 }

    /// The id of `key`, adding it if new; `isNew` tells which.
    mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> (id: Int, isNew: Bool) {
        let hash = Self.hash(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if UInt32(truncatingIfNeeded: entry >> 32) == hash {
                let id = Int(UInt32(truncatingIfNeeded: entry)) - 1
                if keyEquals(id, key) { return (id, false) }
            }
            slot = (slot + 1) & mask
        }
        let id = count
        arena.append(contentsOf: key)
        keyStarts.append(UInt32(arena.count))
        slots[slot] = UInt64(hash) << 32 | UInt64(id + 1)
        if count * 2 > slots.count { grow() }
        return (id, true)
    }

    /// The id of `key` if present.
    func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        let hash = Self.hash(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if UInt32(truncatingIfNeeded: entry >> 32) == hash {
                let id = Int(UInt32(truncatingIfNeeded: entry)) - 1
                if keyEquals(id, key) { return id }
            }
            slot = (slot + 1) & mask
        }
    }

    func key(_ id: Int) -> ArraySlice<UInt8> {
        arena[Int(keyStarts[id])..<Int(keyStarts[id + 1])]
    }

    /// Ids ordered by their keys' bytes (unsigned lexicographic), the term dictionary's order.
    func idsSortedByKey() -> [Int] {
        arena.withUnsafeBufferPointer { bytes in
            (0..<count).sorted { left, right in
                let leftKey = UnsafeBufferPointer(rebasing: bytes[Int(keyStarts[left])..<Int(keyStarts[left + 1])])
                let rightKey = UnsafeBufferPointer(rebasing: bytes[Int(keyStarts[right])..<Int(keyStarts[right + 1])])
                return Self.lexicographicallyPrecedes(leftKey, rightKey)
            }
        }
    }

    static func lexicographicallyPrecedes(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
        let common = min(left.count, right.count)
        if common > 0 {
            let order = memcmpBytes(left.baseAddress!, right.baseAddress!, common)
            if order != 0 { return order < 0 }
        }
        return left.count < right.count
    }

    private func keyEquals(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(keyStarts[id])
        let length = Int(keyStarts[id + 1]) - start
        guard length == key.count else { return false }
        if length == 0 { return true }
        return arena.withUnsafeBufferPointer { bytes in
            memcmpBytes(bytes.baseAddress! + start, key.baseAddress!, length) == 0
        }
    }

    private mutating func grow() {
        let newCapacity = slots.count * 2
        var newSlots = [UInt64](repeating: 0, count: newCapacity)
        let newMask = newCapacity - 1
        for entry in slots where entry != 0 {
            var slot = Int(truncatingIfNeeded: entry >> 32) & newMask
            while newSlots[slot] != 0 { slot = (slot + 1) & newMask }
            newSlots[slot] = entry
        }
        slots = newSlots
        mask = newMask
    }

    /// FNV-1a, 32 bits: tokens are short, so a simple byte loop beats fancier hashes here.
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in key {
            hash = (hash ^ UInt32(byte)) &* 0x0100_0193
        }
        return hash
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@inline(__always)
private func memcmpBytes(_ left: UnsafePointer<UInt8>, _ right: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    memcmp(left, right, count)
}
