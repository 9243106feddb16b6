/// Per-message time of the shop assistant, in process: `ChatAssistant.respond` over an index
/// file, with a real cart database, as `POST /api/chat/` calls it but without HTTP or the
/// history table. Run by `Benchmarks/chat_speed.sh` (results: Benchmarks/results/chat-speed.md).
///
///     ChatSpeed INDEX [--conversations N] [--seed S]
///
/// The conversations are made from the catalog itself: product words from sampled names, a
/// price from the product, the catalog's category words. Each conversation is ten messages of
/// five kinds (search, refine, question, cart, need), the state carried from answer to
/// answer; the first message of the run, which builds the chat's vocabulary of the index, is
/// reported apart. Prints a Markdown table per measure, one row per kind (messages, median,
/// p90, p99, max), then one row per message shape: wall-clock time, and the process's CPU
/// time (`CLOCK_PROCESS_CPUTIME_ID`, every thread, so a search split over two cores counts
/// both), which other programs sharing the cores do not inflate.
import Chat
import Foundation
import Query
import Search
import Store

@main
enum ChatSpeed {
    struct Options {
        var indexPath = ""
        var conversations = 300
        var seed: UInt64 = 7
    }

    static func main() throws {
        var options = Options()
        var arguments = CommandLine.arguments.dropFirst()
        while let argument = arguments.popFirst() {
            switch argument {
            case "--conversations": options.conversations = Int(arguments.popFirst() ?? "") ?? 0
            case "--seed": options.seed = UInt64(arguments.popFirst() ?? "") ?? 0
            default: options.indexPath = argument
            }
        }
        guard !options.indexPath.isEmpty, options.conversations > 0 else {
            FileHandle.standardError.write(Data("usage: ChatSpeed INDEX [--conversations N] [--seed S]\n".utf8))
            exit(2)
        }
        try run(options)
    }

    static func run(_ options: Options) throws {
        let holder = try IndexHolder(path: options.indexPath, log: { _ in })
        let index = holder.current
        let databasePath = NSTemporaryDirectory() + "chat-speed-\(getpid()).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { unlink(databasePath + suffix) } }
        let database = try Database(path: databasePath)
        guard case let .created(user) = try UserStore(database: database).create(username: "bench", passwordHash: "x", now: 0) else {
            fatalError("the fresh database already had the user")
        }
        let carts = CartStore(database: database)
        let assistant = ChatAssistant(indexes: holder, carts: carts)

        var random = options.seed
        func next(_ bound: Int) -> Int {
            // SplitMix64: the same conversations for the same seed and index.
            random &+= 0x9E37_79B9_7F4A_7C15
            var z = random
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        let categoryWords = index.allCategories().flatMap { $0.name.lowercased().split { !$0.isLetter }.map(String.init) }.filter { $0.count > 3 }
        func sampledProduct() throws -> StoredProduct {
            try index.product(document: UInt32(next(index.documentCount)))
        }
        /// The product's kind as its name says it: the last word before a comma ("Garden Hose").
        func productWord(_ product: StoredProduct) -> String {
            let head = product.name.split(separator: ",").first ?? ""
            return head.split(separator: " ").last.map { $0.lowercased().filter(\.isLetter) } ?? "gift"
        }

        var wall: [String: [Double]] = [:]
        var processor: [String: [Double]] = [:]
        var shapes: [String: [Double]] = [:]
        var shapeOrder: [String] = []
        var firstMessage = (wall: 0.0, cpu: 0.0)
        var messageCount = 0
        let clock = ContinuousClock()
        for _ in 0..<options.conversations {
            try carts.clear(userID: user.id)
            let product = try sampledProduct()
            let word = productWord(product)
            let liked = productWord(try sampledProduct())
            let budget = Int(((product.price ?? 50) * 1.2).rounded(.up))
            let place = categoryWords.isEmpty ? "home" : categoryWords[next(categoryWords.count)]
            let age = next(2) == 0
            let conversation: [(kind: String, shape: String, message: String)] = [
                ("search", "show me WORD", "show me \(word)"),
                ("refine", "under $N", "under $\(budget)"),
                ("refine", "cheaper ones", "cheaper ones"),
                ("question", "tell me about the first one", "tell me about the first one"),
                ("cart", "add it to my cart", "add it to my cart"),
                ("need", "a gift for someone who likes WORD", "a gift for someone who likes \(liked)"),
                age ? ("need", "a present for a N-year-old", "a present for a \(3 + next(12))-year-old")
                    : ("need", "something for my CATEGORY-WORD under $20", "something for my \(place) under $20"),
                ("search", "show me more", "show me more"),
                ("question", "compare the first two", "compare the first two"),
                ("cart", "show my cart", "show my cart"),
            ]
            var state: String?
            for (kind, shape, message) in conversation {
                let start = clock.now
                let cpuStart = processCPUMilliseconds()
                let answer = try assistant.respond(to: message, userID: user.id, stateJSON: state, now: 1_750_000_000_000)
                let cpu = processCPUMilliseconds() - cpuStart
                let elapsed = clock.now - start
                let milliseconds = Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
                state = answer.stateJSON
                if messageCount == 0 {
                    firstMessage = (milliseconds, cpu)
                } else {
                    wall[kind, default: []].append(milliseconds)
                    processor[kind, default: []].append(cpu)
                    shapes[shape, default: []].append(cpu)
                    shapeOrder.append(shape)
                }
                messageCount += 1
            }
        }
        for (title, timings) in [("Wall-clock time", wall), ("Process CPU time", processor)] {
            print("\n\(title):\n")
            print("| kind | messages | median ms | p90 ms | p99 ms | max ms |")
            print("| --- | ---: | ---: | ---: | ---: | ---: |")
            for kind in ["search", "refine", "question", "cart", "need"] { row(kind, timings[kind] ?? []) }
            row("all", timings.values.flatMap { $0 })
        }
        print("\nProcess CPU time by message shape:\n")
        print("| message | messages | median ms | p90 ms | p99 ms | max ms |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        var printed: Set<String> = []
        for shape in shapeOrder where printed.insert(shape).inserted { row("`\(shape)`", shapes[shape] ?? []) }
        print("\nFirst message of the run (builds the chat's vocabulary of the index): \(String(format: "%.1f", firstMessage.wall)) ms, \(String(format: "%.1f", firstMessage.cpu)) ms CPU.")
    }

    /// CPU time of every thread of this process so far, in milliseconds.
    static func processCPUMilliseconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) * 1_000 + Double(time.tv_nsec) / 1e6
    }

    static func row(_ kind: String, _ values: [Double]) {
        let sorted = values.sorted()
        func percentile(_ p: Double) -> String {
            guard !sorted.isEmpty else { return "-" }
            let rank = min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)
            return String(format: "%.2f", sorted[max(0, rank)])
        }
        print("| \(kind) | \(sorted.count) | \(percentile(0.5)) | \(percentile(0.9)) | \(percentile(0.99)) | \(percentile(1)) |")
    }
}
