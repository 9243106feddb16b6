/// libFuzzer target: the index reader over damaged index files.
///
/// At start-up the harness builds a small valid index in memory from generated products. Each
/// input is a list of patches applied to a copy of it; the copy is opened from memory
/// (`SearchIndex(bytes:)`: no file, and AddressSanitizer sees the exact end of the bytes). Opening
/// must either throw or give an index on which `verify()`, searches, facets, suggestions and
/// stored products all either work or throw: never a trap, never a read outside the bytes
/// (AddressSanitizer catches those).
///
/// Opening checks only the header and section-table checksums, and the server does not call
/// `verify()` before searching, so damaged section contents reach every decoder. The input's
/// first byte can also ask the harness to repair the header and table checksums (so damaged
/// header fields and section entries get past them) and the section and body checksums (so
/// `verify()` passes and the damage is only visible to the decoders).
///
/// Input: `flags` then records of `[operation][offset: u16 LE][length][bytes...]`; the offset
/// wraps around the file; operation bit 0 chooses XOR over overwrite; operation 0xFF
/// truncates the file at the offset instead.
import CatalogGenerator
import IndexFormat
import Indexer
import Query

private let productCount = 12

/// The seed index and the words worth searching for in it, made once per process.
private let seed: (bytes: [UInt8], productIDs: [String], words: [String]) = {
    var generator = CatalogGenerator(seed: 7)
    var builder = IndexBuilder()
    var ids: [String] = []
    var words: [String] = []
    for _ in 0..<productCount {
        let product = generator.next()
        builder.add(product)
        ids.append(product.id)
        words += product.name.split(separator: " ").prefix(2).map(String.init)
    }
    do {
        return (try builder.encoded(), ids, words)
    } catch {
        fatalError("cannot build the seed index: \(error)")
    }
}()

private func applyPatches(_ input: ArraySlice<UInt8>, to file: inout [UInt8]) {
    var patches = input
    while let operation = patches.popFirst(), let low = patches.popFirst(), let high = patches.popFirst() {
        let offset = Int(low) | Int(high) << 8
        if operation == 0xFF {
            file.removeLast(file.count - offset % (file.count + 1))
            continue
        }
        let length = Int(patches.popFirst() ?? 0) % 16
        let bytes = patches.prefix(length)
        patches = patches.dropFirst(length)
        guard !file.isEmpty else { continue }
        for (step, byte) in bytes.enumerated() {
            let position = (offset + step) % file.count
            file[position] = operation & 1 == 1 ? file[position] ^ byte : byte
        }
    }
}

// MARK: - Checksum repair (FORMAT.md: header, section table, footer)

private func uint32(_ file: [UInt8], at offset: Int) -> UInt32 {
    (0..<4).reduce(0) { $0 | UInt32(file[offset + $1]) << (8 * $1) }
}

private func uint64(_ file: [UInt8], at offset: Int) -> UInt64 {
    (0..<8).reduce(0) { $0 | UInt64(file[offset + $1]) << (8 * $1) }
}

private func store(_ value: UInt32, in file: inout [UInt8], at offset: Int) {
    for byte in 0..<4 { file[offset + byte] = UInt8(truncatingIfNeeded: value >> (8 * byte)) }
}

private func crc(_ file: [UInt8], _ range: Range<Int>) -> UInt32 {
    file[range].withUnsafeBytes { CRC32C.checksum($0) }
}

/// Rewrites the section checksums (and then the body checksum) to match the damaged bytes.
private func repairContentChecksums(_ file: inout [UInt8]) {
    let headerSize = IndexFileLayout.headerSize, footerSize = IndexFileLayout.footerSize
    guard file.count >= headerSize + footerSize else { return }
    let count = Int(uint32(file, at: 16))
    let tableOffset = uint64(file, at: 32)
    guard count <= 64, tableOffset <= UInt64(file.count),
          Int(tableOffset) + count * 32 + 4 <= file.count else { return }
    let table = Int(tableOffset)
    for entry in 0..<count {
        let entryStart = table + entry * 32
        let start = uint64(file, at: entryStart + 8), length = uint64(file, at: entryStart + 16)
        guard start <= UInt64(file.count), length <= UInt64(file.count) - start else { continue }
        store(crc(file, Int(start)..<Int(start + length)), in: &file, at: entryStart + 24)
    }
    store(crc(file, table..<(table + count * 32)), in: &file, at: table + count * 32)
    let footerStart = file.count - footerSize
    if footerStart >= headerSize {
        store(crc(file, headerSize..<footerStart), in: &file, at: footerStart + 8)
    }
}

/// Rewrites the header and section-table checksums so damage behind them is reached.
private func repairStructureChecksums(_ file: inout [UInt8]) {
    let headerSize = IndexFileLayout.headerSize
    guard file.count >= headerSize else { return }
    let count = Int(uint32(file, at: 16))
    let tableOffset = uint64(file, at: 32)
    if count <= 64, tableOffset <= UInt64(file.count), Int(tableOffset) + count * 32 + 4 <= file.count {
        let table = Int(tableOffset)
        store(crc(file, table..<(table + count * 32)), in: &file, at: table + count * 32)
    }
    store(crc(file, 0..<60), in: &file, at: 60)
}

// MARK: - Reading

private func exercise(_ index: SearchIndex) {
    _ = try? index.verify()
    _ = index.allCategories()
    _ = index.allBrands()
    // A damaged META may claim billions of documents: visit a bounded number.
    for document in 0..<UInt32(min(index.documentCount, productCount + 4)) {
        _ = index.productID(document: document)
        _ = try? index.product(document: document)
    }
    for id in seed.productIDs.prefix(3) { _ = try? index.product(id: id) }

    let searcher = Searcher(index: index)
    let brand = index.allBrands().first?.name
    let requests = [
        SearchRequest(query: seed.words.prefix(2).joined(separator: " ")),
        // One term a word and no totals: the flat walk with batched norms and skipped runs.
        SearchRequest(query: seed.words.prefix(3).joined(separator: " "), limit: 3, prefixMatching: false,
                      includeProducts: false, countsEveryMatch: false),
        SearchRequest(query: seed.words.last ?? "", limit: 5, offset: 1, sort: .priceAscending),
        SearchRequest(query: "wireles hedphones", filter: SearchFilter(brands: brand.map { [$0] } ?? [], minPrice: 1, maxPrice: 500, inStockOnly: true)),
        SearchRequest(query: String(seed.words.first?.prefix(3) ?? "a"), sort: .ratingDescending, partialMatches: false),
        SearchRequest(query: "", filter: SearchFilter(categories: index.allCategories().prefix(1).map(\.name))),
    ]
    for request in requests { _ = try? searcher.search(request) }
    // Every word of the seed through TERMCATS: a damaged block offset, count or ordinal is met.
    _ = try? index.categoryDistribution(for: seed.words)
    for word in seed.words.prefix(8) { _ = try? index.categoryDistribution(for: [word]) }
    _ = index.suggestions(for: "cofee")
    _ = index.suggestions(for: seed.words.first ?? "x")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIndexReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = UnsafeBufferPointer(start: data, count: size)
    guard let flags = input.first else { return 0 }
    var file = seed.bytes
    applyPatches(Array(input.dropFirst())[...], to: &file)
    if flags & 2 != 0 { repairContentChecksums(&file) }
    if flags & 1 != 0 { repairStructureChecksums(&file) }
    guard let index = try? SearchIndex(bytes: file) else { return 0 }
    exercise(index)
    return 0
}
