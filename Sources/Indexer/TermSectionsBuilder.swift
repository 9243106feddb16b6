import Dispatch
import IndexFormat
import Synchronization

/// Builds the three sections written term by term (POSTINGS, TERMS, TERMCATS) on several
/// threads: the terms, in dictionary order, are cut into runs of whole TERMCATS blocks, each
/// run is encoded on its own (merging the term's postings from every inverter, weighing
/// blocks, counting categories), and the runs are joined in order. Every term's bytes depend
/// only on the term, so the sections are the same bytes for any thread count.
enum TermSectionsBuilder {
    struct Sections {
        var postings: [UInt8]
        var terms: [UInt8]
        var termCategories: [UInt8]
    }

    /// Runs per thread: frequent terms make some runs far slower than others, and more,
    /// smaller runs let the threads share them out evenly.
    static let runsPerThread = 8

    /// `termOrder` is the term ids in byte order of their keys; `weigh` gives a document's
    /// BM25F term weight (see `TermPostings.encoded`); `documentCategories` and
    /// `categoryCount` feed `TermCategoriesWriter`.
    static func build(inversion: InversionMerge, termOrder: [Int], documentCategories: [UInt32], categoryCount: Int,
                      threadCount: Int, weigh: @escaping @Sendable (UInt32, UnsafeBufferPointer<UInt16>) -> Float) -> Sections {
        let blockTerms = TermCategoriesFormat.termsPerBlock
        let blockCount = (termOrder.count + blockTerms - 1) / blockTerms
        let wantedRuns = max(1, min(blockCount, threadCount == 1 ? 1 : threadCount * runsPerThread))
        let blocksPerRun = max(1, (blockCount + wantedRuns - 1) / wantedRuns)
        // No empty run: only the last may end inside a block (TermCategoriesWriter.section).
        let runCount = max(1, (blockCount + blocksPerRun - 1) / blocksPerRun)
        let runs = Mutex([EncodedRun?](repeating: nil, count: runCount))
        // Each thread takes the next run not yet taken until none is left.
        let nextRun = Atomic(0)
        DispatchQueue.concurrentPerform(iterations: min(threadCount, runCount)) { _ in
            while case let run = nextRun.wrappingAdd(1, ordering: .relaxed).oldValue, run < runCount {
                let start = min(termOrder.count, run * blocksPerRun * blockTerms)
                let end = min(termOrder.count, start + blocksPerRun * blockTerms)
                let encoded = encode(terms: termOrder[start..<end], inversion: inversion, documentCategories: documentCategories,
                                     categoryCount: categoryCount, weigh: weigh)
                runs.withLock { $0[run] = encoded }
            }
        }
        let encoded = runs.withLock { $0.map { $0! } }

        var postings = ByteWriter(reservingCapacity: encoded.reduce(0) { $0 + $1.postings.count })
        var entries: [TermDictionaryWriter.Entry] = []
        entries.reserveCapacity(termOrder.count)
        for run in encoded {
            postings.writeBytes(run.postings)
            entries.append(contentsOf: run.entries)
        }
        return Sections(postings: postings.bytes, terms: TermDictionaryWriter.encode(entries),
                        termCategories: TermCategoriesWriter.section(joining: encoded.map(\.termCategories),
                                                                     categoryCount: categoryCount))
    }

    private struct EncodedRun: Sendable {
        var postings: [UInt8]
        var entries: [TermDictionaryWriter.Entry]
        var termCategories: TermCategoriesPart
    }

    private static func encode(terms: ArraySlice<Int>, inversion: InversionMerge, documentCategories: [UInt32], categoryCount: Int,
                               weigh: (UInt32, UnsafeBufferPointer<UInt16>) -> Float) -> EncodedRun {
        var postingsSection = ByteWriter()
        var entries: [TermDictionaryWriter.Entry] = []
        entries.reserveCapacity(terms.count)
        var termCategories = TermCategoriesWriter(documentCategories: documentCategories, categoryCount: categoryCount)
        for term in terms {
            let postings = inversion.postings(ofTerm: term)
            termCategories.add(postings)
            let start = postingsSection.count
            postings.encoded(into: &postingsSection, weigh: weigh)
            entries.append(.init(term: inversion.terms.key(term), documentFrequency: UInt32(postings.documentCount),
                                 postingsLength: UInt64(postingsSection.count - start)))
        }
        return EncodedRun(postings: postingsSection.bytes, entries: entries, termCategories: termCategories.finishedPart())
    }
}
