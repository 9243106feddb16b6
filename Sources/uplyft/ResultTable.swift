import Foundation
import Query

/// The human-readable result table of `uplyft search`.
enum ResultTable {
    static func print(_ response: SearchResponse, elapsedMicroseconds: Double) {
        let header = (response.totalIsLowerBound ? "at least " : "") + "\(response.totalMatches) matching products"
            + (response.isPartialMatch ? " (results marked * lack some of the words)" : "")
            + (response.usedTypoTolerance ? " (typo tolerance used)" : "")
            + String(format: ", %.0f µs", elapsedMicroseconds)
        Swift.print(header)
        if let notice = response.notice { Swift.print(notice.message) }
        guard !response.hits.isEmpty else { return }
        Swift.print(row("#", "id", "price", "score", "name", "matched"))
        for (rank, hit) in response.hits.enumerated() {
            let price = hit.product?.price.map { String(format: "$%.2f", $0) } ?? "-"
            let matched = hit.matches.map { match in
                match.kind == .exact ? match.matchedWord : "\(match.queryWord)→\(match.matchedWord) (\(match.kind.rawValue))"
            }.joined(separator: ", ")
            Swift.print(row(String(rank + 1) + (hit.isPartialMatch ? "*" : ""), hit.productID, price, String(format: "%.3f", hit.score),
                            truncate(hit.product?.name ?? "", to: 60), matched))
        }
    }

    private static func row(_ rank: String, _ id: String, _ price: String, _ score: String, _ name: String, _ matched: String) -> String {
        pad(rank, 3) + " " + pad(id, 12) + " " + pad(price, 9) + " " + pad(score, 7) + " " + pad(name, 60) + " " + matched
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    private static func truncate(_ text: String, to width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }
}
