import Catalog
import Dispatch
import IndexFormat
import Synchronization

/// Inverts a catalog's products on several threads while the caller goes on reading it.
///
/// Products are gathered into rounds of `threadCount` batches of `batchSize` consecutive
/// products; batch k of every round goes to inverter k, with the documents' final ids. While
/// one round is inverted the caller fills the next, and adding to a full round first waits
/// for the one before: at most two rounds of products are held, whatever the catalog's size.
/// `finish()` joins the inverters (`InversionMerge`), whose result does not depend on the
/// thread count or the batch size.
///
/// With one thread, products are inverted on the caller's thread as they come, with no
/// batching: the one-thread build is the plain sequential one.
struct ParallelInversion {
    let threadCount: Int
    let batchSize: Int
    private let workers: [InversionWorker]
    private var round: [Product] = []
    private var roundFirstDocument: UInt32 = 0
    private var batches: [(part: Int, documentCount: Int)] = []
    private var inFlight: DispatchGroup?
    private(set) var documentCount: UInt32 = 0

    /// `threadCount` and `batchSize` are at least 1.
    init(fieldCount: Int, threadCount: Int, batchSize: Int) {
        self.threadCount = max(1, threadCount)
        self.batchSize = max(1, batchSize)
        workers = (0..<self.threadCount).map { _ in InversionWorker(fieldCount: fieldCount) }
    }

    mutating func add(_ product: Product) {
        if threadCount == 1 {
            workers[0].invert([product][...], firstDocument: documentCount)
            documentCount += 1
            return
        }
        round.append(product)
        documentCount += 1
        if round.count == threadCount * batchSize { dispatchRound() }
    }

    /// Waits for every batch and joins the inverters; the inversion is spent.
    mutating func finish() -> InversionMerge {
        if threadCount == 1 {
            return InversionMerge(parts: [workers[0].take()], batches: [(0, Int(documentCount))])
        }
        dispatchRound()
        inFlight?.wait()
        inFlight = nil
        return InversionMerge(parts: workers.map { $0.take() }, batches: batches)
    }

    /// Hands the gathered products to the workers, batch k to worker k, after the previous
    /// round is done (a worker's documents must arrive in increasing order).
    private mutating func dispatchRound() {
        inFlight?.wait()
        guard !round.isEmpty else { return }
        let group = DispatchGroup()
        let products = round
        var first = 0
        for (index, worker) in workers.enumerated() where first < products.count {
            let end = min(first + batchSize, products.count)
            let batch = products[first..<end]
            let firstDocument = roundFirstDocument + UInt32(first)
            DispatchQueue.global().async(group: group) { worker.invert(batch, firstDocument: firstDocument) }
            batches.append((index, end - first))
            first = end
        }
        roundFirstDocument += UInt32(products.count)
        round.removeAll(keepingCapacity: true)
        inFlight = group
    }
}

/// One inverter and the scratch it needs, used by one batch at a time: the lock is never
/// contended (a round waits for the last), it only makes the hand-over between threads safe.
private final class InversionWorker: Sendable {
    private let state: Mutex<(inverter: DocumentInverter, fieldTexts: [String])>

    init(fieldCount: Int) {
        state = Mutex((DocumentInverter(fieldCount: fieldCount), Array(repeating: "", count: fieldCount)))
    }

    /// Inverts `products`, whose documents are `firstDocument`, `firstDocument + 1`...
    func invert(_ products: ArraySlice<Product>, firstDocument: UInt32) {
        state.withLock { state in
            var document = firstDocument
            for product in products {
                state.fieldTexts[IndexedField.name.rawValue] = product.name
                state.fieldTexts[IndexedField.brand.rawValue] = product.brand
                state.fieldTexts[IndexedField.category.rawValue] = product.category
                state.fieldTexts[IndexedField.attributes.rawValue] = product.attributes.map(\.value).joined(separator: " ")
                state.fieldTexts[IndexedField.description.rawValue] = product.description
                state.inverter.addDocument(document, fieldTexts: state.fieldTexts)
                document += 1
            }
        }
    }

    /// The inverter, leaving an empty one behind so that its memory goes with the caller's copy.
    func take() -> DocumentInverter {
        state.withLock { state in
            let fieldCount = state.inverter.fieldCount
            let inverter = state.inverter
            state.inverter = DocumentInverter(fieldCount: fieldCount)
            return inverter
        }
    }
}
