import Catalog
import CatalogGenerator

/// `uplyft gen --seed S --count N [-o FILE]`: writes a generated catalog, streaming (memory
/// does not grow with N), identical for the same seed on every machine.
enum GenerateCommand {
    static let usage = "usage: uplyft gen --seed S --count N [-o FILE]"

    static func run(_ arguments: [String]) throws -> Int32 {
        if arguments.contains("--help") {
            print(usage)
            return 0
        }
        let options = try CommandLineArguments(arguments, valueOptions: ["--seed", "--count", "-o", "--output"], flagOptions: [])
        guard options.positional.isEmpty else { throw UsageError("unexpected argument \(options.positional[0])\n\(usage)") }
        guard let seedText = options.string("--seed"), let seed = UInt64(seedText) else {
            throw UsageError("--seed must be a non-negative whole number\n\(usage)")
        }
        let count = try options.int("--count", default: -1, range: 0...1_000_000_000)
        guard count >= 0 else { throw UsageError("--count is required\n\(usage)") }
        let output = try (options.string("-o") ?? options.string("--output")).map(BufferedOutput.init(path:)) ?? BufferedOutput()
        var generator = CatalogGenerator(seed: seed)
        for _ in 0..<count {
            try output.writeLine(CatalogLineEncoder.encode(generator.next()))
        }
        try output.close()
        return 0
    }
}
