import Catalog
import IndexFormat
import Testing
import TestSupport
@testable import Indexer
@testable import Query

/// `uplyft index` on every core (issue 16): whatever the thread count and wherever the batch
/// boundaries fall, the file is byte for byte the one-thread build's.
@Suite struct ParallelBuildTests {
    private func encoded(_ products: [Product], threads: Int, batchSize: Int = IndexBuilder.defaultBatchSize) throws -> [UInt8] {
        var builder = IndexBuilder(threads: threads, batchSize: batchSize)
        for product in products { builder.add(product) }
        return try builder.encoded()
    }

    /// Random products over a small shared vocabulary (every term in many batches, postings
    /// longer than one 128-document block) plus words only a few products have (terms that
    /// only some threads see), numbers and model numbers; enough terms (about 1,000) that the
    /// terms are encoded in several runs, the last ending inside a TERMCATS block.
    private func catalog(count: Int, seed: UInt64) -> [Product] {
        var random = RandomCatalog(seed: seed)
        var products = random.products(count)
        for index in products.indices {
            switch random.nextRandom() % 4 {
            case 0: products[index].description += (0..<8).map { _ in " rare\(random.nextRandom() % 3000)word" }.joined()
            case 1: products[index].name += " model-\(random.nextRandom() % 30)x"
            case 2: products[index].attributes.append(("size", "\(random.nextRandom() % 12) in"))
            default: break
            }
        }
        return products
    }

    /// Batches of 1 and 3 products, a postings block (128) and one more, larger than the
    /// catalog (one round, some threads without a batch).
    @Test(arguments: [1, 3, 128, 129, 1000])
    func everyThreadCountAndBatchSizeGivesTheOneThreadBytes(batchSize: Int) throws {
        let products = catalog(count: 421, seed: 16)
        let reference = try encoded(products, threads: 1)
        for threads in [2, 3] {
            let parallel = try encoded(products, threads: threads, batchSize: batchSize)
            #expect(parallel == reference, "threads \(threads), batch size \(batchSize): \(parallel.count) bytes vs \(reference.count)")
        }
    }

    /// The merged file is a working index, not only the same bytes as another: a word that
    /// only one product has and a word every batch has are found with their right counts.
    @Test func theParallelBuildSearchesLikeTheOneThreadBuild() throws {
        var products = catalog(count: 300, seed: 7)
        products[150].name += " zebrafrost"
        let index = try SearchIndex(bytes: try encoded(products, threads: 3, batchSize: 4))
        let searcher = Searcher(index: index)
        #expect(try searcher.search(SearchRequest(query: "zebrafrost")).hits.map(\.productID) == [products[150].id])
        let reference = Searcher(index: try SearchIndex(bytes: try encoded(products, threads: 1)))
        for query in ["leather boots", "coffee", "black", "usb-c cable", "x200"] {
            let expected = try reference.search(SearchRequest(query: query))
            let found = try searcher.search(SearchRequest(query: query))
            #expect(found.hits.map(\.productID) == expected.hits.map(\.productID), "\(query)")
            #expect(found.totalMatches == expected.totalMatches, "\(query)")
        }
    }

    /// No product, one product on four threads (three idle inverters), and a catalog that
    /// ends exactly on a round.
    @Test func smallAndRoundEndingCatalogsGiveTheOneThreadBytes() throws {
        for count in [0, 1, 8] {
            let products = catalog(count: count, seed: UInt64(count) + 1)
            #expect(try encoded(products, threads: 4, batchSize: 2) == encoded(products, threads: 1), "\(count) products")
        }
    }
}
