/// libFuzzer target: the catalog reader and its line decoder (JSON Lines to `Product`).
///
/// The input's first two bytes choose the read chunk size and the line limit; the rest is a
/// catalog file, written to tmpfs and read three ways. The reader must never crash, and:
/// - reading in tiny chunks gives the same products and bad-line count as one big chunk
///   (chunk boundaries are an implementation detail);
/// - the strict policy throws exactly when skip-bad reports a bad line;
/// - every accepted product, re-encoded by `CatalogLineEncoder`, reads back equal.
import Catalog
#if canImport(Glibc)
import Glibc
#endif

private let scratchPath = "/dev/shm/uplyft-fuzz-catalog-\(getpid()).jsonl"

private func write(_ bytes: some Collection<UInt8>, to path: String) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard descriptor >= 0 else { fatalError("cannot create \(path)") }
    defer { close(descriptor) }
    let contents = Array(bytes)
    let written = contents.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
    guard written == contents.count else { fatalError("short write to \(path)") }
}

private struct ReadOutcome: Equatable {
    var products: [Product] = []
    var badLines: [Int] = []
    var summary: CatalogReadSummary?
}

private func read(chunkBytes: Int, maxLineBytes: Int, policy: BadLinePolicy = .skipBad) -> (ReadOutcome, strictError: Bool) {
    var outcome = ReadOutcome()
    do {
        var reader = try CatalogReader(path: scratchPath, policy: policy, chunkBytes: chunkBytes, maxLineBytes: maxLineBytes)
        outcome.summary = try reader.forEach(onBadLine: { outcome.badLines.append($0.line) }) { outcome.products.append($0) }
        return (outcome, false)
    } catch CatalogReadError.badLine {
        return (outcome, true)
    } catch {
        fatalError("reading \(scratchPath) failed: \(error)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCatalogLine(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard bytes.count >= 2 else { return 0 }
    let smallChunk = 1 + Int(bytes[0]) % 64
    let maxLineBytes = 1 + Int(bytes[1]) * 16
    write(bytes.dropFirst(2), to: scratchPath)

    let (whole, _) = read(chunkBytes: 1 << 16, maxLineBytes: maxLineBytes)
    let (chunked, _) = read(chunkBytes: smallChunk, maxLineBytes: maxLineBytes)
    guard chunked == whole else {
        fatalError("chunks of \(smallChunk) read \(chunked), one chunk read \(whole)")
    }
    let (strict, strictThrew) = read(chunkBytes: 1 << 16, maxLineBytes: maxLineBytes, policy: .strict)
    guard strictThrew == !whole.badLines.isEmpty else {
        fatalError("strict threw: \(strictThrew), skip-bad found bad lines \(whole.badLines)")
    }
    if !strictThrew && strict.products != whole.products {
        fatalError("strict read \(strict.products), skip-bad read \(whole.products)")
    }

    // Round trip: the encoder's lines must decode to the same products. The limit is lifted
    // because escaping may lengthen a line.
    guard !whole.products.isEmpty else { return 0 }
    let encoded = whole.products.map { CatalogLineEncoder.encode($0) + "\n" }.joined()
    write(encoded.utf8, to: scratchPath)
    let (reread, _) = read(chunkBytes: 1 << 16, maxLineBytes: 1 << 20)
    guard reread.products == whole.products, reread.badLines.isEmpty else {
        fatalError("re-encoded \(whole.products) as \(encoded) but read back \(reread)")
    }
    return 0
}
