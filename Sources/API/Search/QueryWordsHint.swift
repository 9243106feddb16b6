import Query

/// "Did you mean" words for a query that found nothing: the closest catalog words, for the
/// search endpoint and the chat alike. Each word of the query of three or more letters or
/// digits gets its two closest catalog words (`SearchIndex.suggestions`); at most four in
/// all, in the query's order, without repeats.
public enum QueryWordsHint {
    public static func suggestions(for query: String, index: SearchIndex) -> [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for word in query.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) where word.count >= 3 {
            for suggestion in index.suggestions(for: String(word), limit: 2) where seen.insert(suggestion).inserted {
                result.append(suggestion)
            }
        }
        return Array(result.prefix(4))
    }
}
