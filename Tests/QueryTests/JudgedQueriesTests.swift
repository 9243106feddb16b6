import Catalog
import Foundation
import Indexer
import Query
import Testing

/// Runs `corpus/queries.tsv` against an index of `corpus/catalog.jsonl` and checks that every
/// product listed for a query in `corpus/judgements.tsv` is in its top 10.
@Suite struct JudgedQueriesTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Judgement {
        let queryID: String
        let kind: String
        let productIDs: [String]
    }

    static func tsvRows(_ name: String) throws -> [[String]] {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("corpus/\(name)"), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    static let index: SearchIndex = {
        do {
            var reader = try CatalogReader(path: repositoryRoot.appendingPathComponent("corpus/catalog.jsonl").path, policy: .strict)
            var builder = IndexBuilder()
            _ = try reader.forEach(onBadLine: { _ in }) { builder.add($0) }
            return try SearchIndex(bytes: try builder.encoded())
        } catch {
            fatalError("cannot index the default catalog: \(error)")
        }
    }()

    @Test func everyJudgedProductIsInTheTopTen() throws {
        let queries = Dictionary(try Self.tsvRows("queries.tsv").map { ($0[0], $0[1]) }, uniquingKeysWith: { first, _ in first })
        let judgements = try Self.tsvRows("judgements.tsv").map {
            Judgement(queryID: $0[0], kind: $0[1], productIDs: $0[2].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        }
        #expect(queries.count >= 60)
        #expect(judgements.count >= 60)
        let searcher = Searcher(index: Self.index)
        var failures: [String] = []
        var passedByKind: [String: (passed: Int, total: Int)] = [:]
        for judgement in judgements {
            let query = try #require(queries[judgement.queryID], "judgement for unknown query \(judgement.queryID)")
            let top = try searcher.search(SearchRequest(query: query, limit: 10, includeProducts: false)).hits.map(\.productID)
            let missing = judgement.productIDs.filter { !top.contains($0) }
            var tally = passedByKind[judgement.kind, default: (0, 0)]
            tally.total += 1
            if missing.isEmpty {
                tally.passed += 1
            } else {
                failures.append("\(judgement.queryID) \"\(query)\" (\(judgement.kind)): missing \(missing) from \(top)")
            }
            passedByKind[judgement.kind] = tally
        }
        let summary = passedByKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.passed)/\($0.value.total)" }.joined(separator: ", ")
        print("judged queries: \(judgements.count - failures.count)/\(judgements.count) pass (\(summary))")
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}
